"""Every e-mail the platform sends: one function each, over one ``make_message``.

An e-mail named ``name`` has three templates: ``templates/emails/<name>-subject.txt`` (one
line), ``<name>-body.txt`` and ``<name>-body.html``; ``EMAILS`` lists the names, and a test
checks that each has its three files (gongkai/tests/test_emails.py).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

EMAILS = ("reminders",)


def make_message(name: str, to: list[str], ctx: dict) -> EmailMultiAlternatives:
    """The message ``name`` to ``to``, rendered from its three templates with ``ctx``."""
    if name not in EMAILS:
        raise ValueError(f"unknown e-mail {name!r}; add it to gongkai.emails.EMAILS")
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", ctx).split())
    text = render_to_string(f"emails/{name}-body.txt", ctx)
    html = render_to_string(f"emails/{name}-body.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    return message


def reminders(to: list[str], *, agency, due_soon, overdue, today, site_url: str = ""):
    """A body's staff: its cases due within the reminder window and its overdue ones
    (gongkai.letters.reminders)."""
    ctx = {
        "agency": agency,
        "due_soon": due_soon,
        "overdue": overdue,
        "today": today,
        "site_url": site_url,
    }
    return make_message("reminders", to, ctx)

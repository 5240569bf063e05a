"""Daily e-mail to each body's staff: cases due within ``GONGKAI_REMINDER_DAYS`` (default 3)
working days and overdue ones (docs/letters.md; run by a systemd timer, docs/deploy.md).

Idempotent: each (application, due date) is claimed once per kind with an UPDATE whose row
count says who won, and the claims roll back if the mail cannot be sent, so a failed run is
simply repeated. A case whose due date moves (an extension, a 补正) is reminded again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from gongkai import emails
from gongkai.agencies.models import WRITE_ROLES, Agency
from gongkai.applications.models import Application
from gongkai.holidays.calendar import get_calendar

from .models import Reminder


@dataclass
class Sent:
    agency: str
    recipients: int
    due_soon: int
    overdue: int


def _claim(application: Application, field: str) -> bool:
    Reminder.objects.get_or_create(application=application)
    claimed = (
        Reminder.objects.filter(application=application)
        .filter(Q(**{f"{field}__isnull": True}) | ~Q(**{field: application.next_due_on}))
        .update(**{field: application.next_due_on})
    )
    return claimed == 1


def recipients(agency: Agency) -> list[str]:
    """The e-mail addresses of the body's 经办人 and 负责人 (supervisors are not reminded)."""
    users = agency.memberships.filter(role__in=WRITE_ROLES, user__is_active=True)
    return sorted({m.user.email for m in users.select_related("user") if m.user.email})


def send_reminders(today: date, *, site_url: str = "") -> list[Sent]:
    """One e-mail per body with something new to remind about (条例 Art. 33's 20 working days
    and the other clocks of applications/deadlines.py, through ``next_due_on``)."""
    days = getattr(settings, "GONGKAI_REMINDER_DAYS", 3)
    sent = []
    for agency in Agency.objects.filter(applications__isnull=False).distinct():
        to = recipients(agency)
        if not to:
            continue
        until = get_calendar(agency).add_working_days(today, days).date
        cases = Application.objects.filter(agency=agency)
        with transaction.atomic():
            overdue = [a for a in cases.overdue(on=today) if _claim(a, "overdue_for")]
            soon = [a for a in cases.due_within(on=today, until=until) if _claim(a, "due_soon_for")]
            if not overdue and not soon:
                continue
            message = emails.reminders(
                to, agency=agency, due_soon=soon, overdue=overdue, today=today, site_url=site_url
            )
            message.send()  # an error rolls the claims back: the next run retries
        sent.append(Sent(agency.name, len(to), len(soon), len(overdue)))
    return sent

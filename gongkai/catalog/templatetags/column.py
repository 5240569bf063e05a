"""``{% col_url %}``: every link of the public column (see ``gongkai.catalog.links``)."""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from gongkai.catalog.links import column_url

register = template.Library()


@register.simple_tag(takes_context=True)
def col_url(context, name, **kwargs):
    return column_url(name, context.get("column_linker"), **kwargs)


@register.simple_tag
def select_options(choices, selected):
    """The <option>s of a filter select, built in Python: the template loop with two filters
    per option cost more than the rest of a list page (about 140 options a page), and so did
    format_html's escaping machinery per option; html.escape is what Django's escape calls."""
    current = "" if selected is None else str(selected)
    parts = []
    for value, text in choices:
        value = str(value)
        mark = " selected" if value == current else ""
        parts.append(
            f'<option value="{html.escape(value)}"{mark}>{html.escape(str(text))}</option>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag
def filter_select(name, label, choices, selected, errors=None):
    """A labelled filter <select> with its errors, built in Python: as an ``{% include %}``
    with ``with`` (three per list or search page) it cost a new template context each."""
    error = format_html('<span class="errorlist">{}</span>', "；".join(errors)) if errors else ""
    return format_html(
        '<p><label for="f-{}">{}</label> <select id="f-{}" name="{}">{}</select>{}</p>',
        name,
        label,
        name,
        name,
        select_options(choices, selected),
        error,
    )

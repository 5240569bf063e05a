"""``{% col_url %}``: every link of the public column (see ``gongkai.catalog.links``)."""

from django import template
from django.utils.html import format_html_join

from gongkai.catalog.links import column_url

register = template.Library()


@register.simple_tag(takes_context=True)
def col_url(context, name, **kwargs):
    return column_url(name, context.get("column_linker"), **kwargs)


@register.simple_tag
def select_options(choices, selected):
    """The <option>s of a filter select, built in Python: the template loop with two filters
    per option cost more than the rest of a list page (about 140 options a page)."""
    current = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == current else "", text) for value, text in choices),
    )

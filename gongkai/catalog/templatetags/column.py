"""``{% col_url %}``: every link of the public column (see ``gongkai.catalog.links``)."""

from django import template

from gongkai.catalog.links import column_url

register = template.Library()


@register.simple_tag(takes_context=True)
def col_url(context, name, **kwargs):
    return column_url(name, context.get("column_linker"), **kwargs)

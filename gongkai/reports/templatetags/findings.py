"""``{% load findings %}``: an annual report's findings in the reader's language."""

from django import template

from gongkai.reports.presenting import localized as localized_findings

register = template.Library()


@register.filter
def localized(findings):
    """``{% for f in figures.findings|localized %}``: each finding's message and hint in the
    active language (docs/report-checks.md, Languages)."""
    return localized_findings(findings or [])

"""Small helpers every check shares: what counts as a number, and how numbers are printed."""

from __future__ import annotations

from ..figures import Finding, Severity
from ..messages import fmt, gettext_noop, text

__all__ = [
    "ERROR",
    "NOTICE",
    "WARNING",
    "all_numbers",
    "finding",
    "fmt",
    "gettext_noop",
    "is_number",
    "text",
    "total",
]


def is_number(value: object) -> bool:
    """A cell that holds a number (``bool`` is not a count, even though Python says it is)."""
    # Exact types first: this runs for every cell of every report.
    kind = type(value)
    if kind is int or kind is float:
        return True
    return isinstance(value, int | float) and not isinstance(value, bool)


def all_numbers(*values: object) -> bool:
    for value in values:
        kind = type(value)
        if kind is not int and kind is not float and not is_number(value):
            return False
    return True


def total(values) -> int | float:
    result = sum(values)
    # Integral floats (e.g. read from JSON as 3.0) compare and print as integers.
    if isinstance(result, float) and result.is_integer():
        return int(result)
    return result


def finding(
    code: str, severity: Severity, where: str, template: str, hint: str, **params: object
) -> Finding:
    """A finding whose message is ``template`` (marked with ``gettext_noop``) filled with
    ``params``; ``hint`` is a fixed sentence, marked too (docs/report-checks.md, Languages)."""
    return Finding.make(code, severity, where, template, hint, **params)


ERROR = Severity.ERROR
WARNING = Severity.WARNING
NOTICE = Severity.NOTICE

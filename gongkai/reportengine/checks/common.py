"""Small helpers every check shares: what counts as a number, and how numbers are printed."""

from __future__ import annotations

from ..figures import Finding, Severity


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


def fmt(value: object) -> str:
    """A number as a reader would write it: 21, 7730.28, never 21.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def total(values) -> int | float:
    result = sum(values)
    # Integral floats (e.g. read from JSON as 3.0) compare and print as integers.
    if isinstance(result, float) and result.is_integer():
        return int(result)
    return result


def finding(code: str, severity: Severity, where: str, message: str, hint: str) -> Finding:
    return Finding(code, severity, where, message, hint)


ERROR = Severity.ERROR
WARNING = Severity.WARNING
NOTICE = Severity.NOTICE

"""Form widgets every app shares.

A browser's ``<input type="date">`` takes its value only as ISO 8601 (``2023-03-14``), whatever
the page's language; Django's default rendering follows the locale (``2023/03/14`` in Chinese),
which such an input discards as invalid, so the field would show empty and its date be lost.
"""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """A native date picker whose value is always ISO 8601."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")

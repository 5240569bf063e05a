"""Template context: the warning that next year's holidays are not yet known (notice.py)."""

from __future__ import annotations

from django.utils import timezone

from .notice import missing_next_year


def next_year_warning(request) -> dict:
    """``holidays_missing_year`` for staff pages (any logged-in user), else nothing.

    One cheap query per page from the warning date on; none before it (reference §5.2)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"holidays_missing_year": missing_next_year(timezone.localdate())}

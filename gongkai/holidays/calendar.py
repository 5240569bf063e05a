"""The process-wide working-day calendar: library data plus the DayOverride table.

``get_calendar()`` is what Django code passes to ``gongkai.workdays`` functions. Building a
calendar reads every override and precomputes its tables (tens of milliseconds), so it is
cached in-process. Freshness, because several app servers share one database (issue 2):

* a change made through this process (model save/delete, the queryset's update/delete/
  bulk_create, hence the admin) invalidates the cache at once;
* a change made by another process is noticed within ``GONGKAI_CALENDAR_RECHECK_SECONDS``
  (default 30): after that interval the next call runs one cheap query for the stamp
  ``(count, max(changed), max(pk))`` and rebuilds only when it differs.

Configuration (settings, all optional; docs/calendar.md):
``GONGKAI_CALENDAR_RECHECK_SECONDS``, ``GONGKAI_CALENDAR_UNCOVERED_RULE`` ("weekends", the
default, or "weekends+fixed"; reference §6.1.10) and ``GONGKAI_CALENDAR_OVERRIDES_COVER_YEAR``
(default True: a year with at least one override counts as covered; reference §5.1).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max

from gongkai.workdays import UNCOVERED_RULES, WorkCalendar

# Indirection so tests can move the clock; time_machine does not move time.monotonic.
_clock = time.monotonic


@dataclass(frozen=True)
class _Cached:
    calendar: WorkCalendar
    stamp: tuple
    checked_at: float


_cached: _Cached | None = None
_lock = threading.Lock()


def invalidate() -> None:
    """Forget the cached calendar; the next ``get_calendar()`` rebuilds it from the table."""
    global _cached
    _cached = None


def recheck_seconds() -> float:
    return float(getattr(settings, "GONGKAI_CALENDAR_RECHECK_SECONDS", 30))


def calendar_options() -> dict:
    """WorkCalendar keyword arguments from settings (the UNCONFIRMED policies, configurable)."""
    rule_name = getattr(settings, "GONGKAI_CALENDAR_UNCOVERED_RULE", "weekends")
    try:
        rule = UNCOVERED_RULES[rule_name]
    except KeyError:
        names = "、".join(UNCOVERED_RULES)
        raise ImproperlyConfigured(
            f"GONGKAI_CALENDAR_UNCOVERED_RULE 的值 {rule_name!r} 无效，可选：{names}"
        ) from None
    return {
        "uncovered_rule": rule,
        "overrides_cover_year": bool(
            getattr(settings, "GONGKAI_CALENDAR_OVERRIDES_COVER_YEAR", True)
        ),
    }


def _stamp() -> tuple:
    from gongkai.holidays.models import DayOverride

    row = DayOverride.objects.aggregate(n=Count("pk"), changed=Max("changed"), top=Max("pk"))
    return (row["n"], row["changed"], row["top"])


def get_calendar() -> WorkCalendar:
    """The working-day calendar with the admin overrides (issue 2 item 5: "loaded at start
    and cached"). Raises ``django.db.DatabaseError`` when the table cannot be read; callers
    that must survive that (the ``deadline`` command) fall back to ``WorkCalendar()``.
    """
    global _cached
    from gongkai.holidays.models import DayOverride

    now = _clock()
    cached = _cached
    if cached is not None and now - cached.checked_at < recheck_seconds():
        return cached.calendar
    with _lock:
        cached = _cached
        if cached is not None and now - cached.checked_at < recheck_seconds():
            return cached.calendar
        # Stamp first, rows second: a change landing in between leaves an old stamp with new
        # rows, which only causes one extra rebuild later, never a missed change.
        stamp = _stamp()
        if cached is not None and cached.stamp == stamp:
            calendar = cached.calendar
        else:
            calendar = WorkCalendar(DayOverride.objects.as_overrides(), **calendar_options())
        _cached = _Cached(calendar, stamp, now)
        return calendar

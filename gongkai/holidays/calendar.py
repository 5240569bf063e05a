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
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max

from gongkai.workdays import UNCOVERED_RULES, WorkCalendar

# Indirection so tests can move the clock; time_machine does not move time.monotonic.
_clock = time.monotonic


@dataclass
class _Cache:
    """Everything derived from one state of the table (one stamp)."""

    stamp: tuple
    checked_at: float
    # (agency pk or None, override) for every row, read once per stamp.
    rows: list
    # Calendars by the chain of bodies they serve ((), (root, ..., body)), and by their
    # effective overrides, so that bodies without local rows share the national calendar.
    by_chain: dict = field(default_factory=dict)
    by_overrides: dict = field(default_factory=dict)


_cache: _Cache | None = None
_lock = threading.RLock()


def invalidate() -> None:
    """Forget the cached calendar; the next ``get_calendar()`` rebuilds it from the table."""
    global _cache
    _cache = None


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


def _chain(agency) -> tuple[int, ...]:
    """The body and the bodies above it, root first, read from its materialised path."""
    if agency is None:
        return ()
    pks = tuple(int(pk) for pk in (agency.path or "").strip("/").split("/") if pk)
    return pks or (agency.pk,)


def _current() -> _Cache:
    """The cache for the table's current state: reused while fresh or while the stamp holds."""
    global _cache
    from gongkai.holidays.models import DayOverride

    now = _clock()
    cache = _cache
    if cache is not None and now - cache.checked_at < recheck_seconds():
        return cache
    with _lock:
        cache = _cache
        if cache is not None and now - cache.checked_at < recheck_seconds():
            return cache
        # Stamp first, rows second: a change landing in between leaves an old stamp with new
        # rows, which only causes one extra rebuild later, never a missed change.
        stamp = _stamp()
        if cache is not None and cache.stamp == stamp:
            cache.checked_at = now
            return cache
        rows = [(row.agency_id, row.as_override()) for row in DayOverride.objects.order_by("date")]
        _cache = _Cache(stamp, now, rows)
        return _cache


def get_calendar(agency=None) -> WorkCalendar:
    """The working-day calendar with the admin overrides (issue 2 item 5: "loaded at start
    and cached").

    Without ``agency``: the national rows only. With an ``agencies.Agency``: also the rows of
    that body and of the bodies above it; on the same date the nearer body wins (a county's
    少数民族 holiday over the national row, a township's closure over the county's).

    Raises ``django.db.DatabaseError`` when the table cannot be read; callers that must
    survive that (the ``deadline`` command) fall back to ``WorkCalendar()``.
    """
    chain = _chain(agency)
    cache = _current()
    calendar = cache.by_chain.get(chain)
    if calendar is not None:
        return calendar
    with _lock:
        rank = {pk: i + 1 for i, pk in enumerate(chain)}
        rank[None] = 0
        # Apply the national rows, then each body's from the root down: the nearest wins.
        applicable = sorted((r for r in cache.rows if r[0] in rank), key=lambda r: rank[r[0]])
        effective = {override.date: override for _pk, override in applicable}
        key = frozenset(effective.values())
        calendar = cache.by_overrides.get(key)
        if calendar is None:
            calendar = WorkCalendar(sorted(key, key=lambda o: o.date), **calendar_options())
            cache.by_overrides[key] = calendar
        cache.by_chain[chain] = calendar
        return calendar

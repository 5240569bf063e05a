"""The working-day calendar: the base of every statutory clock (issue 2, item 5).

Plain Python: it never imports Django, so the rules can be used as a library and tested in
microseconds (style.md, "architectural intent"). The Django side (``gongkai.holidays``) reads
the admin-edited override table and passes it in as data.

Rules implemented (reference/regulation.md §5 and §6.1):

1. A working day is a Monday-Friday that is not a holiday or 调休放假 day, plus any weekend
   day declared a 调休上班日 (reference §5.1, general administrative convention).
2. Holiday and 调休 data come from ``chinesecalendar`` (its ``holidays``/``workdays`` dicts,
   years 2004-2026 in 1.11.0), then the overrides passed in win over it (a new year's
   国务院办公厅 notice, a 少数民族 holiday under 放假办法 Art. 4, a one-off closure).
3. "N个工作日" counts from the day after the start: 《民法典》 Art. 201, "开始的当日不计入".
   We never use ``chinese_calendar.find_workday``: it is off by one when the start day is not a
   working day (reference §5.2).
4. Coverage (UNCONFIRMED policy, documented in docs/calendar.md): a year is *covered* when the
   library has data for it, or when at least one override falls in it (``overrides_cover_year``,
   on by default, because staff enter a new year's notice as overrides). A result that counts a
   day of an uncovered year is **provisional**; those days follow ``uncovered_rule``, by default
   weekends only (issue 2, item 5). Reference §6.1.10 also allows the Art. 2 fixed holidays; see
   ``weekends_and_fixed_holidays`` for why that is not the default.

Speed: each calendar precomputes, per day of a window of years, the cumulative count of working
days and the sorted list of working-day ordinals, so the n-th working day after a date is two
list lookups (issue 2 Figures: 1,000,000 questions in under 2 s). The window grows lazily up to
``MARGIN_YEARS`` around the covered years; beyond that a plain day-by-day loop answers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

__all__ = [
    "DueDate",
    "NamedDay",
    "Override",
    "UNCOVERED_RULES",
    "WorkCalendar",
    "WorkingDayCount",
    "add_working_days",
    "default_calendar",
    "weekends_and_fixed_holidays",
    "weekends_only",
    "working_days_between",
]

ONE_DAY = timedelta(days=1)

# How far (in years) around the covered years the precomputed window may grow. Beyond it,
# answers come from the day-by-day loop: correct, only slower, and no memory blow-up for a
# mistyped year such as 9026.
MARGIN_YEARS = 10


@dataclass(frozen=True, slots=True)
class Override:
    """One day whose status differs from the library data or the weekday rule.

    ``workday`` True = a working day (调休上班, or a weekday the library marks off that a
    local body works), False = a day off (holiday, 调休放假, 少数民族 holiday, closure).
    """

    date: date
    workday: bool
    name: str = ""


@dataclass(frozen=True, slots=True)
class DueDate:
    """The answer to "the n-th working day after ...".

    ``provisional`` is True when a day counted falls in a year the calendar does not cover
    (issue 2: "never a silent guess"); every screen or CLI showing it must say so.
    """

    date: date
    provisional: bool


@dataclass(frozen=True, slots=True)
class WorkingDayCount:
    """A count of working days with the same provisional flag as ``DueDate``."""

    days: int
    provisional: bool

    def __int__(self) -> int:
        return self.days


@dataclass(frozen=True, slots=True)
class NamedDay:
    """A day with a name in the data: a holiday, a 调休上班日 or an override."""

    date: date
    workday: bool
    name: str
    override: bool


def weekends_only(d: date) -> bool:
    """Uncovered-year rule of issue 2, item 5: Monday-Friday work, Saturday-Sunday off.

    This is the default. It is a plain, predictable rule; the real year will differ by its
    holidays and its 调休 weekends, which is why every such result is marked provisional.
    """
    return d.weekday() < 5


# 《全国年节及纪念日放假办法》 Art. 2 (2024 revision, in force 2025-01-01), the holidays on a
# fixed solar date only: 元旦 01-01, 劳动节 05-01/02, 国庆节 10-01..03. The lunar ones (春节,
# 清明, 端午, 中秋) need a lunar calendar that no installed dependency provides.
FIXED_SOLAR_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


def weekends_and_fixed_holidays(d: date) -> bool:
    """Uncovered-year rule allowed by reference §6.1.10: weekends and Art. 2 fixed holidays.

    Not the default because it is only half of Art. 2 (the lunar holidays are missing) and it
    still misses the 调休 weekends, so it is no more "right" than ``weekends_only``, only
    differently wrong; issue 2 asks for weekends only. Selectable for bodies that prefer an
    earlier (more cautious) provisional date around 元旦, 劳动节 and 国庆节.
    """
    return d.weekday() < 5 and (d.month, d.day) not in FIXED_SOLAR_HOLIDAYS


# Names used by configuration (GONGKAI_CALENDAR_UNCOVERED_RULE, docs/calendar.md).
UNCOVERED_RULES: dict[str, Callable[[date], bool]] = {
    "weekends": weekends_only,
    "weekends+fixed": weekends_and_fixed_holidays,
}


def _library_data() -> tuple[Mapping[date, str], Mapping[date, str]]:
    from chinese_calendar import holidays, workdays

    return holidays, workdays


@cache
def _chinese_names() -> dict[str, str]:
    """The library stores English holiday names; its ``Holiday`` enum knows the Chinese."""
    try:
        from chinese_calendar.constants import Holiday
    except ImportError:  # another data source passed as base: keep its names
        return {}
    return {h.value: h.chinese for h in Holiday}


def _as_date(d: date) -> date:
    """Dates are looked up in dicts keyed by ``date``: a ``datetime`` would silently miss."""
    if type(d) is date:
        return d
    if isinstance(d, date):  # a datetime (or another date subclass)
        return date(d.year, d.month, d.day)
    raise TypeError(f"a date is required, got {d!r}")


def _bad_n(n: object) -> None:
    raise ValueError(f"工作日数必须是正整数，收到：{n!r}")


def _normalise(overrides: Mapping[date, bool] | Iterable[Override]) -> dict[date, Override]:
    if isinstance(overrides, Mapping):
        items = [Override(d, bool(v)) for d, v in overrides.items()]
    else:
        items = list(overrides)
    result: dict[date, Override] = {}
    for item in items:
        if not isinstance(item, Override):
            raise TypeError(f"overrides must be Override objects, got {item!r}")
        if type(item.date) is not date:
            raise TypeError(f"an override needs a date, got {item.date!r}")
        previous = result.get(item.date)
        if previous is not None and previous.workday != item.workday:
            raise ValueError(f"{item.date.isoformat()} 同时被设为工作日和休息日")
        result[item.date] = item
    return result


class WorkCalendar:
    """Working days from library data plus overrides; see the module docstring for the rules.

    ``overrides``: a mapping date -> True (working day) / False (day off), or ``Override``
    objects (with a name). ``base``: ``(holidays, workdays)`` dicts date -> name, by default
    chinesecalendar's. A calendar is immutable once built; build a new one when the overrides
    change (``gongkai.holidays.calendar.get_calendar`` does that).
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | Iterable[Override] = (),
        *,
        base: tuple[Mapping[date, str], Mapping[date, str]] | None = None,
        uncovered_rule: Callable[[date], bool] = weekends_only,
        overrides_cover_year: bool = True,
    ) -> None:
        days_off, days_on = _library_data() if base is None else base
        self._base_off: dict[date, str] = dict(days_off)
        self._base_on: dict[date, str] = dict(days_on)
        # Like the library itself: the years between its first and last holiday.
        years = [d.year for d in self._base_off]
        self.library_years: frozenset[int] = (
            frozenset(range(min(years), max(years) + 1)) if years else frozenset()
        )
        self._overrides = _normalise(overrides)
        covered = set(self.library_years)
        if overrides_cover_year:
            covered.update(d.year for d in self._overrides)
        self.covered_years: frozenset[int] = frozenset(covered)
        self._rule = uncovered_rule
        anchor = sorted(covered) or [date.today().year]
        self._limits = (max(1, anchor[0] - MARGIN_YEARS), min(9999, anchor[-1] + MARGIN_YEARS))
        self._lock = threading.Lock()
        # The whole window is one tuple, swapped in one assignment, so a thread reading it
        # never sees a half-built window.
        self._years = (anchor[0], min(9999, anchor[-1] + 2))
        self._window = self._build(*self._years)

    def __repr__(self) -> str:
        years = sorted(self.covered_years)
        span = f"{years[0]}-{years[-1]}" if years else "none"
        return f"<WorkCalendar covered={span} overrides={len(self._overrides)}>"

    @property
    def overrides(self) -> dict[date, Override]:
        return dict(self._overrides)

    @property
    def uncovered_rule(self) -> Callable[[date], bool]:
        """The working-day rule used in uncovered years (module docstring, rule 4)."""
        return self._rule

    # -- single days ---------------------------------------------------------------------

    def is_covered(self, d: date) -> bool:
        """Whether ``d``'s year has library data or overrides (module docstring, rule 4)."""
        return d.year in self.covered_years

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day (reference §5.1; rules 1, 2 and 4 above).

        Order: an override wins; then the library data in its years; then, in a year covered
        only by overrides, Monday-Friday; otherwise the uncovered-year rule.
        """
        if type(d) is not date:
            d = _as_date(d)
        o = self._overrides.get(d)
        if o is not None:
            return o.workday
        y = d.year
        if y in self.library_years:
            return d in self._base_on or (d.weekday() < 5 and d not in self._base_off)
        if y in self.covered_years:
            return d.weekday() < 5
        return self._rule(d)

    def day_name(self, d: date) -> str | None:
        """The Chinese name of a holiday / 调休 / override day, or None for an ordinary day."""
        d = _as_date(d)
        o = self._overrides.get(d)
        if o is not None:
            return o.name or ("调整为工作日" if o.workday else "调整为休息日")
        name = self._base_off.get(d) or self._base_on.get(d)
        if name is None:
            return None
        return _chinese_names().get(name, name)

    def named_days(self, after: date, until: date) -> list[NamedDay]:
        """The named days in (after, until] (same half-open convention as the counts)."""
        result = []
        d, until = _as_date(after) + ONE_DAY, _as_date(until)
        while d <= until:
            name = self.day_name(d)
            if name is not None:
                result.append(NamedDay(d, self.is_workday(d), name, d in self._overrides))
            d += ONE_DAY
        return result

    def uncovered_years_between(self, after: date, until: date) -> list[int]:
        """The uncovered years that a period (after, until] touches (for the provisional note)."""
        first = (after + ONE_DAY).year if after < date.max else after.year
        return [y for y in range(first, until.year + 1) if y not in self.covered_years]

    # -- periods ------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> DueDate:
        """The n-th working day strictly after ``start`` (n >= 1).

        《民法典》 Art. 201: the start day never counts, whatever kind of day it is; counting
        begins the next day (reference §5.1, §6.1 ``add_wd``). The result is itself a working
        day, so Art. 203 postponement never applies. Provisional when a counted day lies in an
        uncovered year. Raises ValueError for n < 1 (and for results past 9999-12-31).
        """
        if n.__class__ is not int:
            if isinstance(n, bool) or not isinstance(n, int):
                _bad_n(n)
        if n < 1:
            _bad_n(n)
        try:
            s = start.toordinal()
        except AttributeError:
            raise TypeError(f"a date is required, got {start!r}") from None
        lo, cum, wd, nxt, due, provisional = self._window
        i = s - lo + 1
        if 0 <= i < len(cum):
            k = cum[i] + n - 1
            if k < len(wd):
                return provisional[k] if nxt[i] <= wd[k] else due[k]
        return self._add_slow(start, n)

    def working_days_between(self, a: date, b: date) -> WorkingDayCount:
        """The number of working days in (a, b]: a not counted, b counted (民法典 Art. 201).

        So ``working_days_between(a, add_working_days(a, n).date).days == n``. For b < a the
        count is negative (the same days, counted backwards), which is what "working days
        late" needs when b is a due date already passed. Provisional as for add_working_days.
        """
        if b < a:
            back = self.working_days_between(b, a)
            return WorkingDayCount(-back.days, back.provisional)
        sa, sb = a.toordinal(), b.toordinal()
        window = self._window_covering(sa, sb)
        if window is None:
            return self._count_loop(a, b)
        lo, cum, _wd, nxt = window[:4]
        i, j = sa - lo + 1, sb - lo + 1
        return WorkingDayCount(cum[j] - cum[i], nxt[i] <= sb)

    # -- internals ------------------------------------------------------------------------

    def _build(self, lo_year: int, hi_year: int) -> tuple:
        """Precompute the window for years lo_year..hi_year.

        ``cum[i]`` = working days among ordinals lo .. lo+i-1; ``wd`` = ordinals of the working
        days in order; ``nxt[i]`` = first ordinal >= lo+i in an uncovered year (``hi`` if none
        inside the window). A start ordinal s is answered from index i = s - lo + 1. ``due[k]``
        and ``provisional[k]`` are the ready-made answers for working day k (both flags), so a
        query allocates nothing: the result objects are immutable and shared.
        """
        lo = date(lo_year, 1, 1).toordinal()
        hi = date(hi_year, 12, 31).toordinal() + 1
        size = hi - lo
        cum = [0] * (size + 1)
        nxt = [hi] * (size + 1)
        wd: list[int] = []
        covered = self.covered_years
        count = 0
        following = hi
        for idx in range(size):
            d = date.fromordinal(lo + idx)
            if self.is_workday(d):
                wd.append(lo + idx)
                count += 1
            cum[idx + 1] = count
        # Walk backwards so each day knows the next uncovered day at or after it.
        for idx in range(size - 1, -1, -1):
            if date.fromordinal(lo + idx).year not in covered:
                following = lo + idx
            nxt[idx] = following
        days = [date.fromordinal(o) for o in wd]
        due = [DueDate(d, False) for d in days]
        provisional = [DueDate(d, True) for d in days]
        return lo, cum, wd, nxt, due, provisional

    def _grow(self, lo_year: int, hi_year: int) -> None:
        """Grow the window to include lo_year..hi_year, within ``MARGIN_YEARS``."""
        with self._lock:
            cur_lo, cur_hi = self._years
            lo_limit, hi_limit = self._limits
            want = (max(lo_limit, min(cur_lo, lo_year)), min(hi_limit, max(cur_hi, hi_year)))
            if want != self._years:
                self._window = self._build(*want)
                self._years = want

    def _window_covering(self, sa: int, sb: int):
        """The window if it answers for start ordinal sa and end ordinal sb, else None."""
        for attempt in range(2):
            window = self._window
            lo, cum = window[0], window[1]
            if 0 <= sa - lo + 1 and sb - lo + 1 < len(cum):
                return window
            if attempt == 0:
                self._grow(date.fromordinal(sa).year, date.fromordinal(sb).year)
        return None

    def _add_slow(self, start: date, n: int) -> DueDate:
        # Outside the window: grow it (a weekend-only year has about 261 working days; twice n
        # in calendar days plus a year is a generous guess), retry, else loop day by day.
        guess = start.year + (2 * n) // 365 + 1
        self._grow(start.year, min(9999, guess))
        s = start.toordinal()
        lo, cum, wd, nxt, due, provisional = self._window
        i = s - lo + 1
        if 0 <= i < len(cum):
            k = cum[i] + n - 1
            if k < len(wd):
                return provisional[k] if nxt[i] <= wd[k] else due[k]
        return self._add_loop(start, n)

    def _add_loop(self, start: date, n: int) -> DueDate:
        """Reference implementation of add_working_days: the day-by-day loop of §6.1."""
        d, count, provisional = start, 0, False
        try:
            while count < n:
                d += ONE_DAY
                if d.year not in self.covered_years:
                    provisional = True
                if self.is_workday(d):
                    count += 1
        except OverflowError:
            raise ValueError("结果超出可计算的日期范围（公元9999年12月31日）") from None
        return DueDate(d, provisional)

    def _count_loop(self, a: date, b: date) -> WorkingDayCount:
        """Reference implementation of working_days_between for a <= b."""
        days, provisional, d = 0, False, a
        while d < b:
            d += ONE_DAY
            if d.year not in self.covered_years:
                provisional = True
            if self.is_workday(d):
                days += 1
        return WorkingDayCount(days, provisional)


@cache
def default_calendar() -> WorkCalendar:
    """The library-only calendar (no overrides), built on first use."""
    return WorkCalendar()


def add_working_days(start: date, n: int, calendar: WorkCalendar | None = None) -> DueDate:
    """The n-th working day strictly after ``start`` (民法典 Art. 201; reference §6.1 add_wd).

    ``calendar`` defaults to the library-only calendar; Django code passes
    ``gongkai.holidays.calendar.get_calendar()`` so the admin overrides apply.
    """
    return (calendar or default_calendar()).add_working_days(start, n)


def working_days_between(a: date, b: date, calendar: WorkCalendar | None = None) -> WorkingDayCount:
    """Working days in (a, b] (民法典 Art. 201: the first day does not count)."""
    return (calendar or default_calendar()).working_days_between(a, b)

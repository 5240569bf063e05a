"""Benchmark of the working-day calendar (issue 2, Figures).

1,000,000 "n-th working day after a date" questions (seeded; starts uniform over
2004-01-01..2026-12-31, n uniform in 1..40, so some answers fall in uncovered 2027 and are
provisional) answered by ``gongkai.workdays.WorkCalendar``, against the plain day-by-day loop
over ``chinese_calendar.is_workday`` (reference §6.1 ``add_wd``) on a 20,000-question sample of
the same questions, extrapolated per question. Both must give identical answers on the sample.

Run: ``.venv/bin/python bench/calendar_bench.py`` (or ``make bench``). Pure Python, no Django.
"""

from __future__ import annotations

import platform
import random
import sys
import time
from datetime import date, timedelta

import chinese_calendar

from gongkai.workdays import WorkCalendar

QUESTIONS = 1_000_000
SAMPLE = 20_000
SEED = 20261127
ONE_DAY = timedelta(days=1)


def questions(count: int, seed: int) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    lo, hi = date(2004, 1, 1).toordinal(), date(2026, 12, 31).toordinal()
    return [(date.fromordinal(rng.randint(lo, hi)), rng.randint(1, 40)) for _ in range(count)]


def baseline(start: date, n: int) -> tuple[date, bool]:
    """The plain loop: step a day, ask chinese_calendar, weekends only where it has no data."""
    d, count, provisional = start, 0, False
    while count < n:
        d += ONE_DAY
        try:
            workday = chinese_calendar.is_workday(d)
        except NotImplementedError:  # a year the library does not cover (2027 here)
            workday, provisional = d.weekday() < 5, True
        if workday:
            count += 1
    return d, provisional


def main() -> int:
    qs = questions(QUESTIONS, SEED)

    t0 = time.perf_counter()
    calendar = WorkCalendar()
    build = time.perf_counter() - t0

    add = calendar.add_working_days
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for start, n in qs:
            add(start, n)
        runs.append(time.perf_counter() - t0)
    fast = min(runs)

    sample = qs[:SAMPLE]
    t0 = time.perf_counter()
    expected = [baseline(start, n) for start, n in sample]
    slow = time.perf_counter() - t0

    got = [add(start, n) for start, n in sample]
    mismatches = sum(
        1
        for (d, p), due in zip(expected, got, strict=True)
        if (d, p) != (due.date, due.provisional)
    )
    provisional = sum(1 for due in got if due.provisional)

    per_fast = fast / QUESTIONS
    per_slow = slow / SAMPLE
    print(f"python {platform.python_version()} on {platform.machine()}, seed {SEED}")
    print(f"calendar build (2004-2028 tables): {build * 1000:.1f} ms")
    print(
        f"WorkCalendar: {QUESTIONS:,} questions in {fast:.3f} s "
        f"(best of 3: {', '.join(f'{r:.3f}' for r in runs)}) = {per_fast * 1e6:.3f} us/question"
    )
    print(
        f"day-by-day loop over chinese_calendar.is_workday: {SAMPLE:,} questions in {slow:.3f} s "
        f"= {per_slow * 1e6:.3f} us/question (~{per_slow * QUESTIONS:.1f} s per {QUESTIONS:,})"
    )
    print(f"ratio: {per_slow / per_fast:.1f}x faster")
    print(
        f"check on the {SAMPLE:,}-question sample: {mismatches} mismatches "
        f"({provisional} answers provisional, in 2027)"
    )
    target = fast < 2.0
    print(f"target (1,000,000 in under 2 s): {'met' if target else 'MISSED'}")
    return 0 if mismatches == 0 and target else 1


if __name__ == "__main__":
    sys.exit(main())

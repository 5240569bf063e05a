"""The working-day calendar (gongkai.workdays): pure tests, no database.

The 2025 and 2026 expectations are written out from the 国务院办公厅 notices (reference §5.1:
国办发明电〔2024〕12号 for 2025, the 2025-11-04 notice for 2026), not read from the library,
so a wrong library release would fail here.
"""

import os
import random
import subprocess
import sys
import unittest
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from gongkai.workdays import (
    DueDate,
    Override,
    WorkCalendar,
    WorkingDayCount,
    add_working_days,
    default_calendar,
    weekends_and_fixed_holidays,
    working_days_between,
)

D = date.fromisoformat


def days(first: str, last: str) -> list[date]:
    a, b = D(first), D(last)
    return [a + timedelta(i) for i in range((b - a).days + 1)]


# (name, first day off, last day off, the first working day after the block)
BLOCKS_2025 = [
    ("元旦", "2025-01-01", "2025-01-01", "2025-01-02"),
    ("春节", "2025-01-28", "2025-02-04", "2025-02-05"),
    ("清明", "2025-04-04", "2025-04-06", "2025-04-07"),
    ("劳动节", "2025-05-01", "2025-05-05", "2025-05-06"),
    ("端午", "2025-05-31", "2025-06-02", "2025-06-03"),
    ("国庆节、中秋", "2025-10-01", "2025-10-08", "2025-10-09"),
]
SHIFTED_WORKDAYS_2025 = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]

BLOCKS_2026 = [
    ("元旦", "2026-01-01", "2026-01-03", "2026-01-04"),  # 01-04 is a working Sunday
    ("春节", "2026-02-15", "2026-02-23", "2026-02-24"),
    ("清明", "2026-04-04", "2026-04-06", "2026-04-07"),
    ("劳动节", "2026-05-01", "2026-05-05", "2026-05-06"),
    ("端午", "2026-06-19", "2026-06-21", "2026-06-22"),
    ("中秋", "2026-09-25", "2026-09-27", "2026-09-28"),
    ("国庆节", "2026-10-01", "2026-10-07", "2026-10-08"),
]
SHIFTED_WORKDAYS_2026 = [
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
]


def expected_workday(d: date, blocks, shifted) -> bool:
    """The notice read literally: weekdays work, block days rest, listed weekend days work."""
    off = {x for _, first, last, _ in blocks for x in days(first, last)}
    return d in {D(s) for s in shifted} or (d.weekday() < 5 and d not in off)


class StateCouncilArrangementTestCase(unittest.TestCase):
    """issue 2 item 5: the 2025 and 2026 arrangements, day by day."""

    cal = default_calendar()

    def check_year(self, year, blocks, shifted, total):
        mismatches = [
            d.isoformat()
            for d in days(f"{year}-01-01", f"{year}-12-31")
            if self.cal.is_workday(d) != expected_workday(d, blocks, shifted)
        ]
        self.assertEqual(mismatches, [])
        count = self.cal.working_days_between(D(f"{year - 1}-12-31"), D(f"{year}-12-31"))
        self.assertEqual(count, WorkingDayCount(total, False))

    def test_it_matches_the_2025_notice_on_every_day(self):
        self.check_year(2025, BLOCKS_2025, SHIFTED_WORKDAYS_2025, 248)

    def test_it_matches_the_2026_notice_on_every_day(self):
        self.check_year(2026, BLOCKS_2026, SHIFTED_WORKDAYS_2026, 248)

    def test_it_makes_every_shifted_weekend_day_a_working_day(self):
        for s in SHIFTED_WORKDAYS_2025 + SHIFTED_WORKDAYS_2026:
            with self.subTest(s):
                self.assertGreaterEqual(D(s).weekday(), 5)
                self.assertTrue(self.cal.is_workday(D(s)))

    def test_it_steps_over_every_holiday_block(self):
        # The day before each block + 1 working day = the first working day after the block.
        for name, first, last, after in BLOCKS_2025 + BLOCKS_2026:
            with self.subTest(name, first=first):
                for d in days(first, last):
                    self.assertFalse(self.cal.is_workday(d), d)
                due = self.cal.add_working_days(D(first) - timedelta(1), 1)
                self.assertEqual(due, DueDate(D(after), False))

    def test_it_names_the_days_in_chinese(self):
        self.assertEqual(self.cal.day_name(D("2026-02-17")), "春节")
        self.assertEqual(self.cal.day_name(D("2025-10-06")), "中秋")
        self.assertEqual(self.cal.day_name(D("2026-02-28")), "春节")
        self.assertIsNone(self.cal.day_name(D("2026-03-02")))

    def test_it_lists_the_named_days_of_a_period(self):
        named = self.cal.named_days(D("2026-02-13"), D("2026-03-03"))
        self.assertEqual(
            [(n.date.isoformat(), n.workday, n.name) for n in named],
            [("2026-02-14", True, "春节")]
            + [(d.isoformat(), False, "春节") for d in days("2026-02-15", "2026-02-23")]
            + [("2026-02-28", True, "春节")],
        )


class AddWorkingDaysTestCase(unittest.TestCase):
    cal = default_calendar()

    def test_it_never_counts_the_start_day(self):
        # 2026-03-02 is an ordinary Monday: +1 is Tuesday (民法典 Art. 201).
        self.assertEqual(self.cal.add_working_days(D("2026-03-02"), 1).date, D("2026-03-03"))

    def test_it_avoids_the_find_workday_off_by_one(self):
        # reference §5.2: find_workday is one day late when the start is not a working day.
        for start, expected in [
            ("2025-03-09", "2025-03-18"),
            ("2025-10-01", "2025-10-16"),
            ("2026-02-15", "2026-03-03"),
        ]:
            with self.subTest(start):
                self.assertEqual(
                    self.cal.add_working_days(D(start), 7), DueDate(D(expected), False)
                )
                wrong = chinese_calendar.find_workday(7, D(start))
                self.assertEqual(wrong, D(expected) + timedelta(1))

    def test_it_counts_from_a_start_on_a_holiday(self):
        # Received on 春节 2026-02-17: 02-24..27 (4), 02-28 调休 (5), 03-02..06 (10),
        # 03-09..13 (15), 03-16..20 (20).
        self.assertEqual(self.cal.add_working_days(D("2026-02-17"), 20).date, D("2026-03-20"))

    def test_it_counts_from_a_start_on_a_shifted_working_day(self):
        # Received on Sunday 2025-09-28, a 调休上班日: the day itself still does not count.
        self.assertEqual(self.cal.add_working_days(D("2025-09-28"), 1).date, D("2025-09-29"))
        # 09-29, 09-30, 10-09, 10-10, 10-11 (Saturday 调休), then 15 ordinary days.
        self.assertEqual(self.cal.add_working_days(D("2025-09-28"), 20).date, D("2025-10-31"))

    def test_it_lands_on_a_shifted_working_sunday(self):
        self.assertEqual(self.cal.add_working_days(D("2025-12-31"), 1).date, D("2026-01-04"))

    def test_it_rejects_n_below_one_and_non_integers(self):
        for n in (0, -1, -20, True, 1.5, "3", None):
            with self.subTest(n=n), self.assertRaisesRegex(ValueError, "工作日数必须是正整数"):
                self.cal.add_working_days(D("2026-03-02"), n)

    def test_it_accepts_datetimes_as_dates_and_rejects_text(self):
        from datetime import datetime

        self.assertFalse(self.cal.is_workday(datetime(2026, 2, 17, 9, 30)))
        self.assertTrue(self.cal.is_workday(datetime(2026, 2, 14, 9, 30)))
        self.assertEqual(self.cal.day_name(datetime(2026, 2, 17, 9, 30)), "春节")
        self.assertEqual(
            self.cal.add_working_days(datetime(2026, 2, 15, 23, 0), 7).date, D("2026-03-03")
        )
        with self.assertRaisesRegex(TypeError, "a date is required"):
            self.cal.add_working_days("2026-02-15", 7)
        with self.assertRaisesRegex(TypeError, "a date is required"):
            self.cal.is_workday("2026-02-15")

    def test_it_uses_the_default_calendar_at_module_level(self):
        self.assertEqual(add_working_days(D("2026-02-15"), 7), DueDate(D("2026-03-03"), False))
        self.assertEqual(
            working_days_between(D("2026-02-13"), D("2026-03-03")), WorkingDayCount(8, False)
        )

    def test_it_rejects_dates_past_year_9999(self):
        with self.assertRaisesRegex(ValueError, "超出可计算的日期范围"):
            self.cal.add_working_days(D("9999-12-31"), 1)


class CoverageTestCase(unittest.TestCase):
    """Uncovered years: weekends only and provisional (issue 2; reference §6.1.10)."""

    def test_it_marks_a_period_crossing_into_2027_provisional(self):
        cal = WorkCalendar()
        # 2026-12-16..31 give 12, 2027-01-01 (a Friday, weekends-only rule) 13, ... 01-12 = 20.
        self.assertEqual(cal.add_working_days(D("2026-12-15"), 20), DueDate(D("2027-01-12"), True))
        self.assertEqual(cal.uncovered_years_between(D("2026-12-15"), D("2027-01-12")), [2027])
        self.assertFalse(cal.is_covered(D("2027-06-01")))

    def test_it_is_not_provisional_up_to_the_last_covered_day(self):
        cal = WorkCalendar()
        self.assertEqual(cal.add_working_days(D("2026-12-30"), 1), DueDate(D("2026-12-31"), False))
        self.assertEqual(cal.add_working_days(D("2026-12-31"), 1), DueDate(D("2027-01-01"), True))
        self.assertEqual(
            cal.working_days_between(D("2026-12-01"), D("2026-12-31")),
            WorkingDayCount(22, False),
        )
        self.assertEqual(
            cal.working_days_between(D("2026-12-01"), D("2027-01-01")),
            WorkingDayCount(23, True),
        )

    def test_it_can_use_the_fixed_holidays_for_uncovered_years(self):
        cal = WorkCalendar(uncovered_rule=weekends_and_fixed_holidays)
        self.assertEqual(cal.add_working_days(D("2026-12-15"), 20), DueDate(D("2027-01-13"), True))
        # 2027-10-01 is a Friday, 2028-05-01 a Monday, 2028-05-02 a Tuesday.
        for s in ("2027-01-01", "2027-10-01", "2028-05-01", "2028-05-02"):
            self.assertFalse(cal.is_workday(D(s)), s)
        self.assertTrue(cal.is_workday(D("2028-05-03")))

    def test_it_answers_far_outside_the_precomputed_window(self):
        cal = WorkCalendar()
        # 2100-01-01 is a Friday; 2100 is far beyond the window, so the loop answers.
        self.assertEqual(cal.add_working_days(D("2100-01-01"), 1), DueDate(D("2100-01-04"), True))
        self.assertEqual(
            cal.working_days_between(D("2100-01-01"), D("2100-01-11")), WorkingDayCount(6, True)
        )
        # Before the library's first year too.
        self.assertEqual(cal.add_working_days(D("1990-01-05"), 1), DueDate(D("1990-01-08"), True))


class OverrideTestCase(unittest.TestCase):
    def test_it_applies_a_one_off_closure(self):
        closure = Override(D("2026-03-03"), workday=False, name="台风停工")
        cal = WorkCalendar([closure])
        self.assertEqual(cal.add_working_days(D("2026-03-02"), 1), DueDate(D("2026-03-04"), False))
        self.assertEqual(WorkCalendar().add_working_days(D("2026-03-02"), 1).date, D("2026-03-03"))
        self.assertEqual(cal.day_name(D("2026-03-03")), "台风停工")

    def test_it_accepts_a_plain_mapping(self):
        cal = WorkCalendar({D("2026-03-07"): True, D("2026-03-09"): False})
        self.assertTrue(cal.is_workday(D("2026-03-07")))  # a Saturday made a working day
        self.assertFalse(cal.is_workday(D("2026-03-09")))
        self.assertEqual(cal.add_working_days(D("2026-03-06"), 2).date, D("2026-03-10"))

    def test_it_covers_2027_once_its_notice_is_entered(self):
        # A made-up 2027 notice (test data, NOT the real arrangement): 元旦 01-01 off,
        # Saturday 01-09 worked.
        notice = [
            Override(D("2027-01-01"), workday=False, name="元旦"),
            Override(D("2027-01-09"), workday=True, name="元旦"),
        ]
        cal = WorkCalendar(notice)
        self.assertTrue(cal.is_covered(D("2027-07-01")))
        # 2026-12-16..31 = 12, 01-04..08 = 17, 01-09 (Saturday, worked) = 18, 01-11, 01-12 = 20.
        self.assertEqual(cal.add_working_days(D("2026-12-15"), 20), DueDate(D("2027-01-12"), False))
        self.assertEqual(cal.add_working_days(D("2027-12-30"), 1), DueDate(D("2027-12-31"), False))
        self.assertEqual(cal.add_working_days(D("2027-12-31"), 1), DueDate(D("2028-01-03"), True))

    def test_it_can_keep_a_year_uncovered_despite_overrides(self):
        closure = [Override(D("2027-01-04"), workday=False, name="临时闭馆")]
        cal = WorkCalendar(closure, overrides_cover_year=False)
        self.assertFalse(cal.is_covered(D("2027-01-04")))
        self.assertEqual(cal.add_working_days(D("2026-12-31"), 2), DueDate(D("2027-01-05"), True))

    def test_it_rejects_contradictory_overrides(self):
        with self.assertRaisesRegex(ValueError, "2026-03-03 同时被设为工作日和休息日"):
            WorkCalendar([Override(D("2026-03-03"), True), Override(D("2026-03-03"), False)])

    def test_it_accepts_another_base(self):
        cal = WorkCalendar(base=({D("2030-01-01"): "元旦"}, {D("2030-01-05"): "元旦"}))
        self.assertEqual(cal.library_years, frozenset({2030}))
        # From Friday 2029-12-28: 12-31 (2029, uncovered) counts, so provisional.
        self.assertEqual(cal.add_working_days(D("2029-12-28"), 4), DueDate(D("2030-01-04"), True))
        # From 2029-12-31 every counted day is in 2030 (01-05 a worked Saturday): not provisional.
        self.assertEqual(cal.add_working_days(D("2029-12-31"), 4), DueDate(D("2030-01-05"), False))
        self.assertEqual(cal.add_working_days(D("2030-01-01"), 4), DueDate(D("2030-01-05"), False))


class ConsistencyTestCase(unittest.TestCase):
    """The precomputed tables agree with the plain loops and with the library itself."""

    def sample(self, rng, count):
        lo, hi = D("2003-06-01").toordinal(), D("2027-06-30").toordinal()
        return [(date.fromordinal(rng.randint(lo, hi)), rng.randint(1, 60)) for _ in range(count)]

    def test_it_agrees_with_the_day_by_day_loop(self):
        rng = random.Random(20261127)
        overrides = [Override(D("2026-03-03"), False), Override(D("2028-02-05"), True)]
        for cal in (WorkCalendar(), WorkCalendar(overrides)):
            for start, n in self.sample(rng, 2000):
                fast = cal.add_working_days(start, n)
                self.assertEqual(fast, cal._add_loop(start, n), (start, n))
                self.assertEqual(cal.working_days_between(start, fast.date).days, n)
                self.assertEqual(
                    cal.working_days_between(start, fast.date), cal._count_loop(start, fast.date)
                )
                self.assertEqual(cal.working_days_between(fast.date, start).days, -n)

    def test_it_agrees_with_chinese_calendar_is_workday(self):
        cal = WorkCalendar()
        for d in days("2004-01-01", "2026-12-31"):
            if cal.is_workday(d) != chinese_calendar.is_workday(d):
                self.fail(d)


class PurityTestCase(unittest.TestCase):
    def test_it_imports_without_django_settings(self):
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        code = (
            "import sys, gongkai.workdays as w; "
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules); "
            "print(w.add_working_days(w.date(2026, 2, 15), 7).date)"
        )
        root = Path(__file__).resolve().parents[2]
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True
        )
        self.assertEqual((done.returncode, done.stdout, done.stderr), (0, "2026-03-03\n", ""))

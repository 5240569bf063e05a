"""The respondent's clock (2023 行政复议法 Art. 48, 54, 62, 88; practice §3.7)."""

import unittest
from datetime import date

from gongkai.reports.review_clock import answer_days_left, answer_due, decision_due
from gongkai.workdays import Override, WorkCalendar


class AnswerDueTestCase(unittest.TestCase):
    calendar = WorkCalendar()

    def test_it_counts_ten_working_days_across_national_day_2025(self):
        # Copy received Mon 2025-09-29; 国庆 10-01..08 off, Sat 10-11 a make-up working day:
        # 09-30, 10-09, 10-10, 10-11, 10-13..17, 10-20 (Art. 48, working days by Art. 88).
        due = answer_due(date(2025, 9, 29), simplified=False, calendar=self.calendar)
        self.assertEqual(
            (due.date, due.working_days, due.provisional), (date(2025, 10, 20), 10, False)
        )
        self.assertEqual(due.basis, "《行政复议法》第四十八条、第八十八条")

    def test_it_counts_five_in_the_simplified_procedure(self):
        due = answer_due(date(2025, 9, 29), simplified=True, calendar=self.calendar)
        self.assertEqual(due.date, date(2025, 10, 13))
        self.assertEqual(due.basis, "《行政复议法》第五十四条、第八十八条")

    def test_it_follows_the_bodys_overrides(self):
        local = WorkCalendar([Override(date(2025, 10, 13), False, "本地调整")])
        self.assertEqual(
            answer_due(date(2025, 9, 29), simplified=True, calendar=local).date, date(2025, 10, 14)
        )

    def test_it_says_how_many_working_days_are_left_or_late(self):
        due = answer_due(date(2025, 9, 29), simplified=False, calendar=self.calendar)
        left = [
            answer_days_left(due, today=d, calendar=self.calendar)
            for d in (date(2025, 10, 9), due.date, date(2025, 10, 22))
        ]
        self.assertEqual(left, [8, 0, -2])

    def test_it_gives_the_review_bodys_decision_period_in_natural_days(self):
        self.assertEqual(decision_due(date(2025, 3, 3), simplified=False), date(2025, 5, 2))
        self.assertEqual(decision_due(date(2025, 3, 3), simplified=True), date(2025, 4, 2))

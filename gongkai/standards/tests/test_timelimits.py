import datetime
import unittest

from gongkai.standards import timelimits as tl
from gongkai.workdays import WorkCalendar

D = datetime.date
NOW = D(2026, 12, 1)
TWENTY_WD = tl.TimeLimit(tl.AFTER_EVENT, trigger="信息形成或者变更之日", days=20)


class TimeLimitTestCase(unittest.TestCase):
    def test_it_counts_working_days_across_national_day(self):
        # 2024: 国庆 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) worked.
        self.assertEqual(TWENTY_WD.due_after(D(2024, 9, 20), WorkCalendar()), D(2024, 10, 23))

    def test_it_counts_calendar_days_for_the_budget_rule(self):
        # 预算法 第十四条: "批准后二十日内".
        limit = tl.TimeLimit(tl.AFTER_EVENT, trigger="本级人大批准", days=20, unit=tl.CALENDAR)
        self.assertEqual(limit.due_after(D(2024, 9, 20), WorkCalendar()), D(2024, 10, 10))

    def test_it_has_no_due_date_without_an_offset(self):
        self.assertIsNone(tl.TimeLimit(tl.STANDING).due_after(D(2024, 1, 1), WorkCalendar()))

    def test_it_reports_problems_in_chinese(self):
        self.assertEqual(
            tl.TimeLimit(tl.AFTER_EVENT, days=0).problems(),
            ["起算事件（trigger）不能为空", "天数（days）应为正整数"],
        )
        self.assertEqual(
            tl.TimeLimit(tl.ANNUAL, month=2, day=30).problems(), ["每年固定日期（month、day）无效"]
        )
        self.assertEqual(tl.TimeLimit(tl.ANNUAL, month=1, day=31).problems(), [])
        self.assertIn("无效", tl.TimeLimit("weekly").problems()[0])

    def test_it_labels_a_rule_without_text(self):
        self.assertEqual(TWENTY_WD.label(), "信息形成或者变更之日起20个工作日内")
        self.assertEqual(tl.TimeLimit(tl.ANNUAL, month=1, day=31).label(), "每年1月31日前")


class FreshnessTestCase(unittest.TestCase):
    def verdict(self, limit, last, today=NOW):
        return tl.freshness(limit, last, today=today, stale_after_days=90)

    def test_it_flags_95_days_without_an_update(self):
        f = self.verdict(TWENTY_WD, D(2026, 8, 28))
        self.assertEqual((f.state, f.days_since), (tl.STALE, 95))
        self.assertEqual(f.message(), "95 天无更新")
        self.assertIn("90 天", f.rule)

    def test_it_accepts_90_days(self):
        f = self.verdict(TWENTY_WD, D(2026, 9, 2))
        self.assertEqual((f.state, f.days_since), (tl.FRESH, 90))

    def test_it_says_missing_without_any_item(self):
        f = self.verdict(TWENTY_WD, None)
        self.assertEqual((f.state, f.message()), (tl.MISSING, "尚无关联信息"))

    def test_a_standing_matter_is_fresh_with_any_item(self):
        f = self.verdict(tl.TimeLimit(tl.STANDING), D(2020, 1, 1))
        self.assertEqual(f.state, tl.FRESH)

    def test_an_annual_matter_needs_an_item_after_the_previous_date(self):
        annual = tl.TimeLimit(tl.ANNUAL, month=1, day=31)
        # On 2026-12-01 the latest 01-31 is 2026-01-31; the one before it 2025-01-31.
        self.assertEqual(self.verdict(annual, D(2026, 1, 20)).state, tl.FRESH)
        self.assertEqual(self.verdict(annual, D(2025, 2, 1)).state, tl.FRESH)
        overdue = self.verdict(annual, D(2025, 1, 31))
        self.assertEqual(overdue.state, tl.OVERDUE)
        self.assertEqual(overdue.message(), "669 天无更新，已过本年度公开时限")
        # On 2026-01-20 the 2026 date has not come: last year's report is enough.
        self.assertEqual(self.verdict(annual, D(2025, 1, 25), today=D(2026, 1, 20)).state, tl.FRESH)

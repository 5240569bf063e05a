"""Art. 26: published within 20 working days of forming or changing (reference §1.2)."""

import datetime

import time_machine
from django.test import SimpleTestCase

from gongkai.catalog.clocks import attention, item_clock
from gongkai.catalog.deadlines import clock, publication_due
from gongkai.holidays.calendar import invalidate
from gongkai.holidays.models import DayOverride
from gongkai.test import BaseTestCase, make_item
from gongkai.workdays import Override, WorkCalendar

D = datetime.date


class PublicationDueTestCase(SimpleTestCase):
    def test_it_counts_twenty_working_days_from_the_next_day(self):
        self.assertEqual(publication_due(WorkCalendar(), D(2026, 3, 2)).date, D(2026, 3, 30))

    def test_it_skips_the_mid_autumn_and_national_day_holidays(self):
        # 2026: 09-25..27 中秋, 10-01..07 国庆 off; 10-10 (Sat) 调休上班 counts.
        self.assertEqual(publication_due(WorkCalendar(), D(2026, 9, 25)).date, D(2026, 10, 29))

    def test_a_local_day_off_moves_the_date(self):
        calendar = WorkCalendar([Override(D(2026, 10, 12), False, "本地节日")])
        self.assertEqual(publication_due(calendar, D(2026, 9, 25)).date, D(2026, 10, 30))

    def test_it_tells_late_overdue_and_on_time(self):
        cal = WorkCalendar()
        on_time = clock(
            cal, generated_on=D(2026, 3, 2), published_on=D(2026, 3, 30), today=D(2026, 6, 1)
        )
        late = clock(
            cal, generated_on=D(2026, 3, 2), published_on=D(2026, 4, 1), today=D(2026, 6, 1)
        )
        overdue = clock(cal, generated_on=D(2026, 3, 2), published_on=None, today=D(2026, 4, 1))
        waiting = clock(cal, generated_on=D(2026, 3, 2), published_on=None, today=D(2026, 3, 27))
        self.assertFalse(on_time.is_late)
        self.assertTrue(late.is_late)
        self.assertEqual(late.late_days, 2)  # 03-31 and 04-01
        self.assertTrue(overdue.is_overdue)
        self.assertEqual(overdue.late_days, 2)
        self.assertFalse(waiting.is_overdue)
        self.assertEqual(waiting.days_left, 1)  # 03-30 is still to come


class ItemClockTestCase(BaseTestCase):
    def test_it_explains_the_date_step_by_step(self):
        item = make_item(self.agency_a, written_on=D(2026, 9, 25))
        c = item_clock(item, today=D(2026, 11, 2))
        self.assertEqual(c.clock.due.date, D(2026, 10, 29))
        self.assertIn("形成或变更日期 2026年9月25日", c.sentence)
        self.assertIn("依条例第二十六条，自次日起 20 个工作日内公开", c.sentence)
        self.assertIn("国庆节放假", c.sentence)
        self.assertIn("应于 2026年10月29日 前公开", c.sentence)
        self.assertIn("至 2026年11月2日 尚未公开，已逾期 2 个工作日", c.sentence)

    def test_it_uses_the_bodys_own_calendar(self):
        # The cached calendar would keep this row after the test's rollback.
        self.addCleanup(invalidate)
        DayOverride.objects.create(
            agency=self.agency_a,
            date=D(2026, 10, 12),
            kind=DayOverride.Kind.DAY_OFF,
            name="本地节日",
        )
        item = make_item(self.agency_a, written_on=D(2026, 9, 25))
        self.assertEqual(item_clock(item, today=D(2026, 10, 1)).clock.due.date, D(2026, 10, 30))
        other = make_item(self.agency_b, written_on=D(2026, 9, 25))
        self.assertEqual(item_clock(other, today=D(2026, 10, 1)).clock.due.date, D(2026, 10, 29))

    @time_machine.travel(datetime.datetime(2026, 11, 2, 12, 0, tzinfo=datetime.UTC), tick=False)
    def test_the_dashboard_lists_overdue_and_late_items(self):
        overdue = make_item(self.agency_a, title="逾期未公开", written_on=D(2026, 9, 25))
        waiting = make_item(self.agency_a, title="尚在期限内", written_on=D(2026, 10, 30))
        late = make_item(
            self.agency_a,
            title="迟延公开",
            written_on=D(2026, 3, 2),
            publish=True,
            published_on=D(2026, 4, 1),
        )
        make_item(self.agency_a, title="按时公开", publish=True)
        found = attention(self.agency_a)
        self.assertEqual([c.item for c in found["overdue"]], [overdue])
        self.assertEqual([c.item for c in found["pending"]], [waiting])
        self.assertEqual([c.item for c in found["late"]], [late])
        self.assertIn("2026年4月1日 才公开，迟延 2 个工作日", found["late"][0].sentence)
        self.client.force_login(self.alice)
        page = self.client.get(f"/staff/catalog/{self.agency_a.slug}/").content.decode()
        self.assertIn("逾期未公开", page)
        self.assertIn("已逾期 2 个工作日", page)

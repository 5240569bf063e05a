"""Entering a State Council holiday notice in one form, and the warning while it is missing
(reference §5.1, §5.2, §6.1.10)."""

from datetime import date

import chinese_calendar
import time_machine
from django.test import override_settings
from django.urls import reverse

from gongkai.holidays.calendar import get_calendar, invalidate
from gongkai.holidays.models import DayOverride
from gongkai.holidays.notice import Block, block_errors, enter_notice, missing_next_year
from gongkai.test import BaseTestCase, QuietRefusalsMixin

# The 2026 notice (国务院办公厅, 2025-11-04; reference §5.1, S16), block by block.
NOTICE_2026 = [
    ("元旦", "01-01", "01-03", ["01-04"]),
    ("春节", "02-15", "02-23", ["02-14", "02-28"]),
    ("清明节", "04-04", "04-06", []),
    ("劳动节", "05-01", "05-05", ["05-09"]),
    ("端午节", "06-19", "06-21", []),
    ("中秋节", "09-25", "09-27", []),
    ("国庆节", "10-01", "10-07", ["09-20", "10-10"]),
]
# 2037 has 2026's weekdays (both start on a Thursday, neither is a leap year) and no library
# data: the "fake year" the 2026 notice is entered for.
FAKE = 2037


def blocks_for(year: int) -> list[Block]:
    def d(md: str) -> date:
        return date.fromisoformat(f"{year}-{md}")

    return [Block(name, d(a), d(b), [d(w) for w in ws]) for name, a, b, ws in NOTICE_2026]


def post_data(year: int, blocks=NOTICE_2026, **extra) -> dict:
    data = {
        "year": str(year),
        "source": "国务院办公厅关于2026年部分节假日安排的通知",
        "block-TOTAL_FORMS": "8",
        "block-INITIAL_FORMS": "0",
        "block-MIN_NUM_FORMS": "0",
        "block-MAX_NUM_FORMS": "12",
    }
    for i, (name, a, b, ws) in enumerate(blocks):
        data[f"block-{i}-name"] = name
        data[f"block-{i}-first"] = f"{year}-{a}"
        data[f"block-{i}-last"] = f"{year}-{b}"
        data[f"block-{i}-workdays"] = ", ".join(f"{year}-{w}" for w in ws)
    data.update(extra)
    return data


class NoticeBlocksTestCase(BaseTestCase):
    def setUp(self):
        invalidate()
        self.addCleanup(invalidate)

    def test_the_2026_blocks_match_the_library(self):
        off = {d for b in blocks_for(2026) for d in b.days_off()}
        work = {d for b in blocks_for(2026) for d in b.workdays}
        self.assertEqual(off, {d for d in chinese_calendar.holidays if d.year == 2026})
        self.assertEqual(work, {d for d in chinese_calendar.workdays if d.year == 2026})
        self.assertEqual(block_errors(2026, blocks_for(2026)), [])

    def test_it_writes_the_year_in_one_go_and_the_calendar_follows_it(self):
        self.assertFalse(get_calendar().is_covered(date(FAKE, 1, 1)))
        count = enter_notice(FAKE, blocks_for(FAKE), source="test")
        self.assertEqual(count, 33 + 6)  # 33 days off, 6 working weekend days
        calendar = get_calendar()
        self.assertTrue(calendar.is_covered(date(FAKE, 1, 1)))
        day = date(2026, 1, 1)
        while day.year == 2026:
            with self.subTest(day=day):
                self.assertEqual(
                    calendar.is_workday(day.replace(year=FAKE)),
                    chinese_calendar.is_workday(day),
                )
            day = day.fromordinal(day.toordinal() + 1)
        # 20 working days from 2037-09-28 across 国庆, as 2026-09-28 → 2026-10-30.
        self.assertEqual(calendar.add_working_days(date(FAKE, 9, 28), 20).date, date(FAKE, 10, 30))

    def test_it_refuses_a_second_entry_unless_replacing(self):
        enter_notice(FAKE, blocks_for(FAKE), source="first")
        with self.assertRaisesMessage(ValueError, f"{FAKE}年已有全国性的节假日调整"):
            enter_notice(FAKE, blocks_for(FAKE)[:1], source="second")
        self.assertEqual(enter_notice(FAKE, blocks_for(FAKE)[:1], source="second", replace=True), 4)
        self.assertEqual(DayOverride.objects.filter(date__year=FAKE).count(), 4)

    def test_it_explains_bad_blocks_in_chinese(self):
        y = FAKE
        cases = [
            (Block("国庆节", date(y, 10, 7), date(y, 10, 1)), "最后一天不能早于第一天。"),
            (Block("国庆节", date(y + 1, 10, 1), date(y + 1, 10, 7)), f"放假日期应在{y}年内"),
            (Block("春节", date(y, 1, 20), date(y, 2, 20)), "一个假期不能超过15天"),
            (Block("国庆节", date(y, 10, 1), date(y, 10, 7), [date(y, 10, 9)]), "不是周六或周日"),
            (Block("国庆节", date(y, 10, 1), date(y, 10, 7), [date(y, 10, 3)]), "在放假期间内"),
        ]
        for block, message in cases:
            with self.subTest(message=message):
                errors = block_errors(y, [block])
                self.assertEqual(len(errors), 1, errors)
                self.assertIn(message, errors[0][1])
        overlap = [
            Block("中秋节", date(y, 9, 30), date(y, 10, 2)),
            Block("国庆节", date(y, 10, 1), date(y, 10, 7)),
        ]
        self.assertEqual(
            block_errors(y, overlap), [(1, f"与“中秋节”的放假日期重叠（{y}-10-01）。")]
        )
        # The 2024 notice's 元旦 began on 2023-12-30: allowed.
        self.assertEqual(
            block_errors(2024, [Block("元旦", date(2023, 12, 30), date(2024, 1, 1))]), []
        )


class NoticeWarningTestCase(BaseTestCase):
    def setUp(self):
        invalidate()
        self.addCleanup(invalidate)

    def test_it_warns_from_october_while_the_year_is_unknown(self):
        self.assertIsNone(missing_next_year(date(2026, 9, 30)))
        self.assertEqual(missing_next_year(date(2026, 10, 1)), 2027)
        self.assertIsNone(missing_next_year(date(2025, 10, 1)))  # 2026 is in the library
        DayOverride.objects.create(
            date=date(2027, 1, 1), kind=DayOverride.Kind.DAY_OFF, name="元旦"
        )
        self.assertIsNone(missing_next_year(date(2026, 10, 1)))

    @override_settings(GONGKAI_NEXT_YEAR_WARNING_FROM="11-15")
    def test_the_warning_date_is_a_setting(self):
        self.assertIsNone(missing_next_year(date(2026, 11, 14)))
        self.assertEqual(missing_next_year(date(2026, 11, 15)), 2027)

    @time_machine.travel(date(2026, 12, 1), tick=False)
    def test_every_staff_page_shows_it(self):
        self.client.force_login(self.alice)
        page = self.client.get(reverse("agencies:dashboard"))
        self.assertContains(page, "2027年的国务院办公厅节假日安排尚未录入")
        self.assertContains(page, "请联系平台管理员录入")
        self.client.force_login(self.admin)
        page = self.client.get(reverse("holidays:deadline", kwargs={"slug": self.agency_a.slug}))
        self.assertContains(page, reverse("holidays:notice"))
        self.client.logout()
        self.assertNotContains(self.client.get(reverse("public:home")), "尚未录入")


class NoticeViewTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        invalidate()
        self.addCleanup(invalidate)
        self.url = reverse("holidays:notice")

    def test_only_the_platform_administrator_enters_it(self):
        for user in (self.alice, self.adam, self.sam):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(self.url, post_data(FAKE)).status_code, 403)
        self.assertFalse(DayOverride.objects.exists())

    @time_machine.travel(date(2036, 10, 8), tick=False)
    def test_it_saves_the_notice_and_the_warning_goes(self):
        self.client.force_login(self.admin)
        page = self.client.get(self.url)
        self.assertContains(page, f"{FAKE}年的国务院办公厅节假日安排尚未录入")
        response = self.client.post(self.url, post_data(FAKE), follow=True)
        self.assertContains(response, f"已录入{FAKE}年节假日安排：39 天。")
        self.assertNotContains(response, "尚未录入")
        self.assertEqual(DayOverride.objects.national().filter(date__year=FAKE).count(), 39)

    def test_it_keeps_what_was_typed_and_says_what_is_wrong(self):
        self.client.force_login(self.admin)
        bad = NOTICE_2026[:-1] + [("国庆节", "10-01", "10-07", ["10-09"])]
        data = post_data(FAKE, bad)
        data["block-1-first"] = "2037-02-30"
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "日期无效，请按 年-月-日 填写。")
        self.assertContains(response, 'value="国庆节"')
        self.assertContains(response, "2037-02-30")
        self.assertFalse(DayOverride.objects.exists())
        data["block-1-first"] = "2037-02-15"
        response = self.client.post(self.url, data)
        self.assertContains(response, "调休上班日 2037-10-09 不是周六或周日。")
        self.assertFalse(DayOverride.objects.exists())

"""``gongkai deadline DATE --pause FROM:TO --extend N --agency SLUG`` (条例 Art. 32-34, 33)."""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command

from gongkai.holidays.calendar import invalidate
from gongkai.holidays.models import DayOverride
from gongkai.test import BaseTestCase


def deadline(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


class DeadlineWithPausesTestCase(BaseTestCase):
    def setUp(self):
        invalidate()
        self.addCleanup(invalidate)

    def test_it_explains_a_consultation_and_an_extension(self):
        lines = deadline("2026-09-30", "--pause", "2026-10-12:2026-10-15", "--extend", "20")
        self.assertEqual(
            lines[-7:],
            [
                "不计入期限的区间和延期：",
                "  2026-09-30 收到申请，当日不计入，自次日起算 20 个工作日（条例第三十一条、第三十三条）",
                "  征求第三方意见 2026-10-12 至 2026-10-15，其间 3 个工作日不计"
                "（条例第三十二条、第三十三条第二款）",
                "  → 答复期限 2026-11-06",
                "  经政府信息公开工作机构负责人同意延长 20 个工作日（条例第三十三条）→ 2026-12-04",
                "2026-09-30 收到，20 个工作日，其间征求第三方意见 3 个工作日不计，"
                "延长 20 个工作日 → 2026-12-04",
                "2026-12-04",
            ],
        )

    def test_it_adds_two_pauses_across_the_spring_festival(self):
        # (02-05, 02-26] = 10 working days, (03-09, 03-11] = 2 → 03-06 + 12 = 03-24.
        lines = deadline(
            "2026-02-02", "--pause", "2026-02-05:2026-02-26", "--pause", "2026-03-09:2026-03-11"
        )
        self.assertEqual(lines[-1], "2026-03-24")

    def test_it_marks_a_provisional_extension(self):
        lines = deadline("2026-11-20", "--extend", "20")
        # 11-20 + 20 → 12-18; + 20 weekdays of an uncovered 2027 → 2027-01-15.
        self.assertEqual(lines[-1], "2027-01-15 (provisional)")

    def test_it_uses_the_bodys_calendar(self):
        DayOverride.objects.create(
            date=date(2026, 3, 16), kind="day_off", name="古尔邦节（演示）", agency=self.county
        )
        self.assertEqual(deadline("2026-02-10")[-1], "2026-03-16")
        self.assertEqual(deadline("2026-02-10", "--agency", "wuzongxiao")[-1], "2026-03-17")

    def test_it_refuses_bad_pauses_extensions_and_bodies_with_status_2(self):
        cases = {
            ("2026-09-30", "--pause", "2026-10-12"): "暂停区间无效：'2026-10-12'",
            ("2026-09-30", "--pause", "2026-10-15:2026-10-12"): "结束日期早于开始日期",
            ("2026-09-30", "--extend", "21"): "延长工作日数无效：'21'",
            ("2026-09-30", "--extend", "0"): "延长工作日数无效：'0'",
            ("2026-09-30", "--agency", "nowhere"): "没有网址标识为 'nowhere' 的机关",
        }
        for args, message in cases.items():
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                deadline(*args)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(caught.exception.returncode, 2)

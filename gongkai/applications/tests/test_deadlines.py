"""The statutory clocks (deadlines.py) around the 2026 holidays, dates counted by hand from the
State Council's 2026 arrangement (reference §5.1: 春节 02-15..23 with 调休 02-14 and 02-28,
劳动节 05-01..05 with 05-09, 国庆 10-01..07 with 09-20 and 10-10)."""

from datetime import date
from unittest import TestCase

from gongkai.applications import deadlines
from gongkai.applications.deadlines import Pause, answer_due
from gongkai.workdays import Override, WorkCalendar

CAL = WorkCalendar()
D = date.fromisoformat


class AnswerDueTestCase(TestCase):
    def test_it_counts_twenty_working_days_across_the_spring_festival(self):
        # 02-11..14 (14 is a 调休 Saturday) = 4, 24..28 = 5, 03-02..06 = 5, 09..13 = 5, 16 = 20.
        due = answer_due(CAL, D("2026-02-10"))
        self.assertEqual(due.date, D("2026-03-16"))
        self.assertFalse(due.provisional)
        self.assertEqual(due.summary, "2026-02-10 收到，20 个工作日 → 2026-03-16")

    def test_it_counts_the_national_day_make_up_saturday(self):
        # 09-20 (Sunday, 调休上班) counts, 09-25..27 and 10-01..07 do not, 10-10 (Saturday) does.
        self.assertEqual(answer_due(CAL, D("2026-09-18")).date, D("2026-10-22"))
        self.assertEqual(answer_due(CAL, D("2026-09-30")).date, D("2026-11-03"))

    def test_it_excludes_a_third_party_consultation(self):
        # Letter out 10-12, answer back 10-15: 10-13, 14, 15 are not counted → 3 days later.
        due = answer_due(
            CAL, D("2026-09-30"), pauses=[Pause("third_party", D("2026-10-12"), D("2026-10-15"))]
        )
        self.assertEqual(due.date, D("2026-11-06"))
        self.assertEqual(due.excluded_days, 3)
        self.assertEqual(
            due.summary,
            "2026-09-30 收到，20 个工作日，其间征求第三方意见 3 个工作日不计 → 2026-11-06",
        )
        self.assertEqual(
            due.steps,
            (
                "2026-09-30 收到申请，当日不计入，自次日起算 20 个工作日（条例第三十一条、第三十三条）",
                "征求第三方意见 2026-10-12 至 2026-10-15，其间 3 个工作日不计"
                "（条例第三十二条、第三十三条第二款）",
                "→ 答复期限 2026-11-06",
            ),
        )

    def test_it_excludes_a_pause_across_the_spring_festival(self):
        # (02-05, 02-26]: 02-06, 09..13, 14 (调休), 24, 25, 26 = 10 working days.
        pause = Pause("other_body", D("2026-02-05"), D("2026-02-26"))
        self.assertEqual(answer_due(CAL, D("2026-02-02")).date, D("2026-03-06"))
        due = answer_due(CAL, D("2026-02-02"), pauses=[pause])
        self.assertEqual((due.date, due.excluded_days), (D("2026-03-20"), 10))

    def test_it_ignores_a_pause_after_the_due_date_and_stops_at_a_running_one(self):
        late = Pause("third_party", D("2026-11-04"), D("2026-11-20"))
        self.assertEqual(answer_due(CAL, D("2026-09-30"), pauses=[late]).date, D("2026-11-03"))
        running = answer_due(CAL, D("2026-09-30"), pauses=[Pause("third_party", D("2026-10-12"))])
        self.assertIsNone(running.date)
        self.assertEqual(running.paused_since, D("2026-10-12"))

    def test_it_extends_by_twenty_working_days_after_the_excluded_days(self):
        pause = Pause("third_party", D("2026-10-12"), D("2026-10-15"))
        due = answer_due(CAL, D("2026-09-30"), pauses=[pause], extension_days=20)
        self.assertEqual(due.date, D("2026-12-04"))
        self.assertIn("延长 20 个工作日", due.summary)

    def test_it_refuses_an_extension_beyond_twenty_days(self):
        with self.assertRaisesRegex(ValueError, "最长不得超过20个工作日"):
            answer_due(CAL, D("2026-09-30"), extension_days=21)
        refusal = deadlines.extension_allowed(
            CAL, days=20, notice_served_on=D("2026-11-04"), original_due=D("2026-11-03")
        )
        self.assertEqual(refusal, "延期告知应在原答复期限 2026-11-03 前送达（条例第三十三条）")
        self.assertIsNone(
            deadlines.extension_allowed(
                CAL, days=20, notice_served_on=D("2026-11-03"), original_due=D("2026-11-03")
            )
        )

    def test_it_restarts_the_period_on_the_supplement(self):
        due = answer_due(CAL, D("2026-03-03"), restarted_by_supplement=True)
        self.assertEqual(due.date, D("2026-03-31"))
        self.assertIn("收到补正后的申请", due.steps[0])

    def test_it_applies_the_2007_periods_before_the_2019_revision(self):
        # 2019-05-10 (Friday): 15 working days → 2019-05-31; 2019-05-15 → 20 → 2019-06-13.
        self.assertEqual(answer_due(CAL, D("2019-05-10")).date, D("2019-05-31"))
        self.assertEqual(answer_due(CAL, D("2019-05-15")).date, D("2019-06-13"))

    def test_it_marks_a_period_into_2027_provisional(self):
        due = answer_due(CAL, D("2026-12-10"))
        self.assertEqual(due.date, D("2027-01-07"))
        self.assertTrue(due.provisional)

    def test_it_uses_the_bodys_own_closures(self):
        local = WorkCalendar([Override(D("2026-03-16"), False, "古尔邦节（演示）")])
        self.assertEqual(answer_due(local, D("2026-02-10")).date, D("2026-03-17"))

    def test_it_lets_an_article_35_deadline_replace_the_statutory_one(self):
        due = answer_due(CAL, D("2026-09-30"), delayed_until=D("2027-01-29"))
        self.assertEqual(due.date, D("2027-01-29"))
        self.assertIn("条例第三十五条", due.steps[-1])


class OtherClocksTestCase(TestCase):
    def test_it_dates_the_supplement_notice_and_period(self):
        self.assertEqual(
            deadlines.supplement_notice_due(CAL, D("2026-02-10")).date, D("2026-02-26")
        )
        self.assertEqual(
            deadlines.supplement_notice_due(CAL, D("2026-09-30")).date, D("2026-10-15")
        )
        # Served 02-12, 10 working days: 13, 14 (调休), 24..28, 03-02, 03, 04.
        self.assertEqual(deadlines.supplement_due(CAL, D("2026-02-12"), 10).date, D("2026-03-04"))

    def test_it_gives_consultees_fifteen_working_days(self):
        # 10-13 → 11-03; 02-12 → 13, 14 (调休), 24..28, 03-02..06, 09, 10, 11.
        self.assertEqual(
            deadlines.consultation_reply_due(CAL, D("2026-10-13"), "third_party").date,
            D("2026-11-03"),
        )
        self.assertEqual(
            deadlines.consultation_reply_due(CAL, D("2026-02-12"), "other_body").date,
            D("2026-03-11"),
        )

    def test_it_gives_twenty_working_days_to_pay_across_labour_day(self):
        # Received 04-30: 05-01..05 off, 05-09 (Saturday) works → 06-01.
        self.assertEqual(deadlines.fee_payment_due(CAL, D("2026-04-30")).date, D("2026-06-01"))

    def test_it_parses_a_pause_or_says_why_not(self):
        self.assertEqual(
            deadlines.parse_pause("2026-10-12:2026-10-15"),
            Pause("third_party", D("2026-10-12"), D("2026-10-15")),
        )
        for bad in ("2026-10-12", "2026-13-01:2026-10-15", "2026-10-15:2026-10-12"):
            with self.assertRaisesRegex(ValueError, "暂停区间无效"):
                deadlines.parse_pause(bad)

    def test_it_imports_without_django(self):
        import subprocess
        import sys

        code = (
            "import sys; import gongkai.applications.deadlines; "
            "sys.exit(any(m.startswith('django') for m in sys.modules))"
        )
        self.assertEqual(subprocess.run([sys.executable, "-c", code]).returncode, 0)

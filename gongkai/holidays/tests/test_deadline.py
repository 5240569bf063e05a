"""``gongkai deadline DATE [--days N]`` (issue 2, item 5 and "Bad input")."""

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import TestCase

from gongkai.holidays.calendar import invalidate
from gongkai.holidays.models import DayOverride
from gongkai.tests.test_workdays import BLOCKS_2025, BLOCKS_2026

ROOT = Path(__file__).resolve().parents[3]


def deadline(*args):
    out, err = StringIO(), StringIO()
    call_command("deadline", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


class DeadlineTestCase(TestCase):
    def setUp(self):
        invalidate()
        self.addCleanup(invalidate)

    def test_it_explains_a_period_across_the_spring_festival(self):
        lines, err = deadline("2026-02-13")
        self.assertEqual(
            lines,
            [
                "起算日期：2026-02-13（星期五）。当日不计入，自次日起算（《民法典》第二百零一条）。",
                "期限：20个工作日（《政府信息公开条例》第三十三条）。",
                "期间经过的节假日和调休：",
                "  2026-02-14（星期六） 调休上班（春节）",
                "  2026-02-15（星期日） 至 2026-02-23（星期一） 放假（春节）",
                "  2026-02-28（星期六） 调休上班（春节）",
                "截止日期：2026-03-19（星期四）。",
                "2026-03-19",
            ],
        )
        self.assertEqual(err, "")

    def test_it_agrees_with_every_2025_and_2026_holiday_block(self):
        for name, first, _last, after in BLOCKS_2025 + BLOCKS_2026:
            with self.subTest(name, first=first):
                eve = date.fromisoformat(first) - timedelta(1)
                lines, _ = deadline(eve.isoformat(), "--days", "1")
                self.assertEqual(lines[-1], after)

    def test_it_counts_from_a_start_on_a_holiday_and_on_a_shifted_workday(self):
        lines, _ = deadline("2025-10-01", "--days", "7")
        self.assertTrue(lines[0].startswith("起算日期：2025-10-01（星期三，国庆节放假）。"))
        self.assertEqual(lines[-1], "2025-10-16")
        lines, _ = deadline("2025-09-28")
        self.assertIn("国庆节调休上班", lines[0])
        self.assertIn("  2025-10-01（星期三） 至 2025-10-08（星期三） 放假（国庆节、中秋）", lines)
        self.assertEqual(lines[-1], "2025-10-31")

    def test_it_marks_a_date_in_an_uncovered_year_provisional(self):
        lines, _ = deadline("2026-12-15")
        self.assertEqual(lines[-1], "2027-01-12 (provisional)")
        self.assertIn("期间涉及2027年，该年度国务院办公厅节假日安排尚未收录", lines[-2])
        self.assertIn("期间没有已知的节假日或调休。", lines)

    def test_it_uses_the_overrides_table(self):
        DayOverride.objects.create(date=date(2027, 1, 1), kind="day_off", name="元旦")
        lines, _ = deadline("2026-12-15")
        self.assertIn("  2027-01-01（星期五） 放假（元旦）", lines)
        self.assertEqual(lines[-1], "2027-01-13")

    def test_it_rejects_bad_input_with_status_2(self):
        cases = {
            ("2026-02-30",): "日期无效：'2026-02-30'",
            ("abc",): "日期无效：'abc'",
            ("20260215",): "日期无效：'20260215'",
            ("2026-02-15", "--days", "0"): "工作日数无效：'0'",
            ("2026-02-15", "--days", "x"): "工作日数无效：'x'",
            ("2026-02-15", "--days", "-3"): "工作日数无效：'-3'",
            (): "缺少日期",
            ("9999-12-31", "--days", "1"): "超出可计算的日期范围",
        }
        for args, message in cases.items():
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                deadline(*args)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(caught.exception.returncode, 2)

    def test_it_falls_back_to_library_data_without_a_database(self):
        failing = mock.patch(
            "gongkai.holidays.management.commands.deadline.get_calendar",
            side_effect=OperationalError("no such table: holidays_dayoverride"),
        )
        with failing:
            lines, err = deadline("2026-02-15", "--days", "7")
        self.assertEqual(lines[-1], "2026-03-03")
        self.assertEqual(
            err,
            "警告：无法读取节假日调整表（no such table: holidays_dayoverride），"
            "仅按 chinesecalendar 内置数据计算。\n",
        )


class DeadlineScriptTestCase(TestCase):
    """The installed ``gongkai`` script: exit status and streams (one subprocess each)."""

    def run_script(self, *args):
        script = Path(sys.executable).with_name("gongkai")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "gongkai"]
        with tempfile.TemporaryDirectory() as data:
            # A fresh, unmigrated database: never the developer's or CI's real one.
            env = {
                **os.environ,
                "GONGKAI_DATA_DIR": data,
                "DATABASE_URL": f"sqlite:///{data}/empty.sqlite3",
            }
            env.pop("DJANGO_SETTINGS_MODULE", None)
            return subprocess.run(
                command + ["deadline", *args], env=env, cwd=ROOT, capture_output=True, text=True
            )

    def test_it_exits_2_with_one_line_on_bad_input(self):
        done = self.run_script("2026-02-30")
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stdout, "")
        self.assertEqual(len(done.stderr.splitlines()), 1)
        self.assertIn("日期无效：'2026-02-30'", done.stderr)

    def test_it_answers_on_an_unmigrated_database_with_a_warning(self):
        done = self.run_script("2026-02-15", "--days", "7")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines()[-1], "2026-03-03")
        self.assertEqual(len(done.stderr.splitlines()), 1)
        self.assertIn("警告：无法读取节假日调整表", done.stderr)

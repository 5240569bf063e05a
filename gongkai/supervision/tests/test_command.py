"""``gongkai import_supervision``: one line per problem, exit status 2, nothing written."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import time_machine
from django.core.management import CommandError, call_command

from gongkai.supervision.models import Training
from gongkai.test import BaseTestCase

HEADER = "日期,培训主题,参加人员,参加人数,组织单位\n"


@time_machine.travel("2026-03-20 10:00 +0800", tick=False)
class ImportCommandTestCase(BaseTestCase):
    def write(self, text: str) -> str:
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        path = Path(folder.name) / "t.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def test_it_imports_a_years_trainings(self):
        out = StringIO()
        path = self.write(
            HEADER + "2025-04-12,条例培训,党政办,8,县政府办\n2025年8月16日,新媒体培训,,6,\n"
        )
        call_command("import_supervision", "wuzongxiao", "trainings", path, stdout=out)
        self.assertEqual(out.getvalue().strip(), "新增 2 条，已存在（跳过）0 条")
        self.assertEqual(
            sorted(Training.objects.values_list("participant_count", flat=True)), [6, 8]
        )

    def test_it_refuses_with_exit_status_2_and_writes_nothing(self):
        err = StringIO()
        path = self.write(HEADER + "2025-04-12,条例培训,党政办,八,\n2025-04-13,保密审查,,0,\n")
        with self.assertRaises(CommandError) as refused:
            call_command("import_supervision", "wuzongxiao", "trainings", path, stderr=err)
        self.assertEqual(refused.exception.returncode, 2)
        self.assertEqual(str(refused.exception), "共 2 处错误，未导入任何数据。")
        self.assertEqual(
            err.getvalue().splitlines(),
            ["第 2 行：参加人数「八」应为不小于 0 的整数", "第 3 行：参加人数：参加人数至少为 1。"],
        )
        self.assertEqual(Training.objects.count(), 0)

    def test_it_refuses_an_unknown_body_and_a_missing_file(self):
        with self.assertRaisesMessage(CommandError, "找不到网址标识为「nowhere」的机关"):
            call_command("import_supervision", "nowhere", "trainings", "x.csv")
        with self.assertRaisesMessage(CommandError, "找不到文件：/no/such.csv"):
            call_command("import_supervision", "wuzongxiao", "trainings", "/no/such.csv")

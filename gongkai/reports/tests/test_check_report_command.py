"""`gongkai check_report` is a thin wrapper over the engine's CLI and needs no database."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

from gongkai.reportengine.parsing import NOT_A_REPORT

GONGKAI = Path(sys.executable).with_name("gongkai")


class CheckReportCommandTestCase(SimpleTestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(self.dir, ignore_errors=True))

    def test_it_runs_without_a_database(self):
        # A database that cannot exist: a path under a read-only folder that is not there.
        readonly = self.dir / "readonly"
        readonly.mkdir()
        readonly.chmod(0o555)
        self.addCleanup(readonly.chmod, 0o755)
        notes = self.dir / "notes.txt"
        notes.write_text("会议纪要：今天天气很好。\n", encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{readonly}/missing/gongkai.sqlite3"}
        result = subprocess.run(
            [str(GONGKAI), "check_report", str(notes), "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertEqual(
            json.loads(result.stdout),
            {"schema_version": 1, "source": str(notes), "unreadable": NOT_A_REPORT},
        )
        self.assertEqual(result.stderr, f"{notes}: {NOT_A_REPORT}\n")
        self.assertFalse((readonly / "missing").exists())

    def test_it_passes_options_and_exit_status_through_call_command(self):
        missing = str(self.dir / "missing.pdf")
        out, err = io.StringIO(), io.StringIO()
        with self.assertRaises(SystemExit) as exit_:
            call_command("check_report", missing, json=True, stdout=out, stderr=err)
        self.assertEqual(exit_.exception.code, 2)
        self.assertEqual(
            json.loads(out.getvalue()),
            {"schema_version": 1, "source": missing, "unreadable": "文件不存在"},
        )
        self.assertEqual(err.getvalue(), f"{missing}: 文件不存在\n")

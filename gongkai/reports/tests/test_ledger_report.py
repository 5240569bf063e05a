"""A ledger imported with ``gongkai import_applications`` gives tables that match its rows."""

import csv
import io
import json
import random
import tempfile
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import time_machine
from django.core.management import call_command

from gongkai.applications.choices import OUTCOME_ROWS, ApplicantType
from gongkai.test import BaseTestCase

COLUMNS = [v for v, _ in ApplicantType.choices]


def ledger(n: int, seed: int = 9):
    """``n`` ledger rows across 2024–2025 with every outcome row, and the rows as data."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = date(2024, 6, 1) + timedelta(days=rng.randint(0, 560))
        closed = received + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.85 else None
        if closed and closed > date(2026, 1, 10):
            closed = None
        outcome = rng.choice(list(OUTCOME_ROWS)) if closed else ""
        rows.append((f"L-{i:04d}", received, rng.choice(COLUMNS), closed, outcome))
    return rows


def expected(rows, year):
    """Table 三 counted straight from the rows (reference §3.4 rules)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    t = Counter()
    for _, received, kind, closed, outcome in rows:
        c = COLUMNS.index(kind)
        if start <= received <= end:
            t["1", c] += 1
        if received < start and (closed is None or closed >= start):
            t["2", c] += 1
        if closed and start <= closed <= end:
            t[outcome, c] += 1
        if received <= end and (closed is None or closed > end):
            t["4", c] += 1
    return t


@time_machine.travel("2026-01-15 10:00 +0800", tick=False)
class LedgerReportTestCase(BaseTestCase):
    def test_it_reports_what_the_imported_ledger_holds(self):
        rows = ledger(300)
        labels = dict(ApplicantType.choices)
        buffer = io.StringIO()
        out = csv.writer(buffer)
        out.writerow(
            ["受理编号", "收到日期", "申请人类型", "申请人", "申请内容", "办结日期", "办理结果"]
        )
        for number, received, kind, closed, outcome in rows:
            out.writerow([number, received, labels[kind], "申请人", "事项", closed or "", outcome])
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ledger.csv"
            path.write_text(buffer.getvalue(), encoding="utf-8-sig")
            call_command("import_applications", "wuzongxiao", str(path), stdout=StringIO())
        printed = StringIO()
        call_command(
            "annual_report", "wuzongxiao", "2025", "--json", stdout=printed, stderr=StringIO()
        )
        table = json.loads(printed.getvalue())["table3"]
        want = expected(rows, 2025)
        for rid in ["1", "2", *OUTCOME_ROWS, "4"]:
            with self.subTest(row=rid):
                self.assertEqual(table[rid][:6], [want[rid, c] for c in range(6)])
        self.assertGreater(table["1"][6], 100)
        self.assertGreater(table["2"][6], 0)
        self.assertGreater(table["4"][6], 0)

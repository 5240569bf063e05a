"""Tables 三 and 四 from the records (条例 Art. 50; 30号; reference §3.4–3.6)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from gongkai.reportengine.figures import Figures
from gongkai.reportengine.parsing import parse_report
from gongkai.reports.compute import compute_figures, table3_for, table4_for
from gongkai.test import BaseTestCase, bulk_applications, make_dispute_case

D = date


class Table3TestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(
            cls.agency_a,
            [
                # Received 2024, open at 2024-12-31, answered 2025-01-10: row 2 and 3.1 in 2025.
                ("natural", D(2024, 12, 20), D(2025, 1, 10), "3.1"),
                # Received and closed in 2024: not in 2025 at all.
                ("natural", D(2024, 3, 1), D(2024, 3, 20), "3.1"),
                # Received 2025: row 1; closed 2025 as 部分公开 and 不予公开(第三方).
                ("business", D(2025, 2, 3), D(2025, 2, 20), "3.2"),
                ("legal_service", D(2025, 6, 3), D(2025, 6, 30), "3.3.4"),
                ("natural", D(2025, 7, 1), D(2025, 7, 15), "3.6.2"),
                # Received 2025-12-29, still open at year end (closed 2026): row 1 and row 4.
                ("research", D(2025, 12, 29), D(2026, 1, 12), "3.4.1"),
                ("nonprofit", D(2025, 12, 30), None, ""),
            ],
        )
        bulk_applications(cls.agency_b, [("natural", D(2025, 5, 5), None, "")], start=100)

    def test_it_counts_each_application_once_where_the_year_puts_it(self):
        t = table3_for([self.agency_a.pk], 2025)[self.agency_a.pk]
        self.assertEqual(t["1"], [1, 1, 1, 1, 1, 0, 5])
        self.assertEqual(t["2"], [1, 0, 0, 0, 0, 0, 1])
        self.assertEqual(t["3.1"], [1, 0, 0, 0, 0, 0, 1])
        self.assertEqual(t["3.2"], [0, 1, 0, 0, 0, 0, 1])
        self.assertEqual(t["3.3.4"], [0, 0, 0, 0, 1, 0, 1])
        self.assertEqual(t["3.6.2"], [1, 0, 0, 0, 0, 0, 1])
        self.assertEqual(t["3.7"], [2, 1, 0, 0, 1, 0, 4])
        self.assertEqual(t["4"], [0, 0, 1, 1, 0, 0, 2])
        for c in range(7):  # the printed 勾稽关系
            self.assertEqual(t["1"][c] + t["2"][c], t["3.7"][c] + t["4"][c])

    def test_it_carries_2025s_row_4_into_2026s_row_2(self):
        t2025 = table3_for([self.agency_a.pk], 2025)[self.agency_a.pk]
        t2026 = table3_for([self.agency_a.pk], 2026)[self.agency_a.pk]
        self.assertEqual(t2026["2"], t2025["4"])
        self.assertEqual(t2026["3.4.1"], [0, 0, 1, 0, 0, 0, 1])

    def test_it_folds_the_three_other_rows_into_one_in_the_2019_template(self):
        bulk_applications(
            self.agency_a, [("natural", D(2020, 4, 1), D(2020, 4, 9), "3.6.1")], start=50
        )
        t = table3_for([self.agency_a.pk], 2020)[self.agency_a.pk]
        self.assertNotIn("3.6.1", t)
        self.assertEqual(t["3.6"], [1, 0, 0, 0, 0, 0, 1])

    def test_it_computes_many_bodies_in_one_query(self):
        ids = [self.agency_a.pk, self.agency_b.pk, self.county.pk]
        with self.assertNumQueries(1):
            tables = table3_for(ids, 2025)
        self.assertEqual(tables[self.agency_b.pk]["4"][6], 1)
        self.assertEqual(tables[self.county.pk]["1"][6], 0)

    def test_it_builds_checked_figures_in_a_constant_number_of_queries(self):
        with self.assertNumQueries(9):
            fig = compute_figures(self.agency_a, 2025)
        self.assertEqual(fig.body, "和田县吾宗肖乡人民政府")
        self.assertEqual(fig.body_kind, "township")
        errors = [f for f in fig.findings if f.severity == "error"]
        self.assertEqual(errors, [])
        bulk_applications(self.agency_a, [("natural", D(2025, 3, 1), None, "")] * 50, start=200)
        with self.assertNumQueries(9):
            compute_figures(self.agency_a, 2025)


class Table4TestCase(BaseTestCase):
    def test_it_counts_each_case_once_in_its_group_and_skips_co_defendant_review_bodies(self):
        a = self.agency_a
        make_dispute_case(a, case_number="复1", decided_on=D(2025, 5, 6), outcome="upheld")
        make_dispute_case(a, case_number="复2", decided_on=D(2026, 1, 6), outcome="corrected")
        make_dispute_case(
            a, case_number="诉1", route="direct", decided_on=D(2025, 9, 1), outcome="other"
        )
        make_dispute_case(a, case_number="诉2", route="after_review", filed_on=D(2025, 8, 1))
        # 30号: a review body that is only 共同被告 does not count the lawsuit.
        make_dispute_case(a, case_number="诉3", route="after_review", role="co_defendant")
        make_dispute_case(a, case_number="复0", filed_on=D(2024, 11, 1))  # filed in 2024
        t = table4_for([a.pk], 2025)[a.pk]
        self.assertEqual(t, [1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1])

    @override_settings(GONGKAI_TABLE4_YEAR_RULE="active")
    def test_it_can_also_count_earlier_cases_still_open_in_the_year(self):
        make_dispute_case(self.agency_a, case_number="复0", filed_on=D(2024, 11, 1))
        make_dispute_case(
            self.agency_a,
            case_number="复00",
            filed_on=D(2024, 6, 1),
            decided_on=D(2024, 8, 1),
            outcome="upheld",
        )
        t = table4_for([self.agency_a.pk], 2025)[self.agency_a.pk]
        self.assertEqual(t[:5], [0, 0, 0, 1, 1])


class AnnualReportCommandTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(
            cls.agency_a,
            [
                ("natural", D(2025, 2, 3), D(2025, 2, 20), "3.1"),
                ("other", D(2025, 11, 3), None, ""),
            ],
        )

    def test_it_prints_the_figures_in_the_engine_schema_with_the_findings(self):
        out = StringIO()
        call_command("annual_report", "wuzongxiao", "2025", "--json", stdout=out, stderr=StringIO())
        data = json.loads(out.getvalue())
        self.assertEqual(data["schema_version"], 1)
        self.assertEqual(data["table3"]["1"], [1, 0, 0, 0, 0, 1, 2])
        self.assertEqual(data["table3"]["4"], [0, 0, 0, 0, 0, 1, 1])
        self.assertIn("findings", data)
        self.assertEqual(Figures.from_json(out.getvalue()).table3["3.1"][6], 1)

    def test_it_writes_every_export_and_each_reads_back_to_the_records(self):
        with TemporaryDirectory() as tmp:
            paths = {
                form: str(Path(tmp) / f"r.{form}")
                for form in ("docx", "pdf", "xlsx", "html", "text")
            }
            args = [item for form, p in paths.items() for item in (f"--{form}", p)]
            call_command(
                "annual_report", "wuzongxiao", "2025", *args, stdout=StringIO(), stderr=StringIO()
            )
            for form, p in paths.items():
                with self.subTest(form=form):
                    self.assertEqual(parse_report(p).table3["1"], [1, 0, 0, 0, 0, 1, 2])

    def test_it_refuses_bad_input_in_one_line(self):
        for args, message in (
            (["nowhere", "2025"], "找不到机关：'nowhere'（请使用机关的 slug 标识）。"),
            (["wuzongxiao", "20x5"], "报告年度无效：'20x5'，应为四位年份，例如 2025。"),
            (
                ["wuzongxiao", "2017"],
                "报告年度无效：2017，应在 2019 年至今年之间（条例 2019 年修订施行）。",
            ),
            (
                ["wuzongxiao", "2025", "--pdf", "/no/such/dir/r.pdf"],
                "无法写出 PDF：文件夹不存在：/no/such/dir",
            ),
        ):
            with self.subTest(args=args), self.assertRaisesMessage(CommandError, message) as caught:
                call_command("annual_report", *args, stdout=StringIO(), stderr=StringIO())
            self.assertEqual(caught.exception.returncode, 2)

    def test_it_exits_2_from_the_shell(self):
        result = subprocess.run(
            [sys.executable, "-m", "gongkai", "annual_report", "nowhere", "2025"],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)


class Table2TestCase(BaseTestCase):
    def test_it_computes_many_bodies_as_the_catalog_computes_one(self):
        from decimal import Decimal

        from gongkai.catalog.models import Table2Input
        from gongkai.catalog.table2 import table2
        from gongkai.reports.compute import table2_for
        from gongkai.test import make_item

        a, b = self.agency_a, self.agency_b
        for body, genre, written, title, published, ceased in (
            (a, "rule", D(2025, 3, 2), "规章一", True, None),
            (a, "normative", D(2024, 3, 2), "文件一", True, None),
            (a, "normative", D(2023, 5, 2), "文件二", True, D(2025, 6, 1)),  # 废止 in 2025
            (a, "normative", D(2025, 5, 2), "草稿不计", False, None),
            (b, "normative", D(2025, 1, 9), "文件三", True, None),
        ):
            make_item(
                body, publish=published, genre=genre, written_on=written, title=title,
                validity="repealed" if ceased else "valid", ceased_on=ceased,
            )  # fmt: skip
        Table2Input.objects.create(
            agency=a, year=2025, licensing=12, penalty=3, coercion=1, fees_wan_yuan=Decimal("1.50")
        )
        with self.assertNumQueries(2):
            tables = table2_for([a.pk, b.pk, self.county.pk], 2025)
        for body in (a, b, self.county):
            with self.subTest(body=body.slug):
                self.assertEqual(tables[body.pk], table2(body, 2025))
        self.assertEqual(tables[a.pk]["normative_documents"], [0, 1, 1])
        self.assertEqual(tables[a.pk]["fees_wan_yuan"], 1.5)

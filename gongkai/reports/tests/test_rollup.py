"""The government-level roll-up (30号 二; 条例 Art. 49, 50): sums, lists, queries, page, command."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.reportengine.parsing import parse_report
from gongkai.reports.compute import compute_figures, report_figures
from gongkai.reports.models import AnnualReport
from gongkai.reports.rollup import rollup
from gongkai.test import BaseTestCase, QuietRefusalsMixin, bulk_applications, make_dispute_case

D = date
TODAY = D(2026, 3, 1)  # after the 01-31 deadline of the townships and the county's 02-20


def build_tree(cast) -> None:
    """The county, two townships and a department, with records and published reports:

    * county: 2 received in 2025, both 予以公开 (10 received, 9 closed, 2 carried in all);
    * A (吾宗肖乡): 5 received in 2025 (3 closed, 2 open at year end), 1 carried from 2024 and
      closed as 其他; a review case; report published 2026-01-20 (on time);
    * B (拉依喀乡): 3 received and closed in 2025; report published 2026-02-05 (late) with a
      wrong row 1 (an error the engine finds);
    * 和田县教育局: no records, no report (missing, overdue).
    """
    from gongkai.catalog.models import Table2Input

    cast.county.office_name = "和田县人民政府办公室"
    cast.county.save(update_fields=["office_name"])

    cast.dept = Agency.objects.create(
        name="和田县教育局", short_name="县教育局", kind=Agency.Kind.DEPARTMENT,
        parent=cast.county, slug="hotan-edu",
    )  # fmt: skip
    bulk_applications(
        cast.county,
        [("natural", D(2025, 4, 1), D(2025, 4, 20), "3.1")] * 2,
        start=900,
    )
    bulk_applications(
        cast.agency_a,
        [
            ("natural", D(2025, 2, 3), D(2025, 2, 20), "3.1"),
            ("business", D(2025, 5, 6), D(2025, 5, 30), "3.2"),
            ("natural", D(2025, 8, 1), D(2025, 8, 20), "3.4.1"),
            ("natural", D(2025, 12, 22), None, ""),
            ("research", D(2025, 12, 29), None, ""),
            ("business", D(2024, 12, 20), D(2025, 1, 15), "3.6.3"),
        ],
    )
    bulk_applications(
        cast.agency_b, [("research", D(2025, 6, 2), D(2025, 6, 20), "3.1")] * 3, start=100
    )
    make_dispute_case(cast.agency_a, case_number="和政复〔2025〕7号")
    Table2Input.objects.create(
        agency=cast.agency_a, year=2025, licensing=5, penalty=2, fees_wan_yuan=Decimal("0.5")
    )
    Table2Input.objects.create(agency=cast.agency_b, year=2025, licensing=3, penalty=0)
    report, _ = AnnualReport.objects.get_or_create(agency=cast.agency_a, year=2025)
    report.publish(figures=report_figures(cast.agency_a, 2025), on=D(2026, 1, 20))
    wrong = report_figures(cast.agency_b, 2025)
    wrong.table3["1"][2] += 1  # 科研机构 row 1 one too many: totals and balance fail
    report_b, _ = AnnualReport.objects.get_or_create(agency=cast.agency_b, year=2025)
    report_b.publish(figures=wrong, on=D(2026, 2, 5))


class RollupTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_tree(cls)

    def test_the_tables_are_the_sums_of_the_bodies_figures(self):
        result = rollup(self.county, 2025, today=TODAY)
        fig = result.figures
        each = [
            compute_figures(b, 2025) for b in (self.county, self.agency_a, self.agency_b, self.dept)
        ]
        for rid in fig.table3:
            self.assertEqual(
                fig.table3[rid], [sum(f.table3[rid][c] for f in each) for c in range(7)], rid
            )
        self.assertEqual(fig.table3["1"], [5, 1, 4, 0, 0, 0, 10])
        self.assertEqual(fig.table3["2"], [0, 1, 0, 0, 0, 0, 1])
        self.assertEqual(fig.table3["3.1"], [3, 0, 3, 0, 0, 0, 6])
        self.assertEqual(fig.table3["3.7"], [4, 2, 3, 0, 0, 0, 9])
        self.assertEqual(fig.table3["4"], [1, 0, 1, 0, 0, 0, 2])
        self.assertEqual(fig.table4[:5], [0, 0, 0, 1, 1])
        self.assertEqual(fig.table2["licensing"], 8)
        self.assertEqual(fig.table2["penalty"], 2)
        self.assertEqual(fig.table2["fees_wan_yuan"], 0.5)
        self.assertEqual((fig.body, fig.body_kind), ("和田县人民政府", "county"))
        self.assertEqual([b.received for b in result.everyone], [2, 5, 3, 0])

    def test_a_table2_cell_some_bodies_left_blank_is_named(self):
        fig = rollup(self.county, 2025, today=TODAY).figures
        blank = [f for f in fig.findings if f.code == "G101" and f.where == "table2.licensing"]
        self.assertEqual(len(blank), 1)
        self.assertIn("2 个机关未填报：和田县人民政府、和田县教育局", blank[0].message)

    def test_it_lists_missing_late_and_failing_bodies(self):
        result = rollup(self.county, 2025, today=TODAY)
        self.assertEqual([b.body.name for b in result.missing], ["和田县教育局"])
        self.assertEqual([b.body.name for b in result.overdue], ["和田县教育局"])
        self.assertEqual([b.body.name for b in result.late], ["和田县拉依喀乡人民政府"])
        self.assertEqual([b.body.name for b in result.failing], ["和田县拉依喀乡人民政府"])
        b = result.failing[0]
        self.assertEqual((b.first_published, b.due, b.version), (D(2026, 2, 5), D(2026, 1, 31), 1))
        self.assertEqual(sorted({f.code for f in b.errors}), ["R101", "R103"])
        self.assertEqual(result.counts()["on_time"], 1)
        self.assertEqual(result.own.state, "overdue")  # the county's own (its 02-20 has passed)

    def test_before_the_deadline_a_missing_report_is_not_overdue(self):
        result = rollup(self.county, 2025, today=D(2026, 1, 10))
        self.assertEqual([b.body.name for b in result.missing], ["和田县教育局"])
        self.assertEqual(result.overdue, [])
        self.assertEqual(result.missing[0].state, "none")

    def test_a_constant_number_of_queries(self):
        with self.assertNumQueries(7):
            rollup(self.county, 2025, today=TODAY)
        for i in range(20):
            body = Agency.objects.create(
                name=f"和田县第{i}乡人民政府", kind=Agency.Kind.TOWNSHIP, parent=self.county
            )
            bulk_applications(body, [("natural", D(2025, 3, 3), None, "")], start=5000 + i)
        with self.assertNumQueries(7):
            result = rollup(self.county, 2025, today=TODAY)
        self.assertEqual(result.figures.table3["1"][6], 30)

    def test_a_subtree_below_the_county_rolls_up_alone(self):
        result = rollup(self.agency_a, 2025, today=TODAY)
        self.assertEqual(result.bodies, [])
        self.assertEqual(result.figures.table3["1"][6], 5)


class RollupCommandTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_tree(cls)

    def run_command(self, *args):
        out, err = StringIO(), StringIO()
        call_command("annual_rollup", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_json_is_the_summed_figures(self):
        out, _ = self.run_command("hotan-county", "2025", "--json")
        data = json.loads(out)
        self.assertEqual(data["table3"]["1"], [5, 1, 4, 0, 0, 0, 10])
        self.assertEqual(data["body"], "和田县人民政府")

    def test_bodies_lists_each_kind(self):
        out, _ = self.run_command("hotan-county", "2025", "--bodies")
        lines = out.splitlines()
        self.assertEqual(
            lines[0],
            "和田县人民政府 2025 年度汇总：本级及下级机关 4 个，本年新收申请 10 件，办结 9 件。",
        )
        self.assertEqual(lines[1], "未公开（1 个）：")
        self.assertEqual(lines[2], "  和田县教育局（逾期未公开；期限 2026-01-31）")
        self.assertEqual(lines[3], "逾期公开（1 个）：")
        self.assertTrue(
            lines[4].startswith(
                "  和田县拉依喀乡人民政府（逾期公开；期限 2026-01-31，2026-02-05 公开，R101"
            )
        )
        self.assertEqual(lines[5], "报告有错误（1 个）：")

    def test_exports_round_trip_and_the_notice_is_written(self):
        with TemporaryDirectory() as tmp:
            docx, notice = Path(tmp, "r.docx"), Path(tmp, "n.docx")
            self.run_command("hotan-county", "2025", "--docx", str(docx), "--notice", str(notice))
            self.assertEqual(parse_report(docx).table3["1"], [5, 1, 4, 0, 0, 0, 10])
            from docx import Document

            text = "\n".join(p.text for p in Document(str(notice)).paragraphs)
        self.assertIn("和田县教育局（公开期限2026年1月31日，至今未公开）", text)

    def test_bad_input_is_one_line_and_status_2(self):
        for args, message in (
            (("nope", "2025"), "找不到机关：'nope'"),
            (("hotan-county", "20x5"), "报告年度无效：'20x5'"),
            (("hotan-county", "2018"), "报告年度无效：2018"),
            (("hotan-county", "2025", "--notice", "/no/such/dir/n.docx"), "文件夹不存在"),
        ):
            with self.subTest(args=args), self.assertRaises(CommandError) as caught:
                self.run_command(*args)
            self.assertIn(message, str(caught.exception))
            self.assertEqual(caught.exception.returncode, 2)


class RollupPageTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        build_tree(cls)

    def url(self, name="reports:rollup", slug="hotan-county", **kw):
        return reverse(name, kwargs={"slug": slug, "year": 2025, **kw})

    def test_the_supervisor_sees_the_sums_and_the_lists(self):
        self.client.force_login(self.sam)
        page = self.client.get(self.url()).content.decode()
        self.assertIn(
            "未公开 1 个（其中逾期未公开 1 个），逾期公开 1 个，已公开报告有错误 1 个。", page
        )
        self.assertIn("和田县教育局", page)
        self.assertIn('src="/reports/staff/hotan-county/2025/rollup/chart/bodies.svg"', page)
        self.assertNotIn("无权查看明细", page)

    def test_the_countys_officer_sees_the_sums_but_not_other_bodies_details(self):
        from gongkai.agencies.models import Membership, Role, User

        clerk = User.objects.create_user("clerk")
        Membership.objects.create(user=clerk, agency=self.county, role=Role.HEAD)
        self.client.force_login(clerk)
        page = self.client.get(self.url()).content.decode()
        self.assertEqual(page.count("（无权查看明细，已计入汇总）"), 3)

    def test_a_body_of_another_tree_gets_404(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(
            self.client.get(self.url("reports:rollup-export", form="json")).status_code, 404
        )

    def test_export_and_chart(self):
        self.client.force_login(self.sam)
        response = self.client.get(self.url("reports:rollup-export", form="json"))
        self.assertEqual(json.loads(response.content)["table3"]["3.7"][6], 9)
        self.assertIn("hotan-county-2025-rollup-report.json", response["Content-Disposition"])
        svg = self.client.get(self.url("reports:rollup-chart", kind="bodies"))
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertNotIn(b"<script", svg.content)
        self.assertEqual(
            self.client.get(self.url("reports:rollup-chart", kind="pie")).status_code, 404
        )

    def test_publishing_needs_approval_and_freezes_the_sums(self):
        self.client.force_login(self.sam)  # a supervisor reads, never publishes
        self.assertEqual(self.client.post(self.url("reports:rollup-publish")).status_code, 403)
        self.client.force_login(self.admin)
        self.client.post(self.url("reports:rollup-publish"))
        version = AnnualReport.objects.get(agency=self.county, year=2025).current()
        self.assertEqual(version.figures["table3"]["1"][6], 10)
        self.assertTrue(version.verify())

"""``gongkai demo``: the seed township's 2023 report computed from the records is the seed
report, cell by cell; 县自然资源局's 2025 exercises every row of 三 and every group of 四."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, Event
from gongkai.channels.models import Channel, YearCount
from gongkai.letters.models import Notice
from gongkai.reportengine.figures import TABLE3_COLUMNS, table3_row_ids
from gongkai.reportengine.parsing import parse_report
from gongkai.reportengine.tests.shared import SEED
from gongkai.reports.compute import compute_figures
from gongkai.reports.models import DisputeCase


def demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


class ReportsDemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        demo()
        cls.township = Agency.objects.get(slug="wuzongxiao")
        cls.zrzy = Agency.objects.get(slug="hotan-zrzy")

    def test_the_townships_2023_tables_are_the_seed_reports_cell_by_cell(self):
        seed = parse_report(SEED)
        fig = compute_figures(self.township, 2023)
        self.assertEqual(seed.year, 2023)
        self.assertEqual(seed.body, self.township.name)
        for key in ("rules", "normative_documents", "licensing", "penalty", "coercion"):
            self.assertEqual(fig.table2[key], seed.table2[key], key)
        self.assertEqual(float(fig.table2["fees_wan_yuan"]), float(seed.table2["fees_wan_yuan"]))
        self.assertEqual(list(fig.table3), list(seed.table3))  # the same 25 rows, in order
        for rid, cells in seed.table3.items():
            for c, value in enumerate(cells):
                with self.subTest(row=rid, column=c):
                    self.assertEqual(fig.table3[rid][c], value)
        self.assertEqual(fig.table4, seed.table4)
        self.assertEqual(fig.table4, [0] * 15)
        self.assertFalse(fig.has_errors)  # the clerk may publish it
        self.assertEqual([f for f in fig.findings if f.where.startswith("table")], [])
        # The channels the seed names, and its «300余篇» as one approximate count.
        platforms = set(
            Channel.objects.filter(agency=self.township).values_list("platform", flat=True)
        )
        self.assertLessEqual({"微信", "抖音", "学习强国", "石榴云"}, platforms)
        count = YearCount.objects.get(agency=self.township, year=2023, channel=None)
        self.assertEqual((count.count, count.approximate), (300, True))

    def test_the_busy_year_has_every_row_of_three_and_every_group_of_four(self):
        fig = compute_figures(self.zrzy, 2025)
        for rid in table3_row_ids(fig.template):
            with self.subTest(row=rid):
                self.assertGreater(fig.table3[rid][6], 0)
        for c, label in enumerate(TABLE3_COLUMNS):
            with self.subTest(column=label):
                self.assertGreater(fig.table3["1"][c], 0)
                self.assertGreater(fig.table3["3.7"][c], 0)
        self.assertEqual(
            (fig.table3["1"][6], fig.table3["2"][6], fig.table3["3.7"][6], fig.table3["4"][6]),
            (23, 2, 23, 2),
        )
        # 复议 (3 维持, 1 纠正, 1 其他, 1 尚未审结); 直接起诉 and 复议后起诉 (1 each).
        self.assertEqual(fig.table4, [3, 1, 1, 1, 6, 1, 1, 1, 1, 4, 1, 1, 1, 1, 4])
        self.assertEqual([f for f in fig.findings if f.severity == "error"], [])
        self.assertEqual([f.code for f in fig.findings if f.where.startswith("table")], [])
        # Consistent records: each case's application was closed before the case was filed,
        # and the two answers went through the letters (signed, served, closing the case).
        for case in DisputeCase.objects.filter(agency=self.zrzy).select_related("application"):
            with self.subTest(case=case.case_number):
                self.assertLess(case.application.closed_on, case.filed_on)
        shown = DisputeCase.objects.get(agency=self.zrzy, case_number="和政复〔2025〕3号")
        self.assertEqual((shown.answered_on, shown.simplified), (date(2025, 2, 20), True))
        served = Notice.objects.filter(agency=self.zrzy, status=Notice.Status.SERVED)
        self.assertEqual(sorted(served.values_list("outcome", flat=True)), ["3.2", "3.4.1"])
        not_held = Application.objects.get(agency=self.zrzy, outcome="3.4.1")
        self.assertEqual(not_held.searches.count(), 1)
        self.assertEqual(not_held.closed_on, date(2025, 1, 17))  # the 交邮 date of the answer
        # Last year's row 4 is this year's row 2 (勾稽 across years).
        self.assertEqual(compute_figures(self.zrzy, 2024).table3["4"], fig.table3["2"])

    def test_a_second_run_changes_nothing(self):
        def snapshot():
            return (
                Application.objects.count(),
                Event.objects.count(),
                Notice.objects.count(),
                list(DisputeCase.objects.values()),
                compute_figures(self.zrzy, 2025).to_dict(),
            )

        before = snapshot()
        self.assertIn("演示数据已是最新，未作改动。", demo())
        self.assertEqual(snapshot(), before)

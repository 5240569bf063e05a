"""The seed and the three published PDFs give exactly their hand-read figures."""

from __future__ import annotations

import json
import unittest
from datetime import date
from functools import cache

from gongkai.reportengine.figures import Severity, table3_row_ids
from gongkai.reportengine.parsing.assemble import assemble, parse_text
from gongkai.reportengine.parsing.pdf import pdf_lines
from gongkai.reportengine.tests.shared import SAMPLES, SEED

PDFS = ("huaian-2024", "hongze-2023", "hongze-2024")


@cache
def sample_lines(name):
    """The PDF's lines, extracted once per test run (pdfplumber is the slow part)."""
    return tuple(pdf_lines((SAMPLES / f"{name}.pdf").read_bytes()))


def sample(name):
    return assemble(list(sample_lines(name)), source=f"{name}.pdf")


def expected(name):
    return json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))


class SeedTestCase(unittest.TestCase):
    def setUp(self):
        self.fig = parse_text(SEED.read_text(encoding="utf-8"), source=SEED.name)

    def test_it_reads_every_cell_as_zero(self):
        self.assertEqual(self.fig.table3, {rid: [0] * 7 for rid in table3_row_ids("2021")})
        self.assertEqual(self.fig.table4, [0] * 15)
        self.assertEqual(
            self.fig.table2,
            {
                "rules": [0, 0, 0],
                "normative_documents": [0, 0, 0],
                "licensing": 0,
                "penalty": 0,
                "coercion": 0,
                "fees_wan_yuan": 0,
            },
        )

    def test_it_reads_the_metadata(self):
        fig = self.fig
        self.assertEqual((fig.template, fig.year), ("2021", 2023))
        self.assertEqual(fig.body, "和田县吾宗肖乡人民政府")
        self.assertEqual(fig.published_on, date(2024, 1, 19))
        self.assertEqual(fig.body_kind, "township")
        self.assertEqual(fig.source, SEED.name)

    def test_it_reads_all_six_sections(self):
        self.assertEqual(self.fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertTrue(self.fig.sections["1"].startswith("2023年度以来,吾宗肖乡人民政府"))
        self.assertTrue(self.fig.sections["6"].endswith("本年度没有产生信息公开处理费。"))

    def test_it_has_no_error_or_unread_finding(self):
        bad = {Severity.ERROR, Severity.UNREAD}
        self.assertEqual([f for f in self.fig.findings if f.severity in bad], [])

    def test_it_passes_the_checks(self):
        from gongkai.reportengine.checks import check

        bad = {Severity.ERROR, Severity.UNREAD}
        self.assertEqual([f for f in check(self.fig) if f.severity in bad], [])


class SamplesTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.figs = {name: sample(name) for name in PDFS}

    def test_it_reads_every_cell_as_hand_read(self):
        for name in PDFS:
            fig, exp = self.figs[name], expected(name)
            with self.subTest(name):
                self.assertEqual(fig.table2, exp["table2"])
                self.assertEqual(fig.table4, exp["table4"])
                for rid, row in exp["table3"].items():
                    self.assertEqual(fig.table3[rid], row, f"{name} row {rid}")
                extra = set(fig.table3) - set(exp["table3"])
                # The single printed （六） row of the 洪泽区 reports is kept as "3.6".
                self.assertEqual(extra, set() if name == "huaian-2024" else {"3.6"})

    def test_it_reads_template_year_and_body(self):
        for name in PDFS:
            fig, exp = self.figs[name], expected(name)
            with self.subTest(name):
                self.assertEqual(
                    (fig.template, fig.year, fig.body), (exp["template"], exp["year"], exp["body"])
                )
                self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])

    def test_it_explains_the_single_row_six_of_the_hongze_reports(self):
        for name in ("hongze-2023", "hongze-2024"):
            fig = self.figs[name]
            with self.subTest(name):
                self.assertEqual(fig.table3["3.6"], [0] * 7)
                for rid in ("3.6.1", "3.6.2", "3.6.3"):
                    codes = [
                        (f.code, f.severity) for f in fig.findings if f.where == f"table3.{rid}"
                    ]
                    self.assertEqual(codes, [("P012", Severity.WARNING)])

    def test_it_reads_huaian_without_any_table_finding(self):
        fig = self.figs["huaian-2024"]
        self.assertEqual([f for f in fig.findings if f.where.startswith("table")], [])
        self.assertIsNone(fig.published_on)  # the PDF carries no date
        self.assertEqual([f.code for f in fig.findings], ["P022"])

    def test_the_checks_flag_the_known_table_errors(self):
        from gongkai.reportengine.checks import check

        for name in PDFS:
            wheres = {f.where for f in check(self.figs[name]) if f.severity == Severity.ERROR}
            for known in expected(name)["known_errors"]:
                if known["where"].startswith("table4"):
                    with self.subTest(name, where=known["where"]):
                        self.assertIn(known["where"], wheres)
        self.assertEqual(
            [f for f in check(self.figs["huaian-2024"]) if f.severity == Severity.ERROR], []
        )


if __name__ == "__main__":  # pragma: no cover
    unittest.main()

"""Plain text → lines, and whole text reports through the assembler."""

from __future__ import annotations

import unittest
from datetime import date
from pathlib import Path

from gongkai.reportengine.parsing.assemble import parse_text
from gongkai.reportengine.parsing.text import text_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class TextLinesTestCase(unittest.TestCase):
    def test_it_reads_the_cell_per_line_scrape(self):
        lines = text_lines("规章 |\n0 |\n||\n|||\n  \n行政许可 |\n")
        self.assertEqual(
            [(ln.text, ln.cells) for ln in lines], [("规章", None), ("0", None), ("行政许可", None)]
        )

    def test_it_splits_rows_with_separators_into_cells(self):
        (line,) = text_lines("| 规章 | 1 |  | 11 |")
        self.assertEqual(line.cells, ["规章", "1", "", "11"])
        self.assertEqual(line.text, "规章 1 11")

    def test_it_skips_markdown_rules_and_keeps_plain_lines(self):
        lines = text_lines("一、总体情况\n|---|:---:|\n本年度共受理申请5件。")
        self.assertEqual([ln.text for ln in lines], ["一、总体情况", "本年度共受理申请5件。"])
        self.assertTrue(all(ln.cells is None for ln in lines))


class TextReportsTestCase(unittest.TestCase):
    def test_it_reads_a_crawled_report_whose_cells_run_together(self):
        fig = parse_text((FIXTURES / "text_runtogether_2023.txt").read_text(encoding="utf-8"))
        self.assertEqual((fig.template, fig.year, fig.body), ("2021", 2023, "某某县自然资源局"))
        self.assertEqual(fig.published_on, date(2024, 1, 25))
        self.assertEqual(fig.table3["1"], [217, 1, 0, 0, 0, 0, 218])
        self.assertEqual(fig.table3["3.1"], [120, 1, 0, 0, 0, 0, 121])
        # 21210000213 also cuts as 2|1|210|0|0|0|213: the column rules choose.
        self.assertEqual(fig.table3["3.7"], [212, 1, 0, 0, 0, 0, 213])
        self.assertEqual(fig.table3["4"], [10, 0, 0, 0, 0, 0, 10])
        self.assertEqual(fig.table4, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3])
        self.assertEqual(fig.table2["rules"], [0, 0, 0])
        self.assertEqual(fig.table2["licensing"], 550)
        self.assertEqual(fig.table2["normative_documents"], [None, None, None])
        self.assertEqual(
            [(f.code, f.where) for f in fig.findings], [("P014", "table2.normative_documents")]
        )

    def test_it_reads_a_whole_table_crawled_onto_one_line(self):
        text = (FIXTURES / "text_runtogether_2023.txt").read_text(encoding="utf-8")
        reference = parse_text(text).table3
        a, b = text.index("一、本年新收"), text.index("四、政府信息公开行政复议")
        for sep in ("", " "):
            with self.subTest(sep=sep):
                joined = text[:a] + text[a:b].replace("\n", sep) + "\n" + text[b:]
                fig = parse_text(joined)
                self.assertEqual(fig.table3, reference)
                self.assertEqual(fig.table3["3.3.2"], [2, 0, 0, 0, 0, 0, 2])
                self.assertFalse([f for f in fig.findings if f.where.startswith("table3")])

    def test_it_reads_a_2019_report_with_page_furniture(self):
        fig = parse_text((FIXTURES / "text_plain_2020.txt").read_text(encoding="utf-8"))
        self.assertEqual((fig.template, fig.year, fig.body), ("2019", 2020, "某某市财政局"))
        self.assertEqual(fig.published_on, date(2021, 1, 28))
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertEqual(fig.table3["1"], [1205, 3, 0, 0, 2, 0, 1210])
        self.assertEqual(fig.table3["3.3.8"], [20, 0, 0, 0, 0, 0, 20])  # after a page break
        self.assertEqual(fig.table3["3.6"], [40, 0, 0, 0, 0, 0, 40])
        self.assertEqual(fig.table3["3.7"], [1179, 3, 0, 0, 2, 0, 1184])
        self.assertEqual(fig.table3["4"], [38, 0, 0, 0, 0, 0, 38])
        self.assertEqual(fig.table4, [3, 1, 0, 1, 5, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0])
        self.assertEqual(
            fig.table2,
            {
                "rules": [0, 0, 0],
                "normative_documents": [12, 12, 85],
                "licensing": [120, 5, 1530],
                "other_services": [30, -2, 210],
                "penalty": [45, 0, 3210],
                "coercion": [8, 0, 56],
                "fees": [6, -1],
                "procurement": [25, 1234.5],
            },
        )
        self.assertEqual(fig.findings, [])

    def test_it_reads_markdown_looking_text_without_breaking(self):
        text = (FIXTURES / "text_plain_2020.txt").read_text(encoding="utf-8")
        text = text.replace("规章 0 0 0", "| 规章 | 0 | 0 | 0 |\n|---|---|---|---|")
        fig = parse_text(text)
        self.assertEqual(fig.table2["rules"], [0, 0, 0])


if __name__ == "__main__":  # pragma: no cover
    unittest.main()

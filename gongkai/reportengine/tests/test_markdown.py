"""Markdown reader: pipe tables, headings, paragraphs (issue 3 item 3)."""

from __future__ import annotations

import unittest
from pathlib import Path

from gongkai.reportengine.parsing.markdown import looks_like_markdown, markdown_lines
from gongkai.reportengine.tests.shared import SEED

FIXTURES = Path(__file__).parent / "fixtures"

REPORT = """# 某县2023年政府信息公开工作年度报告

发布时间：2024-01-19

## 一、总体情况

**2023年**，本机关共收到政府信息公开申请[21件](http://example.org)。

## 二、主动公开政府信息情况

| 第二十条第（一）项 | | | |
|:---|---:|:---:|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 1 | 2 |
| 行政规范性文件 | 3 | 4 | 5 |
| 行政许可 | 1,234 | | |
"""


class MarkdownTestCase(unittest.TestCase):
    def setUp(self):
        self.lines = markdown_lines(REPORT)

    def test_it_drops_heading_marks_and_keeps_paragraphs(self):
        texts = [line.text for line in self.lines if line.cells is None]
        self.assertEqual(
            texts,
            [
                "某县2023年政府信息公开工作年度报告",
                "发布时间：2024-01-19",
                "一、总体情况",
                "2023年，本机关共收到政府信息公开申请21件。",
                "二、主动公开政府信息情况",
            ],
        )

    def test_it_reads_pipe_rows_as_cells_and_drops_the_delimiter_row(self):
        rows = [line.cells for line in self.lines if line.cells is not None]
        self.assertEqual(
            rows,
            [
                ["第二十条第（一）项", "", "", ""],
                ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                ["规章", "0", "1", "2"],
                ["行政规范性文件", "3", "4", "5"],
                ["行政许可", "1,234", "", ""],
            ],
        )

    def test_it_joins_non_empty_cells_for_the_line_text(self):
        row = next(line for line in self.lines if line.cells and line.cells[0] == "规章")
        self.assertEqual(row.text, "规章 0 1 2")

    def test_it_keeps_an_escaped_bar_inside_a_cell(self):
        (line,) = markdown_lines("| a \\| b | 1 |")
        self.assertEqual(line.cells, ["a | b", "1"])

    def test_it_reads_rows_without_outer_bars(self):
        (line,) = markdown_lines("规章 | 0 | 1 | 2")
        self.assertEqual(line.cells, ["规章", "0", "1", "2"])

    def test_it_turns_br_in_cells_into_spaces(self):
        (line,) = markdown_lines("| （二）部分公开<br>（区分处理的） | 4 |")
        self.assertEqual(line.cells, ["（二）部分公开 （区分处理的）", "4"])

    def test_it_drops_setext_underlines(self):
        lines = markdown_lines("一、总体情况\n======\n正文")
        self.assertEqual([line.text for line in lines], ["一、总体情况", "正文"])


class MarkdownSniffTestCase(unittest.TestCase):
    def test_it_recognises_a_pipe_table_with_its_delimiter_row(self):
        self.assertTrue(looks_like_markdown(REPORT))
        self.assertTrue(looks_like_markdown("|a|b|\n|---|---|\n|1|2|"))

    def test_it_recognises_atx_headings(self):
        self.assertTrue(looks_like_markdown("# 标题\n\n## 一、总体情况\n正文"))

    def test_it_does_not_take_the_scraped_cell_text_for_markdown(self):
        text = "规章 |\n0 |\n0 |\n0 |\n|||\n一、总体情况\n"
        self.assertFalse(looks_like_markdown(text))

    def test_it_does_not_take_the_seed_for_markdown(self):
        self.assertFalse(looks_like_markdown(SEED.read_text(encoding="utf-8")))

    def test_it_reads_the_markdown_fixture_with_every_table_three_row(self):
        lines = markdown_lines((FIXTURES / "md_report_2024.md").read_text(encoding="utf-8"))
        rows = [
            line.cells for line in lines if line.cells and line.cells[0] == "三、本年度办理结果"
        ]
        self.assertEqual(len(rows), 22)
        self.assertTrue(all(len(row) == 10 for row in rows))

"""DOCX reader: document order, merged cells, the blank official template (issue 3 item 3)."""

from __future__ import annotations

import io
import unittest
import zipfile
from pathlib import Path

from gongkai.reportengine.figures import Figures
from gongkai.reportengine.parsing.docx import NotADocx, docx_lines
from gongkai.reportengine.render import Style, to_docx
from gongkai.reportengine.tests.shared import BLANK

FIXTURES = Path(__file__).parent / "fixtures"


class BlankTemplateTestCase(unittest.TestCase):
    def setUp(self):
        self.lines = docx_lines(BLANK.read_bytes())

    def index(self, text):
        return next(i for i, line in enumerate(self.lines) if line.text == text)

    def test_it_keeps_paragraphs_and_tables_in_document_order(self):
        heading_3 = self.index("三、收到和处理政府信息公开申请情况")
        heading_4 = self.index("四、政府信息公开行政复议、行政诉讼情况")
        first_row = next(
            i for i, line in enumerate(self.lines) if line.cells and "一、本年新收" in line.text
        )
        self.assertLess(self.index("二、主动公开政府信息情况"), self.index("第二十条第（一）项"))
        self.assertLess(heading_3, first_row)
        self.assertLess(first_row, heading_4)
        self.assertEqual(self.lines[-1].text, "（文字描述，收取信息处理费情况在此处报告。）")

    def test_it_repeats_vertically_merged_group_labels(self):
        rows = [line.cells for line in self.lines if line.cells]
        self.assertEqual(sum(1 for r in rows if r[0] == "三、本年度办理结果"), 22)
        self.assertEqual(sum(1 for r in rows if r[1:2] == ["（三）不予公开"]), 8)
        row = next(r for r in rows if "3.补正后申请内容仍不明确" in r)
        self.assertEqual(
            row, ["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"] + [""] * 7
        )

    def test_it_expands_horizontal_merges_onto_the_grid(self):
        rows = [line.cells for line in self.lines if line.cells]
        carry = next(r for r in rows if r[0] == "四、结转下年度继续办理")
        self.assertEqual(carry, ["四、结转下年度继续办理"] * 3 + [""] * 7)
        header = next(r for r in rows if "申请人情况" in r)
        self.assertEqual(header[3:], ["申请人情况"] * 7)
        licensing = next(r for r in rows if r[0] == "行政许可")
        self.assertEqual(licensing, ["行政许可", "", "", ""])

    def test_it_gives_every_row_of_a_table_the_same_width(self):
        rows = [line.cells for line in self.lines if line.cells]
        self.assertEqual({len(r) for r in rows}, {4, 10, 15})


class GeneratedDocxTestCase(unittest.TestCase):
    def test_it_reads_back_every_number_of_a_rendered_report(self):
        fig = Figures.zeros(year=2023, body="某县人民政府")
        fig.table3["3.5.5"] = [5, 4, 3, 2, 1, 0, 15]
        fig.table4 = list(range(15))
        rows = [line.cells for line in docx_lines(to_docx(fig)) if line.cells]
        row = next(r for r in rows if "5.要求行政机关确认或重新出具已获取信息" in r)
        self.assertEqual(row[:3], ["三、本年度办理结果", "（五）不予处理", row[2]])
        self.assertEqual(row[3:], ["5", "4", "3", "2", "1", "0", "15"])
        self.assertEqual(rows[-1], [str(i) for i in range(15)])

    def test_it_reads_a_label_variant_as_printed(self):
        style = Style(label=lambda t: "规范性文件" if t == "行政规范性文件" else t)
        lines = docx_lines(to_docx(Figures.zeros(year=2022), style))
        self.assertIn(["规范性文件", "0", "0", "0"], [line.cells for line in lines])

    def test_it_reads_the_2019_fixture_with_its_single_other_row(self):
        lines = docx_lines((FIXTURES / "docx_report_2019.docx").read_bytes())
        rows = [line.cells for line in lines if line.cells]
        self.assertEqual(sum(1 for r in rows if r[0] == "三、本年度办理结果"), 20)
        self.assertTrue(any(r[1] == "（六）其他处理" for r in rows if r[0] == "三、本年度办理结果"))
        self.assertTrue(any(r[0] == "政府集中采购" for r in rows))


class NotDocxTestCase(unittest.TestCase):
    def test_it_refuses_a_zip_without_a_word_document(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        with self.assertRaises(NotADocx):
            docx_lines(buffer.getvalue())

    def test_it_refuses_bytes_that_are_not_a_zip(self):
        with self.assertRaises(NotADocx):
            docx_lines(b"PK\x03\x04 truncated")

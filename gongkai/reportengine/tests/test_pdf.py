"""PDF → lines: the text layer in reading order, page numbers dropped, scans refused."""

from __future__ import annotations

import unittest
from pathlib import Path

from gongkai.reportengine.parsing import ReportUnreadable
from gongkai.reportengine.parsing.pdf import pdf_lines
from gongkai.reportengine.tests.shared import SAMPLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A valid one-page PDF with no content at all: what a scan without OCR looks like to us.
NO_TEXT_PDF = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


class PdfLinesTestCase(unittest.TestCase):
    def test_it_refuses_a_pdf_without_text_layer(self):
        with self.assertRaises(ReportUnreadable) as ctx:
            pdf_lines(NO_TEXT_PDF)
        self.assertEqual(str(ctx.exception), "PDF 没有文字层（可能是扫描件），无法读取文字")

    def test_it_refuses_a_broken_pdf_with_one_line(self):
        with self.assertRaises(ReportUnreadable) as ctx:
            pdf_lines(b"%PDF-1.4 this is not a pdf")
        self.assertTrue(str(ctx.exception).startswith("无法打开PDF文件"))
        self.assertNotIn("\n", str(ctx.exception))

    def test_it_gives_lines_with_pages_and_without_page_numbers(self):
        lines = pdf_lines((SAMPLES / "huaian-2024.pdf").read_bytes())
        self.assertEqual(lines[0].text, "淮安市人民政府")
        self.assertEqual(lines[0].page, 1)
        self.assertEqual(lines[-1].page, 6)
        self.assertFalse(any(line.text.strip() in {"- 1 -", "- 4 -", "- 6 -"} for line in lines))
        row = next(line for line in lines if line.text.startswith("一、本年新收"))
        self.assertEqual(row.text, "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119")
        self.assertEqual(row.page, 4)


class PdfReportTestCase(unittest.TestCase):
    def test_it_reads_a_pdf_with_wrapped_labels_and_spanning_group_cells(self):
        # Rendered by WeasyPrint from an HTML table (rowspan group labels, a vertical
        # 三、本年度办理结果 cell, values centred against labels wrapped over 2–3 lines).
        from datetime import date

        from gongkai.reportengine.parsing.assemble import assemble
        from gongkai.reportengine.tests.reportbuilder import TABLE2_2021, TABLE4, TRUTH_2021

        fig = assemble(pdf_lines((FIXTURES / "pdf_wrapped_labels_2022.pdf").read_bytes()))
        self.assertEqual(fig.table3, TRUTH_2021)
        self.assertEqual(fig.table2, TABLE2_2021)
        self.assertEqual(fig.table4, TABLE4)
        self.assertEqual((fig.body, fig.year, fig.template), ("某某市生态环境局", 2022, "2021"))
        self.assertEqual(fig.published_on, date(2023, 1, 18))
        self.assertEqual(fig.findings, [])


class ExtractorsTestCase(unittest.TestCase):
    """PDFium (the default, fast) and pdfplumber (the fallback) read the same figures."""

    def test_both_extractors_read_identical_figures_from_every_pdf_fixture(self):
        from gongkai.reportengine.checks import analyse
        from gongkai.reportengine.parsing.assemble import assemble
        from gongkai.reportengine.parsing.pdf import pdfium_lines, plumber_lines

        paths = [SAMPLES / f"{name}.pdf" for name in ("huaian-2024", "hongze-2023", "hongze-2024")]
        paths.append(FIXTURES / "pdf_wrapped_labels_2022.pdf")
        for path in paths:
            data = path.read_bytes()
            fast = analyse(assemble(pdfium_lines(data))).to_dict()
            slow = analyse(assemble(plumber_lines(data))).to_dict()
            with self.subTest(pdf=path.name):
                for key in ("table2", "table3", "table4", "year", "body", "published_on"):
                    self.assertEqual(fast[key], slow[key], key)
                self.assertEqual(fast["section_order"], slow["section_order"])
                self.assertEqual(
                    [(f["code"], f["where"]) for f in fast["findings"]],
                    [(f["code"], f["where"]) for f in slow["findings"]],
                )

    def test_it_reads_with_pdfium_and_keeps_pdfplumber_only_where_it_reads_more(self):
        from unittest import mock

        from gongkai.reportengine.parsing import pdf

        data = (FIXTURES / "pdf_wrapped_labels_2022.pdf").read_bytes()
        with mock.patch.object(pdf, "plumber_lines", side_effect=AssertionError) as slow:
            lines = pdf.pdf_lines(data)  # every cell read: pdfplumber is never called
        slow.assert_not_called()
        self.assertEqual(lines[0].page, 1)
        damaged = pdf.pdfium_lines(data)
        del damaged[next(i for i, ln in enumerate(damaged) if "予以公开" in ln.text)]
        with (
            mock.patch.object(pdf, "pdfium_lines", return_value=damaged),
            mock.patch.object(pdf, "plumber_lines", wraps=pdf.plumber_lines) as slow,
        ):
            lines = pdf.pdf_lines(data)
        slow.assert_called_once()
        self.assertTrue(any("予以公开" in ln.text for ln in lines))  # pdfplumber's, complete


if __name__ == "__main__":  # pragma: no cover
    unittest.main()

"""Every export of a report, read back by the engine's parser, gives the same figures."""

from __future__ import annotations

import io
import random
from datetime import date

from django.test import SimpleTestCase, override_settings

from gongkai.reportengine.corpus import random_figures
from gongkai.reportengine.figures import TEMPLATE_2019, Figures, Severity, outcome_row_ids
from gongkai.reportengine.parsing import parse_report
from gongkai.reportengine.tests.shared import SEED
from gongkai.reports import export


def seed_figures() -> Figures:
    """The seed report (和田县吾宗肖乡 2023) with its sections; its tables speak for 二–四."""
    fig = parse_report(SEED)
    fig.sections.update({"2": "", "3": "", "4": ""})  # the parser keeps the scraped cells there
    fig.findings = []
    return fig


def busy_figures(year: int = 2024) -> Figures:
    """A consistent year with a non-zero value in every row of 三 and every cell of 四."""
    fig = random_figures(random.Random(year), year=year)
    outcomes = outcome_row_ids(fig.template)
    for c in range(6):
        for i, rid in enumerate(outcomes):
            fig.table3[rid][c] = (i + c) % 5 + 1
        fig.table3["3.7"][c] = sum(fig.table3[rid][c] for rid in outcomes)
        fig.table3["2"][c] = c + 1
        fig.table3["4"][c] = c + 2
        fig.table3["1"][c] = fig.table3["3.7"][c] + 1  # R1 + R2 = R3.7 + R4
    for row in fig.table3.values():
        row[6] = sum(row[:6])
    fig.table4 = [v for g in range(3) for v in (g + 1, g + 2, 1, 2, 2 * g + 6)]
    return fig


def old_figures() -> Figures:
    fig = random_figures(random.Random(7), year=2020)
    assert fig.template == TEMPLATE_2019
    fig.published_on = date(2021, 1, 25)
    return fig


FORMS = {
    "html": lambda fig: export.to_html(fig).encode("utf-8"),
    "text": lambda fig: export.to_text(fig).encode("utf-8"),
    "docx": export.to_docx,
    "pdf": export.to_pdf,
    "xlsx": export.to_xlsx,
}


class ExportRoundTripTestCase(SimpleTestCase):
    def assertSameFigures(self, parsed: Figures, fig: Figures, form: str):  # noqa: N802
        for key in ("template", "year", "body", "published_on", "table2", "table3", "table4"):
            self.assertEqual(getattr(parsed, key), getattr(fig, key), f"{form}: {key}")
        if form != "xlsx":  # the workbook holds the tables only, not sections 一, 五, 六
            self.assertEqual(parsed.section_order, fig.section_order, form)
        bad = [f for f in parsed.findings if f.severity in (Severity.ERROR, Severity.UNREAD)]
        self.assertEqual(bad, [], form)

    def test_it_reads_back_every_form_of_the_seed_a_busy_year_and_a_2019_template_year(self):
        for name, fig in (
            ("seed", seed_figures()),
            ("busy", busy_figures()),
            ("2019", old_figures()),
        ):
            for form, write in FORMS.items():
                with self.subTest(report=name, form=form):
                    self.assertSameFigures(parse_report(write(fig), name=form), fig, form)

    def test_it_reads_back_the_json_with_its_findings(self):
        fig = busy_figures()
        fig.add("R131", Severity.WARNING, "table3", "示例")
        again = Figures.from_json(export.to_json(fig))
        self.assertEqual(again.to_dict(), fig.to_dict())

    def test_it_keeps_the_seed_sentences_in_the_pdf_and_docx(self):
        fig = seed_figures()
        for form in ("pdf", "docx"):
            parsed = parse_report(FORMS[form](fig), name=form)
            self.assertIn("本年度没有产生信息公开处理费", parsed.sections["6"], form)


class DocxLayoutTestCase(SimpleTestCase):
    def test_it_lays_out_a4_with_the_gb_t_9704_margins_and_faces(self):
        from docx import Document
        from docx.shared import Pt

        doc = Document(io.BytesIO(export.to_docx(seed_figures())))
        section = doc.sections[0]
        mm = [
            round(length.mm)
            for length in (
                section.page_width,
                section.page_height,
                section.top_margin,
                section.bottom_margin,
                section.left_margin,
                section.right_margin,
            )
        ]
        self.assertEqual(mm, [210, 297, 37, 35, 28, 26])
        title = doc.paragraphs[0]
        self.assertEqual(title.text, "和田县吾宗肖乡人民政府\n2023年政府信息公开工作年度报告")
        self.assertEqual(title.runs[0].font.name, "Noto Serif CJK SC")
        self.assertEqual(title.runs[0].font.size, Pt(22))
        body = next(p for p in doc.paragraphs if p.text.startswith("2023年度以来"))
        self.assertEqual(
            (body.runs[0].font.name, body.runs[0].font.size), ("AR PL UMing CN", Pt(16))
        )
        # Every table's grid adds up to the 156 mm text width, so it fits the page.
        for table in doc.tables:
            widths = [
                int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
                for c in table._tbl.tblGrid
            ]
            self.assertAlmostEqual(sum(widths) / 56.69, 156, delta=1)

    @override_settings(
        GONGKAI_REPORT_FONTS={
            "title": "方正小标宋简体",
            "body": "仿宋_GB2312",
            "heading": "黑体",
            "subheading": "楷体",
        }
    )
    def test_it_names_the_faces_of_the_setting(self):
        from docx import Document

        doc = Document(io.BytesIO(export.to_docx(seed_figures())))
        self.assertEqual(doc.paragraphs[0].runs[0].font.name, "方正小标宋简体")
        self.assertIn('w:eastAsia="仿宋_GB2312"', doc.element.xml)


class PdfLayoutTestCase(SimpleTestCase):
    def test_it_prints_a4_pages_numbered_in_the_gongwen_way(self):
        import pdfplumber

        with pdfplumber.open(io.BytesIO(export.to_pdf(seed_figures()))) as pdf:
            page = pdf.pages[0]
            self.assertEqual((round(page.width), round(page.height)), (595, 842))  # A4 in pt
            self.assertIn("— 1 —", page.extract_text())
            fonts = {c["fontname"].split("+")[-1] for c in page.chars}
        self.assertTrue(any("Noto" in f or "UMing" in f for f in fonts), fonts)

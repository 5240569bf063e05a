"""Server-side SVG charts: no script, a title and the same numbers as a table; in the PDF."""

import io
from datetime import date

from gongkai.reportengine.parsing import parse_report
from gongkai.reports import charts, export
from gongkai.reports.compute import report_figures
from gongkai.test import BaseTestCase, bulk_applications


class ChartsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(
            cls.agency_a,
            [
                ("natural", date(2024, 5, 1), date(2024, 5, 9), "3.1"),
                ("natural", date(2025, 5, 1), date(2025, 5, 9), "3.2"),
                ("business", date(2025, 6, 1), date(2025, 6, 9), "3.3.1"),
                ("business", date(2025, 7, 1), date(2025, 7, 9), "3.3.8"),
            ],
        )

    def test_it_draws_the_outcome_mix_and_the_years_with_text_alternatives(self):
        fig = report_figures(self.agency_a, 2025)
        (mix,) = [c for c in charts.report_charts(self.agency_a, fig) if c.kind == "mix"]
        self.assertEqual(
            mix.rows,
            [
                ["予以公开", 0],
                ["部分公开", 1],
                ["不予公开", 2],
                ["无法提供", 0],
                ["不予处理", 0],
                ["其他处理", 0],
            ],
        )
        self.assertNotIn("<script", mix.svg)
        self.assertIn("2025年办理结果构成（件）", mix.svg)
        history = charts.history(self.agency_a, 2025)
        self.assertEqual(history.rows[-2:], [["2024", 1, 1, 0], ["2025", 3, 3, 0]])
        self.assertEqual(history.headers, ["年度", "本年新收", "本年办结", "结转下年"])

    def test_it_puts_the_charts_into_the_pdf_and_the_tables_still_read_back(self):
        import pdfplumber

        fig = report_figures(self.agency_a, 2025)
        items = charts.report_charts(self.agency_a, fig)
        for chart in items:
            chart.src = chart.data_uri()
        pdf = export.to_pdf(fig, charts=items)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            text = "".join(page.extract_text() or "" for page in doc.pages)
            images = sum(len(page.images) for page in doc.pages)
            curves = sum(len(page.curves) + len(page.rects) for page in doc.pages)
        self.assertIn("办理结果构成", text)  # the SVG is drawn as vectors with its text
        self.assertGreater(images + curves, 10)
        self.assertEqual(parse_report(pdf, name="r.pdf").table3, fig.table3)

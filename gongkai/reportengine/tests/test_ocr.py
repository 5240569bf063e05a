"""Scans read by OCR: every number kept is confirmed by the tables' arithmetic.

The fixtures are pages 3–4 of the 洪泽区 2024 sample (tables 二's end, 三 and 四) rasterised
at 200 dpi into an image-only PDF (``scan_hongze_2024_p3-4.pdf``) and page 4 alone as a PNG
(``scan_hongze_2024_p4.png``), as a scanner or a phone gives them.
"""

from __future__ import annotations

import json
import unittest
from pathlib import Path
from unittest import mock

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.figures import Figures, Severity
from gongkai.reportengine.parsing import ReportUnreadable, parse_report
from gongkai.reportengine.parsing.confirm import confirm_ocr
from gongkai.reportengine.tests.shared import SAMPLES
from gongkai.reportengine.tests.test_property import cells, covered

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCAN_PDF = FIXTURES / "scan_hongze_2024_p3-4.pdf"
SCAN_PNG = FIXTURES / "scan_hongze_2024_p4.png"
READ: dict[str, Figures] = {}


def read(path: Path) -> Figures:
    if path.name not in READ:
        READ[path.name] = analyse(parse_report(path))
    return READ[path.name]


def expected_cells() -> dict[str, object]:
    truth = Figures.from_json((SAMPLES / "hongze-2024.expected.json").read_text("utf-8"))
    return dict(cells(truth))


class ScanTestCase(unittest.TestCase):
    def assert_confirmed_or_flagged(self, fig: Figures) -> int:
        truth = expected_cells()
        read_right = 0
        for where, value in cells(fig):
            if value is None:
                self.assertTrue(covered(where, fig.findings), f"{where}: None without finding")
            elif where in truth:
                self.assertEqual(value, truth[where], where)
                read_right += 1
        self.assertEqual([f for f in fig.findings if f.severity == Severity.ERROR], [])
        return read_right

    def test_it_reads_a_scanned_pdf_by_ocr_keeping_only_confirmed_numbers(self):
        fig = read(SCAN_PDF)
        self.assertTrue(fig.read_by_ocr)
        self.assertTrue(json.loads(fig.to_json())["read_by_ocr"])
        notice = [f for f in fig.findings if f.code == "P031"]
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice[0].where, "meta.read_by_ocr")
        self.assertGreaterEqual(self.assert_confirmed_or_flagged(fig), 50)
        # Table 二 has no arithmetic: nothing OCR read there is used.
        self.assertTrue(all(v is None for _, v in cells(fig) if _.startswith("table2")))
        # A missing row on a scan is ours to read, not the report's defect.
        self.assertFalse(any(f.code == "P011" and f.severity == "warning" for f in fig.findings))

    def test_it_reads_an_image_of_a_report(self):
        fig = read(SCAN_PNG)
        self.assertTrue(fig.read_by_ocr)
        self.assertGreaterEqual(self.assert_confirmed_or_flagged(fig), 42)

    def test_it_refuses_an_image_when_ocr_is_not_installed(self):
        with mock.patch("gongkai.reportengine.parsing.ocr.ocr_available", return_value=False):
            with self.assertRaises(ReportUnreadable) as caught:
                parse_report(SCAN_PNG.read_bytes())
        self.assertIn("文字识别", str(caught.exception))


class ConfirmTestCase(unittest.TestCase):
    def test_it_nulls_a_number_the_arithmetic_does_not_confirm(self):
        fig = Figures.zeros(year=2024)
        fig.table3["1"] = [5, 0, 0, 0, 0, 0, 5]
        fig.table3["3.1"] = [5, 0, 0, 0, 0, 0, 5]
        fig.table3["3.7"] = [5, 0, 0, 0, 0, 0, 5]
        fig.table3["3.3.1"] = [0, 0, 0, 8, 0, 0, 0]  # OCR read 8 for 0: the row does not add up
        fig.table4 = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        fig.table2["licensing"] = 12
        confirm_ocr(fig)
        self.assertEqual(fig.table3["1"], [5, 0, 0, 0, 0, 0, 5])
        # Row 3.3.1 and column 3 fail; the one number neither vouches for is the 8.
        self.assertEqual(fig.table3["3.3.1"], [0, 0, 0, None, 0, 0, 0])
        self.assertEqual(fig.table3["3.7"], [5, 0, 0, 0, 0, 0, 5])  # vouched for by 一+二=七+四
        self.assertEqual(fig.table4[:5], [1, 0, 0, 0, 1])
        self.assertIsNone(fig.table2["licensing"])
        wheres = {f.where for f in fig.findings if f.code == "P030"}
        self.assertIn("table3.3.3.1[3]", wheres)
        self.assertIn("table2.licensing", wheres)
        self.assertEqual(analyse(fig).has_errors, False)

    def test_it_keeps_nothing_of_a_failing_relation_whose_numbers_all_look_sound(self):
        # 1 0 0 0 0 0 1 misread as 7 0 0 0 0 0 7: the row holds, but columns 0 and 6 fail and
        # every number in them is vouched for by its row: none can be trusted.
        fig = Figures.zeros(year=2024)
        fig.table3["3.1"] = [1, 0, 0, 0, 0, 0, 1]
        fig.table3["3.2"] = [7, 0, 0, 0, 0, 0, 7]
        fig.table3["3.7"] = [2, 0, 0, 0, 0, 0, 2]
        fig.table3["1"] = [2, 0, 0, 0, 0, 0, 2]
        confirm_ocr(fig)
        self.assertEqual(fig.table3["3.2"], [None, 0, 0, 0, 0, 0, None])
        self.assertEqual(fig.table3["3.1"], [None, 0, 0, 0, 0, 0, None])
        self.assertFalse(analyse(fig).has_errors)

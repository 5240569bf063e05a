"""Markdown from PDF converters, with the tables shattered as converters shatter them.

The 淮安市 2024 report's hand-read figures (samples/huaian-2024.expected.json) are written as
a converter's Markdown: spans collapsed, then each defect of docs/report-parsing.md ("PDF
conversions") applied. Every cell must read as the publication prints it, or be None with a
finding — never another number — and no error may appear (the report has none).
"""

from __future__ import annotations

import re
import unittest
from pathlib import Path

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.figures import Figures, Severity
from gongkai.reportengine.parsing import parse_report
from gongkai.reportengine.render import to_markdown
from gongkai.reportengine.tests.shared import SAMPLES
from gongkai.reportengine.tests.test_property import cells, covered

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRUTH = Figures.from_json((SAMPLES / "huaian-2024.expected.json").read_text("utf-8"))
HEADER3 = (
    "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
)


def _collapse(line: str) -> str:
    """A converter's row: a span's repeated label cell printed once."""
    if not line.startswith("|") or line.startswith("|---"):
        return line
    out: list[str] = []
    for cell in (c.strip() for c in line.strip("|").split("|")):
        if not out or cell != out[-1] or re.fullmatch(r"[\d.]+", cell):
            out.append(cell)
    return "| " + " | ".join(out) + " |"


BASE = [_collapse(line) for line in to_markdown(TRUTH).splitlines()]


def at(text: str) -> int:
    return next(n for n, line in enumerate(BASE) if text in line)


def variant(name: str) -> list[str]:
    lines = list(BASE)
    if name == "footer and header repeated after a page break":
        i = at("1.本机关不掌握")
        return lines[:i] + ["— 5 —", HEADER3, "|---|---|---|---|---|---|---|---|"] + lines[i:]
    if name == "table 四 as three sub-tables":
        j = at("| 72 |")
        values = lines[j].strip("|").split("|")
        parts: list[str] = []
        for g, title in enumerate(("行政复议", "行政诉讼 未经复议直接起诉", "行政诉讼 复议后起诉")):
            parts += [f"| {title} | | | | |", "|---|---|---|---|---|"]
            parts += ["| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"]
            parts += ["|" + "|".join(values[g * 5 : g * 5 + 5]) + "|"]
        return lines[: at("| 行政复议")] + parts + lines[j + 1 :]
    if name == "values orphaned from their label":
        i = at("一、本年新收")
        label, *values = lines[i].strip("| ").split(" | ")
        return (
            lines[:i]
            + [f"| {label} |" + " |" * 7, "| | " + " | ".join(values) + " |"]
            + lines[i + 1 :]
        )
    if name == "labels split across cells":
        return [
            line.replace("| 申请人情况 |", "| 申请人情 | 况 |").replace(
                "| 2.没有现成信息需要另行制作 |", "| 2.没有现成信息需要 | 另行制作 |"
            )
            for line in lines
        ]
    if name == "a row's third cell on the next line":
        i = at("| 规章 |")
        return lines[:i] + ["| 规章 | 1 | 0 |", "| 11 |"] + lines[i + 1 :]
    if name == "labels of the last rows lost":
        for text in ("（七）总计", "四、结转下年度"):
            i = at(text)
            lines[i] = (
                "| " + " | ".join(c.strip() for c in lines[i].strip("|").split("|")[-7:]) + " |"
            )
        return lines
    if name == "a wrong header over the last rows":
        i = at("（七）总计")
        return (
            lines[:i]
            + ["| 行政复议 | 行政诉讼 | | | | | | |", "|---|---|---|---|---|---|---|---|"]
            + lines[i:]
        )
    raise ValueError(name)


VARIANTS = (
    "footer and header repeated after a page break",
    "table 四 as three sub-tables",
    "values orphaned from their label",
    "labels split across cells",
    "a row's third cell on the next line",
    "labels of the last rows lost",
    "a wrong header over the last rows",
)


def read(lines: list[str]) -> Figures:
    return analyse(parse_report("\n".join(lines).encode("utf-8"), name="converted.md"))


class ConvertedMarkdownTestCase(unittest.TestCase):
    def test_every_shattered_table_reads_every_cell(self):
        truth = dict(cells(TRUTH))
        for name in VARIANTS:
            fig = read(variant(name))
            with self.subTest(variant=name):
                self.assertEqual(dict(cells(fig)), truth)
                self.assertFalse(fig.has_errors)

    def test_two_rows_merged_into_one_leave_the_first_unread_never_the_next_rows_numbers(self):
        lines = list(BASE)
        i = at("3.要求提供公开出版物")
        merged = lines[i].rstrip(" |") + " " + lines[i + 1].strip("| ").replace(" | ", " ") + " |"
        fig = read([*lines[:i], merged, *lines[i + 2 :]])
        self.assertEqual(fig.table3["3.5.3"], [None] * 7)
        self.assertEqual(fig.table3["3.5.4"], TRUTH.table3["3.5.4"])
        finding = next(f for f in fig.findings if f.where == "table3.3.5.3")
        self.assertEqual((finding.code, finding.severity), ("P013", Severity.UNREAD))
        self.assertFalse(fig.has_errors)

    def test_values_that_the_order_places_but_the_arithmetic_refutes_stay_unread(self):
        lines = variant("labels of the last rows lost")
        i = next(n for n, line in enumerate(lines) if "3050" in line)  # （七）总计, unlabelled
        lines[i] = lines[i].replace("2932", "2933").replace("3050", "3051")
        fig = read(lines)
        self.assertEqual(fig.table3["3.7"], [None] * 7)
        self.assertEqual(fig.table3["4"], [None] * 7)
        for where, value in cells(fig):
            if value is None:
                self.assertTrue(covered(where, fig.findings), where)
        self.assertFalse(fig.has_errors)


class PdftotextTestCase(unittest.TestCase):
    """Text extracted from the sample PDFs by poppler's pdftotext (-layout, and raw)."""

    def test_layout_text_reads_every_cell_and_the_published_errors(self):
        fig = analyse(parse_report(FIXTURES / "pdftotext_layout_hongze_2023.txt"))
        truth = Figures.from_json((SAMPLES / "hongze-2023.expected.json").read_text("utf-8"))
        got = dict(cells(fig))
        self.assertEqual({k: got[k] for k, _ in cells(truth)}, dict(cells(truth)))
        errors = sorted(f.where for f in fig.findings if f.severity == Severity.ERROR)
        self.assertEqual(errors, ["table4[14]", "table4[4]"])  # the report's own R111s

    def test_raw_text_in_column_order_gives_no_wrong_number_and_no_error(self):
        fig = analyse(parse_report(FIXTURES / "pdftotext_raw_huaian_2024.txt"))
        truth = dict(cells(TRUTH))
        for where, value in cells(fig):
            if value is None:
                self.assertTrue(covered(where, fig.findings), where)
            else:
                self.assertEqual(value, truth[where], where)
        self.assertEqual(fig.table4, [None] * 15)  # header words between the numbers
        p016 = next(f for f in fig.findings if f.where == "table4")
        self.assertEqual((p016.code, p016.severity), ("P016", Severity.UNREAD))
        self.assertFalse(fig.has_errors)

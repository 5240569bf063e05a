"""Renderers: the official layout, and render → parse giving the same figures (issue 3)."""

from __future__ import annotations

import io
import random
import re
import unittest
import zipfile
from datetime import date

from gongkai.reportengine.corpus import random_figures
from gongkai.reportengine.figures import TEMPLATE_2019, TEMPLATE_2021, Figures, Severity
from gongkai.reportengine.render import (
    Style,
    format_number,
    to_docx,
    to_html,
    to_markdown,
    to_text_cells,
    to_text_plain,
)
from gongkai.reportengine.tests.shared import BLANK, SEED

FORMS = {
    "html": lambda fig: to_html(fig).encode("utf-8"),
    "markdown": lambda fig: to_markdown(fig).encode("utf-8"),
    "text-cells": lambda fig: to_text_cells(fig).encode("utf-8"),
    "text-plain": lambda fig: to_text_plain(fig).encode("utf-8"),
    "docx": to_docx,
}


def td(page: str, text: str) -> str:
    """The opening tag of the cell holding ``text``."""
    match = re.search(r"<td[^>]*>" + re.escape(text) + "</td>", page)
    assert match, text
    return match.group(0)[: match.group(0).index(">") + 1]


class HtmlLayoutTestCase(unittest.TestCase):
    def test_it_prints_the_2021_table_three_spans_of_reference_3_4(self):
        page = to_html(Figures.zeros(year=2023))
        self.assertEqual(td(page, "三、本年度办理结果"), '<td rowspan="22">')
        self.assertEqual(td(page, "（三）不予公开"), '<td rowspan="8">')
        self.assertEqual(td(page, "（四）无法提供"), '<td rowspan="3">')
        self.assertEqual(td(page, "（五）不予处理"), '<td rowspan="5">')
        self.assertEqual(td(page, "（六）其他处理"), '<td rowspan="3">')
        self.assertEqual(td(page, "（七）总计"), '<td colspan="2">')
        self.assertEqual(td(page, "四、结转下年度继续办理"), '<td colspan="3">')
        self.assertIn(
            '<td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，'
            "等于第三项加第四项之和）</td>",
            page,
        )
        self.assertEqual(td(page, "申请人情况"), '<td colspan="7">')
        self.assertEqual(td(page, "法人或其他组织"), '<td colspan="5">')
        self.assertEqual(td(page, "自然人"), '<td rowspan="2">')

    def test_it_prints_the_2019_table_three_with_one_other_row(self):
        page = to_html(Figures.zeros(TEMPLATE_2019, year=2020))
        self.assertEqual(td(page, "三、本年度办理结果"), '<td rowspan="20">')
        self.assertEqual(td(page, "（六）其他处理"), '<td colspan="2">')
        self.assertIn("第二十条第（九）项", page)
        self.assertIn("<td>本年新制作数量</td>", page)
        self.assertIn("五、政府信息公开工作存在的主要问题及改进情况", page)

    def test_it_prints_table_four_with_its_group_spans(self):
        page = to_html(Figures.zeros(year=2023))
        self.assertEqual(td(page, "行政复议"), '<td colspan="5">')
        self.assertEqual(td(page, "行政诉讼"), '<td colspan="10">')
        self.assertEqual(td(page, "未经复议直接起诉"), '<td colspan="5">')

    def test_it_shrinks_the_group_spans_when_a_row_is_left_out(self):
        page = to_html(Figures.zeros(year=2023), Style(omit_rows=frozenset({"3.3.8"})))
        self.assertEqual(td(page, "三、本年度办理结果"), '<td rowspan="21">')
        self.assertEqual(td(page, "（三）不予公开"), '<td rowspan="7">')
        self.assertNotIn("8.属于行政查询事项", page)

    def test_it_prints_none_cells_blank(self):
        fig = Figures.zeros(year=2023)
        fig.table3["3.1"][2] = None
        row = re.search(r"<tr>.*?（一）予以公开.*?</tr>", to_html(fig)).group(0)
        self.assertEqual(re.findall(r"<td>([^<]*)</td>", row), ["0", "0", "", "0", "0", "0", "0"])


class NumberTestCase(unittest.TestCase):
    def test_it_prints_numbers_as_published(self):
        self.assertEqual(format_number(None), "")
        self.assertEqual(format_number(0), "0")
        self.assertEqual(format_number(7730.28), "7730.28")
        self.assertEqual(format_number(5.0), "5")
        self.assertEqual(format_number(3119), "3119")


class TextFormsTestCase(unittest.TestCase):
    def test_it_reproduces_the_seed_table_blocks_line_for_line(self):
        def norm(line):
            return re.sub(r"\s+", "", line).translate(str.maketrans("（）：，", "():,"))

        def block(lines, start, end):
            lines = [norm(x) for x in lines]
            i = next(k for k, x in enumerate(lines) if x.startswith(norm(start)))
            j = next(k for k, x in enumerate(lines) if k > i and x.startswith(norm(end)))
            return lines[i:j]

        seed = SEED.read_text(encoding="utf-8").splitlines()
        style = Style(label=lambda t: "规范性文件" if t == "行政规范性文件" else t)
        mine = to_text_cells(Figures.zeros(year=2023), style).splitlines()
        for start, end in (
            ("二、主动公开政府信息情况", "三、收到和处理"),
            ("三、收到和处理", "四、政府信息公开行政复议"),
            ("四、政府信息公开行政复议", "五、存在的主要问题"),
        ):
            self.assertEqual(block(mine, start, end), block(seed, start, end))

    def test_it_runs_cells_together_for_crawler_text(self):
        fig = Figures.zeros(year=2023)
        fig.table3["1"] = [217, 1, 0, 0, 0, 0, 218]
        text = to_text_plain(fig, Style(run_together=frozenset({"1"})))
        self.assertIn("一、本年新收政府信息公开申请数量21710000218\n", text)
        self.assertIn("二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n", text)


class DocxLayoutTestCase(unittest.TestCase):
    def test_it_writes_merged_cells_as_grid_spans_and_vertical_merges(self):
        data = to_docx(Figures.zeros(year=2023))
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        self.assertEqual(xml.count('<w:gridSpan w:val="7"/>'), 1)  # 申请人情况
        self.assertEqual(xml.count('<w:gridSpan w:val="10"/>'), 1)  # 行政诉讼
        # Vertical merges start at: the note, 自然人, 总计, 三、, （三）–（六）, 5 table-四 labels.
        self.assertEqual(xml.count('<w:vMerge w:val="restart"/>'), 13)


class RoundTripTestCase(unittest.TestCase):
    """render → parse_report gives the figures back, in every form and both templates."""

    def figures(self, template: str, seed: int) -> Figures:
        year = 2023 if template == TEMPLATE_2021 else 2020
        fig = random_figures(random.Random(seed), year=year)
        fig.published_on = date(year + 1, 1, 20)
        return fig

    def assertSameFigures(self, parsed: Figures, fig: Figures):  # noqa: N802
        self.assertEqual(parsed.template, fig.template)
        self.assertEqual(parsed.year, fig.year)
        self.assertEqual(parsed.body, fig.body)
        self.assertEqual(parsed.published_on, fig.published_on)
        self.assertEqual(parsed.section_order, fig.section_order)
        self.assertEqual(parsed.table2, fig.table2)
        self.assertEqual(parsed.table3, fig.table3)
        self.assertEqual(parsed.table4, fig.table4)
        bad = [f for f in parsed.findings if f.severity in (Severity.ERROR, Severity.UNREAD)]
        self.assertEqual(bad, [])

    def test_it_reads_back_every_form_of_both_templates(self):
        from gongkai.reportengine.parsing import parse_report

        for template in (TEMPLATE_2021, TEMPLATE_2019):
            for seed in (1, 2):
                fig = self.figures(template, seed)
                for form, render in FORMS.items():
                    with self.subTest(template=template, seed=seed, form=form):
                        self.assertSameFigures(parse_report(render(fig), name=form), fig)

    def test_it_rewrites_the_real_blank_docx_to_the_same_figures(self):
        from gongkai.reportengine.parsing import parse_report

        first = parse_report(BLANK)
        second = parse_report(to_docx(first), name="again.docx")
        self.assertEqual(second.template, first.template)
        self.assertEqual(second.table2, first.table2)
        self.assertEqual(second.table3, first.table3)
        self.assertEqual(second.table4, first.table4)

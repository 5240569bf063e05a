"""Flattened pages: the whole report on one line, cells run together (docs/report-parsing.md).

Every fixture is flattened two ways, as crawlers give pages: lines joined (cells of a row
keep their spaces) and lines joined with every space and cell separator stripped (a row's
cells become one run of digits). The reading must then be the same report: sections found,
every cell either what the report with line breaks gives, or None with a finding covering
it — never another number — and no error that the original reading does not have.
"""

from __future__ import annotations

import random
import unittest
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.corpus import (
    FORMS,
    SUFFIX,
    flatten,
    random_figures,
    reader_lines,
    render_sample,
    score,
)
from gongkai.reportengine.parsing import parse_report
from gongkai.reportengine.parsing.assemble import assemble
from gongkai.reportengine.parsing.document import Line
from gongkai.reportengine.parsing.numbers import norm
from gongkai.reportengine.parsing.relines import cut, is_flattened, reline
from gongkai.reportengine.tests.test_property import FAST, cells, covered, lines_of
from gongkai.reportengine.tests.test_samples import PDFS

FIXTURES = Path(__file__).parent / "fixtures"


def errors(fig) -> set[tuple[str, str]]:
    return {(f.code, f.where) for f in analyse(fig).findings if f.severity == "error"}


class CutTestCase(unittest.TestCase):
    def test_it_cuts_headings_tables_and_furniture_of_a_page_on_one_line(self):
        text = (
            "当前位置：首页 › 政务公开 › 政府信息公开年报某区人民政府2021年政府信息公开工作年度报告"
            "发布时间：2022-01-20来源：某区政府办公室微信 微博 QQ空间"
            "本报告由某区人民政府办公室编制。如对本报告有任何疑问，请与我们联系。"
            "一、总体情况2021年，我区坚持依法公开。"
            "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织商业企业科研机构"
            "社会公益组织法律服务机构其他总计一、本年新收政府信息公开申请数量640020470"
            "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开270020130"
        )
        pieces = cut(norm(text))
        self.assertIn("一、总体情况", pieces)
        self.assertIn("2021年,我区坚持依法公开。", pieces)
        self.assertIn("一、本年新收政府信息公开申请数量640020470", pieces)
        self.assertIn("二、上年结转政府信息公开申请数量0000000", pieces)
        self.assertIn("(一)予以公开270020130", pieces)
        self.assertIn("某区人民政府2021年政府信息公开工作年度报告", pieces)
        self.assertIn("发布时间:2022-01-20", pieces)
        self.assertIn("三、本年度办理结果", pieces)

    def test_it_keeps_an_ordinal_with_its_label_and_the_digits_with_the_row_above(self):
        pieces = cut(
            "(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
            "3.危及“三安全一稳定”1000001"
        )
        self.assertEqual(
            pieces,
            [
                "(三)不予公开",
                "1.属于国家秘密0000000",
                "2.其他法律行政法规禁止公开0000000",
                "3.危及“三安全一稳定”1000001",
            ],
        )

    def test_it_leaves_a_report_with_line_breaks_alone(self):
        lines = lines_of("seed")
        self.assertIs(reline(lines), lines)
        self.assertFalse(is_flattened("一、总体情况"))

    def test_it_reads_the_issue_example_rows_by_their_arithmetic(self):
        text = (
            "某县人民政府2023年政府信息公开工作年度报告一、总体情况本年依法公开。"
            "二、主动公开政府信息情况无。三、收到和处理政府信息公开申请情况"
            "一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000"
            "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果"
            "尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
            "结果维持结果纠正其他结果尚未审结总计10203120001200000"
            "五、存在的主要问题及改进情况无。六、其他需要报告的事项无。"
        )
        fig = parse_report(text.encode())
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertEqual(fig.table3["1"], [64, 0, 0, 2, 0, 4, 70])
        self.assertEqual(fig.table3["2"], [0] * 7)
        # The only cut of the 17 digits into three groups whose 总计 = the four parts.
        self.assertEqual(fig.table4, [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0])
        self.assertEqual(fig.body, "某县人民政府")
        self.assertEqual(fig.year, 2023)


class FlattenedFixturesTestCase(unittest.TestCase):
    def assert_same_report(self, name: str, lines: list[Line]) -> None:
        before = assemble(lines)
        want = dict(cells(before))
        for strip in (False, True):
            flat = flatten(lines, strip=strip)
            with self.subTest(doc=name, strip=strip):
                fig = parse_report(flat.encode())
                self.assertEqual(set(fig.section_order), set(before.section_order))
                for where, value in cells(fig):
                    if value is None:
                        self.assertTrue(covered(where, fig.findings), f"{where} None, no finding")
                    else:
                        self.assertEqual(value, want[where], where)
                self.assertLessEqual(errors(fig), errors(before))

    def test_the_seed_reads_exactly_as_with_line_breaks(self):
        lines = lines_of("seed")
        before = assemble(lines)
        for strip in (False, True):
            fig = parse_report(flatten(lines, strip=strip).encode())
            self.assertEqual(cells(fig), cells(before))
            self.assertEqual(fig.section_order, before.section_order)
            self.assertEqual((fig.body, fig.year), (before.body, before.year))
            self.assertEqual(errors(fig), set())

    def test_the_sample_pdfs_flattened_never_read_a_wrong_number(self):
        for doc in PDFS:
            self.assert_same_report(doc, lines_of(doc))

    def test_every_fixture_flattened_never_reads_a_wrong_number_nor_a_new_error(self):
        # The generated error fixtures too: their published errors stay errors, or become
        # unread, never another error (gen_err_negative's text counts 一 + 二 = 2 − 1).
        for path in sorted(FIXTURES.iterdir()):
            if path.suffix in (".txt", ".md", ".html", ".docx"):
                self.assert_same_report(path.name, reader_lines(path.read_bytes(), path.suffix))

    def test_the_hand_written_text_fixtures_flattened(self):
        for name in ("text_runtogether_2023.txt", "text_plain_2020.txt"):
            data = (FIXTURES / name).read_bytes()
            self.assert_same_report(name, reader_lines(data, ".txt"))


class GeneratedFlattenedTestCase(unittest.TestCase):
    def test_generated_reports_flattened_with_spaces_read_completely(self):
        # Every form, lines joined: the rows keep their spaces, so each cell is read.
        rng = random.Random(11)
        for n in range(4):
            for form in FORMS:
                sample = render_sample(random_figures(rng), form, rng, f"g{n}{SUFFIX[form]}")
                lines = reader_lines(sample.data, SUFFIX[form])
                fig = parse_report(flatten(lines).encode())
                got = score(fig, sample.truth, sample.name)
                with self.subTest(form=form, n=n):
                    self.assertEqual(got.wrong, 0, got.wrong_where)
                    self.assertEqual(got.none_without_finding, 0)
                    if form != "text-cells":  # one cell per line: joined, digits run together
                        self.assertEqual(got.correct, got.cells)
                    self.assertEqual(errors(fig), set())

    @FAST
    @given(st.integers(0, 2**32 - 1), st.sampled_from(FORMS), st.booleans())
    def test_it_never_reads_a_wrong_number_from_a_flattened_report(self, seed, form, strip):
        rng = random.Random(seed)
        sample = render_sample(random_figures(rng), form, rng, f"p{SUFFIX[form]}")
        lines = reader_lines(sample.data, SUFFIX[form])
        fig = parse_report(flatten(lines, strip=strip).encode())
        got = score(fig, sample.truth, sample.name)
        self.assertEqual(got.wrong, 0, got.wrong_where)
        self.assertEqual(got.none_without_finding, 0)
        self.assertEqual(errors(fig), set())

"""Every check fires with exact numbers, and keeps quiet on a consistent report (both templates)."""

from __future__ import annotations

from datetime import date
from unittest import TestCase

from gongkai.reportengine.checks import (
    CODES,
    check,
)
from gongkai.reportengine.figures import SECTION_IDS, Figures, Severity

SIX = "本年度未收取信息处理费。"

# Hand-read figures of the real 淮安市 2024 report (tests/samples/huaian-2024.*):
# every rule holds, and its narrative agrees with the tables.
HUAIAN_2024_TABLE3 = {
    "1": [3001, 53, 0, 0, 61, 4, 3119],
    "2": [34, 0, 0, 0, 0, 0, 34],
    "3.1": [1288, 21, 0, 0, 50, 3, 1362],
    "3.2": [447, 7, 0, 0, 0, 0, 454],
    "3.3.1": [2, 0, 0, 0, 0, 0, 2],
    "3.3.2": [30, 1, 0, 0, 0, 0, 31],
    "3.3.3": [5, 0, 0, 0, 0, 0, 5],
    "3.3.4": [6, 0, 0, 0, 0, 0, 6],
    "3.3.5": [7, 1, 0, 0, 0, 0, 8],
    "3.3.6": [12, 0, 0, 0, 0, 0, 12],
    "3.3.7": [9, 0, 0, 0, 0, 0, 9],
    "3.3.8": [105, 0, 0, 0, 0, 0, 105],
    "3.4.1": [746, 12, 0, 0, 10, 1, 769],
    "3.4.2": [11, 0, 0, 0, 0, 0, 11],
    "3.4.3": [1, 0, 0, 0, 0, 0, 1],
    "3.5.1": [56, 6, 0, 0, 0, 0, 62],
    "3.5.2": [25, 0, 0, 0, 0, 0, 25],
    "3.5.3": [0, 0, 0, 0, 0, 0, 0],
    "3.5.4": [0, 0, 0, 0, 0, 0, 0],
    "3.5.5": [1, 0, 0, 0, 0, 0, 1],
    "3.6.1": [67, 3, 0, 0, 1, 0, 71],
    "3.6.2": [6, 0, 0, 0, 0, 0, 6],
    "3.6.3": [108, 2, 0, 0, 0, 0, 110],
    "3.7": [2932, 53, 0, 0, 61, 4, 3050],
    "4": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_2024_TABLE4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
# Its section 一 (二) and section 六 as the PDF's text layer gives them (lines wrapped).
HUAIAN_2024_ONE = """（二）依申请公开情况。定期对政府信息公开申请集中的领
域和热点问题进行研判，探索从源头上解决实际问题。着力强化
与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性
和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答
复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度
答复），均在法定期限内予以答复。政府信息公开行政复议 351
件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚
未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25
件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。"""
HUAIAN_2024_SIX = """2024 年，市政府严格落实《政府信息公开信息处理费管理
办法》，全年收取政府信息公开信息处理费 3940 元。
- 6 -"""
# 洪泽区 2024: the text says 17 applications, table 三 says 95 (a known published error).
HONGZE_2024_ONE = """（二）依申请公开情况。根据《条例》和上级部门关于依申
请办理的规范要求，强化组织领导、规范办理流程，指导各部门
采取自行办理、协同办理、会商办理相结合的工作方式，确保依
申请答复工作规范高效。2024 年，区政府办代表区政府受理政府
信息公开申请 17 件，均已在法定期限内予以答复。
- 1 -"""
HONGZE_2023_ONE = """（二）依申请公开情况。进一步规范依申请公开流程，畅通
依申请公开受理渠。2023 年全区受理政府信息公开申请 21 件，
均在法定期限答复。"""
# The seed (和田县吾宗肖乡 2023, all zeros).
SEED_ONE = "2023年未收到相关公开申请，也未向上级相关部门提交相应报告。"
SEED_SIX = (
    "本机关按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
    "(国办函〔2020〕109号)规定的按件、按量收费标准,本年度没有产生信息公开处理费。"
)


def report(template: str = "2021", **meta) -> Figures:
    """A consistent report: every cell 0, all six sections, a fee sentence in 六."""
    meta.setdefault("year", 2024 if template == "2021" else 2020)
    meta.setdefault("body", "某县人民政府")
    fig = Figures.zeros(template, **meta)
    fig.sections = {sid: "正文。" for sid in SECTION_IDS}
    fig.sections["6"] = SIX
    fig.section_order = list(SECTION_IDS)
    return fig


def busy(template: str = "2021") -> Figures:
    """A consistent report with numbers: 20 + 1 new, 3 carried, 22 done, 2 left."""
    fig = report(template)
    fig.table3["1"] = [20, 1, 0, 0, 0, 0, 21]
    fig.table3["2"] = [3, 0, 0, 0, 0, 0, 3]
    fig.table3["3.1"] = [15, 1, 0, 0, 0, 0, 16]
    fig.table3["3.4.1"] = [5, 0, 0, 0, 0, 0, 5]
    fig.table3["3.6" if template == "2019" else "3.6.3"] = [1, 0, 0, 0, 0, 0, 1]
    fig.table3["3.7"] = [21, 1, 0, 0, 0, 0, 22]
    fig.table3["4"] = [2, 0, 0, 0, 0, 0, 2]
    fig.table4 = [1, 0, 1, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    return fig


def found(fig: Figures, **kwargs) -> list[tuple[str, str, str]]:
    return [(f.code, f.where, f.message) for f in check(fig, **kwargs)]


class QuietTestCase(TestCase):
    def test_it_finds_nothing_in_consistent_reports_of_both_templates(self):
        for template in ("2021", "2019"):
            with self.subTest(template=template):
                self.assertEqual(check(report(template)), [])
                self.assertEqual(check(busy(template)), [])

    def test_it_finds_nothing_in_the_real_huaian_2024_report(self):
        fig = report(year=2024, body="淮安市人民政府")
        fig.table3 = {k: list(v) for k, v in HUAIAN_2024_TABLE3.items()}
        fig.table4 = list(HUAIAN_2024_TABLE4)
        fig.table2["fees_wan_yuan"] = 96171.6
        fig.sections["1"] = HUAIAN_2024_ONE
        fig.sections["6"] = HUAIAN_2024_SIX
        fig.published_on = date(2025, 1, 20)
        self.assertEqual(check(fig), [])

    def test_it_finds_nothing_in_the_seed(self):
        fig = report(year=2023, body="和田县吾宗肖乡人民政府", published_on=date(2024, 1, 19))
        fig.sections["1"] = SEED_ONE
        fig.sections["6"] = SEED_SIX
        self.assertEqual(check(fig), [])

    def test_it_does_not_change_its_argument(self):
        fig = busy()
        fig.table3["1"][6] = 99
        before = fig.to_dict()
        self.assertTrue(check(fig))
        self.assertEqual(fig.to_dict(), before)

    def test_it_documents_every_severity_it_emits(self):
        fig = busy()
        fig.table3["1"][6] = 99
        fig.section_order = ["1", "3", "2", "4", "6", "6"]
        for f in check(fig):
            self.assertEqual(CODES[f.code], str(f.severity))


class TableThreeTestCase(TestCase):
    def test_it_flags_a_row_total_that_is_not_the_sum_of_its_columns(self):
        fig = busy()
        fig.table3["3.4.1"] = [5, 0, 0, 0, 0, 0, 6]
        fig.table3["3.7"][6] = 23  # keep 3.7's column 总计 consistent with 3.4.1's
        self.assertIn(
            ("R101", "table3.3.4.1[6]", "表三 （四）1.本机关不掌握 的总计为 6，六类申请人之和为 5"),
            found(fig),
        )

    def test_it_checks_row_totals_in_the_2019_template_too(self):
        fig = busy("2019")
        fig.table3["3.6"] = [1, 0, 0, 0, 0, 0, 2]
        self.assertIn(
            ("R101", "table3.3.6[6]", "表三 （六）其他处理 的总计为 2，六类申请人之和为 1"),
            found(fig),
        )

    def test_it_flags_a_total_row_that_is_not_the_sum_of_the_outcomes(self):
        fig = report()
        fig.table3["3.5.2"] = [1, 0, 0, 0, 0, 0, 1]
        self.assertEqual(
            found(fig),
            [
                ("R102", "table3.3.7[0]", "表三 （七）总计·自然人 为 0，各办理结果之和为 1"),
                ("R102", "table3.3.7[6]", "表三 （七）总计·总计 为 0，各办理结果之和为 1"),
            ],
        )

    def test_it_sums_the_single_row_six_of_the_2019_template(self):
        fig = busy("2019")
        fig.table3["3.6"] = [2, 0, 0, 0, 0, 0, 2]
        self.assertIn(
            ("R102", "table3.3.7[0]", "表三 （七）总计·自然人 为 21，各办理结果之和为 22"),
            found(fig),
        )

    def test_it_counts_a_single_row_six_printed_in_a_2021_report(self):
        # As in the hongze reports: （六） printed as one row, 3.6.1–3.6.3 left empty.
        fig = busy()
        for rid in ("3.6.1", "3.6.2", "3.6.3"):
            fig.table3[rid] = [None] * 7
            fig.add("P020", Severity.UNREAD, f"table3.{rid}", "未刊登")
        fig.table3["3.6"] = [1, 0, 0, 0, 0, 0, 1]
        self.assertEqual(check(fig), [])
        fig.table3["3.6"] = [0, 0, 0, 0, 0, 0, 0]
        self.assertEqual([c for c, _, _ in found(fig)], ["R102", "R102"])

    def test_it_skips_the_outcome_sum_when_an_outcome_is_missing(self):
        fig = busy()
        fig.table3["3.1"][0] = None
        fig.add("P010", Severity.WARNING, "table3.3.1[0]", "原表留空")
        self.assertEqual(check(fig), [])

    def test_it_flags_the_printed_balance_per_column(self):
        fig = report()
        fig.table3["2"] = [3, 0, 0, 0, 0, 0, 3]
        self.assertEqual(
            found(fig),
            [
                (
                    "R103",
                    "table3.4[0]",
                    "表三 自然人 列：一（0）+ 二（3）= 3，而（七）总计（0）+ 四（0）= 0",
                ),
                (
                    "R103",
                    "table3.4[6]",
                    "表三 总计 列：一（0）+ 二（3）= 3，而（七）总计（0）+ 四（0）= 0",
                ),
            ],
        )

    def test_it_keeps_the_balance_quiet_when_carry_over_closes_it(self):
        fig = report("2019")
        fig.table3["2"] = [3, 0, 0, 0, 0, 0, 3]
        fig.table3["4"] = [3, 0, 0, 0, 0, 0, 3]
        self.assertEqual(check(fig), [])


class TableFourTestCase(TestCase):
    def test_it_flags_the_two_published_errors_of_hongze_2023(self):
        fig = report(year=2023, body="洪泽区人民政府")
        fig.table4 = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
        self.assertEqual(
            found(fig),
            [
                (
                    "R111",
                    "table4[4]",
                    "表四 行政复议·总计 为 0，维持 10 + 纠正 1 + 其他 0 + 尚未审结 0 = 11",
                ),
                (
                    "R111",
                    "table4[14]",
                    "表四 复议后起诉·总计 为 0，维持 5 + 纠正 0 + 其他 0 + 尚未审结 0 = 5",
                ),
            ],
        )

    def test_it_accepts_group_totals_that_add_up(self):
        fig = report()
        fig.table4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
        self.assertEqual(check(fig), [])


class ValuesTestCase(TestCase):
    def test_it_flags_a_negative_count(self):
        fig = report()
        fig.table2["licensing"] = -3
        self.assertEqual(
            found(fig), [("R121", "table2.licensing", "表二 行政许可 为 -3，不应为负数")]
        )

    def test_it_flags_a_fractional_count(self):
        fig = report()
        fig.table4[0] = 1.5
        fig.table4[4] = 1.5
        self.assertEqual(
            found(fig),
            [
                ("R121", "table4[0]", "表四 行政复议·结果维持 为 1.5，件数应为整数"),
                ("R121", "table4[4]", "表四 行政复议·总计 为 1.5，件数应为整数"),
            ],
        )

    def test_it_flags_text_in_a_cell(self):
        fig = report()
        fig.table3["3.3.8"][2] = "x"
        self.assertIn(
            ("R121", "table3.3.3.8[2]", "表三 （三）8.行政查询事项·科研机构 为“x”，不是数字"),
            found(fig),
        )

    def test_it_allows_a_decimal_fee_but_not_a_negative_one(self):
        fig = report()
        fig.table2["fees_wan_yuan"] = 7730.28
        self.assertEqual(check(fig), [])
        fig.table2["fees_wan_yuan"] = -0.5
        self.assertEqual(
            found(fig),
            [("R121", "table2.fees_wan_yuan", "表二 行政事业性收费 为 -0.5，不应为负数")],
        )

    def test_it_allows_a_negative_change_in_the_2019_table_two(self):
        fig = report("2019")
        fig.table2["licensing"] = [10, -2, 5]
        fig.table2["procurement"] = [3, 12.5]
        self.assertEqual(check(fig), [])
        fig.table2["licensing"] = [10, 2, -5]
        self.assertEqual(
            found(fig),
            [("R121", "table2.licensing[2]", "表二 行政许可·处理决定数量 为 -5，不应为负数")],
        )

    def test_it_accepts_integral_floats_from_json(self):
        fig = report()
        fig.table3["1"] = [2.0, 0, 0, 0, 0, 0, 2]
        fig.table3["3.1"] = [2, 0, 0, 0, 0, 0, 2.0]
        fig.table3["3.7"] = [2, 0, 0, 0, 0, 0, 2]
        self.assertEqual(check(fig), [])


class MissingTestCase(TestCase):
    def test_it_summarises_a_whole_missing_row(self):
        fig = report()
        fig.table3["3.6.2"] = [None] * 7
        self.assertEqual(
            found(fig),
            [("R131", "table3.3.6.2", "表三 （六）2.逾期未缴费 整行为空（7 格）")],
        )

    def test_it_reports_single_missing_cells(self):
        fig = report()
        fig.table4[3] = None
        fig.table2["rules"] = [0, None, 0]
        self.assertEqual(
            found(fig),
            [
                ("R131", "table4[3]", "表四 行政复议·尚未审结 为空"),
                ("R131", "table2.rules[1]", "表二 规章·本年废止件数 为空"),
            ],
        )

    def test_it_summarises_a_whole_missing_table(self):
        fig = report()
        fig.table4 = [None] * 15
        self.assertEqual(found(fig), [("R131", "table4", "表四 全部为空（15 格）")])

    def test_it_does_not_summarise_a_table_whose_rows_the_parser_explained(self):
        # The blank template: every row empty, each with a row-level parser finding.
        fig = Figures.blank("2021", year=2024, body="某县人民政府")
        fig.sections = report().sections
        fig.section_order = list(SECTION_IDS)
        for row_id in fig.table3:
            fig.add("P013", Severity.UNREAD, f"table3.{row_id}", "没有读到数字")
        for key in fig.table2:
            fig.add("P013", Severity.UNREAD, f"table2.{key}", "没有读到数字")
        fig.add("P003", Severity.UNREAD, "table4", "未能找到表四")
        self.assertEqual(check(fig), [])

    def test_it_leaves_cells_the_parser_explained_alone(self):
        fig = report()
        fig.table3["3.6.2"] = [None] * 7
        fig.add("P010", Severity.WARNING, "table3.3.6.2", "原表该行留空")
        fig.table4[3] = None
        fig.add("P001", Severity.UNREAD, "table4[3]", "无法读取")
        self.assertEqual(check(fig), [])


class SectionsTestCase(TestCase):
    def test_it_flags_a_missing_section(self):
        fig = report()
        del fig.sections["5"]
        fig.section_order.remove("5")
        self.assertEqual(
            found(fig),
            [("R201", "section5", "缺少第五部分“五、存在的主要问题及改进情况”")],
        )
        self.assertEqual(check(fig)[0].severity, Severity.ERROR)

    def test_it_gives_one_warning_not_six_errors_when_no_outline_was_read(self):
        fig = report()
        fig.sections, fig.section_order = {}, []
        got = check(fig)
        self.assertEqual(
            [(f.code, f.severity, f.where) for f in got],
            [("R205", Severity.WARNING, "section1")],
        )
        self.assertIn("未找到第一、二、三、四、五、六部分的标题", got[0].message)

    def test_it_warns_when_a_heading_is_missing_but_its_content_is_there(self):
        fig = report()
        del fig.sections["5"]
        fig.section_order.remove("5")
        fig.sections["4"] = "正文。存在的主要问题：公开不够及时。"
        self.assertEqual(
            found(fig),
            [
                (
                    "R206",
                    "section5",
                    "未找到第五部分“五、存在的主要问题及改进情况”的标题，但报告中有该部分的内容",
                )
            ],
        )
        self.assertEqual(check(fig)[0].severity, Severity.WARNING)

    def test_it_takes_a_read_table_as_its_section_content(self):
        fig = report()
        del fig.sections["3"]
        fig.section_order.remove("3")
        self.assertEqual([f.code for f in check(fig)], ["R206"])  # table 三 was read (zeros)
        fig.table3 = {rid: [None] * 7 for rid in fig.table3}
        fig.add("P001", Severity.UNREAD, "table3", "未能找到表三")
        self.assertEqual([f.code for f in check(fig)], ["R201"])

    def test_it_does_not_repeat_a_section_the_parser_could_not_read(self):
        fig = report()
        del fig.sections["5"]
        fig.section_order.remove("5")
        fig.add("P030", Severity.UNREAD, "section5", "未能识别第五部分")
        self.assertEqual(check(fig), [])

    def test_it_flags_a_repeated_and_an_unknown_section(self):
        fig = report()
        fig.section_order = ["1", "2", "3", "3", "4", "5", "6", "7"]
        fig.sections["7"] = "附件"
        self.assertEqual(
            found(fig),
            [
                ("R202", "section3", "第三部分的标题出现了 2 次"),
                ("R202", "section7", "报告含有格式之外的第 7 部分"),
            ],
        )

    def test_it_flags_sections_out_of_order(self):
        fig = report()
        fig.section_order = ["1", "3", "2", "4", "5", "6"]
        self.assertEqual(
            found(fig),
            [("R203", "section3", "各部分的顺序为 一、三、二、四、五、六，应为一至六依次排列")],
        )

    def test_it_flags_a_template_that_does_not_fit_the_year(self):
        fig = report("2019", year=2022)
        self.assertEqual(
            found(fig),
            [
                (
                    "R204",
                    "meta.template",
                    "2022 年度报告使用了2019 试行格式（国办公开办函〔2019〕60号），"
                    "应使用2021 格式（国办公开办函〔2021〕30号）",
                )
            ],
        )
        fig = report("2021", year=2020)
        self.assertEqual([c for c, _, _ in found(fig)], ["R204"])

    def test_it_accepts_each_template_in_its_years(self):
        for template, year in (
            ("2019", 2019), ("2019", 2020), ("2021", 2021), ("2021", 2025), ("2021", 2018),
        ):  # fmt: skip
            with self.subTest(year=year):
                self.assertEqual(check(report(template, year=year)), [])

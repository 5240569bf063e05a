"""The assembler: sections, metadata, template, and tables 二/三/四 in every layout."""

from __future__ import annotations

import unittest
from datetime import date

from gongkai.reportengine.figures import TABLE3_ROWS_2021, Severity
from gongkai.reportengine.parsing.assemble import NotAReport, assemble, parse_text
from gongkai.reportengine.parsing.document import Line
from gongkai.reportengine.tests.reportbuilder import (
    TABLE2_2021,
    TABLE4,
    TRUTH_2019,
    TRUTH_2021,
    report,
    table3_lines,
)


def at(fig, where):
    """The findings at ``where``, as (code, severity) pairs."""
    return [(f.code, str(f.severity)) for f in fig.findings if f.where == where]


class SectionsTestCase(unittest.TestCase):
    def test_it_splits_the_six_sections_in_order(self):
        fig = parse_text(report())
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertEqual(
            fig.sections["1"], "2023年，本机关认真落实《条例》要求，全年受理政府信息公开申请23件。"
        )
        self.assertEqual(fig.sections["6"], "本年度未收取信息处理费。")  # signature left out
        self.assertTrue(fig.sections["3"].startswith("（本列数据的勾稽关系为"))

    def test_it_reads_heading_variants(self):
        fig = parse_text(
            report(
                headings={
                    "1": "一、 总 体 情 况",
                    "4": "四、政府信息公开行政复议及行政诉讼情况",
                    "5": "五、政府信息公开工作存在的主要问题及改进情况",
                    "6": "六、其他需要报告的事项：",
                }
            )
        )
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertEqual(fig.table4, TABLE4)

    def test_it_records_missing_and_misordered_sections(self):
        fig = parse_text(report(omit=("5",)))
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "6"])
        self.assertNotIn("5", fig.sections)
        text = report().replace(
            "五、存在的主要问题及改进情况\n一是公开内容不够全面。下一步将加强培训。\n", ""
        )
        text = text.replace("一、总体情况", "五、存在的主要问题及改进情况\n问题。\n一、总体情况")
        self.assertEqual(parse_text(text).section_order, ["5", "1", "2", "3", "4", "6"])

    def test_it_ignores_a_listing_of_the_parts_before_the_report(self):
        listing = [
            "本报告包括以下内容：",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
            "本年度报告中所列数据统计期限为2023年1月1日至12月31日。",
        ]
        text = report().replace("一、总体情况\n", "\n".join(listing) + "\n一、总体情况\n", 1)
        fig = parse_text(text)
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])
        self.assertEqual(fig.table3, TRUTH_2021)

    def test_it_does_not_take_table_rows_or_sub_headings_for_sections(self):
        fig = parse_text(report())
        # 「一、本年新收…」「四、结转下年度…」 and 「（一）予以公开」 are rows, not headings.
        self.assertEqual(fig.section_order.count("4"), 1)
        self.assertEqual(fig.section_order.count("1"), 1)

    def test_it_finds_the_tables_without_any_heading(self):
        text = report(headings={s: "" for s in "123456"})
        text = "\n".join(line for line in text.splitlines() if line)
        fig = parse_text(text)
        self.assertEqual(fig.section_order, [])
        self.assertEqual(fig.table3, TRUTH_2021)
        self.assertEqual(fig.table2, TABLE2_2021)
        self.assertEqual(fig.table4, TABLE4)

    def test_it_refuses_lines_that_are_no_report(self):
        from gongkai.reportengine.parsing import ReportUnreadable

        with self.assertRaises(NotAReport) as ctx:
            assemble([Line("今天天气很好。"), Line("明天见。")])
        self.assertIsInstance(ctx.exception, ReportUnreadable)  # the CLI's exit status 2


class MetadataTestCase(unittest.TestCase):
    def test_it_reads_body_year_and_signature_date(self):
        fig = parse_text(report())
        self.assertEqual(fig.body, "某某县人民政府办公室")
        self.assertEqual(fig.year, 2023)
        self.assertEqual(fig.published_on, date(2024, 1, 19))
        self.assertEqual(fig.body_kind, "department")

    def test_it_reads_the_title_worded_the_other_way(self):
        fig = parse_text(report(title="和田县吾宗肖乡人民政府信息公开工作2023年度报告"))
        self.assertEqual((fig.body, fig.year), ("和田县吾宗肖乡人民政府", 2023))
        self.assertEqual(fig.body_kind, "township")
        fig = parse_text(report(title="淮安市财政局政府信息公开工作2022年度报告"))
        self.assertEqual((fig.body, fig.year), ("淮安市财政局", 2022))

    def test_it_reads_a_title_set_over_two_lines(self):
        fig = parse_text(report(title="淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告"))
        self.assertEqual(
            (fig.body, fig.year, fig.body_kind), ("淮安市洪泽区人民政府", 2024, "county")
        )

    def test_it_skips_page_headers_and_reads_the_publication_time(self):
        head = [
            "标题：某某县人民政府办公室2023年政府信息公开工作年度报告",
            "来源：某某县人民政府办公室  发布时间：2024-01-26 10:00  浏览次数：88",
            "字号：【大 中 小】",
        ]
        fig = parse_text(report(head=head, signature=[]))
        self.assertEqual(fig.published_on, date(2024, 1, 26))
        self.assertEqual(fig.body, "某某县人民政府办公室")
        self.assertEqual(fig.section_order, ["1", "2", "3", "4", "5", "6"])

    def test_it_skips_a_breadcrumb_naming_the_reports(self):
        head = ["当前位置：首页 > 政务公开 > 政府信息公开年度报告", "某某县人民政府办公室"]
        fig = parse_text(report(head=head, title="2023年政府信息公开工作年度报告"))
        self.assertEqual((fig.body, fig.year), ("某某县人民政府办公室", 2023))

    def test_it_prefers_the_signature_date_to_the_page_header(self):
        fig = parse_text(report(head=["发布日期：2024年02月01日"]))
        self.assertEqual(fig.published_on, date(2024, 1, 19))

    def test_it_reads_a_signature_date_in_words_and_the_body_from_the_signature(self):
        fig = parse_text(
            report(
                title="政府信息公开工作年度报告",
                signature=["某某镇人民政府", "二〇二四年一月十九日"],
            )
        )
        self.assertEqual(fig.published_on, date(2024, 1, 19))
        self.assertEqual(fig.body, "某某镇人民政府")
        self.assertEqual(fig.body_kind, "township")

    def test_it_takes_the_year_from_the_statistics_period(self):
        text = report(title="某某局政府信息公开工作年度报告").replace(
            "一、总体情况", "本年度报告中所列数据统计期限为2022年1月1日至12月31日。\n一、总体情况"
        )
        self.assertEqual(parse_text(text).year, 2022)

    def test_it_says_what_metadata_it_could_not_find(self):
        fig = parse_text(report(title="政府信息公开工作年度报告", signature=[]))
        self.assertIsNone(fig.year)
        self.assertIsNone(fig.published_on)
        self.assertEqual(at(fig, "meta.year"), [("P021", "unread")])
        self.assertEqual(at(fig, "meta.published_on"), [("P022", "notice")])
        self.assertEqual(at(fig, "meta.body"), [("P023", "notice")])


class TemplateTestCase(unittest.TestCase):
    OLD_TABLE2 = (
        "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 0 0 0\n规范性文件 1 1 9"
    )

    def test_it_reads_the_2021_template_from_table_two(self):
        fig = parse_text(report(title="某某局2020年政府信息公开工作年度报告"))
        self.assertEqual(fig.template, "2021")  # table 二 wins over the year (reference §3.9)

    def test_it_reads_the_2019_template_from_table_two(self):
        fig = parse_text(report(table2=self.OLD_TABLE2, table3=table3_lines(template="2019")))
        self.assertEqual(fig.template, "2019")
        self.assertEqual(fig.table3, TRUTH_2019)
        self.assertEqual(fig.table2["normative_documents"], [1, 1, 9])
        self.assertEqual(fig.table2["rules"], [0, 0, 0])
        self.assertEqual(at(fig, "table2.procurement"), [("P011", "warning")])

    def test_it_reads_the_2019_template_from_the_procurement_block(self):
        table2 = "第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购 3 12.5"
        fig = parse_text(report(table2=table2, table3=table3_lines(template="2019")))
        self.assertEqual(fig.template, "2019")
        self.assertEqual(fig.table2["procurement"], [3, 12.5])

    def test_it_reads_the_2021_template_from_the_sub_rows_of_six(self):
        fig = parse_text(report(title="某某局2020年政府信息公开工作年度报告", table2="规章"))
        self.assertEqual(fig.template, "2021")

    def test_it_falls_back_on_the_year(self):
        table3 = table3_lines(template="2019")
        fig = parse_text(
            report(title="某某局2020年政府信息公开工作年度报告", table2="", table3=table3)
        )
        self.assertEqual(fig.template, "2019")
        self.assertEqual(fig.table3["3.6"], [1, 0, 0, 0, 0, 0, 1])

    def test_it_says_when_nothing_tells_the_template(self):
        table3 = table3_lines(template="2019")
        fig = parse_text(report(title="某某局年度报告", table2="", table3=table3))
        self.assertEqual(fig.template, "2021")
        self.assertEqual(at(fig, "meta.template"), [("P020", "notice")])


class Table2TestCase(unittest.TestCase):
    def test_it_reads_counts_thousands_and_the_decimal_fee(self):
        self.assertEqual(parse_text(report()).table2, TABLE2_2021)

    def test_it_reads_the_old_label_for_normative_documents(self):
        fig = parse_text(
            report(table2="信息内容 本年制发件数 本年废止件数 现行有效件数\n规范性文件 4 0 20")
        )
        self.assertEqual(fig.table2["normative_documents"], [4, 0, 20])
        self.assertEqual(at(fig, "table2.licensing"), [("P011", "warning")])
        self.assertIsNone(fig.table2["licensing"])

    def test_it_reads_cell_per_line_values(self):
        table2 = "规章\n0\n0\n0\n行政规范性文件\n3\n1\n12\n行政许可\n1，234\n行政处罚\n56\n行政强制\n7\n行政事业性收费\n12.5"
        self.assertEqual(parse_text(report(table2=table2)).table2, TABLE2_2021)

    def test_it_cuts_run_together_digits_only_one_digit_per_cell(self):
        table2 = (
            "规章000\n行政规范性文件3112\n行政许可1234\n行政处罚56\n行政强制7\n行政事业性收费12.5"
        )
        fig = parse_text(report(table2=table2))
        self.assertEqual(fig.table2["rules"], [0, 0, 0])
        self.assertEqual(fig.table2["licensing"], 1234)
        self.assertEqual(fig.table2["normative_documents"], [None, None, None])
        self.assertEqual(at(fig, "table2.normative_documents"), [("P014", "unread")])

    def test_it_reads_counts_with_their_unit_but_not_money(self):
        table2 = "行政许可 550件\n行政处罚 12 件\n行政强制 3项\n行政事业性收费 3940元"
        fig = parse_text(report(table2=table2))
        self.assertEqual(
            (fig.table2["licensing"], fig.table2["penalty"], fig.table2["coercion"]), (550, 12, 3)
        )
        self.assertIsNone(fig.table2["fees_wan_yuan"])
        self.assertEqual(
            [f.code for f in fig.findings if f.where == "table2.fees_wan_yuan"], ["P013"]
        )

    def test_it_marks_a_blank_single_cell_and_reads_glued_decimals(self):
        table2 = "行政许可 无\n行政处罚1,234\n行政强制 —\n行政事业性收费12.5"
        fig = parse_text(report(table2=table2))
        self.assertEqual((fig.table2["licensing"], fig.table2["penalty"]), (None, 1234))
        self.assertEqual(fig.table2["fees_wan_yuan"], 12.5)
        self.assertEqual(at(fig, "table2.licensing"), [("P010", "warning")])
        self.assertEqual(at(fig, "table2.coercion"), [("P010", "warning")])


class Table3LabelsTestCase(unittest.TestCase):
    def test_it_recognises_every_template_label_from_its_start(self):
        from gongkai.reportengine.figures import TABLE3_GROUPS, TABLE3_ROWS_2019
        from gongkai.reportengine.parsing.labels import table3_matches
        from gongkai.reportengine.parsing.numbers import norm, squeeze

        for rid, label in TABLE3_ROWS_2021 + TABLE3_ROWS_2019 + tuple(TABLE3_GROUPS.items()):
            with self.subTest(rid):
                found = table3_matches(squeeze(norm(label)))
                self.assertEqual((found[0][1], found[0][2]), (rid, 0))

    def test_it_matches_labels_with_spaces_full_width_digits_and_brackets(self):
        def line(label, cells):
            label = label.replace("1.", "１． ").replace("（", "(").replace("）", ")")
            label = " ".join(label)  # a space between every character
            return (
                label
                + "  "
                + " ".join(str(c) for c in cells).translate(
                    str.maketrans("0123456789", "０１２３４５６７８９")
                )
            )

        fig = parse_text(report(table3=table3_lines(line=line)))
        self.assertEqual(fig.table3, TRUTH_2021)
        self.assertEqual([f for f in fig.findings if f.where.startswith("table3")], [])

    def test_it_matches_typos_ascii_quotes_and_comma_ordinals(self):
        def line(label, cells):
            label = label.replace("法规禁止公开", "止公开").replace("“", '"').replace("”", '"')
            label = label.replace("1.", "1、")
            return label + " " + " ".join(map(str, cells))

        self.assertEqual(parse_text(report(table3=table3_lines(line=line))).table3, TRUTH_2021)

    def test_it_reads_group_labels_on_the_row_line(self):
        lines = [
            ln
            for ln in table3_lines()
            if not ln.startswith(("（三）", "（四）", "（五）", "（六）"))
        ]
        lines = [
            ("（三）不予公开 " + ln if ln.startswith("1.属于国家秘密") else ln) for ln in lines
        ]
        lines = [("（六）其他处理 " + ln if ln.startswith("1.申请人") else ln) for ln in lines]
        self.assertEqual(parse_text(report(table3=lines)).table3, TRUTH_2021)

    def test_it_reads_wrapped_labels_and_vertical_headings(self):
        lines = table3_lines()
        out = []
        vertical = iter("本年度办理结果")
        for ln in lines:
            if ln.startswith("（二）部分公开"):
                out += [
                    "（二）部分公开（区分处理的，只计这一情",
                    ln.split("情形）")[-1],
                    "形，不计其他情形）",
                ]
                continue
            if ln.startswith("1.申请人无正当理由"):
                out += [
                    "1.申请人无正当理由逾期不补",
                    "正、行政机关不再处理其政府信" + ln.split("申请")[-1],
                ]
                out.append("息公开申请")
                continue
            ch = next(vertical, "")
            out.append((ch + " " + ln) if ch and ln[0] in "12345678" else ln)
            if ch and ln[0] not in "12345678":
                out.append(ch)
        out.insert(out.index("三、本年度办理结果"), "- 3 -")
        fig = parse_text(report(table3=out))
        self.assertEqual(fig.table3, TRUTH_2021)

    def test_it_skips_repeated_headers_and_page_numbers(self):
        lines = table3_lines()
        pos = lines.index("（四）无法提供")
        lines[pos:pos] = ["第3页", "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
        self.assertEqual(parse_text(report(table3=lines)).table3, TRUTH_2021)

    def test_it_reports_a_row_the_body_left_out(self):
        fig = parse_text(report(table3=table3_lines(skip=("3.3.8",))))
        self.assertEqual(fig.table3["3.3.8"], [None] * 7)
        self.assertEqual(at(fig, "table3.3.3.8"), [("P011", "warning")])
        self.assertEqual(fig.table3["3.4.1"], TRUTH_2021["3.4.1"])

    def test_it_says_unread_when_a_missing_row_may_be_an_unrecognised_label(self):
        lines = [
            ("8.属于查阅类事项 0 0 0 0 0 0 0" if ln.startswith("8.属于行政查询事项") else ln)
            for ln in table3_lines()
        ]
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.3.8"], [None] * 7)
        self.assertEqual(at(fig, "table3.3.3.8"), [("P011", "unread")])

    def test_it_reads_six_printed_as_one_row_in_a_2021_report(self):
        lines = [
            ln
            for ln in table3_lines()
            if not ln.startswith(("（六）", "1.申请人", "2.申请人", "3.其他"))
        ]
        lines.insert(lines.index("（七）总计 20 2 0 0 1 0 23"), "（六）其他处理 1 0 0 0 0 0 1")
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.template, "2021")
        for rid in ("3.6.1", "3.6.2", "3.6.3"):
            self.assertEqual(fig.table3[rid], [None] * 7)
            self.assertEqual(at(fig, f"table3.{rid}"), [("P012", "warning")])
        # The printed row is kept as "3.6" (docs/report-json.md) for the checks.
        self.assertEqual(fig.table3["3.6"], [1, 0, 0, 0, 0, 0, 1])
        self.assertEqual(list(fig.table3)[-3:], ["3.6", "3.7", "4"])
        self.assertIn("1|0|0|0|0|0|1", next(f.message for f in fig.findings if f.code == "P012"))
        self.assertEqual(fig.table3["3.7"], TRUTH_2021["3.7"])


class Table3LayoutTestCase(unittest.TestCase):
    def test_it_reads_cell_per_line_values(self):
        def line(label, cells):
            return "\n".join([label] + [str(c) for c in cells])

        self.assertEqual(parse_text(report(table3=table3_lines(line=line))).table3, TRUTH_2021)

    def test_it_reads_values_printed_before_their_label(self):
        def line(label, cells):
            values = " ".join(map(str, cells))
            if label.startswith(("1.属于国家秘密", "3.危及", "2.没有现成", "4.无正当")):
                return values + "\n" + label
            if label.startswith("5.要求行政机关"):
                return "5.要求行政机关确认或重\n" + values + "\n新出具已获取信息"
            return label + " " + values

        self.assertEqual(parse_text(report(table3=table3_lines(line=line))).table3, TRUTH_2021)

    def test_it_reads_values_wrapped_over_two_lines(self):
        def line(label, cells):
            values = " ".join(map(str, cells))
            if label.startswith("（二）部分公开"):
                return "（二）部分公开（区分处理的，只计这一情\n2 0 0 0\n1 0 3\n形，不计其他情形）"
            return label + " " + values

        self.assertEqual(parse_text(report(table3=table3_lines(line=line))).table3, TRUTH_2021)

    def test_it_reads_values_column_by_column(self):
        labels = [label for _, label in TABLE3_ROWS_2021]
        columns = [
            " ".join(str(TRUTH_2021[rid][c]) for rid, _ in TABLE3_ROWS_2021) for c in range(7)
        ]
        fig = parse_text(report(table3=labels + columns))
        self.assertEqual(fig.table3, TRUTH_2021)

    def test_it_reads_a_block_of_values_after_the_labels_by_rows(self):
        labels = [label for _, label in TABLE3_ROWS_2021]
        values = [str(v) for rid, _ in TABLE3_ROWS_2021 for v in TRUTH_2021[rid]]
        self.assertEqual(parse_text(report(table3=labels + values)).table3, TRUTH_2021)

    def test_it_leaves_rows_unassigned_when_values_and_labels_do_not_pair(self):
        lines = table3_lines()
        lines[lines.index("2.重复申请 1 0 0 0 0 0 1")] = "1 0 0 0 0 0 1\n0 0 0 0 0 0 0\n2.重复申请"
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.5.2"], [None] * 7)
        self.assertEqual(at(fig, "table3.3.5.2"), [("P016", "unread")])
        self.assertEqual(fig.table3["3.5.3"], [0] * 7)

    def test_it_reports_a_row_with_too_few_cells(self):
        lines = table3_lines()
        lines[lines.index("3.补正后申请内容仍不明确 0 0 0 0 0 0 0")] = (
            "3.补正后申请内容仍不明确 0 0 0 0 0 0"
        )
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.4.3"], [None] * 7)
        self.assertEqual(at(fig, "table3.3.4.3"), [("P013", "unread")])

    def test_it_ignores_a_paragraph_before_the_table(self):
        lines = [
            "2023年，本机关共收到政府信息公开申请23件，其中自然人申请20件，予以公开 11",
            "件，部分公开 3",
        ] + table3_lines()
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3, TRUTH_2021)
        self.assertEqual([f for f in fig.findings if f.where.startswith("table3")], [])


class CellsTestCase(unittest.TestCase):
    def test_it_marks_blank_cells_as_a_defect_of_the_publication(self):
        lines = table3_lines()
        lines[lines.index("3.补正后申请内容仍不明确 0 0 0 0 0 0 0")] = (
            "3.补正后申请内容仍不明确 / — - 无 0 0 0"
        )
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.4.3"], [None, None, None, None, 0, 0, 0])
        for col in range(4):
            self.assertEqual(at(fig, f"table3.3.4.3[{col}]"), [("P010", "warning")])

    def test_it_marks_blank_cells_of_a_reader_row(self):
        cells = ["3.补正后申请内容仍不明确", "", "0", "0", "0", "0", "0", ""]
        lines = [Line(t) for t in report().splitlines()]
        pos = next(i for i, ln in enumerate(lines) if ln.text.startswith("3.补正后"))
        lines[pos] = Line(" ".join(cells), cells=cells)
        fig = assemble(lines)
        self.assertEqual(fig.table3["3.4.3"], [None, 0, 0, 0, 0, 0, None])
        self.assertEqual(at(fig, "table3.3.4.3[6]"), [("P010", "warning")])

    def test_it_reports_unreadable_cells(self):
        lines = table3_lines()
        lines[lines.index("3.补正后申请内容仍不明确 0 0 0 0 0 0 0")] = (
            "3.补正后申请内容仍不明确 0 0 0 1O 0 0 ?"
        )
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.4.3"], [0, 0, 0, None, 0, 0, None])
        self.assertEqual(at(fig, "table3.3.4.3[3]"), [("P017", "unread")])
        self.assertEqual(at(fig, "table3.3.4.3[6]"), [("P017", "unread")])

    def test_it_reads_thousands_separators(self):
        truth = {rid: list(v) for rid, v in TRUTH_2021.items()}
        truth["1"] = [3001, 53, 0, 0, 61, 4, 3119]
        lines = table3_lines(truth=truth)
        pos = next(i for i, ln in enumerate(lines) if ln.startswith("一、"))
        lines[pos] = "一、本年新收政府信息公开申请数量 3,001 53 0 0 61 4 3，119"
        self.assertEqual(
            parse_text(report(table3=lines)).table3["1"], [3001, 53, 0, 0, 61, 4, 3119]
        )


class RunTogetherTestCase(unittest.TestCase):
    def glued(self, truth, **kw):
        return table3_lines(
            truth=truth, line=lambda label, cells: label + "".join(map(str, cells)), **kw
        )

    def test_it_recovers_the_unique_cut(self):
        fig = parse_text(report(table3=self.glued(TRUTH_2021)))
        self.assertEqual(fig.table3, TRUTH_2021)
        self.assertEqual([f for f in fig.findings if f.where.startswith("table3")], [])

    def test_it_settles_several_cuts_by_the_column_rules(self):
        truth = {rid: list(v) for rid, v in TRUTH_2021.items()}
        truth.update(
            {
                "1": [212, 1, 0, 0, 0, 0, 213],
                "2": [0] * 7,
                "3.1": [200, 1, 0, 0, 0, 0, 201],
                "3.2": [12, 0, 0, 0, 0, 0, 12],
                "3.3.4": [0] * 7,
                "3.4.1": [0] * 7,
                "3.5.2": [0] * 7,
                "3.6.3": [0] * 7,
                "3.7": [212, 1, 0, 0, 0, 0, 213],
                "4": [0] * 7,
            }
        )
        # 「21210000213」 (rows 1 and 3.7) also cuts as 2|1|210|0|0|0|213; only 212|1|…
        # fits 3.7 = 3.1 + 3.2 and then 1 + 2 = 3.7 + 4.
        fig = parse_text(report(table3=self.glued(truth)))
        self.assertEqual(fig.table3, truth)

    def test_it_leaves_an_undecidable_cut_empty_and_lists_the_candidates(self):
        truth = {rid: list(v) for rid, v in TRUTH_2021.items()}
        truth["3.5.2"] = [11, 1, 0, 0, 0, 0, 12]
        lines = self.glued(truth)
        # Without row 3.7 the column rules cannot tell 11|1|… from 1|11|… or 1|1|10|….
        lines = [ln for ln in lines if not ln.startswith("（七）")]
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.5.2"], [None] * 7)
        (finding,) = [f for f in fig.findings if f.where == "table3.3.5.2"]
        self.assertEqual((finding.code, finding.severity), ("P014", Severity.UNREAD))
        self.assertIn("11|1|0|0|0|0|12", finding.message)
        self.assertIn("1|11|0|0|0|0|12", finding.message)

    def test_it_reports_digits_no_cut_explains(self):
        lines = self.glued(TRUTH_2021)
        lines = [("2.重复申请1000002" if ln.startswith("2.重复申请") else ln) for ln in lines]
        fig = parse_text(report(table3=lines))
        self.assertEqual(fig.table3["3.5.2"], [None] * 7)
        self.assertEqual(at(fig, "table3.3.5.2"), [("P015", "unread")])

    def test_it_recovers_table_four(self):
        fig = parse_text(report(table4="行政复议 行政诉讼\n" + "".join(map(str, TABLE4))))
        self.assertEqual(fig.table4, TABLE4)

    def test_it_leaves_table_four_empty_when_several_cuts_fit(self):
        fig = parse_text(report(table4="72641783735113481261211620"))
        self.assertEqual(fig.table4, [None] * 15)
        self.assertEqual(at(fig, "table4"), [("P014", "unread")])


class Table4TestCase(unittest.TestCase):
    def test_it_reads_fifteen_cells_under_the_header(self):
        self.assertEqual(parse_text(report()).table4, TABLE4)

    def test_it_reads_one_cell_per_line(self):
        fig = parse_text(report(table4="行政复议\n结果维持\n" + "\n".join(map(str, TABLE4))))
        self.assertEqual(fig.table4, TABLE4)

    def test_it_reports_a_wrong_count(self):
        fig = parse_text(report(table4="行政复议 行政诉讼\n1 1 0 0 2 1 0 0 0 1 2 0 1 0"))
        self.assertEqual(fig.table4, [None] * 15)
        self.assertEqual(at(fig, "table4"), [("P013", "unread")])

    def test_it_reports_a_missing_table(self):
        fig = parse_text(report(table4="本年度未发生行政复议、行政诉讼。"))
        self.assertEqual(at(fig, "table4"), [("P003", "unread")])

    def test_it_reads_a_reader_row_with_padding_cells(self):
        cells = ["", *map(str, TABLE4), ""]
        lines = [Line(t) for t in report(table4="行政复议 行政诉讼\nXX").splitlines()]
        lines[[ln.text for ln in lines].index("XX")] = Line(" ".join(cells), cells=cells)
        self.assertEqual(assemble(lines).table4, TABLE4)

    def test_it_marks_blank_cells(self):
        fig = parse_text(report(table4="行政复议\n1 1 0 0 2 / / / / / 2 0 1 0 3"))
        self.assertEqual(fig.table4[5:10], [None] * 5)
        self.assertEqual(at(fig, "table4[7]"), [("P010", "warning")])


if __name__ == "__main__":  # pragma: no cover
    unittest.main()

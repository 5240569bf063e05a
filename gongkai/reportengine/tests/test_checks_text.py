"""Checks on the text, the fees, the publication date and across years (R3xx–R7xx)."""

from __future__ import annotations

from datetime import date
from unittest import TestCase

from gongkai.reportengine.checks import (
    CODES,
    analyse,
    check,
    check_pair,
    deadline_for,
    guess_body_kind,
)
from gongkai.reportengine.checks.narrative import chinese_number
from gongkai.reportengine.figures import SECTION_IDS, Figures, Finding, Severity

from .test_checks import HONGZE_2023_ONE, HONGZE_2024_ONE, busy, found, report


class NarrativeTestCase(TestCase):
    def with_text(self, text: str, template: str = "2021") -> Figures:
        fig = busy(template)  # row 一 总计 21, 二 3, 表四 复议 2, 诉讼 1 + 0
        fig.sections["1"] = text
        return fig

    def test_it_flags_the_known_error_of_hongze_2024(self):
        fig = report(year=2024, body="淮安市洪泽区人民政府")
        fig.table3["1"] = [95, 0, 0, 0, 0, 0, 95]
        fig.table3["3.1"] = [95, 0, 0, 0, 0, 0, 95]
        fig.table3["3.7"] = [95, 0, 0, 0, 0, 0, 95]
        fig.sections["1"] = HONGZE_2024_ONE
        self.assertEqual(
            found(fig),
            [
                (
                    "R301",
                    "narrative",
                    "正文“区政府办代表区政府受理政府信息公开申请17件”写 17 件，"
                    "而表三 一、本年新收申请·总计 为 95",
                )
            ],
        )

    def test_it_keeps_quiet_when_the_carry_over_was_not_read(self):
        # 21 new + 3 carried = 24: the text may count the carry-over; with row 二 unread the
        # check cannot tell, so it says nothing (no false alarm).
        fig = self.with_text("本年共收到政府信息公开申请24件。")
        self.assertEqual(check(fig), [])
        fig.table3["2"] = [None] * 7
        fig.add("P013", Severity.UNREAD, "table3.2", "没有读到数字")
        self.assertEqual(check(fig), [])
        fig.sections["1"] = "本年共收到政府信息公开申请20件。"
        self.assertEqual(check(fig), [])

    def test_it_keeps_quiet_on_hongze_2023_whose_text_matches(self):
        fig = report(year=2023)
        fig.table3["1"] = [21, 0, 0, 0, 0, 0, 21]
        fig.table3["3.1"] = [21, 0, 0, 0, 0, 0, 21]
        fig.table3["3.7"] = [21, 0, 0, 0, 0, 0, 21]
        fig.sections["1"] = HONGZE_2023_ONE
        self.assertEqual(check(fig), [])

    def test_it_reads_chinese_numerals(self):
        self.assertEqual(
            [chinese_number(x) for x in ("二十一", "十二", "一百零五", "两千三百", "3119")],
            [21, 12, 105, 2300, 3119],
        )
        self.assertEqual(check(self.with_text("本年共收到政府信息公开申请二十一件。")), [])
        self.assertEqual(
            found(self.with_text("本年共收到政府信息公开申请二十件。")),
            [
                (
                    "R301",
                    "narrative",
                    "正文“本年共收到政府信息公开申请二十件”写 20 件，而表三 一、本年新收申请·总计 为 21",
                )
            ],
        )

    def test_it_reads_none_received_as_zero(self):
        self.assertEqual(
            found(self.with_text("本年度未收到政府信息公开申请，也无行政复议。")),
            [
                (
                    "R301",
                    "narrative",
                    "正文“本年度未收到政府信息公开申请”写 0 件，而表三 一、本年新收申请·总计 为 21",
                )
            ],
        )
        self.assertEqual(check(self.with_text("未收到因政府信息公开申请引起的行政复议。")), [])

    def test_it_accepts_a_received_figure_that_includes_the_carry_over(self):
        self.assertEqual(check(self.with_text("2024年共受理政府信息公开申请24件。")), [])

    def test_it_ignores_sentences_about_other_matters_years_and_bodies(self):
        for text in (
            "全年受理政务咨询300件，收到信访件12件。",
            "2023年受理政府信息公开申请15件。",
            "受理政府信息公开申请30件，同比增长10%。",
            "全县各部门共收到政府信息公开申请300件。",
            "2024年，全市共收到政府信息公开申请34290件，均在法定期限内予以答复。",
            "全区共发生涉及政府信息公开的行政诉讼案件2件。",
            "收到政府信息公开申请100余件。",
            "全年受理行政复议案件120件。",  # not about 政府信息公开
        ):
            with self.subTest(text=text):
                self.assertEqual(check(self.with_text(text)), [])

    def test_it_checks_carry_over_review_and_litigation(self):
        fig = self.with_text(
            "上年结转政府信息公开申请5件。因政府信息公开被申请行政复议3件，被提起行政诉讼4件。"
        )
        self.assertEqual(
            found(fig),
            [
                (
                    "R301",
                    "narrative",
                    "正文“上年结转政府信息公开申请5件”写 5 件，而表三 二、上年结转申请·总计 为 3",
                ),
                (
                    "R301",
                    "narrative",
                    "正文“因政府信息公开被申请行政复议3件”写 3 件，而表四 行政复议·总计 为 2",
                ),
                (
                    "R301",
                    "narrative",
                    "正文“被提起行政诉讼4件”写 4 件，而表四 行政诉讼总计"
                    "（未经复议直接起诉 1 + 复议后起诉 0）为 1",
                ),
            ],
        )

    def test_it_keeps_quiet_when_carry_over_review_and_litigation_match(self):
        fig = self.with_text(
            "上年结转申请3件。因政府信息公开被申请行政复议2件，被提起行政诉讼1件，"
            "其中复议后起诉的行政诉讼0件。",
            template="2019",
        )
        self.assertEqual(check(fig), [])

    def test_it_keeps_quiet_when_the_table_cell_is_missing(self):
        fig = self.with_text("本年共收到政府信息公开申请30件。")
        fig.table3["1"][6] = None
        fig.add("P001", Severity.UNREAD, "table3.1[6]", "无法读取")
        self.assertEqual(check(fig), [])


class FeesTestCase(TestCase):
    def with_fee_notice(self) -> Figures:
        fig = busy()
        fig.table3["3.6.2"] = [1, 0, 0, 0, 0, 0, 1]
        fig.table3["3.6.3"] = [0, 0, 0, 0, 0, 0, 0]
        return fig

    def test_it_flags_fee_notices_that_section_six_does_not_report(self):
        fig = self.with_fee_notice()
        fig.sections["6"] = "无。"
        self.assertEqual(
            found(fig),
            [
                (
                    "R401",
                    "section6",
                    "表三（六）2（逾期未按收费通知缴费）为 1 件，说明发出过收费通知，"
                    "但第六部分未报告信息处理费情况",
                )
            ],
        )

    def test_it_accepts_fee_notices_when_section_six_reports_the_fee(self):
        fig = self.with_fee_notice()
        fig.sections["6"] = "本年度发出收费通知1件，申请人未缴费，未收取信息处理费。"
        self.assertEqual(check(fig), [])

    def test_it_flags_a_fee_in_the_text_that_section_six_denies(self):
        fig = busy("2019")
        fig.sections["1"] = "全年收取信息处理费300元。"
        fig.sections["6"] = "本年度未收取信息处理费。"
        self.assertEqual(
            found(fig),
            [("R401", "section6", "正文写收取信息处理费 300 元，但第六部分称未收取信息处理费")],
        )
        fig.sections["6"] = "全年收取信息处理费 300 元。"
        self.assertEqual(check(fig), [])

    def test_it_notes_a_section_six_silent_on_fees_in_the_2021_template_only(self):
        fig = busy()
        fig.sections["6"] = "无其他需要报告的事项。"
        self.assertEqual(found(fig), [("R402", "section6", "第六部分没有说明信息处理费的收取情况")])
        self.assertEqual(check(fig)[0].severity, Severity.NOTICE)
        fig = busy("2019")
        fig.sections["6"] = "无其他需要报告的事项。"
        self.assertEqual(check(fig), [])


class PublicationDateTestCase(TestCase):
    def test_it_flags_a_township_report_published_after_31_january(self):
        fig = report(year=2023, body="和田县吾宗肖乡人民政府", published_on=date(2024, 2, 1))
        self.assertEqual(
            found(fig),
            [
                (
                    "R601",
                    "meta.published_on",
                    "发布日期 2024-02-01 晚于乡（镇）人民政府年度报告的期限 2024-01-31（晚 1 天）",
                )
            ],
        )
        fig.published_on = date(2024, 1, 31)
        self.assertEqual(check(fig), [])

    def test_it_uses_the_given_kind_and_the_county_deadline(self):
        fig = report(year=2024, body="某某", body_kind="county", published_on=date(2025, 2, 20))
        self.assertEqual(check(fig), [])
        fig.published_on = date(2025, 2, 21)
        self.assertEqual([c for c, _, _ in found(fig)], ["R601"])

    def test_it_takes_local_deadlines(self):
        fig = report(year=2024, body="某县人民政府", published_on=date(2025, 1, 26))
        self.assertEqual(check(fig), [])
        self.assertEqual(
            found(fig, deadlines={"county": (1, 25)}),
            [
                (
                    "R601",
                    "meta.published_on",
                    "发布日期 2025-01-26 晚于县级人民政府年度报告的期限 2025-01-25（晚 1 天）",
                )
            ],
        )

    def test_it_skips_an_unknown_kind_or_date(self):
        self.assertEqual(check(report(body="某市人民政府", published_on=date(2025, 6, 1))), [])
        self.assertEqual(check(report(body="某县人民政府", published_on=None)), [])

    def test_it_flags_dates_in_the_future_or_before_the_year_ends(self):
        fig = report(year=2024, body="某市人民政府", published_on=date(2026, 1, 5))
        self.assertEqual(
            found(fig, today=date(2025, 12, 1)),
            [("R602", "meta.published_on", "发布日期 2026-01-05 晚于今天（2025-12-01）")],
        )
        fig.published_on = date(2024, 6, 30)
        self.assertEqual(
            found(fig),
            [("R603", "meta.published_on", "发布日期 2024-06-30 早于 2024 年度结束")],
        )

    def test_it_computes_the_national_deadlines(self):
        self.assertEqual(
            [deadline_for(k, 2024) for k in ("department", "township", "county", "prefecture",
                                             "province", "vertical")],
            [date(2025, 1, 31), date(2025, 1, 31), date(2025, 2, 20), date(2025, 3, 10),
             date(2025, 3, 31), date(2025, 3, 31)],
        )  # fmt: skip


class BodyKindTestCase(TestCase):
    def test_it_guesses_only_what_the_name_makes_clear(self):
        cases = {
            "和田县吾宗肖乡人民政府": "township",
            "某某镇人民政府": "township",
            "朝阳区某某街道办事处": "township",
            "淮安市洪泽区人民政府": "county",
            "某某县人民政府": "county",
            "某某旗人民政府": "county",
            "某某市（县级市）人民政府": "county",
            "淮安市人民政府": None,
            "江苏省人民政府": "province",
            "新疆维吾尔自治区人民政府": "province",
            "上海市人民政府": "province",
            "某某自治州人民政府": "prefecture",
            "淮安市人民政府办公室": "department",
            "淮安市生态环境局": "department",
            "某县发展和改革委员会": "department",
            "某省教育厅": "department",
            "某市政务服务中心": "department",
            "国家税务总局淮安市税务局": "vertical",
            "某市气象局": None,
            "某某经济开发区管理委员会": None,
            "": None,
            None: None,
        }
        for name, kind in cases.items():
            with self.subTest(name=name):
                self.assertEqual(guess_body_kind(name), kind)


class PairTestCase(TestCase):
    def test_it_flags_a_carry_over_that_differs_from_last_years_row_four(self):
        earlier, later = report(year=2023), report(year=2024)
        earlier.table3["4"] = [2, 0, 0, 0, 0, 0, 2]
        later.table3["2"] = [1, 0, 0, 0, 0, 0, 1]
        self.assertEqual(
            [(f.code, f.where, f.message) for f in check_pair(earlier, later)],
            [
                (
                    "R501",
                    "table3.2[0]",
                    "表三 二、上年结转·自然人 为 1，而2023 年度报告的 四、结转下年度·自然人 为 2",
                ),
                (
                    "R501",
                    "table3.2[6]",
                    "表三 二、上年结转·总计 为 1，而2023 年度报告的 四、结转下年度·总计 为 2",
                ),
            ],
        )

    def test_it_accepts_a_matching_carry_over_across_templates(self):
        earlier, later = busy("2019"), busy("2021")
        earlier.year, later.year = 2020, 2021
        earlier.table3["4"] = [3, 0, 0, 0, 0, 0, 3]
        self.assertEqual(check_pair(earlier, later), [])

    def test_it_ignores_years_that_are_not_consecutive(self):
        earlier, later = report(year=2022), report(year=2024)
        later.table3["2"] = [1, 0, 0, 0, 0, 0, 1]
        self.assertEqual(check_pair(earlier, later), [])

    def test_it_notes_a_section_five_copied_from_last_year(self):
        text = (
            "2023年，我单位政府信息公开工作仍存在一些不足：一是信息公开的及时性有待提高，"
            "二是政策解读形式较为单一，三是工作人员业务能力需要进一步加强。"
            "下一步，我们将加强培训，丰富解读形式，提升公开质效。"
        )
        earlier, later = report(year=2023), report(year=2024)
        earlier.sections["5"] = text
        later.sections["5"] = text.replace("2023", "2024")
        findings = check_pair(earlier, later)
        self.assertEqual(
            [(f.code, f.severity, f.where, f.message) for f in findings],
            [
                (
                    "R701",
                    Severity.NOTICE,
                    "section5",
                    "第五部分与2023 年度报告的第五部分几乎相同（相似度 100%）",
                )
            ],
        )
        later.sections["5"] = (
            "本年度主要问题是依申请公开答复文书不够规范，个别部门对复杂申请研判不足。"
            "改进措施：制定答复模板，建立疑难申请会商机制，每季度开展案例培训。"
        )
        self.assertEqual(check_pair(earlier, later), [])


class AnalyseTestCase(TestCase):
    def test_it_appends_findings_once_and_keeps_parser_findings(self):
        fig = report()
        fig.table4[0] = 1
        parser_finding = Finding("P010", Severity.WARNING, "table2.rules[0]", "原表留空")
        fig.findings.append(parser_finding)
        self.assertIs(analyse(fig), fig)
        analyse(fig)
        self.assertEqual([f.code for f in fig.findings], ["P010", "R111"])
        self.assertTrue(fig.has_errors)

    def test_it_never_repeats_a_finding_the_parser_put_at_the_same_place(self):
        fig = report()
        fig.table4[0] = 1
        fig.add("P040", Severity.WARNING, "table4[4]", "总计由算术推出")
        self.assertEqual(check(fig), [])


class RobustnessTestCase(TestCase):
    """check() never raises and never changes its argument, whatever the cells hold."""

    def test_it_survives_arbitrary_cells_and_texts(self):
        from hypothesis import given, settings
        from hypothesis import strategies as st

        cell = st.one_of(
            st.none(),
            st.integers(-5, 10**6),
            st.floats(allow_nan=True, allow_infinity=True),
            st.booleans(),
            st.text(max_size=3),
        )
        text = st.text(
            alphabet="收到受理政府信息公开申请上年结转行政复议诉讼处理费元件一二十0123456789，。全各 ",
            max_size=60,
        )

        @settings(max_examples=80, deadline=None, database=None)
        @given(
            template=st.sampled_from(["2021", "2019"]),
            year=st.one_of(st.none(), st.integers(2015, 2030)),
            cells=st.lists(cell, min_size=20, max_size=20),
            texts=st.lists(text, min_size=6, max_size=6),
            order=st.lists(st.sampled_from(["1", "2", "3", "4", "5", "6", "7"]), max_size=8),
        )
        def run(template, year, cells, texts, order):
            fig = report(template, year=year)
            rows = list(fig.table3)
            for i, value in enumerate(cells[:10]):
                fig.table3[rows[i * 2 % len(rows)]][i % 7] = value
            fig.table4[: len(cells[10:])] = cells[10:]
            fig.table3.pop(rows[-1]) if cells[0] is None else None
            fig.sections = dict(zip(SECTION_IDS, texts, strict=True))
            fig.section_order = order
            fig.published_on = date(2025, 1, 1) if year else None
            before = fig.to_dict()
            findings = check(fig, today=date(2025, 6, 1))
            self.assertEqual(fig.to_dict(), before)
            for f in findings:
                self.assertIn(f.code, CODES)
                self.assertTrue(f.message)

        run()

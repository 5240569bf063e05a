"""Findings in English: templates with parameters, Finding.localized, the catalog's coverage
and ``check_report --lang`` (docs/report-checks.md, Languages). No Django needed."""

from __future__ import annotations

import ast
import gettext
import io
import os
from datetime import date
from pathlib import Path
from unittest import TestCase, mock

from gongkai.reportengine.checks import analyse, check, check_pair
from gongkai.reportengine.cli import main
from gongkai.reportengine.figures import SECTION_IDS, Figures, Finding, Severity
from gongkai.reportengine.messages import (
    LOCALE_DIR,
    PLACEHOLDER,
    catalog_translate,
    gettext_noop,
    language_from_environment,
    render,
    text,
)
from gongkai.reportengine.parsing import parse_report
from gongkai.reportengine.results import grouped, summary, verdict_line
from gongkai.reportengine.tests.shared import SAMPLES
from gongkai.reportengine.textview import view

ENGINE = Path(__file__).resolve().parents[1]
EN = catalog_translate("en")


def report(**changes) -> Figures:
    fig = Figures.zeros("2021", year=2024, body="某县人民政府")
    fig.sections = {sid: "正文。" for sid in SECTION_IDS}
    fig.sections["6"] = "本年度未收取信息处理费。"
    fig.section_order = list(SECTION_IDS)
    for key, value in changes.items():
        setattr(fig, key, value)
    return fig


def one(findings: list[Finding], code: str) -> Finding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, (code, findings)
    return found[0]


class LocalizedFindingTestCase(TestCase):
    def test_it_says_r101_in_english_with_the_row_and_both_sums(self):
        fig = report()
        fig.table3["1"] = [3, 1, 0, 0, 0, 0, 5]
        fig.table3["3.1"] = [3, 1, 0, 0, 0, 0, 5]
        f = next(f for f in check(fig) if f.code == "R101" and f.where == "table3.1[6]")
        self.assertEqual(f.message, "表三 一、本年新收申请 的总计为 5，六类申请人之和为 4")
        english = f.localized(EN)
        self.assertEqual(
            english.message,
            "Table III 一、本年新收申请: the total is 5, but the six applicant columns add up to 4",
        )
        self.assertTrue(english.hint.startswith("Each row's total (总计) must equal the sum"))
        self.assertEqual(
            (english.code, english.where, english.severity), ("R101", f.where, f.severity)
        )
        self.assertEqual(f.template, "表三 {row} 的总计为 {total}，六类申请人之和为 {parts}")
        self.assertEqual(dict(f.params), {"row": "一、本年新收申请", "total": 5, "parts": 4})

    def test_it_says_r103_and_r111_in_english_with_every_number(self):
        fig = report()
        fig.table3["1"] = [2, 0, 0, 0, 0, 0, 2]
        fig.table3["4"] = [2, 0, 0, 0, 0, 0, 2]
        fig.table3["3.1"] = [1, 0, 0, 0, 0, 0, 1]
        fig.table3["3.7"] = [1, 0, 0, 0, 0, 0, 1]
        fig.table4[0], fig.table4[1], fig.table4[4] = 10, 1, 0
        findings = check(fig)
        r103 = next(f for f in findings if f.code == "R103" and f.where == "table3.4[0]")
        self.assertEqual(
            r103.localized(EN).message,
            "Table III, column 自然人: 一 (2) + 二 (0) = 2, but （七）总计 (1) + 四 (2) = 3",
        )
        self.assertEqual(
            one(findings, "R111").localized(EN).message,
            "Table IV 行政复议·总计 is 0, but upheld 10 + corrected 1 + other 0 + pending 0 = 11",
        )

    def test_it_translates_the_phrases_of_ours_inside_a_message(self):
        # R121: the table's name; R204: both templates' names; R601: the kind of body.
        fig = report(year=2020, published_on=date(2021, 3, 1), body_kind="township")
        fig.table3["3.1"][0] = -1
        findings = check(fig)
        self.assertEqual(
            next(f for f in findings if f.code == "R121").localized(EN).message,
            "Table III （一）予以公开·自然人 is -1; it cannot be negative",
        )
        self.assertEqual(
            one(findings, "R204").localized(EN).message,
            "The report for 2020 uses the 2021 template (国办公开办函〔2021〕30号); "
            "it should use the 2019 trial template (国办公开办函〔2019〕60号)",
        )
        r601 = one(findings, "R601")
        self.assertEqual(
            r601.message,
            "发布日期 2021-03-01 晚于乡（镇）人民政府年度报告的期限 2021-01-31（晚 29 天）",
        )
        self.assertEqual(
            r601.localized(EN).message,
            "Publication date 2021-03-01 is after the deadline 2021-01-31 for the annual "
            "report of a township people's government (29 days late)",
        )

    def test_it_says_the_pair_and_parser_findings_in_english(self):
        earlier, later = report(year=2023), report(year=2024)
        earlier.table3["4"] = [1, 0, 0, 0, 0, 0, 1]
        r501 = check_pair(earlier, later)[0]
        self.assertEqual(
            r501.localized(EN).message,
            "Table III 二、上年结转·自然人 is 0, but in the report for 2023 "
            "四、结转下年度·自然人 is 1",
        )
        fig = analyse(parse_report(str(SAMPLES / "hongze-2023.pdf")))
        p012 = next(f for f in fig.findings if f.where == "table3.3.6.1")
        self.assertEqual(
            p012.localized(EN).message,
            "The report uses the 2021 template but prints （六）其他处理 as one row "
            "(0|0|0|0|0|0|0) instead of three sub-rows, so this row cannot be filled in",
        )
        r111 = next(f for f in fig.findings if f.where == "table4[14]")
        self.assertEqual(
            r111.localized(EN).message,
            "Table IV 复议后起诉·总计 is 0, but upheld 5 + corrected 0 + other 0 + pending 0 = 5",
        )

    def test_it_keeps_the_chinese_text_and_equality_of_findings(self):
        f = Finding.make("R131", Severity.WARNING, "table4", gettext_noop("表四 全部为空（15 格）"))
        self.assertEqual(f, Finding("R131", Severity.WARNING, "table4", "表四 全部为空（15 格）"))
        self.assertEqual(f.localized(lambda s: s), f)

    def test_it_round_trips_templates_and_nested_phrases_through_json(self):
        fig = report(year=2020)
        fig.table3["3.1"][0] = 1.5
        again = Figures.from_json(analyse(fig).to_json())
        for before, after in zip(fig.findings, again.findings, strict=True):
            self.assertEqual(after.localized(EN).message, before.localized(EN).message)
        data = one(fig.findings, "R121").to_dict()
        self.assertEqual(data["message"], "表三 （一）予以公开·自然人 为 1.5，件数应为整数")
        self.assertEqual(data["message_template"], "{cell} 为 {value}，件数应为整数")
        self.assertEqual(
            data["params"],
            {"cell": {"template": "表三 {label}", "params": {"label": "（一）予以公开·自然人"}},
             "value": 1.5},
        )  # fmt: skip

    def test_it_translates_json_written_before_templates_by_the_whole_message(self):
        old = {"code": "P021", "severity": "unread", "where": "meta.year",
               "message": "未能从标题或统计期限中读出报告年度", "hint": ""}  # fmt: skip
        self.assertEqual(
            Finding.from_dict(old).localized(EN).message,
            "The report year could not be read from the title or the statistics period",
        )

    def test_it_fills_only_named_placeholders_never_attributes(self):
        self.assertEqual(render("{a} {a.__class__} {b}", {"a": 1}), "1 {a.__class__} {b}")
        self.assertEqual(render("{x}", {"x": text("上年度报告")}, EN), "last year's report")
        self.assertEqual(render("{x}", {"x": 3.0}), "3")

    def test_it_groups_repeated_findings_in_english_as_in_chinese(self):
        fig = report()
        fig.table3["3.1"] = [None] * 6 + [0]
        analyse(fig)
        chinese, english = grouped(fig.findings), grouped(f.localized(EN) for f in fig.findings)
        self.assertEqual([g.wheres for g in english], [g.wheres for g in chinese])
        self.assertEqual(english[0].count, 6)
        self.assertEqual(english[0].messages[0], "Table III （一）予以公开·自然人 is empty")


class CatalogCoverageTestCase(TestCase):
    """Every message of the engine is extracted and translated, so a new one fails here."""

    @staticmethod
    def calls():
        for path in sorted(ENGINE.rglob("*.py")):
            if "tests" in path.relative_to(ENGINE).parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    yield path, node

    def test_it_has_an_english_translation_of_every_template(self):
        with open(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.mo", "rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog
        templates = {
            node.args[0].value
            for _path, node in self.calls()
            if getattr(node.func, "id", None) == "gettext_noop"
        }
        self.assertGreater(len(templates), 150)
        missing = sorted(t for t in templates if not catalog.get(t))
        self.assertEqual(missing, [], "run make messages and translate these in locale/en")
        wrong = sorted(
            t
            for t in templates
            if set(PLACEHOLDER.findall(t)) != set(PLACEHOLDER.findall(catalog[t]))
        )
        self.assertEqual(wrong, [], "a translation must keep the template's placeholders")

    def test_it_builds_every_finding_from_a_marked_template(self):
        # A finding's message is the 4th argument of finding(...) / fig.add(...): a literal or
        # f-string there would never reach the catalog.
        unmarked = []
        for path, node in self.calls():
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ("finding", "add") or len(node.args) < 4:
                continue  # (a set's add takes one argument)
            for argument in node.args[3:5]:
                if isinstance(argument, ast.JoinedStr | ast.BinOp) or (
                    isinstance(argument, ast.Constant) and argument.value
                ):
                    unmarked.append(f"{path.name}:{argument.lineno}")
        self.assertEqual(unmarked, [])


class LanguageOptionTestCase(TestCase):
    def setUp(self):
        self.dir = Path(__import__("tempfile").mkdtemp())
        self.addCleanup(__import__("shutil").rmtree, self.dir)
        fig = report()
        fig.table4[0] = 1  # 行政复议 维持 1 but 总计 0 (R111)
        self.path = self.dir / "wrong.json"
        self.path.write_text(fig.to_json(), encoding="utf-8")

    def run_cli(self, *argv: str) -> str:
        out, err = io.StringIO(), io.StringIO()
        status = main(
            [str(self.path), *argv], parse=lambda p: Figures.from_json(Path(p).read_text()),
            stdout=out, stderr=err, today=date(2025, 6, 1),
        )  # fmt: skip
        self.assertEqual((status, err.getvalue()), (1, ""))
        return out.getvalue()

    def test_it_prints_the_findings_and_verdict_in_english_with_lang_en(self):
        shown = self.run_cli("--lang", "en")
        self.assertIn(
            "  R111  table4[4]  Table IV 行政复议·总计 is 0, but upheld 1 + corrected 0 + "
            "other 0 + pending 0 = 1\n",
            shown,
        )
        self.assertIn("\nError (1)\n", shown)
        self.assertIn("\nVerdict: Errors found (errors: 1)", shown)
        self.assertIn("━━ 某县人民政府 · report year 2024 · 2021 template", shown)
        quiet = self.run_cli("--lang", "en", "-q")
        self.assertEqual(quiet, f"{self.path}: Errors found (errors: 1)\n")

    def test_it_takes_the_language_from_the_environment_and_prints_chinese_by_default(self):
        with mock.patch.dict(os.environ, {"LANGUAGE": "", "LC_ALL": "", "LANG": "en_GB.UTF-8"}):
            self.assertIn("Verdict: Errors found", self.run_cli())
            self.assertIn("结论：有错误（1 个错误）", self.run_cli("--lang", "zh"))
        with mock.patch.dict(os.environ, {"LANGUAGE": "", "LC_ALL": "", "LANG": "C.UTF-8"}):
            self.assertIn("结论：有错误（1 个错误）", self.run_cli())

    def test_it_keeps_json_in_chinese_whatever_the_language(self):
        self.assertIn(
            '"message": "表四 行政复议·总计 为 0，', self.run_cli("--lang", "en", "--json")
        )

    def test_it_refuses_an_unknown_language_in_one_line(self):
        err = io.StringIO()
        self.assertEqual(main([str(self.path), "--lang", "fr"], stderr=err), 2)
        self.assertEqual(
            err.getvalue(), "gongkai check_report: 参数 --lang 的值 'fr' 无效（可选：'zh', 'en'）\n"
        )

    def test_it_reads_the_posix_locale_variables_in_gettexts_order(self):
        for environ, expected in (
            ({}, "zh"),
            ({"LANG": "en_US.UTF-8"}, "en"),
            ({"LANG": "zh_CN.UTF-8"}, "zh"),
            ({"LANG": "C.UTF-8"}, "zh"),
            ({"LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"}, "en"),
            ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
            ({"LANGUAGE": "", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ):
            with self.subTest(environ=environ):
                self.assertEqual(language_from_environment(environ), expected)

    def test_it_says_the_verdict_and_summary_in_english(self):
        fig = report()
        fig.table4[0] = 1
        analyse(fig)
        self.assertEqual(verdict_line(fig, EN), "Errors found (errors: 1)")
        self.assertEqual(
            summary({"有错误": 2, "未发现错误": 1}, EN),
            "3 reports: Errors found: 2, No errors found: 1",
        )
        self.assertIn("Table IV, administrative review and litigation", view(fig, EN))

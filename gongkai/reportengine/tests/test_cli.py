"""The check_report CLI core: exit statuses, views, JSON, CSV, folders (with a fake parser)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from unittest import TestCase

from gongkai.reportengine.cli import REPORT_SUFFIXES, main
from gongkai.reportengine.figures import SECTION_IDS, Figures, Severity
from gongkai.reportengine.parsing import ReportUnreadable
from gongkai.reportengine.tests.shared import SAMPLES, SEED

TODAY = date(2025, 6, 1)


def fake_parse(path: str) -> Figures:
    """Stands in for parse_report: the files hold Figures JSON or a marker line."""
    text = Path(path).read_text(encoding="utf-8")
    if text.startswith("SCANNED"):
        raise ReportUnreadable("PDF 没有文字层（可能是扫描件），无法读取")
    if text.startswith("BOOM"):
        raise RuntimeError("boom")
    return Figures.from_json(text)


def figures(year: int = 2024, body: str = "某县人民政府", **changes) -> Figures:
    fig = Figures.zeros("2021", year=year, body=body)
    fig.sections = {sid: "正文。" for sid in SECTION_IDS}
    fig.sections["6"] = "本年度未收取信息处理费。"
    fig.section_order = list(SECTION_IDS)
    for key, value in changes.items():
        setattr(fig, key, value)
    return fig


def wrong(year: int = 2024, body: str = "某县人民政府") -> Figures:
    """A report with one published error: 行政复议 维持 1 but 总计 0 (R111)."""
    fig = figures(year, body)
    fig.table4[0] = 1
    return fig


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class CheckReportCliTestCase(TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(lambda: __import__("shutil").rmtree(self.dir))

    def write(self, name: str, content: Figures | str) -> str:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = content.to_json() if isinstance(content, Figures) else content
        path.write_text(text, encoding="utf-8")
        return str(path)

    def run_cli(self, *argv: str, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), stderr or io.StringIO()
        status = main(list(argv), parse=fake_parse, stdout=out, stderr=err, today=TODAY)
        return status, out.getvalue(), err.getvalue()

    def test_it_exits_0_and_says_no_error_for_a_clean_report(self):
        path = self.write("clean.txt", figures())
        status, out, err = self.run_cli(path)
        self.assertEqual((status, err), (0, ""))
        self.assertIn("━━ 某县人民政府 · 2024 年度 · 2021 格式（国办公开办函〔2021〕30号）", out)
        self.assertIn("一、本年新收申请", out)
        self.assertTrue(out.rstrip().endswith("结论：未发现错误"))

    def test_it_exits_1_and_shows_the_error_for_a_wrong_report(self):
        path = self.write("wrong.txt", wrong())
        status, out, err = self.run_cli(path)
        self.assertEqual((status, err), (1, ""))
        self.assertIn(
            "  R111  table4[4]  表四 行政复议·总计 为 0，维持 1 + 纠正 0 + 其他 0 + 尚未审结 0 = 1",
            out,
        )
        # The faulty cell is marked in the grid of table 四.
        self.assertRegex(out, r"行政复议\s+1\s+0\s+0\s+0\s+0!")
        self.assertIn("结论：有错误（1 个错误）", out)

    def test_it_tells_an_unread_part_from_an_error(self):
        fig = figures()
        fig.table3["3.1"][0] = None
        fig.add("P001", Severity.UNREAD, "table3.3.1[0]", "无法读取该单元格")
        status, out, _ = self.run_cli(self.write("partial.txt", fig))
        self.assertEqual(status, 0)
        self.assertIn("结论：部分内容未能读取（1 处未能读取）", out)
        self.assertRegex(out, r"（一）予以公开\s+—\?")

    def test_it_exits_2_with_one_line_per_unreadable_file_and_still_reads_the_others(self):
        scanned = self.write("scan.pdf", "SCANNED")
        broken = self.write("broken.txt", "BOOM")
        good = self.write("good.txt", figures())
        status, out, err = self.run_cli(scanned, broken, good)
        self.assertEqual(status, 2)
        self.assertEqual(
            err.splitlines(),
            [
                f"{scanned}: PDF 没有文字层（可能是扫描件），无法读取",
                f"{broken}: 内部错误（RuntimeError: boom），请报告此问题",
            ],
        )
        self.assertIn("结论：未发现错误", out)
        self.assertIn("共 3 份：未发现错误 1 份，无法读取 2 份", out)

    def test_it_turns_a_parser_returning_nonsense_into_an_internal_error(self):
        path = self.write("a.txt", figures())
        out, err = io.StringIO(), io.StringIO()
        status = main([path], parse=lambda p: {"not": "figures"}, stdout=out, stderr=err)
        self.assertEqual((status, out.getvalue()), (2, ""))
        self.assertEqual(
            err.getvalue(), f"{path}: 内部错误（TypeError: parser returned dict），请报告此问题\n"
        )

    def test_it_reports_a_file_it_may_not_open_in_one_line(self):
        path = self.write("locked.txt", figures())

        def denied(p):
            raise PermissionError(13, "Permission denied", p)

        out, err = io.StringIO(), io.StringIO()
        self.assertEqual(main([path], parse=denied, stdout=out, stderr=err), 2)
        self.assertEqual(err.getvalue(), f"{path}: 无法打开文件（Permission denied）\n")

    def test_it_lets_unreadable_win_over_errors(self):
        status, _, _ = self.run_cli(self.write("w.txt", wrong()), self.write("s.pdf", "SCANNED"))
        self.assertEqual(status, 2)

    def test_it_exits_2_for_a_missing_path_and_for_bad_usage(self):
        missing = str(self.dir / "nope.txt")
        self.assertEqual(self.run_cli(missing), (2, "", f"{missing}: 文件不存在\n"))
        status, out, err = self.run_cli()
        self.assertEqual((status, out), (2, ""))
        self.assertEqual(len(err.splitlines()), 1)
        self.assertTrue(err.startswith("gongkai check_report: "))

    def test_it_prints_one_json_object_for_one_file(self):
        status, out, _ = self.run_cli(self.write("wrong.txt", wrong()), "--json")
        data = json.loads(out)
        self.assertEqual(status, 1)
        self.assertIsInstance(data, dict)
        self.assertEqual(data["schema_version"], 1)
        self.assertEqual(data["table4"][:5], [1, 0, 0, 0, 0])
        self.assertEqual(
            [(f["code"], f["severity"], f["where"]) for f in data["findings"]],
            [("R111", "error", "table4[4]")],
        )

    def test_it_prints_a_json_array_for_several_files(self):
        good = self.write("a.txt", figures())
        scanned = self.write("b.pdf", "SCANNED")
        status, out, _ = self.run_cli(good, scanned, "--json")
        data = json.loads(out)
        self.assertEqual(status, 2)
        self.assertEqual([d["source"] for d in data], [good, scanned])
        self.assertEqual(data[1], {
            "schema_version": 1, "source": scanned,
            "unreadable": "PDF 没有文字层（可能是扫描件），无法读取",
        })  # fmt: skip

    def test_it_writes_an_escaped_csv_summary_with_a_bom(self):
        good = self.write("good.txt", figures(body='=HYPERLINK("http://x")'))
        bad = self.write("bad.txt", wrong())
        scanned = self.write("scan.pdf", "SCANNED")
        target = self.dir / "summary.csv"
        status, _, _ = self.run_cli(good, bad, scanned, "--csv", str(target))
        self.assertEqual(status, 2)
        raw = target.read_bytes()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[0]["body"], '\'=HYPERLINK("http://x")')
        self.assertEqual(rows[0]["verdict"], "未发现错误")
        self.assertEqual(
            {k: rows[1][k] for k in ("source", "year", "template", "verdict", "errors",
                                     "error_codes", "row1_total", "review_total")},
            {"source": bad, "year": "2024", "template": "2021", "verdict": "有错误",
             "errors": "1", "error_codes": "R111", "row1_total": "0", "review_total": "0"},
        )  # fmt: skip
        self.assertEqual(
            (rows[2]["verdict"], rows[2]["unreadable_reason"]),
            ("无法读取", "PDF 没有文字层（可能是扫描件），无法读取"),
        )

    def test_it_searches_folders_recursively_for_report_files(self):
        self.write("reports/2024/a.txt", figures())
        self.write("reports/b.html", figures(body="某镇人民政府"))
        self.write("reports/photo.jpg", "not a report")
        self.write("reports/.cache/c.txt", "BOOM")
        status, out, _ = self.run_cli(str(self.dir / "reports"), "--json")
        self.assertEqual(status, 0)
        self.assertEqual([Path(d["source"]).name for d in json.loads(out)], ["a.txt", "b.html"])

    def test_it_reads_a_named_file_of_any_extension(self):
        status, _, _ = self.run_cli(self.write("report.data", figures()))
        self.assertEqual(status, 0)

    def test_it_exits_2_for_a_folder_without_reports(self):
        (self.dir / "empty").mkdir()
        status, _, err = self.run_cli(str(self.dir / "empty"))
        self.assertEqual(status, 2)
        self.assertTrue(err.startswith(f"{self.dir / 'empty'}: 文件夹中没有报告文件"))

    def test_it_checks_consecutive_years_of_one_body(self):
        earlier = figures(2023, "某县 人民政府")
        earlier.table3["4"] = [2, 0, 0, 0, 0, 0, 2]
        earlier.table3["1"] = [2, 0, 0, 0, 0, 0, 2]  # 2 new, none handled: 2 left for 2024
        later = figures(2024, "某县人民政府")
        status, out, _ = self.run_cli(
            self.write("2023.txt", earlier), self.write("2024.txt", later), "--json"
        )
        data = json.loads(out)
        self.assertEqual(
            [(f["code"], f["where"]) for f in data[1]["findings"]],
            [("R501", "table3.2[0]"), ("R501", "table3.2[6]")],
        )

    def test_it_prints_one_line_per_report_when_quiet(self):
        good = self.write("a.txt", figures())
        bad = self.write("b.txt", wrong())
        status, out, _ = self.run_cli(good, bad, "--quiet")
        self.assertEqual(status, 1)
        self.assertEqual(
            out.splitlines(),
            [
                f"{good}: 未发现错误",
                f"{bad}: 有错误（1 个错误）",
                "共 2 份：有错误 1 份，未发现错误 1 份",
            ],
        )

    def test_it_shows_a_progress_bar_on_a_terminal_only(self):
        paths = [self.write(f"{i}.txt", figures()) for i in range(3)]
        _, _, err = self.run_cli(*paths, "--quiet", stderr=TTY())
        self.assertIn("检查 [", err)
        self.assertIn("3/3", err)
        _, _, err = self.run_cli(*paths, "--quiet")
        self.assertEqual(err, "")


FIXTURES = Path(__file__).resolve().parent / "fixtures"


class CheckReportRealParserTestCase(TestCase):
    """The CLI with the real parser, on the seed, the published samples and the fixtures."""

    def run_cli(self, *argv: str) -> tuple[int, object, str]:
        out, err = io.StringIO(), io.StringIO()
        status = main([*argv, "--json"], stdout=out, stderr=err, today=TODAY)
        return status, json.loads(out.getvalue()), err.getvalue()

    def test_it_reads_the_seed_with_every_cell_0_and_no_error(self):
        status, data, err = self.run_cli(str(SEED))
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(
            (data["body"], data["year"], data["template"]), ("和田县吾宗肖乡人民政府", 2023, "2021")
        )
        self.assertEqual(data["published_on"], "2024-01-19")
        self.assertEqual(len(data["table3"]), 25)
        self.assertEqual({v for row in data["table3"].values() for v in row}, {0})
        self.assertEqual(data["table4"], [0] * 15)
        self.assertEqual([f for f in data["findings"] if f["severity"] == "error"], [])

    def test_it_flags_the_known_errors_of_the_published_samples_only(self):
        pdfs = [str(SAMPLES / f"{n}.pdf") for n in ("hongze-2023", "hongze-2024", "huaian-2024")]
        status, data, _ = self.run_cli(*pdfs)
        self.assertEqual(status, 1)
        errors = [
            [(f["code"], f["where"]) for f in report["findings"] if f["severity"] == "error"]
            for report in data
        ]
        self.assertEqual(
            errors,
            [
                [("R111", "table4[4]"), ("R111", "table4[14]")],
                [("R301", "narrative")],
                [],
            ],
        )

    def test_it_applies_a_local_deadline_earlier_than_the_national_one(self):
        # The seed (a 乡) was published 2024-01-19: in time nationally (01-31), late locally.
        status, data, _ = self.run_cli(str(SEED))
        self.assertNotIn("R601", [f["code"] for f in data["findings"]])
        status, data, _ = self.run_cli(str(SEED), "--deadline", "township=01-15")
        self.assertEqual(status, 0)  # late publication is a warning, not an error
        late = [f for f in data["findings"] if f["code"] == "R601"]
        self.assertEqual(len(late), 1)
        self.assertIn("2024-01-15（晚 4 天）", late[0]["message"])

    def test_it_takes_the_body_kind_from_the_command_line(self):
        # As a department's report (deadline 01-31 too) with a local 01-10: late by 9 days.
        status, data, _ = self.run_cli(
            str(SEED), "--body-kind", "department", "--deadline", "department=01-10"
        )
        self.assertEqual(data["body_kind"], "department")
        self.assertIn("晚 9 天", [f for f in data["findings"] if f["code"] == "R601"][0]["message"])

    def test_it_refuses_a_deadline_option_it_cannot_use_in_one_line(self):
        for bad, words in (
            ("town=01-15", "未知的机关类型：town"),
            ("township=1月15日", "期限应为 MM-DD 格式"),
            ("township=02-30", "期限应为 MM-DD 格式"),
            ("township=02-15", "不能晚于全国规定的 01-31"),
        ):
            out, err = io.StringIO(), io.StringIO()
            status = main(["x.txt", "--deadline", bad], stdout=out, stderr=err, today=TODAY)
            self.assertEqual(status, 2, bad)
            self.assertEqual(len(err.getvalue().strip().splitlines()), 1, bad)
            self.assertIn(words, err.getvalue())

    def test_it_finds_each_deliberate_error_of_the_fixture_corpus(self):
        # Each fixture's .expected.json lists the `where` of its deliberate defects (or []).
        sources = sorted(
            p
            for p in FIXTURES.iterdir()
            if p.suffix in REPORT_SUFFIXES and (FIXTURES / f"{p.name}.expected.json").exists()
        )
        status, data, _ = self.run_cli(*map(str, sources))
        self.assertEqual(status, 1)
        for source, report in zip(sources, data, strict=True):
            expected = json.loads(
                (FIXTURES / f"{source.name}.expected.json").read_text(encoding="utf-8")
            )["expect"]
            check_wheres = {
                f["where"] for f in report["findings"] if f["code"].startswith(("R", "P"))
            }
            with self.subTest(fixture=source.name):
                for where in expected:
                    self.assertTrue(any(w.startswith(where) for w in check_wheres), check_wheres)
                if not expected:
                    self.assertNotIn("error", {f["severity"] for f in report["findings"]})


class ModuleEntryPointTestCase(TestCase):
    def test_it_runs_as_python_dash_m_without_django(self):
        missing = "/nonexistent/report.pdf"
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-m", "gongkai.reportengine", missing],
            capture_output=True, text=True, env=env, timeout=60,
        )  # fmt: skip
        self.assertEqual((result.returncode, result.stdout), (2, ""))
        self.assertEqual(result.stderr, f"{missing}: 文件不存在\n")

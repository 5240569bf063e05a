"""check_report on big folders and odd inputs: --jobs, --jsonl, --skip-done, zips, grouped
findings, and the small refusals (empty path, --csv over an input, symlink loops)."""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from unittest import TestCase

from gongkai.reportengine.cli import main
from gongkai.reportengine.tests import hostile
from gongkai.reportengine.tests.shared import SEED
from gongkai.reportengine.tests.test_cli import TODAY, fake_parse, figures, wrong


class CliBatchTestCase(TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, name: str, content) -> str:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else content.to_json(), "utf-8")
        return str(path)

    def cli(self, *argv: str, parse=fake_parse) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        status = main(list(argv), parse=parse, stdout=out, stderr=err, today=TODAY)
        return status, out.getvalue(), err.getvalue()

    def test_it_refuses_an_empty_path_instead_of_checking_the_current_folder(self):
        self.assertEqual(self.cli(""), (2, "", "gongkai check_report: 路径不能为空\n"))

    def test_it_refuses_a_csv_file_that_is_one_of_the_inputs(self):
        report = self.write("a.txt", figures())
        before = Path(report).read_bytes()
        status, out, err = self.cli(report, "--csv", report)
        self.assertEqual(status, 2)
        self.assertEqual(err, f"gongkai check_report: --csv 不能写到要检查的报告文件：{report}\n")
        self.assertEqual(Path(report).read_bytes(), before)

    def test_it_names_a_symlink_loop(self):
        loop = self.dir / "loop.txt"
        os.symlink(loop, loop)
        status, _, err = self.cli(str(loop))
        self.assertEqual((status, err), (2, f"{loop}: 符号链接循环，无法打开\n"))

    def test_it_answers_a_wrong_body_kind_in_chinese(self):
        status, out, err = self.cli("x.txt", "--body-kind", "nope")
        self.assertEqual(status, 2)
        self.assertEqual(
            err,
            "gongkai check_report: 参数 --body-kind：未知的机关类型：nope"
            "（应为 department、township、county、prefecture、province、vertical）\n",
        )

    def test_it_answers_argparse_mistakes_in_chinese(self):
        self.assertEqual(self.cli()[2], "gongkai check_report: 缺少参数：PATH\n")
        self.assertEqual(
            self.cli("x", "--nope")[2], "gongkai check_report: 无法识别的参数：--nope\n"
        )
        self.assertEqual(
            self.cli("x", "--jobs", "0")[2], "gongkai check_report: 参数 --jobs：应为正整数：'0'\n"
        )

    def test_it_gives_the_same_results_with_two_jobs(self):
        paths = [self.write(f"{i:02d}.txt", wrong() if i % 3 else figures()) for i in range(12)]
        one = self.cli(*paths, "--json", "--jobs", "1")
        two = self.cli(*paths, "--json", "--jobs", "2")
        self.assertEqual(one, two)
        self.assertEqual(one[0], 1)
        self.assertEqual([d["source"] for d in json.loads(one[1])], paths)

    def test_it_writes_json_lines_and_resumes_after_the_done_ones(self):
        paths = [self.write(f"{i}.txt", figures(body=f"第{i}县人民政府")) for i in range(4)]
        status, out, _ = self.cli(*paths[:2], "--jsonl")
        self.assertEqual(status, 0)
        lines = out.splitlines()
        self.assertEqual([json.loads(line)["source"] for line in lines], paths[:2])
        results = self.dir / "results.jsonl"
        # A run interrupted in the middle of a line: that report is checked again.
        results.write_text(lines[0] + "\n" + lines[1][:40], encoding="utf-8")
        status, out, err = self.cli(*paths, "--jsonl", "--skip-done", str(results))
        self.assertEqual([json.loads(line)["source"] for line in out.splitlines()], paths[1:])

    def test_it_refuses_both_json_forms_at_once(self):
        self.assertEqual(
            self.cli("x", "--json", "--jsonl")[2],
            "gongkai check_report: --json 与 --jsonl 只能选一个\n",
        )

    def test_it_groups_repeated_findings_in_the_terminal_and_keeps_each_in_json(self):
        fig = figures()
        for row in fig.table3.values():
            row[1:6] = [None] * 5  # the 法人或者其他组织 columns left blank
        path = self.write("blank.txt", fig)
        _, out, _ = self.cli(path, "--json")
        blanks = [f for f in json.loads(out)["findings"] if f["code"] == "R131"]
        self.assertEqual(len(blanks), 5 * len(fig.table3))
        _, out, _ = self.cli(path)
        r131 = [line for line in out.splitlines() if "R131" in line]
        self.assertEqual(len(r131), 1)
        self.assertIn(f"R131  {len(blanks)} 处，如：", r131[0])
        self.assertIn("table3.1[1] table3.1[2]", out)


class CliZipTestCase(TestCase):
    """A zip of reports read as a folder, with the real parser and the zip limits."""

    def setUp(self):
        self.dir = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.dir)

    def test_it_reads_a_zip_as_a_folder_within_the_limits(self):
        archive = self.dir / "reports.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(SEED, "乡镇/seed.txt")
            z.writestr("bomb.docx", hostile.zip_bomb_docx(64 * 1024 * 1024))
            z.writestr("readme.xlsx", "not a report")
        out, err = io.StringIO(), io.StringIO()
        status = main([str(archive), "--jsonl"], stdout=out, stderr=err, today=TODAY)
        self.assertEqual(status, 2)
        records = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual(
            [r["source"] for r in records], [f"{archive}/bomb.docx", f"{archive}/乡镇/seed.txt"]
        )
        self.assertIn("可能是压缩炸弹", records[0]["unreadable"])
        self.assertEqual(records[1]["table3"]["1"], [0] * 7)

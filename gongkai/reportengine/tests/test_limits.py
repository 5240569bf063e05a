"""Limits before work (docs/report-checker.md): each hostile file of the hardening review is
refused with one Chinese line before it is inflated, expanded or read whole."""

from __future__ import annotations

import io
import os
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from unittest import TestCase

from gongkai.reportengine import limits
from gongkai.reportengine.parsing import ReportUnreadable, decode_text, parse_report
from gongkai.reportengine.parsing.docx import docx_lines
from gongkai.reportengine.parsing.html import html_lines
from gongkai.reportengine.tests import hostile
from gongkai.reportengine.tests.shared import SEED
from gongkai.reportengine.workers import Budget, run_budgeted


class HostileFilesTestCase(TestCase):
    def assertRefused(self, data: bytes, message: str) -> None:
        tracemalloc.start()
        try:
            with self.assertRaises(limits.LimitExceeded) as refused:
                parse_report(data, name="x")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(str(refused.exception), message)
        self.assertLess(peak, 50 * limits.MB)  # nothing inflated or expanded

    def test_it_refuses_a_zip_bomb_docx_from_its_directory(self):
        data = hostile.zip_bomb_docx()
        self.assertLess(len(data), 1_200_000)  # 1.1 MB inflating to 1.1 GB
        self.assertRefused(
            data, "压缩包中的 word/document.xml 解压后超过 32 MB（可能是压缩炸弹），未读取"
        )

    def test_it_refuses_a_docx_of_300_mb_of_paragraphs(self):
        self.assertRefused(
            hostile.paragraphs_docx(),
            "压缩包中的 word/document.xml 解压后超过 32 MB（可能是压缩炸弹），未读取",
        )

    def test_it_refuses_a_compression_ratio_past_100(self):
        data = hostile.paragraphs_docx(8 * limits.MB)  # under the size limit, ratio ~300
        self.assertRefused(
            data, "压缩包中的 word/document.xml 压缩比超过 100 倍（可能是压缩炸弹），未读取"
        )

    def test_it_clamps_a_grid_span_of_50_000_000_and_caps_the_grid(self):
        self.assertRefused(
            hostile.grid_span_docx(),
            "表格展开后超过 200000 个单元格（合并单元格异常），未读取",
        )
        lines = docx_lines(hostile.grid_span_docx(rows=2))
        self.assertEqual([len(line.cells) for line in lines], [3 * limits.MAX_SPAN] * 2)

    def test_it_caps_html_spans_and_grid_cells(self):
        cell = '<td colspan="50000000" rowspan="50000000">本年新收政府信息公开申请数量</td>'
        page = ("<html><body><table>" + "<tr>" + cell * 3 + "</tr>" * 2 + "</table>").encode()
        lines = html_lines(page)
        self.assertEqual(max(len(line.cells or []) for line in lines), 3 * limits.MAX_SPAN)
        rows = "".join("<tr>" + cell * 8 + "</tr>" for _ in range(200))
        with self.assertRaises(limits.LimitExceeded):
            html_lines(f"<html><body><table>{rows}</table>".encode())

    def test_it_refuses_a_pdf_of_20_000_pages_sharing_one_content_stream(self):
        data = hostile.many_pages_pdf()
        self.assertLess(len(data), 4 * limits.MB)
        self.assertRefused(data, "PDF 有 20000 页，超过 500 页的上限，未读取")

    def test_it_calls_a_pageless_pdf_pageless_not_scanned(self):
        self.assertRefused(hostile.pageless_pdf(), "PDF 文件没有任何页面，无法读取")

    def test_it_refuses_a_2_gb_file_without_reading_it(self):
        path = Path(tempfile.mkdtemp()) / "huge.txt"
        self.addCleanup(lambda: (path.unlink(), path.parent.rmdir()))
        with open(path, "wb") as handle:
            handle.truncate(2 * 1024 * limits.MB)  # sparse: 2 GB that take no disk
        started = time.monotonic()
        tracemalloc.start()
        try:
            with self.assertRaises(limits.LimitExceeded) as refused:
                parse_report(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(str(refused.exception), "文件超过 20 MB，未读取")
        self.assertLess(peak, limits.MB)
        self.assertLess(time.monotonic() - started, 2)

    def test_it_reads_no_more_than_the_limit_of_an_endless_file(self):
        with open("/dev/zero", "rb") as handle, self.assertRaises(limits.LimitExceeded):
            limits.read_bounded(handle, limit=1024)

    def test_it_refuses_more_than_500_reports_in_a_zip_before_inflating(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for i in range(501):
                archive.writestr(f"r{i}.txt", "x")
            archive.writestr(".hidden/r.txt", "x")
            archive.writestr("notes.xlsx", "x")
        with zipfile.ZipFile(buffer) as archive, self.assertRaises(limits.LimitExceeded) as e:
            limits.zip_reports(archive)
        self.assertEqual(str(e.exception), "压缩包中有 501 份报告，超过一次 500 份的上限")


class TextDetectionTestCase(TestCase):
    def test_it_reads_utf16_without_a_bom_as_text(self):
        text = SEED.read_text(encoding="utf-8")
        for encoding in ("utf-16-le", "utf-16-be"):
            with self.subTest(encoding=encoding):
                self.assertEqual(decode_text(text.encode(encoding)), text)
                figures = parse_report(text.encode(encoding), name="seed.txt")
                self.assertEqual(figures.table3["1"], [0] * 7)

    def test_it_still_calls_random_bytes_binary(self):
        with self.assertRaises(ReportUnreadable) as e:
            decode_text(os.urandom(8192))
        self.assertEqual(str(e.exception), "无法识别的文件格式（二进制文件）")


def _slow(task):
    time.sleep(30)


def _hungry(task):
    return bytearray(600 * limits.MB)


def _failed(task, message):
    return ("failed", task, message)


class WorkerBudgetTestCase(TestCase):
    def test_it_kills_a_worker_whose_time_is_spent(self):
        started = time.monotonic()
        results = list(run_budgeted(["a"], _slow, _failed, budget=Budget(seconds=0.5)))
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(
            results,
            [(0, ("failed", "a", "检查超过每份 0.5 秒的时限，已停止（文件可能过大或异常）"))],
        )

    def test_it_stops_a_worker_past_its_memory(self):
        results = list(run_budgeted(["a"], _hungry, _failed, budget=Budget(memory=200 * limits.MB)))
        self.assertEqual(results, [(0, ("failed", "a", "检查超过每份 200 MB 的内存限额，已停止"))])

    def test_it_keeps_working_after_a_worker_dies(self):
        def work(task):
            if task == "die":
                os._exit(9)
            return task.upper()

        results = dict(run_budgeted(["a", "die", "b", "c"], work, _failed, jobs=2))
        self.assertEqual(results[0], "A")
        self.assertEqual(results[2], "B")
        self.assertEqual(results[3], "C")
        self.assertEqual(results[1][0], "failed")
        self.assertIn("检查进程异常退出", results[1][2])

    def test_it_gives_unstarted_tasks_up_at_the_deadline(self):
        results = dict(
            run_budgeted(
                ["a", "b"],
                _slow,
                _failed,
                budget=Budget(seconds=10),
                deadline=time.monotonic() + 0.5,
            )
        )
        self.assertEqual(
            results,
            {
                0: ("failed", "a", "本次检查的总时限已到，此文件未检查完"),
                1: ("failed", "b", "本次检查的总时限已到，此文件未检查完"),
            },
        )

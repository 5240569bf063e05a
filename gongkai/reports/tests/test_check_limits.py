"""The web checker's limits: refused before the body is read or the file is inflated, one
Chinese line (JSON when JSON was asked), never a 500 (docs/report-checker.md)."""

import json
import time
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from gongkai.reportengine import limits
from gongkai.reportengine.tests import hostile
from gongkai.reportengine.tests.shared import SEED
from gongkai.reports.uploads import LimitingUploadHandler, RequestTooLarge

JSON = {"HTTP_ACCEPT": "application/json"}
TOO_LARGE = "上传内容超过 200 MB，未读取；请分批上传，或使用命令行 gongkai check_report。"
TOO_MANY = (
    "一次最多检查 20 个文件；请打包为 zip 上传（后台检查，最多 500 份），"
    "或使用命令行 gongkai check_report。"
)


def seed(name="seed.txt"):
    return SimpleUploadedFile(name, SEED.read_bytes())


class CheckLimitsTestCase(TestCase):
    url = reverse("reports:check")

    def test_it_answers_413_to_a_2_gb_upload_before_reading_it(self):
        started = time.monotonic()
        body = b"--x\r\n"  # what the client sent so far: nothing past it is read
        response = self.client.generic(
            "POST",
            self.url,
            body,
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(2 * 1024**3),
            **JSON,
        )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(json.loads(response.content), {"error": TOO_LARGE})
        self.assertLess(time.monotonic() - started, 2)
        response = self.client.generic(
            "POST",
            self.url,
            body,
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(2 * 1024**3),
        )
        self.assertContains(response, TOO_LARGE, status_code=413)

    def test_it_counts_the_bytes_it_receives_whatever_was_declared(self):
        handler = LimitingUploadHandler(None, max_bytes=10, max_files=1)
        handler.handle_raw_input(None, {}, 5, b"x")
        self.assertEqual(handler.receive_data_chunk(b"12345", 0), b"12345")
        with self.assertRaises(RequestTooLarge):
            handler.receive_data_chunk(b"123456", 5)

    def test_it_refuses_101_files_in_json_when_json_was_asked(self):
        files = [seed(f"{i}.txt") for i in range(101)]
        response = self.client.post(self.url + "?format=json", {"files": files})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(json.loads(response.content), {"error": TOO_MANY})
        response = self.client.post(self.url, {"files": files})
        self.assertContains(response, TOO_MANY, status_code=400)

    def test_it_refuses_21_files_reading_the_json_field_after_them(self):
        files = [seed(f"{i}.txt") for i in range(21)]
        response = self.client.post(self.url, {"files": files, "format": "json"})
        self.assertEqual(
            (response.status_code, json.loads(response.content)), (400, {"error": TOO_MANY})
        )

    def test_it_refuses_the_hostile_files_of_the_review_each_in_one_line(self):
        uploads = [
            SimpleUploadedFile("bomb.docx", hostile.zip_bomb_docx()),
            SimpleUploadedFile("span.docx", hostile.grid_span_docx()),
            SimpleUploadedFile("pages.pdf", hostile.many_pages_pdf()),
            SimpleUploadedFile("empty.pdf", hostile.pageless_pdf()),
        ]
        started = time.monotonic()
        response = self.client.post(self.url, {"files": uploads}, **JSON)
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(
            [d["unreadable"] for d in json.loads(response.content)],
            [
                "压缩包中的 word/document.xml 解压后超过 32 MB（可能是压缩炸弹），未读取",
                "表格展开后超过 200000 个单元格（合并单元格异常），未读取",
                "PDF 有 20000 页，超过 500 页的上限，未读取",
                "PDF 文件没有任何页面，无法读取",
            ],
        )

    def test_it_stops_a_file_whose_time_budget_is_spent_and_answers_the_rest(self):
        real = __import__("gongkai.reportengine.parsing", fromlist=["parse_report"]).parse_report

        def slow_on_pdf(source, *, name=None):
            if name.endswith(".pdf"):
                time.sleep(60)
            return real(source, name=name)

        with (
            mock.patch("gongkai.reportengine.parsing.parse_report", slow_on_pdf),
            mock.patch.object(limits, "WEB_FILE_SECONDS", 1),
        ):
            started = time.monotonic()
            response = self.client.post(
                self.url, {"files": [SimpleUploadedFile("slow.pdf", b"%PDF-1.4"), seed()]}, **JSON
            )
        self.assertLess(time.monotonic() - started, 10)
        data = json.loads(response.content)
        self.assertEqual(
            data[0]["unreadable"],
            "检查超过每份 1 秒的时限，已停止（文件可能过大或异常）；"
            "较大的报告请打包为 zip 上传，在后台检查（每份 120 秒）",
        )
        self.assertEqual(data[1]["table3"]["1"], [0] * 7)

    @override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "h2-rate",
            }
        }
    )
    def test_it_limits_checks_per_address(self):
        with mock.patch("gongkai.reports.views.CHECKS_PER_HOUR", 2):
            statuses = [
                self.client.post(
                    self.url, {"files": [seed()]}, REMOTE_ADDR="192.0.2.7", **JSON
                ).status_code
                for _ in range(3)
            ]
        self.assertEqual(statuses, [200, 200, 429])

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from gongkai.reportengine import limits
from gongkai.reportengine.tests.shared import SAMPLES, SEED

HONGZE_2023 = SAMPLES / "hongze-2023.pdf"


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


class CheckReportsViewTestCase(TestCase):
    url = reverse("reports:check")

    def test_it_shows_the_upload_form_to_anyone(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'type="file" name="files"')

    def test_it_checks_several_reports_and_tells_wrong_from_clean(self):
        response = self.client.post(self.url, {"files": [upload(SEED), upload(HONGZE_2023)]})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "和田县吾宗肖乡人民政府")
        self.assertContains(response, "结论：未发现错误")
        self.assertContains(response, "洪泽区人民政府")
        self.assertContains(response, "结论：有错误")
        # The two published errors of 洪泽区 2023, with the numbers.
        self.assertContains(response, "<code>table4[4]</code>", html=False)
        self.assertContains(response, "<code>table4[14]</code>", html=False)
        self.assertContains(response, "维持 10 + 纠正 1")

    def test_it_answers_json_for_scripts_without_a_csrf_token(self):
        client = self.client_class(enforce_csrf_checks=True)
        response = client.post(self.url, {"files": [upload(SEED)], "format": "json"})
        self.assertEqual(response.status_code, 200)
        data = json.loads(response.content)
        self.assertEqual(len(data), 1)
        self.assertEqual(data[0]["schema_version"], 1)
        self.assertEqual(data[0]["table3"]["1"], [0] * 7)
        self.assertEqual(data[0]["published_on"], "2024-01-19")

    def test_it_explains_a_file_that_is_not_a_report(self):
        junk = SimpleUploadedFile("notes.txt", "会议纪要：今天讨论了绿化。".encode())
        response = self.client.post(self.url, {"files": [junk, upload(SEED)]})
        self.assertContains(response, "无法作为年度报告读取")
        self.assertContains(response, "不是政府信息公开年度报告")
        self.assertContains(response, "和田县吾宗肖乡人民政府")  # the good file still checked

    def test_it_asks_for_a_file_when_none_is_sent(self):
        response = self.client.post(self.url, {})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请选择至少一个报告文件。", status_code=400)

    def test_it_refuses_too_many_files_at_once(self):
        files = [upload(SEED) for _ in range(limits.MAX_UPLOAD_FILES + 1)]
        response = self.client.post(self.url, {"files": files, "format": "json"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("一次最多检查 20 个文件", json.loads(response.content)["error"])

    def test_it_skips_a_file_over_the_size_limit(self):
        big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * limits.MAX_FILE_BYTES)
        response = self.client.post(self.url, {"files": [big]})
        self.assertContains(response, "文件超过 20 MB，未读取")

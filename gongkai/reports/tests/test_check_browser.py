"""In Chromium: upload a zip of reports, watch the progress page, read the results and fetch
the CSV (no JavaScript needed on any of the pages)."""

import io
import zipfile

from gongkai.browser import BrowserTestCase
from gongkai.reportengine.tests.shared import SEED
from gongkai.reports.models import ReportCheck
from gongkai.reports.tests.test_check_background import LATE, run_worker, temporary_check_storage


class CheckZipBrowserTestCase(BrowserTestCase):
    def test_it_takes_a_zip_shows_progress_then_results_and_the_csv(self):
        temporary_check_storage(self)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("2023/seed.txt", SEED.read_bytes())
            archive.writestr("2023/late.html", LATE.read_bytes())
        self.visit("/reports/check/")
        self.page.set_input_files(
            "#id_files",
            files=[
                {"name": "reports.zip", "mimeType": "application/zip", "buffer": buffer.getvalue()}
            ],
        )
        self.page.get_by_role("button", name="检查", exact=True).click()
        self.page.wait_for_url("**/reports/check/*/")
        self.assertEqual(self.page.locator("h1").inner_text(), "检查 reports.zip")
        self.assertIn("等待后台检查进程开始", self.page.locator("main").inner_text())
        refresh = self.page.locator('meta[http-equiv="refresh"]')
        self.assertEqual(refresh.get_attribute("content"), "3")

        run_worker()
        self.assertEqual(ReportCheck.objects.get().status, "done")
        self.page.wait_for_selector(
            "text=已检查 2 份报告。", timeout=10000
        )  # the page's own refresh
        text = self.page.locator("main").inner_text()
        self.assertIn("和田县吾宗肖乡人民政府", text)
        self.assertIn("结论：未发现错误", text)
        self.assertEqual(self.page.locator("section.report-result").count(), 2)

        with self.page.expect_download() as download:
            self.page.get_by_role("link", name="下载 CSV 汇总").click()
        csv_text = open(download.value.path(), encoding="utf-8-sig").read()
        self.assertIn("2023/seed.txt", csv_text)
        self.assertIn("2023/late.html", csv_text)

"""A head of body goes from records to a published, checked report in the browser."""

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from gongkai.browser import BrowserTestCase
from gongkai.test import PASSWORD, bulk_applications, create_cast, make_channel

# Screenshots go here (GONGKAI_SCREENSHOTS to keep them); the test prints clicks and seconds.
SHOTS = Path(os.getenv("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-annual-"))


class AnnualReportBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        create_cast(self)  # committed rows: the live server thread must see them
        bulk_applications(
            self.agency_a,
            [
                ("natural", date(2025, 3, 3), date(2025, 3, 20), "3.1"),
                ("business", date(2025, 12, 29), None, ""),
            ],
        )
        # The register names the portal column, so the draft of 一(四) has no 〔…〕 left (R304).
        make_channel(self.agency_a, kind="portal", name="和田县人民政府网站吾宗肖乡专栏")

    def test_it_publishes_the_report_computed_from_the_records(self):
        started, clicks = time.perf_counter(), 0
        page = self.page
        self.visit("/staff/login/")
        page.fill("input[name=username]", "adam")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        clicks += 1
        page.wait_for_url("**/staff/")
        self.visit("/reports/staff/wuzongxiao/2025/")
        page.screenshot(path=str(SHOTS / "1-report.png"), full_page=True)
        self.assertIn("2025年政府信息公开工作年度报告", page.locator("h1").inner_text())
        page.fill("textarea[name=section_6]", "2025年，无收取信息处理费情况。")
        page.click("button:has-text('保存正文')")
        clicks += 1
        self.assertIn("报告正文已保存。", page.locator(".messages").inner_text())
        page.click("button:has-text('公开报告')")
        clicks += 1
        self.assertIn("已公开第 1 版", page.locator(".messages").inner_text())
        page.screenshot(path=str(SHOTS / "2-published.png"), full_page=True)
        self.visit("/nianbao/wuzongxiao/2025/")
        page.screenshot(path=str(SHOTS / "3-public.png"), full_page=True)
        self.assertIn("第 1 版", page.locator(".annual-side").inner_text())
        self.assertIn("2025年，无收取信息处理费情况。", page.locator(".annual-report").inner_text())
        seconds = time.perf_counter() - started
        print(
            f"\nannual report in the browser: {clicks} clicks, {seconds:.1f} s; screenshots in {SHOTS}"
        )

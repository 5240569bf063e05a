"""With the demo loaded, the 负责人 of 县自然资源局 opens a review case and takes its defence
bundle in one click; the case page passes axe (WCAG 2.1 AA)."""

import io
import os
import tempfile
import zipfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from gongkai.agencies.demo import DEMO_PASSWORD
from gongkai.browser import BrowserTestCase, axe_violations

SHOTS = Path(os.getenv("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-bundle-"))


class DemoBundleBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        call_command("demo", stdout=StringIO())  # committed: the live server must see it

    def test_one_click_on_the_case_page_gives_the_bundle(self):
        page = self.page
        self.visit("/staff/login/")
        page.fill("input[name=username]", "zrzy-fuzeren")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/staff/")
        self.visit("/reports/staff/hotan-zrzy/cases/")
        page.click("a:has-text('和政复〔2025〕3号')")
        page.screenshot(path=str(SHOTS / "case.png"), full_page=True)
        self.assertEqual(axe_violations(page), [])
        with page.expect_download() as caught:
            page.click("a:has-text('下载答复材料（ZIP）')")
        download = caught.value
        self.assertEqual(download.suggested_filename, "和政复〔2025〕3号-答复材料.zip")
        names = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())).namelist()
        self.assertEqual(
            [n.split("/", 1)[1].split("-", 1)[1] for n in names],
            [
                "目录.pdf",
                "政府信息公开申请.pdf",
                "收到申请凭证.pdf",
                "检索记录.pdf",
                "县自然资源局依申告〔2025〕2号.pdf",
                "送达记录（县自然资源局依申告〔2025〕2号）.pdf",
                "办理记录.pdf",
            ],
        )

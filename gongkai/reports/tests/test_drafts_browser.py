"""A clerk drafts 一, 五, 六 from the records, overrides a figure with its reason, and sees the
check's findings — in the browser, with screenshots (GONGKAI_SCREENSHOTS to keep them)."""

import os
import tempfile
from pathlib import Path

from gongkai.browser import BrowserTestCase
from gongkai.test import PASSWORD, create_cast, make_channel

from .test_drafts import busy_year

SHOTS = Path(os.getenv("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-drafts-"))


class DraftsBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        create_cast(self)
        busy_year(self.agency_a)
        make_channel(self.agency_a, kind="portal", name="和田县人民政府网站吾宗肖乡专栏")

    def test_a_clerk_drafts_the_texts_and_overrides_a_figure(self):
        page = self.page
        self.visit("/staff/login/")
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/staff/")
        self.visit("/reports/staff/wuzongxiao/2025/")
        one = page.locator("textarea[name=section_1]").input_value()
        self.assertIn("办结4件，其中予以公开2件、部分公开1件、无法提供1件", one)
        page.fill("textarea[name=section_6]", "自写的第六部分。")
        page.click("button[name=draft][value='5']")
        self.assertIn(
            "（一）存在的主要问题", page.locator("textarea[name=section_5]").input_value()
        )
        self.assertEqual(page.locator("textarea[name=section_6]").input_value(), "自写的第六部分。")
        page.click("button[name=draft][value='6']")
        self.assertIn(
            "没有产生信息公开处理费", page.locator("textarea[name=section_6]").input_value()
        )
        page.fill(
            "textarea[name=section_5]",
            "（一）存在的主要问题\n1.依申请公开答复有1件临近期限才办结，承办科室交接不畅。\n"
            "（二）改进情况\n已建立收件当日登记、到期前三日提醒的制度。",
        )
        page.click("button:has-text('保存正文')")
        self.assertIn("报告正文已保存。", page.locator(".messages").inner_text())
        page.select_option("select[name=cell]", "table4[0]")
        page.fill("input[name=value]", "1")
        page.fill("textarea[name=reason]", "2025年3月复议决定书（纸质），案件尚未录入平台")
        page.click("button:has-text('记录调整')")
        page.select_option("select[name=cell]", "table4[3]")
        page.fill("input[name=value]", "0")
        page.fill("textarea[name=reason]", "同上：该案已于2025年5月审结，结果维持")
        page.click("button:has-text('记录调整')")
        findings = page.locator(".findings").inner_text()
        self.assertIn("R801", findings)
        self.assertIn("表四 行政复议·结果维持 按平台记录计算为 0，填报为 1", findings)
        self.assertNotIn("R111", findings)  # the group total still adds up
        page.screenshot(path=str(SHOTS / "drafts-override.png"), full_page=True)
        print(f"\nscreenshots in {SHOTS}")

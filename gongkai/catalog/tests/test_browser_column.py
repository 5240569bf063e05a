"""The public column in a real browser: keyboard, no JavaScript, large text, axe-core WCAG 2.1 AA."""

from gongkai.browser import BrowserTestCase, axe_violations
from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.models import Genre
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import create_cast, make_item


class ColumnBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        create_cast(self)
        self.item = make_item(self.agency_a, publish=True, summary="明确低保申请条件。")
        draft = make_item(self.agency_a, title="2026年部门预算公开说明")
        add_attachment(
            draft, actor=None, name="预算.pdf", data=make_pdf(["财政拨款支出合计856.3万元"])
        )
        from gongkai.catalog import workflow

        workflow.submit_item(draft, actor=None)
        workflow.approve_item(draft, actor=None, secrecy_note="同意")
        self.report = make_item(
            self.agency_a,
            publish=True,
            title="2025年政府信息公开工作年度报告",
            genre=Genre.ANNUAL_REPORT,
        )
        self.slug = self.agency_a.slug

    def pages(self):
        return [
            "/xxgk/",
            f"/xxgk/{self.slug}/",
            f"/xxgk/{self.slug}/guide/",
            f"/xxgk/{self.slug}/rules/",
            f"/xxgk/{self.slug}/items/",
            f"/xxgk/{self.slug}/items/{self.item.pk}/",
            f"/xxgk/{self.slug}/reports/",
            "/xxgk/search/?q=财政拨款",
            "/xxgk/text-size/",
        ]

    def test_every_column_page_passes_axe_in_both_text_sizes(self):
        for large in (False, True):
            if large:
                self.context.add_cookies(
                    [{"name": "gk_text", "value": "large", "url": self.live_server_url}]
                )
            for path in self.pages():
                with self.subTest(path=path, large=large):
                    self.assertEqual(self.visit(path).status, 200)
                    self.assertEqual(axe_violations(self.page), [])

    def test_search_finds_a_word_inside_a_pdf_using_only_the_keyboard(self):
        self.visit(f"/xxgk/{self.slug}/")
        focused = []
        for _ in range(20):  # Tab through the page until the search box has the focus
            self.page.keyboard.press("Tab")
            focused.append(
                self.page.evaluate(
                    "document.activeElement.id || document.activeElement.textContent"
                )
            )
            if focused[-1] == "column-q":
                break
        self.assertIn("跳到正文", focused)  # the skip link is reachable, before the column
        self.assertEqual(focused[-1], "column-q")
        self.page.keyboard.type("财政拨款")
        self.page.keyboard.press("Enter")
        self.page.wait_for_url("**/xxgk/search/**")
        self.assertEqual(
            self.page.locator(".search-results li a").inner_text(), "2026年部门预算公开说明"
        )
        self.assertEqual(self.page.locator(".search-results mark").first.inner_text(), "财政拨款")

    def test_the_large_text_toggle_works_without_javascript(self):
        context = self.browser.new_context(locale="zh-CN", java_script_enabled=False)
        page = context.new_page()
        try:
            page.goto(self.live_server_url + f"/xxgk/{self.slug}/guide/")
            self.assertEqual(page.locator(".column").get_attribute("class"), "column")
            page.click("text=大字号（适老化）")
            page.wait_for_load_state()
            self.assertEqual(page.url, self.live_server_url + f"/xxgk/{self.slug}/guide/")
            self.assertEqual(page.locator(".column").get_attribute("class"), "column large-text")
            page.click("text=标准字号")
            self.assertEqual(page.locator(".column").get_attribute("class"), "column")
        finally:
            context.close()

    def test_the_large_text_mode_really_enlarges_the_text(self):
        self.visit(f"/xxgk/{self.slug}/guide/")
        size = "parseFloat(getComputedStyle(document.querySelector('.guide-part p')).fontSize)"
        normal = self.page.evaluate(size)
        self.page.click("text=大字号（适老化）")
        self.page.wait_for_selector(".large-text")
        self.assertGreaterEqual(self.page.evaluate(size), normal * 1.25)

    def test_the_phone_layout_has_no_horizontal_scroll(self):
        self.page.set_viewport_size({"width": 390, "height": 800})
        for path in self.pages():
            with self.subTest(path=path):
                self.visit(path)
                overflow = self.page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                self.assertLessEqual(overflow, 0)

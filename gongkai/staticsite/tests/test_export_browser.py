"""The exported column opened from a plain folder (file://) in Chromium: links and search work."""

import tempfile
from pathlib import Path

from django.test import override_settings

from gongkai.browser import BrowserTestCase
from gongkai.staticsite.export import export_site
from gongkai.staticsite.tests.test_export_site import make_column
from gongkai.test import create_cast


class ExportedSiteBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        create_cast(self)
        media, out = tempfile.TemporaryDirectory(), tempfile.TemporaryDirectory()
        self.addCleanup(media.cleanup)
        self.addCleanup(out.cleanup)
        self.enterContext(override_settings(MEDIA_ROOT=media.name))
        self.first, *_ = make_column(self.agency_a, self.alice)
        self.root = Path(out.name)
        export_site(self.agency_a, self.root)
        self.errors = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def test_its_search_finds_a_word_inside_an_attached_pdf(self):
        page = self.page
        page.goto((self.root / "index.html").as_uri())
        page.get_by_role("link", name="搜索").click()
        self.assertTrue(page.url.endswith("/search/index.html"))
        page.fill("#static-q", "棉花补贴")
        page.get_by_role("button", name="搜索").click()
        self.assertEqual(page.inner_text("#static-search-status"), "找到 1 条结果。")
        results = page.locator("#static-search-results a")
        self.assertEqual(results.count(), 1)
        self.assertEqual(results.inner_text(), "关于2026年农村低保对象名单的公示")
        results.click()
        self.assertTrue(page.url.endswith(f"/items/{self.first.pk}/index.html"))
        self.assertIn("名单.pdf", page.inner_text("main"))
        self.assertEqual(self.errors, [])

    def test_a_word_in_no_item_finds_nothing_and_markup_stays_text(self):
        page = self.page
        page.goto((self.root / "search" / "index.html").as_uri() + "?q=%3Cimg%20src%3Dx%3E")
        self.assertEqual(page.inner_text("#static-search-status"), "找到 0 条结果。")
        page.fill("#static-q", "低保")
        page.press("#static-q", "Enter")
        self.assertEqual(page.inner_text("#static-search-status"), "找到 1 条结果。")
        self.assertEqual(page.locator("#static-search-results mark").first.inner_text(), "低保")
        self.assertEqual(self.errors, [])

    def test_the_entries_link_to_each_other_from_the_folder(self):
        page = self.page
        page.goto((self.root / "index.html").as_uri())
        page.locator(".column-entries").get_by_role("link", name="法定主动公开内容").click()
        self.assertTrue(page.url.endswith("/items/index.html"))
        page.get_by_role("link", name="吾宗肖乡2026年部门预算公开").click()
        page.locator(".column-entries").get_by_role("link", name="政府信息公开指南").click()
        self.assertTrue(page.url.endswith("/guide/index.html"))
        self.assertEqual(page.locator("h1").count(), 1)

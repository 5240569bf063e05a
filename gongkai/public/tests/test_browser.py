from gongkai.browser import BrowserTestCase


class HomePageBrowserTestCase(BrowserTestCase):
    def test_it_renders_the_home_page_in_chinese(self):
        response = self.visit("/")
        self.assertEqual(response.status, 200)
        self.assertEqual(self.page.locator("h1").inner_text(), "政府信息公开平台")
        self.assertEqual(self.page.locator("html").get_attribute("lang"), "zh-hans")

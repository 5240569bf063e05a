"""Section 一(三)/(五) drafted on the report page from the year's 监督保障 records."""

from gongkai.test import BaseTestCase, make_consultation


class SectionOneDraftTestCase(BaseTestCase):
    def page(self):
        self.client.force_login(self.alice)
        return self.client.get(f"/reports/staff/{self.agency_a.slug}/2026/").content.decode()

    def test_it_offers_the_records_draft_when_nothing_is_written(self):
        make_consultation(self.agency_a)
        make_consultation(self.agency_a, channel="visit")
        page = self.page()
        self.assertIn("（五）监督保障", page)
        self.assertIn("全年登记咨询2次", page)
        self.assertIn("未收到针对政府信息公开工作的投诉、举报", page)
        # The caller's identity never reaches the report's text (PIPL).
        self.assertNotIn("13899990000", page)

    def test_it_keeps_what_the_clerk_wrote(self):
        from gongkai.reports.models import AnnualReport

        AnnualReport.objects.create(agency=self.agency_a, year=2026, sections={"1": "本机关自写。"})
        page = self.page()
        self.assertIn("本机关自写。", page)
        self.assertNotIn("（五）监督保障", page)

"""The staff report page, its exports, publication, the status dashboard and the public pages."""

import json
from datetime import date

import time_machine

from gongkai.reportengine.figures import Figures
from gongkai.reports.models import AnnualReport
from gongkai.test import BaseTestCase, QuietRefusalsMixin, bulk_applications, publish_report

PAGE = "/reports/staff/wuzongxiao/2025/"


@time_machine.travel("2026-01-20 10:00 +0800", tick=False)
class AnnualPageTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(
            cls.agency_a,
            [
                ("natural", date(2025, 3, 3), date(2025, 3, 20), "3.1"),
                ("business", date(2025, 12, 29), None, ""),
            ],
        )

    def test_it_shows_the_tables_from_the_records_and_the_charts(self):
        self.client.force_login(self.alice)
        page = self.client.get(PAGE)
        self.assertContains(
            page, "和田县吾宗肖乡人民政府<br>2025年政府信息公开工作年度报告", html=False
        )
        self.assertEqual(page.context["figures"].table3["1"], [1, 1, 0, 0, 0, 0, 2])
        self.assertEqual(page.context["figures"].table3["4"], [0, 1, 0, 0, 0, 0, 1])
        self.assertContains(page, 'alt="2021—2025年政府信息公开申请（件）"')
        self.assertContains(page, '<th scope="row">予以公开</th><td>1</td>', html=False)
        self.assertNotContains(page, "<script")

    def test_it_saves_the_texts_and_uses_them_in_every_export(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            PAGE,
            {
                "section_1": "本年度共收到申请2件。",
                "section_5": "",
                "section_6": "2025年，无收取信息处理费情况。",
            },
        )
        self.assertRedirects(response, PAGE)
        data = json.loads(self.client.get(PAGE + "export/json/").content)
        self.assertEqual(data["sections"]["6"], "2025年，无收取信息处理费情况。")
        docx = self.client.get(PAGE + "export/docx/")
        self.assertEqual(
            docx["Content-Disposition"], 'attachment; filename="wuzongxiao-2025-annual-report.docx"'
        )

    def test_it_keeps_what_was_typed_when_a_text_is_too_long(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            PAGE, {"section_1": "长" * 20001, "section_5": "改进", "section_6": ""}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "改进</textarea>", status_code=400)
        self.assertFalse(AnnualReport.objects.exists())

    def test_it_serves_each_chart_as_an_svg_without_scripts(self):
        self.client.force_login(self.alice)
        svg = self.client.get(PAGE + "chart/mix.svg")
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertIn("2025年办理结果构成（件）", svg.content.decode())
        self.assertNotIn("<script", svg.content.decode())

    def test_it_lets_only_the_head_publish_and_then_a_correction_with_its_note(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.post(PAGE + "publish/").status_code, 403)
        self.client.force_login(self.adam)
        self.assertRedirects(self.client.post(PAGE + "publish/"), PAGE)
        version = AnnualReport.objects.get().current()
        self.assertEqual((version.number, version.published_on), (1, date(2026, 1, 20)))
        self.client.post(
            PAGE, {"section_1": "", "section_5": "", "section_6": "2025年，无收取信息处理费情况。"}
        )
        self.client.post(PAGE + "publish/", {"correction": ""})
        self.assertEqual(AnnualReport.objects.get().versions.count(), 1)  # no note: refused
        self.client.post(PAGE + "publish/", {"correction": "补充信息处理费情况。"})
        self.assertEqual(AnnualReport.objects.get().versions.count(), 2)

        public = self.client.get("/nianbao/wuzongxiao/2025/")
        self.assertContains(public, "第 2 版")
        self.assertContains(public, "更正说明：补充信息处理费情况。")
        self.assertContains(public, AnnualReport.objects.get().current().content_hash)
        old = self.client.get("/nianbao/wuzongxiao/2025/v1/")
        self.assertContains(old, "这是此前的版本；现行版本为第 2 版。")
        frozen = json.loads(self.client.get("/nianbao/wuzongxiao/2025/v1/json/").content)
        self.assertEqual(frozen["sections"]["6"], "")
        self.assertEqual(Figures.from_dict(frozen).table3["1"], [1, 1, 0, 0, 0, 0, 2])
        column = self.client.get("/xxgk/wuzongxiao/reports/")
        self.assertContains(column, 'href="/nianbao/wuzongxiao/2025/"')

    def test_it_answers_404_for_an_unpublished_report_and_a_year_out_of_range(self):
        self.assertEqual(self.client.get("/nianbao/wuzongxiao/2025/").status_code, 404)
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get("/reports/staff/wuzongxiao/2018/").status_code, 404)


@time_machine.travel("2026-02-02 10:00 +0800", tick=False)
class StatusPageTestCase(BaseTestCase):
    def test_it_shows_each_subordinate_bodys_report_against_its_deadline(self):
        publish_report(self.agency_a)  # published 2026-01-20, before 01-31: on time
        self.client.force_login(self.sam)
        page = self.client.get("/reports/staff/hotan-county/status/2025/")
        rows = page.context["rows"]
        states = {r["body"].slug: (r["state"], r["due"]) for r in rows}
        self.assertEqual(states["wuzongxiao"], ("on_time", date(2026, 1, 31)))
        self.assertEqual(states["layika"], ("overdue", date(2026, 1, 31)))
        self.assertEqual(states["hotan-county"], ("none", date(2026, 2, 20)))  # 30号: county 02-20

    def test_it_takes_an_earlier_local_deadline(self):
        with self.settings(GONGKAI_REPORT_LOCAL_DEADLINES={"township": "01-15"}):
            publish_report(self.agency_a)
            self.client.force_login(self.sam)
            rows = self.client.get("/reports/staff/hotan-county/status/2025/").context["rows"]
        states = {r["body"].slug: (r["state"], r["due"]) for r in rows}
        self.assertEqual(states["wuzongxiao"], ("late", date(2026, 1, 15)))

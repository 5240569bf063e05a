"""Drafts of sections 一, 五, 六 from the records; the numbers of the saved text checked against
the tables and records (R302-R304); the «按记录起草» button (docs/annual-report.md)."""

from datetime import date

import time_machine

from gongkai.reports.compute import report_figures
from gongkai.reports.drafting import draft_sections
from gongkai.reports.models import AnnualReport
from gongkai.test import (
    BaseTestCase,
    QuietRefusalsMixin,
    bulk_applications,
    make_channel,
    make_dispute_case,
    make_item,
)

PAGE = "/reports/staff/wuzongxiao/2025/"


def busy_year(agency):
    """2025: four received (two 予以公开, one 部分公开, one open at year end), one carried
    over from 2024 and closed as 本机关不掌握; one review case; 300余篇 on 抖音; one item."""
    from gongkai.channels.models import YearCount

    bulk_applications(
        agency,
        [
            ("natural", date(2025, 3, 3), date(2025, 3, 20), "3.1"),
            ("natural", date(2025, 4, 1), date(2025, 4, 15), "3.1"),
            ("natural", date(2025, 5, 6), date(2025, 5, 30), "3.2"),
            ("business", date(2025, 12, 29), None, ""),
            ("natural", date(2024, 12, 20), date(2025, 1, 10), "3.4.1"),
        ],
    )
    make_dispute_case(agency)
    channel = make_channel(agency)
    YearCount.objects.create(agency=agency, channel=channel, year=2025, count=300, approximate=True)
    make_item(
        agency,
        publish=True,
        written_on=date(2025, 3, 2),
        published_on=date(2025, 3, 10),
        title="关于2025年农村低保对象名单的公示",
    )


@time_machine.travel("2026-01-20 10:00 +0800", tick=False)
class DraftTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        busy_year(cls.agency_a)

    def drafts(self):
        return draft_sections(self.agency_a, 2025, report_figures(self.agency_a, 2025))

    def test_section_one_states_the_figures_of_the_tables_and_the_records(self):
        one = self.drafts()["1"]
        self.assertIn(
            "2025年度，吾宗肖乡在政府信息公开目录中主动公开政府信息1条；"
            "通过抖音“吾宗肖乡发布”等渠道发布各类信息300余篇。",
            one,
        )
        self.assertIn(
            "2025年，吾宗肖乡本年新收政府信息公开申请4件，上年结转政府信息公开申请1件；"
            "办结4件，其中予以公开2件、部分公开1件、无法提供1件；结转下年度继续办理1件。"
            "因政府信息公开工作被申请行政复议1件、被提起行政诉讼0件（详见第四部分）。",
            one,
        )
        for heading in ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）平台建设",
                        "（五）监督保障"):  # fmt: skip
            self.assertIn(heading, one)
        self.assertIn("运行抖音“吾宗肖乡发布”等政务新媒体", one)

    def test_section_six_says_no_fee_in_the_seed_reports_words(self):
        self.assertTrue(
            self.drafts()["6"].startswith(
                "本机关按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
                "（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"
            )
        )

    def test_section_five_is_a_skeleton_from_the_facts(self):
        from gongkai.applications.models import Application

        # Two answered after their due day: counted as late (条例 Art. 33).
        Application.objects.filter(outcome="3.1").update(due_on=date(2025, 3, 10))
        five = self.drafts()["5"]
        self.assertIn("至年底仍超期未答复的申请2件（条例第三十三条）。〔请说明原因〕", five)
        self.assertIn("（二）改进情况", five)

    def test_a_saved_draft_passes_the_check_and_an_edited_number_is_flagged(self):
        drafts = self.drafts()
        report = AnnualReport.objects.create(agency=self.agency_a, year=2025, sections=drafts)
        codes = {f.code for f in report_figures(self.agency_a, 2025).findings}
        self.assertFalse(codes & {"R301", "R302", "R303"})
        self.assertIn("R304", codes)  # 五's 〔…〕 placeholders
        report.sections = {
            **drafts,
            "1": drafts["1"].replace("予以公开2件", "予以公开5件").replace("300余篇", "280余篇"),
        }
        report.save()
        found = {f.code: f for f in report_figures(self.agency_a, 2025).findings}
        self.assertEqual(found["R302"].severity, "error")
        self.assertEqual(
            found["R302"].message, "第一部分“予以公开5件”与表三（一）予以公开（2）不一致"
        )
        self.assertEqual(
            found["R303"].message,
            "第一部分“发布各类信息280余篇”与公开渠道登记的本年发布数（300）不一致",
        )

    def test_the_button_drafts_one_section_and_keeps_what_was_typed_elsewhere(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            PAGE,
            {"section_1": "本机关自写。", "section_5": "问题自写。", "section_6": "", "draft": "6"},
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(form["section_1"].value(), "本机关自写。")
        self.assertEqual(form["section_5"].value(), "问题自写。")
        self.assertIn("本年度没有产生信息公开处理费", form["section_6"].value())
        self.assertFalse(AnnualReport.objects.filter(agency=self.agency_a, year=2025).exists())
        self.assertContains(response, 'name="draft" value="5"')

    def test_the_draft_button_needs_write_access(self):
        self.client.force_login(self.sam)  # 监督 of the county: reads, writes nothing
        response = self.client.post(PAGE, {"draft": "1"})
        self.assertEqual(response.status_code, 403)

    def test_section_six_reports_the_fee_collected(self):
        from gongkai.applications.models import Application
        from gongkai.applications.records import Fee

        app = Application.objects.get(outcome="3.2")
        Fee.objects.create(
            application=app,
            method="per_volume",
            pages=50,
            amount=200,
            notice_served_on=date(2025, 5, 10),
            notice_received_on=date(2025, 5, 12),
            pay_due_on=date(2025, 5, 31),
            paid_on=date(2025, 5, 20),
            paid_amount=200,
        )
        six = self.drafts()["6"]
        self.assertIn("本年度发出收费通知1件，收取信息处理费共计200元。", six)
        AnnualReport.objects.create(agency=self.agency_a, year=2025, sections={"6": six})
        codes = {f.code for f in report_figures(self.agency_a, 2025).findings}
        self.assertFalse(codes & {"R303", "R304", "R401", "R402"})  # 〔2020〕 is no prompt

    def test_a_body_without_a_website_names_its_column_on_the_platform(self):
        drafts = self.drafts()
        self.assertIn(
            "吾宗肖乡通过政府信息公开平台开设本机关政府信息公开专栏"
            "（http://127.0.0.1:8000/xxgk/wuzongxiao/），发布政府信息公开指南、制度、"
            "法定主动公开内容和年度报告，作为公开的第一平台",
            drafts["1"],
        )
        self.assertNotIn("〔请写明政府信息公开的主要平台", drafts["1"])

    def test_platform_names_the_portal_column_and_a_stale_account(self):
        from gongkai.channels.models import Kind

        make_channel(self.agency_a, kind=Kind.PORTAL, name="和田县人民政府网站吾宗肖乡专栏")
        make_channel(
            self.agency_a,
            kind=Kind.WECHAT_ACCOUNT,
            name="吾宗肖乡",
            last_post_entered_on=date(2025, 11, 1),
        )
        drafts = self.drafts()
        self.assertIn(
            "吾宗肖乡依托政府网站“和田县人民政府网站吾宗肖乡专栏”开设政府信息公开专栏", drafts["1"]
        )
        self.assertIn("其中微信公众号“吾宗肖乡”更新不及时，已列入整改", drafts["1"])
        self.assertIn("1.政务新媒体管理不够规范，微信公众号“吾宗肖乡”存在14天以上未更新的情况。",
                      drafts["5"])  # fmt: skip

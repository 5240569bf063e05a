"""Figure overrides with their reasons (R801) and the checks against last year's and the
peers' reports (R501 from the platform or an imported file, R702, R703)."""

import json
from datetime import date

import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from gongkai.reportengine.checks.pair import similarity
from gongkai.reportengine.parsing import parse_report
from gongkai.reports import export
from gongkai.reports.compute import compute_figures, report_figures
from gongkai.reports.models import AnnualReport, FigureOverride, ImportedReport
from gongkai.test import BaseTestCase, QuietRefusalsMixin, bulk_applications, publish_report

PAGE = "/reports/staff/wuzongxiao/2025/"

FIVE_2024 = (
    "（一）人员力量配备还不够充分，缺少专职的业务人员负责具体的专项政务信息公开工作，"
    "负责管理信息公开的人员还承担较为固定的其他业务工作任务。（二）公开载体还比较滞后，"
    "主要还是通过公示栏张贴、广播、会议、文件传达等传统方式进行。"
)


@time_machine.travel("2026-01-20 10:00 +0800", tick=False)
class OverrideTestCase(QuietRefusalsMixin, BaseTestCase):
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

    def post_override(self, **data):
        self.client.force_login(self.alice)
        return self.client.post(PAGE + "override/", data)

    def test_an_override_needs_a_reason(self):
        response = self.post_override(cell="table3.1[0]", value="3", reason="")
        self.assertContains(response, "这个字段是必填项")
        self.assertFalse(FigureOverride.objects.exists())

    def test_a_count_must_be_whole(self):
        response = self.post_override(cell="table3.1[0]", value="1.5", reason="纸质台账")
        self.assertContains(response, "件数应为整数。")

    def test_the_override_is_published_exported_and_listed_as_a_difference(self):
        response = self.post_override(
            cell="table3.3.1[0]", value="3", reason="平台上线前纸质登记簿第12页，予以公开2件"
        )
        self.assertRedirects(response, PAGE)
        fig = report_figures(self.agency_a, 2025)
        self.assertEqual(fig.table3["3.1"][0], 3)
        r801 = [f for f in fig.findings if f.code == "R801"]
        self.assertEqual(len(r801), 1)
        self.assertEqual(r801[0].where, "table3.3.1[0]")
        self.assertEqual(
            r801[0].message,
            "表三 （一）予以公开·自然人 按平台记录计算为 1，填报为 3；"
            "理由：平台上线前纸质登记簿第12页，予以公开2件",
        )
        # The published value no longer adds up with the computed rows: the engine says so.
        self.assertIn("R101", {f.code for f in fig.findings})
        data = json.loads(self.client.get(PAGE + "export/json/").content)
        self.assertEqual(data["table3"]["3.1"][0], 3)
        for form in ("xlsx", "docx"):  # read back by the engine's parser
            parsed = parse_report(self.client.get(PAGE + f"export/{form}/").content, name=form)
            self.assertEqual(parsed.table3["3.1"][0], 3, form)
        page = self.client.get(PAGE)
        self.assertContains(page, "平台上线前纸质登记簿第12页")

    def test_overrides_are_append_only_and_an_empty_value_restores_the_computed_one(self):
        self.post_override(cell="table4[0]", value="2", reason="复议决定书两份，未录入")
        self.assertEqual(report_figures(self.agency_a, 2025).table4[0], 2)
        self.post_override(cell="table4[0]", value="", reason="案件已补录")
        self.assertEqual(report_figures(self.agency_a, 2025).table4[0], 0)
        self.assertEqual(FigureOverride.objects.count(), 2)
        row = FigureOverride.objects.first()
        with self.assertRaises(ValidationError):
            row.save()
        with self.assertRaises(ValidationError):
            FigureOverride.objects.all().delete()

    def test_only_writers_override(self):
        self.client.force_login(self.sam)
        response = self.client.post(PAGE + "override/", {"cell": "table4[0]", "value": "1",
                                                         "reason": "x"})  # fmt: skip
        self.assertEqual(response.status_code, 403)


def last_year_file(agency, row4: list[int]) -> SimpleUploadedFile:
    """The body's 2024 report as its published plain text, with ``row4`` as printed."""
    fig = compute_figures(agency, 2024, sections={"5": FIVE_2024})
    fig.table3["4"] = row4
    fig.published_on = date(2025, 1, 20)
    return SimpleUploadedFile("2024年报.txt", export.to_text(fig).encode("utf-8"))


@time_machine.travel("2026-01-20 10:00 +0800", tick=False)
class LastYearTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bulk_applications(cls.agency_a, [("natural", date(2024, 12, 20), None, "")])

    def test_row_two_against_an_imported_last_year_file(self):
        self.client.force_login(self.alice)
        upload = last_year_file(self.agency_a, [2, 0, 0, 0, 0, 0, 2])
        response = self.client.post(PAGE + "prior/", {"file": upload})
        self.assertRedirects(response, PAGE)
        imported = ImportedReport.objects.get()
        self.assertEqual((imported.year, imported.file_name), (2024, "2024年报.txt"))
        fig = report_figures(self.agency_a, 2025)
        self.assertEqual(fig.table3["2"], [1, 0, 0, 0, 0, 0, 1])
        r501 = [f for f in fig.findings if f.code == "R501"]
        self.assertEqual([f.where for f in r501], ["table3.2[0]", "table3.2[6]"])
        self.assertEqual(
            r501[1].message,
            "表三 二、上年结转·总计 为 1，而2024 年度报告的 四、结转下年度·总计 为 2",
        )
        self.assertIn("导入的文件“2024年报.txt”", r501[1].hint)

    def test_a_matching_file_gives_no_finding_and_a_wrong_year_is_refused(self):
        self.client.force_login(self.alice)
        self.client.post(
            PAGE + "prior/", {"file": last_year_file(self.agency_a, [1, 0, 0, 0, 0, 0, 1])}
        )
        self.assertNotIn("R501", {f.code for f in report_figures(self.agency_a, 2025).findings})
        response = self.client.post("/reports/staff/wuzongxiao/2024/prior/",
                                    {"file": last_year_file(self.agency_a, [1] * 7)})  # fmt: skip
        self.assertContains(response, "该文件是 2024 年度的报告，应上传 2023 年度的报告。")

    def test_the_platforms_published_version_is_last_years_report(self):
        AnnualReport.objects.create(agency=self.agency_a, year=2024, sections={"5": FIVE_2024})
        publish_report(self.agency_a, 2024)
        fig = report_figures(self.agency_a, 2025)
        self.assertNotIn("R501", {f.code for f in fig.findings})  # 1 carried, 1 left in 2024

    def test_section_five_like_last_years_warns_at_the_threshold(self):
        AnnualReport.objects.create(agency=self.agency_a, year=2024, sections={"5": FIVE_2024})
        publish_report(self.agency_a, 2024)
        five = FIVE_2024.replace("人员力量配备还不够充分", "信息公开队伍建设仍然薄弱")
        AnnualReport.objects.create(agency=self.agency_a, year=2025, sections={"5": five})
        ratio = similarity(five, FIVE_2024)
        self.assertEqual(round(ratio, 4), 0.8844)
        with override_settings(GONGKAI_SECTION5_SIMILARITY=ratio):
            found = [f for f in report_figures(self.agency_a, 2025).findings if f.code == "R702"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0].severity, "warning")
        self.assertIn("相似度 88%", found[0].message)
        with override_settings(GONGKAI_SECTION5_SIMILARITY=ratio + 0.0001):
            codes = {f.code for f in report_figures(self.agency_a, 2025).findings}
        self.assertNotIn("R702", codes)
        # The default threshold is 0.8: 88 % warns, a text written anew does not.
        self.assertIn("R702", {f.code for f in report_figures(self.agency_a, 2025).findings})
        rewritten = (
            "本年度依申请公开答复有2件超过法定期限，原因是承办科室交接不畅；已建立收件当日登记、"
            "到期前三日提醒的制度。抖音账号曾有20天未更新，已指定专人每周发布。"
        )
        AnnualReport.objects.filter(year=2025).update(sections={"5": rewritten})
        self.assertLess(similarity(rewritten, FIVE_2024), 0.8)
        self.assertNotIn("R702", {f.code for f in report_figures(self.agency_a, 2025).findings})

    def test_section_five_like_a_peers_published_one_warns(self):
        AnnualReport.objects.create(agency=self.agency_b, year=2025, sections={"5": FIVE_2024})
        publish_report(self.agency_b, 2025)
        AnnualReport.objects.create(agency=self.agency_a, year=2025, sections={"5": FIVE_2024})
        found = [f for f in report_figures(self.agency_a, 2025).findings if f.code == "R703"]
        self.assertEqual(
            found[0].message,
            "第五部分与同级机关“和田县拉依喀乡人民政府”已公开的2025年度报告第五部分基本相同"
            "（相似度 100%，阈值 80%）",
        )
        # The peer's own report is not compared with a draft of A's.
        self.assertNotIn("R703", {f.code for f in report_figures(self.agency_b, 2025).findings})

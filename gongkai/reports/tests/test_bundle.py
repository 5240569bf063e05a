"""The defence bundle of a case: one zip with the index, the application, the receipt proof,
the search log, every notice with its 送达 record and the timeline, read back from the file."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pdfplumber
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from gongkai.applications.models import Event
from gongkai.applications.uploads import store_attachment
from gongkai.letters import services
from gongkai.reports.bundle import build_bundle
from gongkai.test import BaseTestCase, make_application, make_dispute_case, make_notice, make_ric

FOLDER = "和政复〔2026〕7号-答复材料"


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


class DefenceBundleTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        app = make_application(
            cls.agency_a,
            received_on=date(2026, 9, 28),
            applicant_name="买买提·艾力",
            id_number=make_ric(serial="007"),
            items=[{"title": "2025年吾宗肖乡道路维修合同", "document_number": "吾乡发〔2025〕9号"}],
        )
        store_attachment(
            app, SimpleUploadedFile("申请书扫描件.pdf", b"%PDF-1.4 scanned letter"), actor=None
        )
        app.record_search(
            actor=cls.alice,
            searched_on=date(2026, 10, 8),
            searched_by="阿依古丽",
            places="党政办文书档案室、OA 系统 2025 年全部发文",
            terms="道路维修 合同",
            result="未找到该合同",
        )
        cls.notice = make_notice(app, outcome="3.4.1")  # signed 2026-10-09 by adam
        services.serve(
            cls.notice,
            actor=cls.alice,
            method="ems",
            posted_on=date(2026, 10, 9),
            served_on=date(2026, 10, 12),
            tracking_number="EA123456789CN",
            signed_by="买买提·艾力",
        )
        cls.app = app
        cls.case = make_dispute_case(
            cls.agency_a,
            case_number="和政复〔2026〕7号",
            filed_on=date(2026, 10, 20),
            copy_received_on=date(2026, 10, 22),
            simplified=True,
            application=app,
            claimant="买买提·艾力",
            organ="和田县人民政府",
        )

    def test_the_zip_holds_every_part_in_order_with_its_index(self):
        bundle = build_bundle(self.case, actor=self.alice, today=date(2026, 10, 23))
        archive = zipfile.ZipFile(io.BytesIO(bundle.data))
        number = self.notice.number
        self.assertEqual(
            archive.namelist(),
            [
                f"{FOLDER}/00-目录.pdf",
                f"{FOLDER}/01-政府信息公开申请.pdf",
                f"{FOLDER}/02-申请附件-申请书扫描件.pdf",
                f"{FOLDER}/03-收到申请凭证.pdf",
                f"{FOLDER}/04-检索记录.pdf",
                f"{FOLDER}/05-{number}.pdf",
                f"{FOLDER}/06-送达记录（{number}）.pdf",
                f"{FOLDER}/07-办理记录.pdf",
            ],
        )
        read = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
        index = pdf_text(read["00-目录.pdf"]).replace("\n", "")
        for text in (
            "答复（答辩）材料目录",
            "和政复〔2026〕7号",
            "2026年10月29日",  # 5 working days after 10-22, simplified (Art. 54, 88)
            "2026-09-28",
            "2026-10-12",
            "指导案例101号",
        ):
            self.assertIn(text, index)
        application = pdf_text(read["01-政府信息公开申请.pdf"])
        self.assertIn(make_ric(serial="007"), application)  # the identity, for the review body
        self.assertIn("吾乡发〔2025〕9号", application)
        self.assertEqual(read["02-申请附件-申请书扫描件.pdf"], b"%PDF-1.4 scanned letter")
        receipt = pdf_text(read["03-收到申请凭证.pdf"])
        self.assertIn(self.app.receipt_number, receipt)
        self.assertIn("2026年9月28日", receipt)
        self.assertIn("党政办文书档案室", pdf_text(read["04-检索记录.pdf"]))
        self.assertIn("道路维修合同", pdf_text(read[f"05-{number}.pdf"]).replace(" ", ""))
        service = pdf_text(read[f"06-送达记录（{number}）.pdf"])
        self.assertIn("EA123456789CN", service)
        self.assertIn("2026年10月9日", service)  # the 交邮 date counts (235号)
        timeline = pdf_text(read["07-办理记录.pdf"])
        self.assertIn("送达告知书", timeline)
        self.assertIn("检索记录", timeline)
        self.assertEqual([p.pages for p in bundle.parts if p.pages is not None][0], 1)

    def test_it_is_in_chinese_whatever_the_staff_pages_language(self):
        with translation.override("en"):
            bundle = build_bundle(self.case)
        index = zipfile.ZipFile(io.BytesIO(bundle.data)).read(f"{FOLDER}/00-目录.pdf")
        text = pdf_text(index)
        self.assertIn("案号", text)
        self.assertIn("EMS 邮寄（回执）", text)
        self.assertNotIn("Case number", text)

    def test_only_the_bodys_own_staff_download_it_and_it_is_logged(self):
        url = f"/reports/staff/wuzongxiao/cases/{self.case.pk}/bundle.zip"
        self.client.force_login(self.sam)  # 监督 of the county: reads the case, not the bundle
        self.assertEqual(self.client.get(url).status_code, 403)
        page = self.client.get(f"/reports/staff/wuzongxiao/cases/{self.case.pk}/")
        self.assertNotContains(page, "下载答复材料")
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.client.force_login(self.alice)
        page = self.client.get(f"/reports/staff/wuzongxiao/cases/{self.case.pk}/")
        self.assertContains(page, "下载答复材料（ZIP）")
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/zip")
        self.assertIn("attachment; filename*=UTF-8''", response["Content-Disposition"])
        self.assertEqual(len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()), 8)
        logged = self.app.events.filter(kind=Event.Kind.PERSONAL_DATA_VIEWED, actor=self.alice)
        self.assertEqual(
            list(logged.values_list("note", flat=True)), ["导出答复材料（和政复〔2026〕7号）"]
        )

    @override_settings(GONGKAI_DEFENCE_BUNDLE_MAX_BYTES=2 * 1048576)
    def test_a_file_past_the_size_limit_is_left_out_and_named_in_the_index(self):
        big = SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4 " + b"x" * (2 * 1048576))
        store_attachment(self.app, big, actor=None)
        bundle = build_bundle(self.case)
        archive = zipfile.ZipFile(io.BytesIO(bundle.data))
        self.assertFalse(any("现场照片" in n for n in archive.namelist()))
        index = pdf_text(archive.read(f"{FOLDER}/00-目录.pdf"))
        self.assertIn("未收入（超过答复材料大小", index)  # the cell wraps in the table
        self.assertIn("上限 2.0 MB），请另行提", index)
        self.assertIn("申请书扫描件.pdf", "".join(archive.namelist()))
        self.assertLess(len(bundle.data), 2 * 1048576)

    def test_a_case_without_an_application_gives_the_index_alone(self):
        case = make_dispute_case(self.agency_a, case_number="(2026)新3221行初1号", route="direct")
        archive = zipfile.ZipFile(io.BytesIO(build_bundle(case).data))
        self.assertEqual(archive.namelist(), ["(2026)新3221行初1号-答复材料/00-目录.pdf"])
        self.assertIn("本案未关联政府信息公开申请", pdf_text(archive.read(archive.namelist()[0])))

    def test_the_command_writes_the_zip_and_refuses_bad_input_with_one_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "b.zip"
            out = io.StringIO()
            call_command("defence_bundle", str(self.case.pk), "-o", str(target), stdout=out)
            self.assertEqual(len(zipfile.ZipFile(target).namelist()), 8)
            self.assertIn("目录及 7 份材料", out.getvalue())
        for args, message in (
            (["999999", "-o", "x.zip"], "找不到案件：'999999'"),
            (["abc", "-o", "x.zip"], "找不到案件：'abc'"),
            ([str(self.case.pk), "-o", "/nonexistent/dir/x.zip"], "文件夹不存在"),
        ):
            with self.assertRaises(CommandError) as caught:
                call_command("defence_bundle", *args)
            self.assertEqual(caught.exception.returncode, 2)
            self.assertIn(message, str(caught.exception))

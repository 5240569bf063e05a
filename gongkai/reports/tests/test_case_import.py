"""Importing 行政复议/诉讼 cases: line-numbered Chinese errors, nothing half-imported,
idempotent by 案号; the case pages show the respondent's clock."""

from datetime import date

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gongkai.reports.importing import RowsRefused, import_cases
from gongkai.reports.models import DisputeCase
from gongkai.test import BaseTestCase, QuietRefusalsMixin, bulk_applications, make_dispute_case

HEADER = "案号,类别,申请或起诉日期,本机关地位,受理日期,收到答复通知日期,简易程序,审结日期,结果,受理编号\n"
GOOD = HEADER + (
    "和政复〔2025〕3号,行政复议,2025-09-20,被申请人,2025-09-24,2025-09-29,否,2025-11-20,维持,T-2-0000000\n"
    "（2025）新3221行初5号,直接起诉,2025-06-01,被告,,,,,,\n"
    "（2025）新3221行初9号,复议后起诉,2025-07-01,共同被告,,,,2025-12-01,纠正,\n"
)


def csv_bytes(text):
    return ("cases.csv", text.encode("utf-8-sig"))


class ImportCasesTestCase(BaseTestCase):
    def setUp(self):
        bulk_applications(
            self.agency_a, [("natural", date(2025, 8, 1), date(2025, 8, 20), "3.3.4")]
        )

    def test_it_imports_the_cases_once_and_links_the_application(self):
        result = import_cases(
            self.agency_a, csv_bytes(GOOD.replace("T-2-", f"T-{self.agency_a.pk}-"))
        )
        self.assertEqual((result.created, result.updated), (3, 0))
        review = DisputeCase.objects.get(case_number="和政复〔2025〕3号")
        self.assertEqual(review.application.receipt_number, f"T-{self.agency_a.pk}-0000000")
        self.assertEqual(
            (review.outcome, review.decided_on, review.simplified),
            ("upheld", date(2025, 11, 20), False),
        )
        self.assertEqual(review.answer_due().date, date(2025, 10, 20))  # 国庆 2025 crossed
        co = DisputeCase.objects.get(case_number="（2025）新3221行初9号")
        self.assertEqual((co.route, co.role), ("after_review", "co_defendant"))
        again = import_cases(
            self.agency_a, csv_bytes(GOOD.replace("T-2-", f"T-{self.agency_a.pk}-"))
        )
        self.assertEqual((again.created, again.updated), (0, 3))
        self.assertEqual(DisputeCase.objects.count(), 3)

    def test_it_refuses_bad_rows_with_line_numbers_and_imports_nothing(self):
        bad = HEADER + (
            "A1,行政复议,2025-09-20,,,,,,,\n"
            "A2,上诉,2025-02-30,,,,也许,,,\n"
            "A1,行政复议,2025-09-20,,,,,2025-09-01,维持,X-9\n"
            "A4,行政复议,2025-09-20,,,,,,维持,\n"
        )
        with self.assertRaises(RowsRefused) as caught:
            import_cases(self.agency_a, csv_bytes(bad))
        self.assertEqual(
            caught.exception.errors,
            [
                "第 3 行：申请或起诉日期「2025-02-30」不是有效日期（应为 2026-03-02 或 2026年3月2日）",
                "第 3 行：类别「上诉」无效（可填：行政复议、复议、直接起诉、未经复议直接起诉、复议后起诉、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉））",
                "第 3 行：简易程序「也许」无效（可填：否、是）",
                "第 4 行：审结日期早于申请或起诉日期",
                "第 4 行：受理编号 X-9 不是本机关的申请",
                "第 4 行：案号 A1 与第 2 行重复",
                "第 5 行：审结日期和结果须同时填写（尚未审结的两者都不填）",
            ],
        )
        self.assertFalse(DisputeCase.objects.exists())

    def test_it_reads_an_xlsx_file(self):
        book = Workbook()
        sheet = book.active
        sheet.append(["案号", "类别", "申请或起诉日期"])
        sheet.append(["B1", "复议", date(2025, 3, 3)])
        import io

        buffer = io.BytesIO()
        book.save(buffer)
        import_cases(self.agency_a, ("cases.xlsx", buffer.getvalue()))
        self.assertEqual(DisputeCase.objects.get().filed_on, date(2025, 3, 3))


@time_machine.travel("2025-10-09 10:00 +0800", tick=False)
class CasePagesTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_it_shows_the_answer_clock_and_the_working_days_left(self):
        case = make_dispute_case(
            self.agency_a, copy_received_on=date(2025, 9, 29), accepted_on=date(2025, 9, 26)
        )
        self.client.force_login(self.alice)
        page = self.client.get(f"/reports/staff/wuzongxiao/cases/{case.pk}/")
        self.assertContains(page, "<strong>2025年10月20日</strong>", html=False)
        self.assertContains(page, "还剩 8 个工作日。")
        self.assertContains(page, "复议决定期限：2025年11月25日")
        self.client.force_login(self.bob)
        self.assertEqual(
            self.client.get(f"/reports/staff/wuzongxiao/cases/{case.pk}/").status_code, 404
        )

    def test_it_imports_from_the_page_and_keeps_the_errors_at_the_form(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("cases.csv", (HEADER + "A2,上诉,2025-03-01,,,,,,,\n").encode())
        page = self.client.post("/reports/staff/wuzongxiao/cases/", {"file": upload})
        self.assertEqual(page.status_code, 400)
        self.assertIn("第 2 行：类别「上诉」无效", page.content.decode())
        upload = SimpleUploadedFile(
            "cases.csv", (HEADER + "A2,行政复议,2025-03-01,,,,,,,\n").encode()
        )
        self.assertRedirects(
            self.client.post("/reports/staff/wuzongxiao/cases/", {"file": upload}),
            "/reports/staff/wuzongxiao/cases/",
        )
        self.client.force_login(self.sam)  # a supervisor reads but never writes
        self.assertEqual(self.client.post("/reports/staff/wuzongxiao/cases/", {}).status_code, 403)

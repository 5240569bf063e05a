"""Ledger import (``gongkai import_applications`` and the staff page): line-numbered errors,
nothing half-imported, idempotent by 受理编号, Excel dates."""

import tempfile
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.applications.models import Application
from gongkai.applications.services import fee_totals
from gongkai.test import BaseTestCase

HEADER = "受理编号,收到日期,申请人类型,申请人,申请内容,办结日期,办理结果,收费金额(元),备注\n"
GOOD = HEADER + (
    "WZX-2025-01,2025-03-03,自然人,张三,道路资金,2025-03-20,予以公开,,一\n"
    "WZX-2025-02,2025-04-01,商业企业,某公司,招标文件,2025-04-25,3.3.4,,\n"
    "WZX-2025-03,2025-12-22,法律服务机构,某律所,征收文件,,,,\n"
    "WZX-2025-04,2025-05-06,其他,某协会,会议纪要,2025-06-03,部分公开,380,\n"
)


@time_machine.travel("2026-01-15 10:00 +0800", tick=False)
class ImportTestCase(BaseTestCase):
    def run_import(self, text, suffix=".csv"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"ledger{suffix}"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8-sig")
            out, err = StringIO(), StringIO()
            call_command("import_applications", "wuzongxiao", str(path), stdout=out, stderr=err)
            return out.getvalue(), err.getvalue()

    def test_it_imports_a_ledger_once(self):
        out, _ = self.run_import(GOOD)
        self.assertEqual(out.strip(), "新增 4 件，已存在（跳过）0 件")
        apps = {a.receipt_number: a for a in Application.objects.all()}
        self.assertEqual(apps["WZX-2025-01"].outcome, "3.1")
        self.assertEqual(apps["WZX-2025-02"].outcome, "3.3.4")
        self.assertEqual(apps["WZX-2025-04"].outcome, "3.2")
        open_case = apps["WZX-2025-03"]
        # 2025-12-22 + 20 working days, across 元旦 2026 (01-01..03, 01-04 works) → 2026-01-20.
        self.assertEqual((open_case.status, open_case.due_on), ("open", date(2026, 1, 20)))
        self.assertEqual(fee_totals(self.agency_a, 2025)["collected"], 380)
        out, _ = self.run_import(GOOD)
        self.assertEqual(out.strip(), "新增 0 件，已存在（跳过）4 件")
        self.assertEqual(Application.objects.count(), 4)

    def test_it_refuses_bad_rows_with_line_numbers_and_imports_nothing(self):
        bad = HEADER + (
            "A-1,2025-03-03,自然人,张三,道路资金,2025-03-20,予以公开,,\n"
            "A-2,2025-02-30,公民,李四,x,,,,\n"
            "A-1,2025-03-04,自然人,王五,y,2025-03-01,不存在的结果,-5,\n"
            "A-4,2026-02-01,自然人,赵六,z,,予以公开,,\n"
        )
        with self.assertRaises(CommandError) as caught:
            self.run_import(bad)
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("共 9 处错误，未导入任何数据。", str(caught.exception))
        self.assertEqual(Application.objects.count(), 0)

    def test_it_lists_every_error_in_chinese(self):
        from gongkai.applications.importing import check, read

        rows, errors = check(read("x.csv", (HEADER + "A-2,2025-02-30,公民,,x,,,abc,\n").encode()))
        self.assertEqual(
            errors,
            [
                "第 2 行：收到日期「2025-02-30」无效，应为 YYYY-MM-DD 或 Excel 日期",
                "第 2 行：申请人类型「公民」无效，应为：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
                "第 2 行：申请人不能为空",
                "第 2 行：收费金额「abc」应为不小于 0 的整数元",
            ],
        )

    def test_it_reads_xlsx_with_excel_dates_and_serial_numbers(self):
        book = Workbook()
        sheet = book.active
        sheet.append(
            ["申请内容", "受理编号", "收到日期", "申请人类型", "申请人", "办结日期", "办理结果"]
        )
        sheet.append(
            ["道路资金", "X-1", datetime(2025, 3, 3), "自然人", "张三", 45736, "1.属于国家秘密"]
        )
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
            book.save(f.name)
            data = Path(f.name).read_bytes()
        self.run_import(data, suffix=".xlsx")
        app = Application.objects.get()
        # Excel serial 45736 = 2025-03-20.
        self.assertEqual(
            (app.received_on, app.closed_on, app.outcome),
            (date(2025, 3, 3), date(2025, 3, 20), "3.3.1"),
        )

    def test_it_refuses_a_file_without_the_headers(self):
        with self.assertRaises(CommandError) as caught:
            self.run_import("a,b\n1,2\n")
        self.assertIn(
            "第 1 行缺少列：受理编号、收到日期、申请人类型、申请人、申请内容", str(caught.exception)
        )

    def test_it_imports_through_the_staff_page(self):
        self.client.force_login(self.alice)
        upload = SimpleUploadedFile("ledger.csv", GOOD.encode("utf-8"))
        response = self.client.post(
            "/staff/agencies/wuzongxiao/applications/import/", {"file": upload}
        )
        self.assertRedirects(response, "/staff/agencies/wuzongxiao/applications/")
        self.assertEqual(Application.objects.filter(agency=self.agency_a).count(), 4)
        upload = SimpleUploadedFile(
            "bad.csv", (HEADER + "A,2025-13-01,自然人,张三,x,,,,\n").encode()
        )
        response = self.client.post(
            "/staff/agencies/wuzongxiao/applications/import/", {"file": upload}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("第 2 行：收到日期「2025-13-01」无效", response.content.decode())

    def test_it_skips_imported_numbers_when_numbering_new_cases(self):
        from gongkai.test import make_application

        self.run_import(HEADER + "2026-0001,2026-01-05,自然人,张三,x,,,,\n")
        app = make_application(self.agency_a, received_on=date(2026, 1, 6))
        self.assertEqual(app.receipt_number, "2026-0002")

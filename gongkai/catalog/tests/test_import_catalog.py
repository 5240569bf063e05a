import datetime
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.catalog import search
from gongkai.catalog.importing import FileRefused, RowsRefused, import_catalog, import_table2
from gongkai.catalog.models import CatalogItem, Genre, Status, Table2Input, Validity
from gongkai.test import BaseTestCase

HEADER = (
    "索引号,名称,内容概述,成文日期,发布日期,文号,主题分类,体裁,有效性,废止或失效日期,第二十条事项\n"
)
GOOD = (
    HEADER
    + "QZ06101-0240-2020-00207,村规民约管理办法,规范村规民约,2020-08-10,2020-08-17,吾乡政规〔2020〕1号,综合政务\\政务公开,行政规范性文件,有效,,（一）\n"
    + ",2026年低保标准的通知,,2026年3月2日,,,民政、扶贫、救灾/社会福利,通知,,,11\n"
)


def write(tmp, name, text):
    path = Path(tmp) / name
    path.write_text(text, encoding="utf-8-sig")
    return path


class ImportCatalogTestCase(BaseTestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def test_it_imports_rows_keeping_legacy_numbers(self):
        result = import_catalog(self.agency_a, write(self.tmp, "a.csv", GOOD))
        self.assertEqual(result.created, 2)
        legacy = CatalogItem.objects.get(index_no="QZ06101-0240-2020-00207")
        self.assertEqual(legacy.status, Status.PUBLISHED)
        self.assertEqual(legacy.genre, Genre.NORMATIVE)
        self.assertEqual(legacy.validity, Validity.VALID)
        self.assertEqual(legacy.art20_item, 1)
        self.assertEqual(str(legacy.category), "综合政务\\政务公开")
        self.assertTrue(legacy.legacy)
        fresh = CatalogItem.objects.get(title="2026年低保标准的通知")
        self.assertEqual(fresh.index_no, f"{self.agency_a.org_code}/2026-00001")
        self.assertEqual(fresh.status, Status.DRAFT)
        self.assertEqual(fresh.written_on, datetime.date(2026, 3, 2))
        self.assertEqual([h.item for h in search.search("村规民约").hits], [legacy])

    def test_bad_rows_are_all_reported_and_nothing_is_written(self):
        text = (
            HEADER
            + ",好的一行,,2026-03-02,,,,,,,\n"
            + ",,,2026-02-30,,,,,,,\n"
            + ",规范性文件,,2026-03-02,,,不存在的分类,行政规范性文件,,,99\n"
            + "QZ1,甲,,2026-03-02,,,,通知,,,\n"
            + "QZ1,乙,,2026-03-02,2026-03-01,,,公文,,,\n"
        )
        with self.assertRaises(RowsRefused) as caught:
            import_catalog(self.agency_a, write(self.tmp, "bad.csv", text))
        errors = caught.exception.errors
        self.assertEqual(
            errors,
            [
                "第 3 行：名称不能为空",
                "第 3 行：成文日期「2026-02-30」不是有效日期（应为 2026-03-02 或 2026年3月2日）",
                "第 4 行：主题分类「不存在的分类」不存在（写作「一级\\二级」，如「综合政务\\政务公开」）",
                "第 4 行：第二十条事项「99」无效（应为 1–15 或（一）–（十五））",
                "第 6 行：体裁「公文」无效（可用：规章、行政规范性文件、决议、决定、命令（令）、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要、政府信息公开工作年度报告、其他）",
                "第 6 行：索引号 QZ1 与第 5 行重复",
            ],
        )
        self.assertEqual(CatalogItem.objects.count(), 0)

    def test_model_rules_are_reported_at_their_line(self):
        text = HEADER + ",规范性文件,,2026-03-02,,,,行政规范性文件,,,\n"
        with self.assertRaises(RowsRefused) as caught:
            import_catalog(self.agency_a, write(self.tmp, "v.csv", text))
        self.assertEqual(
            caught.exception.errors, ["第 2 行：有效性：规章和行政规范性文件应当标明有效性。"]
        )

    def test_a_number_already_in_the_database_is_refused(self):
        import_catalog(self.agency_a, write(self.tmp, "a.csv", GOOD))
        with self.assertRaises(RowsRefused) as caught:
            import_catalog(self.agency_b, write(self.tmp, "a.csv", GOOD))
        self.assertIn(
            "第 2 行：索引号 QZ06101-0240-2020-00207 已在系统中使用（索引号不能重复）",
            caught.exception.errors,
        )
        self.assertEqual(CatalogItem.objects.filter(agency=self.agency_b).count(), 0)

    def test_it_reads_xlsx_with_real_dates(self):
        book = openpyxl.Workbook()
        book.active.append(["名称", "成文日期", "发布日期", "体裁"])
        book.active.append(
            ["预算公开说明", datetime.datetime(2026, 2, 2), datetime.date(2026, 2, 12), "其他"]
        )
        path = Path(self.tmp) / "a.xlsx"
        book.save(path)
        import_catalog(self.agency_a, path)
        item = CatalogItem.objects.get()
        self.assertEqual(
            (item.written_on, item.published_on),
            (datetime.date(2026, 2, 2), datetime.date(2026, 2, 12)),
        )

    def test_unreadable_files_are_refused_in_one_line(self):
        cases = {
            "gbk.csv": "名称,成文日期\n测试,2026-01-01\n".encode("gbk"),
            "empty.csv": b"",
            "head.csv": HEADER.encode(),
            "cols.csv": "名称,颜色\n".encode(),
            "fake.xlsx": b"PK\x03\x04 not really",
        }
        for name, data in cases.items():
            path = Path(self.tmp) / name
            path.write_bytes(data)
            with self.subTest(name=name), self.assertRaises(FileRefused):
                import_catalog(self.agency_a, path)

    def test_the_command_exits_2_with_line_numbers(self):
        path = write(self.tmp, "bad.csv", HEADER + ",,,2026-03-02,,,,,,,\n")
        err = io.StringIO()
        with self.assertRaises(CommandError) as caught:
            call_command("import_catalog", self.agency_a.slug, str(path), stderr=err)
        self.assertEqual(caught.exception.returncode, 2)
        self.assertIn("第 2 行：名称不能为空", err.getvalue())
        with self.assertRaises(CommandError) as caught:
            call_command("import_catalog", "no-such-body", str(path))
        self.assertEqual(caught.exception.returncode, 2)

    def test_the_real_command_prints_one_line_and_no_traceback(self):
        path = write(self.tmp, "x.csv", "")
        run = subprocess.run(
            [sys.executable, "-m", "gongkai", "import_catalog", "wuzongxiao", str(path)],
            capture_output=True,
            text=True,
            env={
                "DATABASE_URL": "sqlite:///" + str(Path(self.tmp) / "db.sqlite3"),
                "PATH": "/usr/bin",
            },
        )
        self.assertEqual(run.returncode, 2)
        self.assertNotIn("Traceback", run.stderr)

    def test_the_staff_page_imports_and_shows_errors(self):
        self.client.force_login(self.alice)
        url = f"/staff/catalog/{self.agency_a.slug}/import/"
        bad = SimpleUploadedFile("bad.csv", (HEADER + ",,,2026-03-02,,,,,,,\n").encode())
        response = self.client.post(url, {"file": bad})
        self.assertContains(response, "第 2 行：名称不能为空")
        self.assertContains(response, "共 1 处错误，未导入任何数据。")
        response = self.client.post(url, {"file": SimpleUploadedFile("a.csv", GOOD.encode())})
        self.assertRedirects(response, f"/staff/catalog/{self.agency_a.slug}/")
        self.assertEqual(CatalogItem.objects.filter(agency=self.agency_a).count(), 2)


class ImportTable2TestCase(BaseTestCase):
    def test_it_imports_years_and_refuses_bad_cells(self):
        tmp = tempfile.mkdtemp()
        good = write(
            tmp,
            "t.csv",
            "年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n2024,10,2,0,1.25\n2025年,12,3,1,0\n",
        )
        self.assertEqual(str(import_table2(self.agency_a, good)), "新建 2，更新 0")
        row = Table2Input.objects.get(agency=self.agency_a, year=2024)
        self.assertEqual(
            (row.licensing, row.penalty, row.coercion, str(row.fees_wan_yuan)), (10, 2, 0, "1.2500")
        )
        bad = write(tmp, "b.csv", "year,licensing,fees_wan_yuan\n2025,-1,abc\n1999,1,1\n")
        with self.assertRaises(RowsRefused) as caught:
            import_table2(self.agency_a, bad)
        self.assertEqual(
            caught.exception.errors,
            [
                "第 2 行：行政事业性收费「abc」应为不小于 0 的金额（万元，最多 4 位小数）",
                "第 2 行：行政许可「-1」应为不小于 0 的整数",
                f"第 3 行：年度「1999」无效（2008–{datetime.date.today().year}）",
            ],
        )
        self.assertEqual(Table2Input.objects.get(agency=self.agency_a, year=2025).licensing, 12)

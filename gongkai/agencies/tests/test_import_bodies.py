import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase

from gongkai.agencies.models import Agency
from gongkai.test import make_uscc

HEADER = "name,short_name,kind,parent,uscc,office_name,address,hours,phone,fax,email,website\n"
COUNTY_USCC = make_uscc("Q00000011")
WZX_USCC = make_uscc("Q00000020")
# The township comes before its parent: parents may come later in the file.
GOOD = HEADER + (
    f"和田县吾宗肖乡人民政府,吾宗肖乡,乡镇人民政府,{COUNTY_USCC},{WZX_USCC},党政综合办公室,"
    "和田县吾宗肖乡,工作日,0903-2512345,,,\n"
    f"和田县人民政府,和田县,county,,{COUNTY_USCC},县政府办公室,和田县,工作日,0903-2000000,"
    '0903-2000001,gk@example.cn,"https://www.example.cn/"\n'
    "和田县教育局,,人民政府部门,和田县人民政府,,办公室,,,,,,\n"
)


class ImportBodiesTestCase(TestCase):
    def write(self, text: str, *, encoding="utf-8", name="bodies.csv") -> str:
        folder = tempfile.mkdtemp()
        self.addCleanup(lambda: [p.unlink() for p in Path(folder).iterdir()])
        path = Path(folder) / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    def run_import(self, text: str, **kwargs) -> str:
        out = StringIO()
        call_command("import_bodies", self.write(text, **kwargs), stdout=out, stderr=StringIO())
        return out.getvalue().strip()

    def refused(self, text: str, **kwargs) -> tuple[str, list[str]]:
        err = StringIO()
        with self.assertRaises(CommandError) as ctx:
            call_command("import_bodies", self.write(text, **kwargs), stdout=StringIO(), stderr=err)
        self.assertEqual(ctx.exception.returncode, 2)
        return str(ctx.exception), err.getvalue().splitlines()

    def test_it_imports_a_good_file(self):
        self.assertEqual(self.run_import(GOOD), "新建 3，更新 0，未变 0")
        wzx = Agency.objects.get(uscc=WZX_USCC)
        county = Agency.objects.get(name="和田县人民政府")
        self.assertEqual(wzx.parent, county)
        self.assertEqual(wzx.kind, Agency.Kind.TOWNSHIP)
        self.assertEqual(wzx.office_hours, "工作日")
        self.assertEqual(wzx.org_code, "Q00000020")
        self.assertEqual(county.website, "https://www.example.cn/")
        edu = Agency.objects.get(name="和田县教育局")
        self.assertEqual((edu.parent, edu.uscc, edu.kind), (county, "", "department"))
        self.assertTrue(edu.slug.startswith("body-"))

    def test_it_accepts_a_bom(self):
        self.assertEqual(self.run_import(GOOD, encoding="utf-8-sig"), "新建 3，更新 0，未变 0")

    def test_a_rerun_changes_nothing(self):
        self.run_import(GOOD)
        before = list(Agency.objects.values())
        self.assertEqual(self.run_import(GOOD), "新建 0，更新 0，未变 3")
        self.assertEqual(list(Agency.objects.values()), before)

    def test_it_refreshes_by_uscc_and_by_name(self):
        self.run_import(GOOD)
        changed = GOOD.replace("0903-2512345", "0903-2599999").replace(
            "和田县教育局,,人民政府部门", "和田县教育局,县教育局,人民政府部门"
        )
        self.assertEqual(self.run_import(changed), "新建 0，更新 2，未变 1")
        self.assertEqual(Agency.objects.get(uscc=WZX_USCC).phone, "0903-2599999")
        self.assertEqual(Agency.objects.get(name="和田县教育局").short_name, "县教育局")

    def test_a_body_found_by_uscc_may_be_renamed(self):
        self.run_import(GOOD)
        renamed = GOOD.replace("和田县吾宗肖乡人民政府,", "和田县吾宗肖乡人民政府（新）,")
        self.assertEqual(self.run_import(renamed), "新建 0，更新 1，未变 2")
        self.assertEqual(Agency.objects.get(uscc=WZX_USCC).name, "和田县吾宗肖乡人民政府（新）")

    def test_each_bad_row_gets_its_line_number_and_nothing_is_imported(self):
        bad_uscc = WZX_USCC[:-1] + ("0" if WZX_USCC[-1] != "0" else "1")
        text = HEADER + (
            "和田县人民政府,,县级人民政府,,,,,,,,,\n"  # line 2: good
            f"甲乡人民政府,,乡镇人民政府,和田县人民政府,{bad_uscc},,,,,,,\n"  # 3
            "乙乡人民政府,,乡,和田县人民政府,,,,,,,,\n"  # 4: unknown kind
            ",,乡镇人民政府,和田县人民政府,,,,,,,,\n"  # 5: no name
            "丙乡人民政府,,乡镇人民政府,丁县人民政府,,,,,,,,\n"  # 6: unknown parent
            "戊局,,人民政府部门,和田县人民政府,,,,,,,not-mail,ftp:x\n"  # 7: e-mail, website
            "和田县人民政府,,县级人民政府,,,,,,,,,\n"  # 8: duplicate name
            "己局,,人民政府部门,庚局,,,,,,,,\n"  # 9: cycle 己 -> 庚 -> 己
            "庚局,,人民政府部门,己局,,,,,,,,\n"  # 10
            "辛局,,人民政府部门,和田县人民政府,12345,,,,,,,\n"  # 11: short USCC
        )
        summary, lines = self.refused(text)
        self.assertEqual(
            lines,
            [
                f"第 3 行：统一社会信用代码校验失败：校验位不正确（{bad_uscc}）",
                "第 4 行：未知的机关类别「乡」（可用：省级人民政府、设区的市级人民政府、县级人民政府、"
                "人民政府部门、乡镇人民政府、街道办事处、派出机构、其他）",
                "第 5 行：名称（name）不能为空",
                "第 6 行：找不到上级机关「丁县人民政府」（既不在本文件中，也不在系统中）",
                "第 7 行：电子邮箱（email）：输入一个有效的 Email 地址。",
                "第 7 行：网站（website）：输入一个有效的 URL。",
                "第 8 行：名称「和田县人民政府」与第 2 行重复",
                "第 9 行：上级机关关系形成循环",
                "第 10 行：上级机关关系形成循环",
                "第 11 行：统一社会信用代码校验失败：应为 18 位（12345）",
            ],
        )
        self.assertEqual(summary, "共 10 处错误，未导入任何数据。")
        self.assertFalse(Agency.objects.exists())

    def test_it_refuses_a_name_that_belongs_to_another_code(self):
        self.run_import(GOOD)
        other = make_uscc("Q00000039")
        text = HEADER + f"和田县人民政府,,县级人民政府,,{other},,,,,,,\n"
        _, lines = self.refused(text)
        self.assertEqual(
            lines,
            [
                f"第 2 行：名称「和田县人民政府」在系统中已属于统一社会信用代码为 {COUNTY_USCC} "
                f"的机关，与本行的 {other} 不符"
            ],
        )

    def test_a_duplicate_uscc_in_the_file_is_refused(self):
        text = HEADER + (
            f"甲,,其他,,{COUNTY_USCC},,,,,,,\n\n乙,,其他,,{COUNTY_USCC.lower()},,,,,,,\n"
        )
        _, lines = self.refused(text)
        self.assertEqual(lines, [f"第 4 行：统一社会信用代码 {COUNTY_USCC} 与第 2 行重复"])

    def test_a_row_with_too_many_cells_is_refused(self):
        _, lines = self.refused("name,kind\n甲,其他,多余\n")
        self.assertEqual(lines, ["第 2 行：有 3 列，多于表头的 2 列（是否少了引号？）"])

    def test_an_unterminated_quote_is_named_with_the_line_it_opens_on(self):
        # Once: the open quote swallowed the rest of the file into one phone number, and the
        # import went through with one body instead of three.
        text = (
            'name,kind,phone\n甲乡,其他,0903-1\n乙乡,其他,"0903-2\n丙乡,其他,0903-3\n丁乡,其他,4\n'
        )
        summary, lines = self.refused(text)
        self.assertEqual(
            summary,
            '第 3 行：引号没有闭合（该行有一个以英文引号 " 开始的单元格，直到文件末尾也没有结束的引号）',
        )
        self.assertFalse(Agency.objects.exists())

    def test_a_quoted_cell_may_hold_a_line_break(self):
        text = 'name,kind,address\n甲乡,其他,"一街\n二号"\n乙乡,其他,三街\n'
        self.assertEqual(self.run_import(text), "新建 2，更新 0，未变 0")
        self.assertEqual(Agency.objects.get(name="甲乡").address, "一街\n二号")

    def test_a_duplicate_slug_is_named(self):
        text = "name,kind,slug\n甲乡,其他,jia\n乙乡,其他,jia\n"
        _, lines = self.refused(text)
        self.assertEqual(lines, ["第 3 行：网址标识（slug）「jia」与第 2 行重复"])
        self.run_import("name,kind,slug\n甲乡,其他,jia\n")
        _, lines = self.refused("name,kind,slug\n乙乡,其他,jia\n")
        self.assertEqual(lines, ["第 2 行：网址标识（slug）「jia」已被系统中的「甲乡」使用"])

    def test_a_body_may_not_move_below_its_own_descendant(self):
        self.run_import(GOOD)
        moved = HEADER + "和田县人民政府,,县级人民政府,和田县教育局,,,,,,,,\n"
        _, lines = self.refused(moved)
        self.assertEqual(
            lines, ["第 2 行：上级机关不能是本机关的下级机关（「和田县教育局」在本机关之下）"]
        )

    def test_a_move_rewrites_the_paths_below(self):
        self.run_import(GOOD)
        county = Agency.objects.get(name="和田县人民政府")
        self.run_import("name,kind,parent\n新县,county,\n")
        moved = f"name,kind,parent,uscc\n和田县人民政府,county,新县,{COUNTY_USCC}\n"
        self.assertEqual(self.run_import(moved), "新建 0，更新 1，未变 0")
        new = Agency.objects.get(name="新县")
        wzx = Agency.objects.get(uscc=WZX_USCC)
        self.assertEqual(wzx.path, f"/{new.pk}/{county.pk}/{wzx.pk}/")
        self.assertEqual(set(new.subtree()), set(Agency.objects.all()))

    def chain(self, depth: int, top_parent: str = "") -> str:
        rows = [f"局{n},其他,{'局' + str(n - 1) if n else top_parent}\n" for n in range(depth)]
        return "name,kind,parent\n" + "".join(rows)

    def test_a_chain_as_deep_as_allowed_gets_its_paths(self):
        self.assertEqual(self.run_import(self.chain(25)), "新建 25，更新 0，未变 0")
        last = Agency.objects.get(name="局24")
        self.assertEqual(last.path.count("/"), 26)
        self.assertEqual(last.ancestors().count(), 24)
        self.assertEqual(Agency.objects.get(name="局0").subtree().count(), 25)

    def test_a_chain_too_deep_is_refused_once_at_its_first_row_too_deep(self):
        _, lines = self.refused(self.chain(5000))
        self.assertEqual(
            lines,
            ["第 27 行：层级过深：本行是第 26 级，最多 25 级（其下各行同样过深，不再逐行列出）"],
        )
        # Counted from a body already stored: 和田县 is level 0, 吾宗肖乡 level 1.
        self.run_import(GOOD)
        _, lines = self.refused(self.chain(24, top_parent="和田县吾宗肖乡人民政府"))
        self.assertEqual(lines, [lines[0]])
        self.assertTrue(lines[0].startswith("第 25 行：层级过深：本行是第 26 级"))

    def test_file_level_problems_are_one_line(self):
        cases = [
            (GOOD, {"encoding": "gbk"}, "文件不是 UTF-8 编码（看起来是 GBK/GB18030）"),
            ("name,kind\n", {}, "文件只有表头，没有数据行"),
            ("", {}, "文件为空"),
            ("名称,类别\n甲,其他\n", {}, "不是机关名录 CSV：第 1 行缺少列 name、kind"),
            ("name,kind,colour\n甲,其他,红\n", {}, "第 1 行：未知的列「colour」"),
        ]
        for text, kwargs, message in cases:
            with self.subTest(message=message):
                summary, lines = self.refused(text, **kwargs)
                self.assertIn(message, summary)
                self.assertEqual(lines, [])
        with self.assertRaisesMessage(CommandError, "找不到文件：/no/such/file.csv"):
            call_command("import_bodies", "/no/such/file.csv")

    def test_binary_garbage_is_refused(self):
        path = self.write("x")
        Path(path).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
        with self.assertRaisesMessage(CommandError, "不是 UTF-8 编码的 CSV 文本文件"):
            call_command("import_bodies", path)


class ImportBodiesExitStatusTestCase(TestCase):
    def test_it_exits_2_with_one_line_and_no_traceback(self):
        # A real process, against a throwaway SQLite database (never the developer's).
        folder = Path(tempfile.mkdtemp())
        csv_path = folder / "bad.csv"
        csv_path.write_text("name,kind\n甲,不存在的类别\n", encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
        gongkai = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        subprocess.run([*gongkai, "migrate", "-v0"], env=env, check=True)
        result = subprocess.run(
            [*gongkai, "import_bodies", str(csv_path)], env=env, capture_output=True, text=True
        )
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertEqual(
            result.stderr.splitlines(),
            [
                "第 2 行：未知的机关类别「不存在的类别」（可用：省级人民政府、设区的市级人民政府、"
                "县级人民政府、人民政府部门、乡镇人民政府、街道办事处、派出机构、其他）",
                "CommandError: 共 1 处错误，未导入任何数据。",
            ],
        )

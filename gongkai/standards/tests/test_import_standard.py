import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase

from gongkai.standards.importing import SHIPPED_DIR, TemplateError, import_file, import_template
from gongkai.standards.models import Adoption, Matter, StandardTemplate, adopt
from gongkai.test import BaseTestCase


def shipped(key):
    return json.loads((SHIPPED_DIR / f"{key}.json").read_text(encoding="utf-8"))


class ShippedTemplatesTestCase(TestCase):
    def test_it_ships_three_partial_areas(self):
        for path in sorted(SHIPPED_DIR.glob("*.json")):
            import_file(path)
        self.assertEqual(
            sorted(StandardTemplate.objects.values_list("area", "partial")),
            [("涉农补贴", True), ("社会救助", True), ("财政预决算", True)],
        )
        for template in StandardTemplate.objects.all():
            self.assertIn("部分转录", template.partial_note)
            self.assertTrue(template.source_list())

    def test_it_keeps_the_template_table_of_a_matter(self):
        import_file(SHIPPED_DIR / "shehui-jiuzhu.json")
        guide = Matter.objects.get(name="办事指南")
        self.assertEqual(guide.level, 2)
        self.assertEqual(guide.full_name(), "社会救助·最低生活保障·办事指南")
        self.assertEqual(
            [e.name for e in guide.elements.all()],
            [
                "办理事项",
                "办理条件",
                "最低生活保障标准",
                "申请材料",
                "办理流程",
                "办理时间",
                "地点",
                "联系方式",
            ],
        )
        self.assertEqual(guide.time_limit.days, 10)
        self.assertEqual(guide.time_limit.label(), "制定或获取信息之日起10个工作日内")
        self.assertEqual(guide.channels, [{"name": "政府网站", "required": True}])
        self.assertEqual((guide.audience, guide.modes), ("public", ["proactive"]))
        self.assertEqual(guide.tier_labels(), ["县级", "乡级", "村级"])

    def test_the_budget_rule_counts_calendar_days(self):
        import_file(SHIPPED_DIR / "caizheng-yujuesuan.json")
        budget = Matter.objects.get(name="政府预算")
        self.assertEqual((budget.tl_days, budget.tl_unit), (20, "calendar"))
        self.assertEqual(
            [c["required"] for c in budget.channels].count(True), 1
        )  # ■政府网站 only; the other twelve □


class ImportVersioningTestCase(BaseTestCase):
    def test_a_second_import_is_unchanged(self):
        first = import_template(shipped("shehui-jiuzhu"))
        again = import_template(shipped("shehui-jiuzhu"))
        self.assertEqual((first.status, again.status), ("created", "unchanged"))
        self.assertEqual(StandardTemplate.objects.count(), 1)
        self.assertEqual(Matter.objects.count(), 6)

    def test_an_unadopted_version_may_be_corrected(self):
        import_template(shipped("shehui-jiuzhu"))
        data = shipped("shehui-jiuzhu")
        data["matters"][0]["name"] = "综合业务（修订）"
        self.assertEqual(import_template(data).status, "replaced")
        self.assertTrue(Matter.objects.filter(name="综合业务（修订）").exists())
        self.assertEqual(Matter.objects.count(), 6)

    def test_an_adopted_version_is_never_rewritten(self):
        template = import_template(shipped("shehui-jiuzhu")).template
        adopt(self.agency_a, template)
        data = shipped("shehui-jiuzhu")
        data["matters"][0]["name"] = "综合业务（修订）"
        with self.assertRaises(TemplateError) as caught:
            import_template(data)
        self.assertIn("已被采用，内容不能改写", caught.exception.problems[0])
        data["version"] = "2021-baodi"
        new = import_template(data)
        self.assertEqual(new.status, "created")
        self.assertEqual(StandardTemplate.objects.filter(key="shehui-jiuzhu").count(), 2)
        self.assertFalse(template.matters.filter(name="综合业务（修订）").exists())
        self.assertEqual(Adoption.objects.get().template, template)

    def test_it_lists_every_problem_with_its_place_and_writes_nothing(self):
        data = shipped("shehui-jiuzhu")
        data["matters"][1]["children"][1]["time_limit"] = {"kind": "after_event", "days": -1}
        data["matters"][1]["children"][0]["channels"] = [{"name": "政府网站"}]
        data["matters"][0]["children"][0]["modes"] = ["随便"]
        data["matters"][0]["children"][0]["children"] = [
            {"name": "三级", "children": [{"name": "四级", "time_limit": {"kind": "realtime"}}]}
        ]
        with self.assertRaises(TemplateError) as caught:
            import_template(data)
        self.assertEqual(
            caught.exception.problems,
            [
                "matters[0].children[0].modes：“随便”无效，应为 主动公开、依申请公开、主动、依申请 之一",
                "matters[0].children[0].children[0].children：事项最多 3 级",
                "matters[0].children[0].children[0].time_limit：末级事项应有公开时限",
                'matters[1].children[0].channels[0]：应为 {"name": …, "required": true/false}',
                "matters[1].children[1].time_limit：起算事件（trigger）不能为空",
                "matters[1].children[1].time_limit：天数（days）应为正整数",
            ],
        )
        self.assertFalse(StandardTemplate.objects.exists())


class ImportCommandTestCase(TestCase):
    def run_command(self, *args):
        out, err = StringIO(), StringIO()
        call_command("import_standard", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def test_it_imports_the_shipped_templates_idempotently(self):
        out, _ = self.run_command("--shipped")
        self.assertIn("新建：社会救助 shehui-jiuzhu 版本 2020-baodi（6 个事项）", out)
        out, _ = self.run_command("--shipped")
        self.assertEqual(out.count("未变："), 3)

    def test_bad_files_exit_2_with_one_line_each(self):
        with tempfile.TemporaryDirectory() as tmp:
            broken = Path(tmp, "broken.json")
            broken.write_text('{"format": ', encoding="utf-8")
            big = Path(tmp, "big.json")
            big.write_bytes(b" " * (2 * 1024 * 1024 + 1))
            err = StringIO()
            with self.assertRaises(CommandError) as caught:
                call_command(
                    "import_standard",
                    str(broken),
                    str(big),
                    str(Path(tmp, "none.json")),
                    stderr=err,
                )
        self.assertEqual(caught.exception.returncode, 2)
        lines = err.getvalue().splitlines()
        self.assertEqual(len(lines), 3)
        self.assertIn("JSON 格式错误：第 1 行第 12 列", lines[0])
        self.assertIn("文件过大", lines[1])
        self.assertIn("无法读取文件", lines[2])
        self.assertFalse(StandardTemplate.objects.exists())

    def test_it_needs_a_file(self):
        with self.assertRaises(CommandError) as caught:
            self.run_command()
        self.assertEqual(caught.exception.returncode, 2)

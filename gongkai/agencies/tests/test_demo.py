from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from gongkai.agencies.demo import DEMO_PASSWORD, USERS
from gongkai.agencies.models import Agency, Membership, User, validate_uscc


class DemoTestCase(TestCase):
    def run_demo(self) -> str:
        out = StringIO()
        call_command("demo", stdout=out)
        return out.getvalue()

    def test_it_builds_the_world(self):
        self.run_demo()
        wzx = Agency.objects.get(slug="wuzongxiao")
        self.assertEqual(wzx.name, "和田县吾宗肖乡人民政府")
        self.assertEqual(wzx.website, "")
        self.assertEqual(
            [a.name for a in wzx.ancestors()],
            ["新疆维吾尔自治区人民政府", "和田地区行政公署", "和田县人民政府"],
        )
        county = Agency.objects.get(slug="hotan-county")
        self.assertEqual(county.subtree(include_self=False).count(), 7)
        self.assertEqual(
            {a.kind for a in county.subtree()},
            {"county", "department", "township", "subdistrict"},
        )
        for agency in Agency.objects.all():
            validate_uscc(agency.uscc)
            self.assertTrue(agency.org_code.startswith("DM"), agency.name)

    def test_every_demo_login_works(self):
        self.run_demo()
        for username, *_ in USERS:
            with self.subTest(username=username):
                self.assertTrue(self.client.login(username=username, password=DEMO_PASSWORD))
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        self.assertEqual(
            Membership.objects.get(user__username="county-jiandu").get_role_display(), "监督"
        )

    def test_it_prints_the_logins(self):
        out = self.run_demo()
        self.assertIn("wzx-jingban     经办人      和田县吾宗肖乡人民政府  gongkai-demo-2026", out)
        self.assertIn("admin           平台管理员  全部", out)

    def test_a_second_run_changes_nothing_and_prints_the_same_logins(self):
        first = self.run_demo()
        snapshot = (
            list(Agency.objects.values()),
            list(User.objects.values()),
            list(Membership.objects.values()),
        )
        second = self.run_demo()
        self.assertEqual(
            snapshot,
            (
                list(Agency.objects.values()),
                list(User.objects.values()),
                list(Membership.objects.values()),
            ),
        )
        self.assertIn("演示数据已是最新，未作改动。", second)
        self.assertEqual(first.split("登录地址")[1], second.split("登录地址")[1])

    def test_it_restores_a_changed_demo_password(self):
        self.run_demo()
        user = User.objects.get(username="wzx-jingban")
        user.set_password("something-else-2026")
        user.save()
        self.assertIn("新建或更新 1 项", self.run_demo())
        self.assertTrue(self.client.login(username="wzx-jingban", password=DEMO_PASSWORD))

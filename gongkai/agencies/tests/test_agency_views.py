from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.test import BaseTestCase, QuietRefusalsMixin


class DashboardTestCase(BaseTestCase):
    url = reverse("agencies:dashboard")

    def test_it_requires_login(self):
        self.assertRedirects(self.client.get(self.url), reverse("agencies:login") + "?next=/staff/")

    def test_it_lists_the_officers_own_body_only(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "和田县吾宗肖乡人民政府")
        self.assertContains(response, "经办人")
        self.assertNotContains(response, "和田县拉依喀乡人民政府")

    def test_it_lists_the_supervisors_subtree_read_only(self):
        self.client.force_login(self.sam)
        response = self.client.get(self.url)
        for name in ("和田县人民政府", "和田县吾宗肖乡人民政府", "和田县拉依喀乡人民政府"):
            self.assertContains(response, name)
        self.assertContains(response, "只读", count=3)

    def add_villages(self, n: int) -> None:
        # Bodies below body A (a 村 office each), so the county supervisor sees 3 + n.
        for i in range(n):
            Agency.objects.create(
                name=f"吾宗肖乡第{i:03d}村", kind=Agency.Kind.OTHER, parent=self.agency_a
            )

    def test_it_pages_a_large_scope_in_chinese(self):
        self.add_villages(120)
        self.client.force_login(self.sam)
        first = self.client.get(self.url)
        self.assertEqual(len(first.context["rows"]), 50)
        self.assertContains(first, "第 1 页，共 3 页（123 条）")
        self.assertContains(first, '<a href="?page=2" rel="next">下一页</a>', html=True)
        self.assertNotContains(first, "上一页")
        last = self.client.get(self.url, {"page": 3})
        self.assertEqual(len(last.context["rows"]), 23)
        self.assertContains(last, '<a href="?page=2" rel="prev">上一页</a>', html=True)
        self.assertNotContains(last, "下一页")
        # Parents come before their children (by path): the county first, then A and all its
        # villages, then body B.
        self.assertEqual(first.context["rows"][0]["agency"], self.county)
        self.assertEqual(first.context["rows"][1]["agency"], self.agency_a)
        self.assertEqual(last.context["rows"][-1]["agency"], self.agency_b)

    def test_a_page_out_of_range_or_not_a_number_is_a_page_not_an_error(self):
        self.add_villages(60)
        self.client.force_login(self.sam)
        for value, number in (("999", 2), ("0", 2), ("-1", 2), ("abc", 1), ("", 1)):
            with self.subTest(page=value):
                response = self.client.get(self.url, {"page": value})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["page"].number, number)

    def test_its_query_count_does_not_grow_with_the_scope(self):
        self.client.force_login(self.sam)
        self.client.get(self.url)  # warm the session
        with CaptureQueriesContext(connection) as small:
            self.client.get(self.url)
        self.add_villages(120)
        with CaptureQueriesContext(connection) as large:
            self.client.get(self.url)
        self.assertEqual(len(large), len(small))
        self.assertLessEqual(len(large), 10)

    def test_it_marks_writable_bodies_on_the_page(self):
        self.client.force_login(self.adam)
        response = self.client.get(self.url)
        self.assertEqual([row["writable"] for row in response.context["rows"]], [True])
        self.assertContains(response, "办理")

    def test_it_tells_a_user_without_roles(self):
        self.client.force_login(self.nobody)
        self.assertContains(self.client.get(self.url), "您尚未被分配到任何行政机关")


class AgencyDetailTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("agencies:agency-detail", kwargs={"slug": "wuzongxiao"})

    def test_it_pages_the_bodies_below(self):
        for i in range(55):
            Agency.objects.create(
                name=f"吾宗肖乡第{i:03d}村", kind=Agency.Kind.OTHER, parent=self.agency_a
            )
        self.client.force_login(self.sam)  # reads the subtree; A's own staff read A only
        first = self.client.get(self.url)
        self.assertContains(first, "吾宗肖乡第049村")
        self.assertNotContains(first, "吾宗肖乡第050村")
        self.assertContains(first, "第 1 页，共 2 页（55 条）")
        second = self.client.get(self.url, {"page": "2"})
        self.assertContains(second, "吾宗肖乡第054村")
        self.assertNotContains(second, "吾宗肖乡第000村")

    def test_it_shows_the_guide_and_codes(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(response, "<h1>和田县吾宗肖乡人民政府</h1>", html=True)
        self.assertContains(response, self.agency_a.uscc)
        self.assertContains(response, "T00000029")
        self.assertContains(response, "无本级网站")
        self.assertNotContains(response, "编辑指南信息")

    def test_it_offers_editing_to_the_head(self):
        self.client.force_login(self.adam)
        self.assertContains(self.client.get(self.url), "编辑指南信息")

    def test_it_is_404_for_another_body(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)


class EditAgencyTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("agencies:agency-edit", kwargs={"slug": "wuzongxiao"})
    data = {
        "office_name": "吾宗肖乡人民政府党政综合办公室",
        "address": "新疆维吾尔自治区和田地区和田县吾宗肖乡政府大院",
        "office_hours": "工作日 10:00–14:00，16:00–19:30",
        "phone": "0903-2512345",
        "fax": "",
        "email": "",
        "website": "",
    }

    def test_the_head_saves_the_guide(self):
        self.client.force_login(self.adam)
        response = self.client.post(self.url, self.data)
        self.assertRedirects(response, reverse("agencies:agency-detail", args=["wuzongxiao"]))
        self.agency_a.refresh_from_db()
        self.assertEqual(self.agency_a.phone, "0903-2512345")
        self.assertEqual(self.agency_a.office_hours, "工作日 10:00–14:00，16:00–19:30")

    def test_it_shows_field_errors(self):
        self.client.force_login(self.adam)
        response = self.client.post(self.url, {**self.data, "email": "nicht"})
        self.assertContains(response, "有效的")
        self.agency_a.refresh_from_db()
        self.assertEqual(self.agency_a.phone, "")

    def test_officer_and_supervisor_get_403(self):
        for user in (self.alice, self.sam):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(self.url).status_code, 403)
                self.assertEqual(self.client.post(self.url, self.data).status_code, 403)
        self.agency_a.refresh_from_db()
        self.assertEqual(self.agency_a.phone, "")

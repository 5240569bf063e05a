from django.urls import reverse

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

    def test_it_tells_a_user_without_roles(self):
        self.client.force_login(self.nobody)
        self.assertContains(self.client.get(self.url), "您尚未被分配到任何行政机关")


class AgencyDetailTestCase(QuietRefusalsMixin, BaseTestCase):
    url = reverse("agencies:agency-detail", kwargs={"slug": "wuzongxiao"})

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

import datetime

import time_machine
from django.urls import reverse

from gongkai.catalog.models import CatalogItem, Status
from gongkai.standards.models import AreaExclusion, MatterItem, StandardEvent
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_adoption

TODAY = datetime.date(2026, 12, 1)


def published_item(agency, index_no, *, on, title="最低生活保障办事指南"):
    return CatalogItem.objects.create(
        agency=agency,
        index_no=index_no,
        title=title,
        written_on=on,
        published_on=on,
        status=Status.PUBLISHED,
    )


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0), tick=False)
class CatalogViewTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.adoption = make_adoption(self.agency_a)
        self.guide = self.adoption.template.matters.get(name="办事指南")
        self.url = reverse("standards:catalog", kwargs={"slug": self.agency_a.slug})

    def test_it_shows_a_matter_without_update_for_95_days(self):
        item = published_item(self.agency_a, "DM0000029/2026-00001", on=datetime.date(2026, 8, 28))
        MatterItem.objects.create(matter=self.guide, item=item)
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        self.assertContains(
            response, "社会救助·最低生活保障·办事指南</a> — 95 天无更新", html=False
        )
        self.assertContains(response, "已覆盖 1 / 4 个事项。")

    def test_another_bodys_item_does_not_count(self):
        item = published_item(self.agency_b, "B/2026-00001", on=datetime.date(2026, 11, 30))
        MatterItem.objects.create(matter=self.guide, item=item)
        self.client.force_login(self.alice)
        self.assertContains(self.client.get(self.url), "已覆盖 0 / 4 个事项。")

    def test_the_head_adopts_and_states_an_area_not_covered(self):
        self.client.force_login(self.adam)
        from gongkai.test import make_template

        template = make_template("caizheng-yujuesuan")
        response = self.client.post(self.url, {"action": "adopt", "template": template.pk})
        self.assertRedirects(response, self.url)
        self.assertTrue(self.agency_a.standard_adoptions.filter(template=template).exists())
        response = self.client.post(
            self.url, {"action": "exclude_area", "area": "户籍管理", "reason": "由派出所公开"}
        )
        self.assertRedirects(response, self.url)
        self.assertEqual(AreaExclusion.objects.get().reason, "由派出所公开")
        self.assertEqual(
            list(StandardEvent.objects.values_list("kind", flat=True)),
            ["area_excluded", "adopted", "adopted"],
        )

    def test_a_missing_reason_is_refused_at_the_field_and_the_area_kept(self):
        self.client.force_login(self.adam)
        response = self.client.post(
            self.url, {"action": "exclude_area", "area": "户籍管理", "reason": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "这个字段是必填项")
        self.assertContains(response, 'value="户籍管理"')
        self.assertFalse(AreaExclusion.objects.exists())

    def test_an_adopted_area_cannot_be_stated_as_not_covered(self):
        self.client.force_login(self.adam)
        response = self.client.post(
            self.url, {"action": "exclude_area", "area": "社会救助", "reason": "x"}
        )
        self.assertContains(response, "本机关已采用该领域的标准目录，不能同时说明未涉及。")

    def test_an_officer_reads_but_may_not_adopt(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.post(self.url, {"action": "exclude_area"}).status_code, 403)

    def test_another_bodys_officer_gets_404(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0), tick=False)
class AdoptionViewTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.adoption = make_adoption(self.agency_a)
        self.url = reverse(
            "standards:adoption",
            kwargs={"slug": self.agency_a.slug, "adoption_pk": self.adoption.pk},
        )
        self.parent = self.adoption.template.matters.get(name="最低生活保障")

    def test_the_head_trims_a_matter_and_its_children_follow(self):
        self.client.force_login(self.adam)
        response = self.client.post(
            self.url, {"action": "exclude", "matter": self.parent.pk, "reason": "由县民政局公开"}
        )
        self.assertRedirects(response, self.url)
        self.assertEqual([m.name for m in self.adoption.applicable_matters()], ["政策", "监督"])
        page = self.client.get(self.url)
        self.assertContains(page, "由县民政局公开")
        self.assertContains(page, "上级事项不适用", count=2)
        self.client.post(self.url, {"action": "restore", "matter": self.parent.pk})
        self.assertEqual(len(self.adoption.applicable_matters()), 4)

    def test_a_trim_without_reason_is_refused(self):
        self.client.force_login(self.adam)
        response = self.client.post(
            self.url, {"action": "exclude", "matter": self.parent.pk, "reason": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'aria-invalid="true"')
        self.assertFalse(self.adoption.exclusions.exists())

    def test_a_new_version_keeps_the_trims_by_code(self):
        import json

        from gongkai.standards.importing import SHIPPED_DIR, import_template
        from gongkai.standards.models import adopt

        self.adoption.exclude(self.parent, reason="由县民政局公开")
        data = json.loads((SHIPPED_DIR / "shehui-jiuzhu.json").read_text(encoding="utf-8"))
        data["version"] = "2021-baodi"
        new = import_template(data).template
        adoption = adopt(self.agency_a, new)
        self.assertEqual(adoption.pk, self.adoption.pk)
        self.assertEqual(
            list(adoption.exclusions.values_list("matter__template__version", "reason")),
            [("2021-baodi", "由县民政局公开")],
        )

    def test_another_bodys_officer_gets_404(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0), tick=False)
class MatterViewTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.adoption = make_adoption(self.agency_a)
        self.guide = self.adoption.template.matters.get(name="办事指南")
        self.url = reverse(
            "standards:matter",
            kwargs={
                "slug": "wuzongxiao",
                "adoption_pk": self.adoption.pk,
                "matter_pk": self.guide.pk,
            },
        )

    def test_an_officer_links_an_item_and_sees_it_was_late(self):
        # Written 2024-09-20; 10 working days (国庆 2024 off, 09-29 worked) end on 2024-10-10.
        item = CatalogItem.objects.create(
            agency=self.agency_a,
            index_no="DM0000029/2024-00007",
            title="最低生活保障办事指南",
            written_on=datetime.date(2024, 9, 20),
            published_on=datetime.date(2024, 10, 14),
            status=Status.PUBLISHED,
        )
        self.client.force_login(self.alice)
        response = self.client.post(self.url, {"action": "link", "index_no": item.index_no})
        self.assertRedirects(response, self.url)
        page = self.client.get(self.url)
        self.assertContains(page, "2024-10-10")
        self.assertContains(page, "逾期 4 天")
        self.assertContains(page, "778 天无更新")

    def test_an_unknown_index_number_is_refused_at_the_field(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.url, {"action": "link", "index_no": "<b>nope</b>"})
        self.assertContains(response, "本机关没有该索引号的条目。")
        self.assertContains(response, "&lt;b&gt;nope&lt;/b&gt;")

    def test_a_matter_of_another_template_is_404(self):
        other = make_adoption(self.agency_a, "shenong-butie").template.matters.first()
        url = reverse(
            "standards:matter",
            kwargs={"slug": "wuzongxiao", "adoption_pk": self.adoption.pk, "matter_pk": other.pk},
        )
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_supervisor_reads_but_may_not_link(self):
        self.client.force_login(self.sam)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(
            self.client.post(self.url, {"action": "link", "index_no": "x"}).status_code, 403
        )

import datetime
from xml.etree import ElementTree

from django.test import override_settings

from gongkai.catalog import workflow
from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.links import application_links, column_url
from gongkai.catalog.models import CatalogProfile, Genre, Regulation
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_item

ATOM = "{http://www.w3.org/2005/Atom}"


class ColumnPagesTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = make_item(
            cls.agency_a, publish=True, summary="<b>加粗</b>试图注入", doc_no="吾乡政发〔2026〕3号"
        )
        cls.draft = make_item(cls.agency_a, title="内部草稿不应公开")
        cls.slug = cls.agency_a.slug

    def test_the_body_column_has_the_four_entries(self):
        page = self.client.get(f"/xxgk/{self.slug}/").content.decode()
        for entry in (
            "政府信息公开指南",
            "政府信息公开制度",
            "法定主动公开内容",
            "政府信息公开年报",
        ):
            self.assertIn(entry, page)
        self.assertIn(self.item.title, page)
        self.assertNotIn("内部草稿不应公开", page)

    def test_the_guide_is_generated_from_the_bodys_data_in_three_parts(self):
        page = self.client.get(f"/xxgk/{self.slug}/guide/").content.decode()
        for part in ("一、主动公开", "二、依申请公开", "三、监督和救济"):
            self.assertIn(part, page)
        self.assertIn("吾宗肖乡人民政府党政综合办公室", page)  # the office
        self.assertIn("20个工作日内", page)
        self.assertNotIn("生产、生活、科研", page)  # no purpose test (practice §2.1)
        self.assertIn("申请人无需说明申请用途", page)

    def test_staff_text_replaces_one_part(self):
        CatalogProfile.objects.create(
            agency=self.agency_a, guide_remedy="向和田县人民政府办公室投诉。\n<script>x</script>"
        )
        page = self.client.get(f"/xxgk/{self.slug}/guide/").content.decode()
        self.assertIn("向和田县人民政府办公室投诉。", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertIn("一、主动公开", page)

    def test_the_item_page_shows_metadata_and_escapes_text(self):
        page = self.client.get(f"/xxgk/{self.slug}/items/{self.item.pk}/").content.decode()
        self.assertIn(self.item.index_no, page)
        self.assertIn("吾乡政发〔2026〕3号", page)
        self.assertIn("2026-03-02", page)
        self.assertIn("&lt;b&gt;加粗&lt;/b&gt;", page)

    def test_drafts_and_other_bodies_items_are_not_found(self):
        self.assertEqual(
            self.client.get(f"/xxgk/{self.slug}/items/{self.draft.pk}/").status_code, 404
        )
        self.assertEqual(
            self.client.get(f"/xxgk/{self.agency_b.slug}/items/{self.item.pk}/").status_code, 404
        )

    def test_a_withdrawn_item_keeps_its_page_with_the_note(self):
        item = make_item(self.agency_a, publish=True, title="误发的通知")
        add_attachment(make_item(self.agency_a), actor=None, name="a.pdf", data=make_pdf(["x"]))
        workflow.withdraw_item(item, actor=self.adam, note="内容有误，已撤回。")
        page = self.client.get(f"/xxgk/{self.slug}/items/{item.pk}/").content.decode()
        self.assertIn("本信息已撤回。", page)
        self.assertIn("内容有误，已撤回。", page)
        self.assertNotIn(
            "误发的通知", self.client.get(f"/xxgk/{self.slug}/items/").content.decode()
        )

    def test_attachments_download_only_for_public_items(self):
        draft = make_item(self.agency_a)
        secret = add_attachment(draft, actor=None, name="内部.pdf", data=make_pdf(["内部"]))
        url = f"/xxgk/{self.slug}/items/{draft.pk}/files/{secret.pk}/"
        self.assertEqual(self.client.get(url).status_code, 404)
        workflow.submit_item(draft, actor=None)
        workflow.approve_item(draft, actor=None, secrecy_note="同意")
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF-"))

    def test_the_list_filters_by_category_article_and_year(self):
        from gongkai.catalog.models import Category

        welfare = Category.objects.get(name="社会福利")
        a = make_item(
            self.agency_a, publish=True, title="低保标准", category=welfare, art20_item=11
        )
        b = make_item(
            self.agency_a,
            publish=True,
            title="往年预算",
            art20_item=7,
            written_on=datetime.date(2024, 1, 5),
            published_on=datetime.date(2024, 1, 10),
        )

        def titles(**query):
            return self.client.get(f"/xxgk/{self.slug}/items/", query).content.decode()

        self.assertIn(a.title, titles(category=welfare.parent_id))
        self.assertNotIn(b.title, titles(category=welfare.parent_id))
        self.assertIn(b.title, titles(art20=7))
        self.assertNotIn(a.title, titles(art20=7))
        self.assertIn(b.title, titles(year=2024))
        self.assertNotIn(a.title, titles(year=2024))
        self.assertEqual(
            self.client.get(
                f"/xxgk/{self.slug}/items/", {"category": "x'", "page": "-5"}
            ).status_code,
            200,
        )

    def test_the_list_pages_without_counting(self):
        for n in range(21):
            make_item(self.agency_b, publish=True, title=f"第{n}条")
        first = self.client.get(f"/xxgk/{self.agency_b.slug}/items/")
        self.assertEqual(len(first.context["items"]), 20)
        self.assertTrue(first.context["has_next"])
        second = self.client.get(f"/xxgk/{self.agency_b.slug}/items/", {"page": 2})
        self.assertEqual(len(second.context["items"]), 1)
        self.assertFalse(second.context["has_next"])

    def test_rules_and_reports_entries(self):
        Regulation.objects.create(
            agency=self.agency_a, title="政府信息公开保密审查制度", item=self.item
        )
        self.assertContains(
            self.client.get(f"/xxgk/{self.slug}/rules/"), "政府信息公开保密审查制度"
        )
        report = make_item(
            self.agency_a,
            publish=True,
            title="2025年政府信息公开工作年度报告",
            genre=Genre.ANNUAL_REPORT,
        )
        page = self.client.get(f"/xxgk/{self.slug}/reports/").content.decode()
        self.assertIn(report.title, page)
        self.assertNotIn(self.item.title, page)

    def test_the_large_text_mode_is_a_cookie_set_without_javascript(self):
        response = self.client.get(
            "/xxgk/text-size/", {"size": "large", "next": f"/xxgk/{self.slug}/"}
        )
        self.assertRedirects(response, f"/xxgk/{self.slug}/")
        self.assertEqual(response.cookies["gk_text"].value, "large")
        self.assertIn(
            'class="column large-text"', self.client.get(f"/xxgk/{self.slug}/").content.decode()
        )
        response = self.client.get(
            "/xxgk/text-size/", {"size": "normal", "next": "https://evil.example/"}
        )
        self.assertRedirects(response, "/xxgk/", fetch_redirect_response=False)
        self.assertIn('class="column"', self.client.get(f"/xxgk/{self.slug}/").content.decode())

    @override_settings(GONGKAI_COLUMN_CACHE_SECONDS=60)
    def test_pages_are_cached_until_the_catalog_changes(self):
        from gongkai.catalog import pagecache

        url = f"/xxgk/{self.slug}/items/"
        self.assertIn(self.item.title, self.client.get(url).content.decode())
        make_item(self.agency_a, publish=True, title="缓存之后发布")  # commit hooks not run
        self.assertNotIn("缓存之后发布", self.client.get(url).content.decode())
        with self.captureOnCommitCallbacks(execute=True):
            pagecache.changed()
        self.assertIn("缓存之后发布", self.client.get(url).content.decode())
        # Each text size has its own entry.
        self.client.cookies["gk_text"] = "large"
        self.assertIn("column large-text", self.client.get(url).content.decode())

    def test_links_go_through_one_helper_that_an_export_can_switch(self):
        self.assertEqual(column_url("item", slug="x", item_pk=3), "/xxgk/x/items/3/")
        self.assertEqual(
            column_url("items", slug="x", category=2, year=None), "/xxgk/x/items/?category=2"
        )

        def relative(name, path, query):
            return f"{name}-{'-'.join(map(str, path.values()))}.html"

        self.assertEqual(column_url("item", relative, slug="x", item_pk=3), "item-x-3.html")
        from django.template.loader import render_to_string

        html = render_to_string(
            "catalog/column/_item_rows.html", {"items": [self.item], "column_linker": relative}
        )
        self.assertIn(f'href="item-{self.slug}-{self.item.pk}.html"', html)

    def test_application_links_appear_only_when_the_pages_exist(self):
        with override_settings(ROOT_URLCONF="gongkai.catalog.tests.urls_with_applications"):
            self.assertEqual(
                application_links(self.agency_a),
                {"apply": f"/apply/{self.slug}/", "status": "/status/"},
            )
            page = self.client.get(f"/xxgk/{self.slug}/").content.decode()
            self.assertIn('href="/apply/wuzongxiao/"', page)
        with override_settings(ROOT_URLCONF="gongkai.catalog.tests.urls_without_applications"):
            self.assertEqual(application_links(self.agency_a), {})
            self.assertNotIn(
                "在线提交政府信息公开申请", self.client.get(f"/xxgk/{self.slug}/").content.decode()
            )


class FeedsTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from gongkai.catalog.models import Category

        cls.welfare = Category.objects.get(name="社会福利")
        cls.one = make_item(
            cls.agency_a, publish=True, title="低保 & 救助 <通知>", category=cls.welfare
        )
        cls.two = make_item(cls.agency_a, publish=True, title="节水灌溉公告")
        make_item(cls.agency_a, title="草稿")

    def test_rss_is_valid_xml_with_the_public_items(self):
        response = self.client.get(f"/xxgk/{self.agency_a.slug}/feed/rss/")
        root = ElementTree.fromstring(response.content)
        titles = [e.text for e in root.iter("title")]
        self.assertIn("低保 & 救助 <通知>", titles)
        self.assertIn("节水灌溉公告", titles)
        self.assertNotIn("草稿", titles)
        guids = [e.text for e in root.iter("guid")]
        self.assertIn(self.one.index_no, guids)

    def test_atom_by_category_is_valid_xml(self):
        url = f"/xxgk/{self.agency_a.slug}/category/{self.welfare.parent_id}/feed/atom/"
        root = ElementTree.fromstring(self.client.get(url).content)
        titles = [e.text for e in root.iter(f"{ATOM}title")]
        self.assertIn("低保 & 救助 <通知>", titles)
        self.assertNotIn("节水灌溉公告", titles)

    def test_the_sitemap_lists_public_items(self):
        root = ElementTree.fromstring(self.client.get("/xxgk/sitemap.xml").content)
        locations = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        self.assertIn(
            f"http://testserver/xxgk/{self.agency_a.slug}/items/{self.one.pk}/", locations
        )
        self.assertEqual(len([u for u in locations if "/items/" in u]), 2)

    def test_feeds_of_unknown_bodies_are_not_found(self):
        self.assertEqual(self.client.get("/xxgk/nobody/feed/rss/").status_code, 404)
        self.assertEqual(
            self.client.get(f"/xxgk/{self.agency_a.slug}/category/99999/feed/rss/").status_code, 404
        )

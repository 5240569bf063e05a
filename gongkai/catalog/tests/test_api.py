from gongkai.catalog.attachments import add_attachment
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_item


class CatalogApiTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = make_item(cls.agency_a, publish=True, doc_no="吾乡政发〔2026〕3号")
        cls.draft = make_item(cls.agency_a, title="草稿")

    def test_it_lists_public_items_only(self):
        data = self.client.get("/api/catalog/items").json()
        self.assertEqual([i["id"] for i in data["items"]], [self.item.pk])
        first = data["items"][0]
        self.assertEqual(first["index_no"], self.item.index_no)
        self.assertEqual(first["doc_no"], "吾乡政发〔2026〕3号")
        self.assertEqual(first["written_on"], "2026-03-02")
        self.assertEqual(first["url"], f"/xxgk/{self.agency_a.slug}/items/{self.item.pk}/")
        self.assertIsNone(data["next_page"])

    def test_it_pages_and_filters(self):
        for n in range(50):
            make_item(self.agency_b, publish=True, title=f"第{n}条")
        page1 = self.client.get("/api/catalog/items", {"body": self.agency_b.slug}).json()
        self.assertEqual(len(page1["items"]), 50)
        self.assertIsNone(page1["next_page"])
        page1 = self.client.get("/api/catalog/items").json()
        self.assertEqual(page1["next_page"], 2)
        page2 = self.client.get("/api/catalog/items", {"page": 2}).json()
        self.assertEqual(len(page2["items"]), 1)
        self.assertEqual(self.client.get("/api/catalog/items", {"page": 0}).status_code, 400)
        self.assertEqual(self.client.get("/api/catalog/items", {"body": "nobody"}).status_code, 404)
        self.assertEqual(self.client.get("/api/catalog/items", {"year": "x"}).status_code, 422)

    def test_one_item_with_its_files(self):
        item = make_item(self.agency_a)
        add_attachment(item, actor=None, name="a.pdf", data=make_pdf(["x"]))
        self.assertEqual(self.client.get(f"/api/catalog/items/{item.pk}").status_code, 404)
        from gongkai.catalog import workflow

        workflow.submit_item(item, actor=None)
        workflow.approve_item(item, actor=None, secrecy_note="同意")
        data = self.client.get(f"/api/catalog/items/{item.pk}").json()
        self.assertEqual(data["attachments"][0]["name"], "a.pdf")
        self.assertNotIn("text", data["attachments"][0])

    def test_bodies_show_their_public_contacts(self):
        bodies = self.client.get("/api/catalog/bodies").json()
        self.assertEqual({b["slug"] for b in bodies}, {"hotan-county", "wuzongxiao", "layika"})
        body = self.client.get(f"/api/catalog/bodies/{self.agency_a.slug}").json()
        self.assertEqual(body["office_name"], "吾宗肖乡人民政府党政综合办公室")
        self.assertEqual(body["parent"], "hotan-county")

    def test_the_schema_lists_the_catalog_routes(self):
        paths = self.client.get("/api/openapi.json").json()["paths"]
        self.assertIn("/api/catalog/items", paths)
        self.assertIn("/api/catalog/bodies/{slug}", paths)

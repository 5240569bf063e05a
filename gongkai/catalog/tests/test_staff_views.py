from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog.models import CatalogItem, CatalogProfile, Regulation, Status
from gongkai.catalog.samplepdf import make_pdf
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_item


class StaffViewsTestCase(QuietRefusalsMixin, BaseTestCase):
    def url(self, item=None, action=""):
        base = f"/staff/catalog/{self.agency_a.slug}/"
        return f"{base}items/{item.pk}/{action}" if item else base

    def test_an_officer_drafts_and_the_head_publishes(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            self.url() + "items/new/",
            {
                "title": "关于防汛工作的通知",
                "written_on": "2026-06-01",
                "genre": "notice",
                "disclosure": "proactive",
            },
        )
        item = CatalogItem.objects.get(title="关于防汛工作的通知")
        self.assertRedirects(response, self.url(item))
        self.assertEqual(item.index_no, f"{self.agency_a.org_code}/2026-00001")
        self.client.post(
            self.url(item, "files/new/"),
            {"file": SimpleUploadedFile("通知.pdf", make_pdf(["防汛"]))},
        )
        self.assertEqual(item.attachments.count(), 1)
        self.client.post(self.url(item, "submit/"))
        item.refresh_from_db()
        self.assertEqual(item.status, Status.REVIEW)
        # 经办人 may not approve.
        self.assertEqual(
            self.client.post(self.url(item, "approve/"), {"secrecy_note": "同意"}).status_code, 403
        )
        self.client.force_login(self.adam)
        self.client.post(self.url(item, "approve/"), {"secrecy_note": "不涉密，同意公开"})
        item.refresh_from_db()
        self.assertEqual(item.status, Status.PUBLISHED)
        self.assertEqual(item.secrecy_reviewed_by, self.adam)

    def test_form_errors_are_shown_at_the_field_and_input_kept(self):
        self.client.force_login(self.alice)
        response = self.client.post(
            self.url() + "items/new/",
            {
                "title": "某规范性文件",
                "written_on": "2026-06-01",
                "genre": "normative",
                "disclosure": "withheld",
            },
        )
        self.assertContains(response, "规章和行政规范性文件应当标明有效性。")
        self.assertContains(response, "不予公开的，应当写明法定理由")
        self.assertContains(response, 'value="某规范性文件"')
        self.assertFalse(CatalogItem.objects.exists())

    def test_a_wrong_upload_is_refused_at_the_field(self):
        item = make_item(self.agency_a)
        self.client.force_login(self.alice)
        response = self.client.post(
            self.url(item, "files/new/"), {"file": SimpleUploadedFile("a.pdf", b"MZ\x90 exe")}
        )
        self.assertContains(
            response, "只接受 PDF、DOCX、XLSX、PNG 和 JPEG 文件（按文件内容判断）。"
        )
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
        response = self.client.post(
            self.url(item, "files/new/"), {"file": SimpleUploadedFile("a.png", png)}
        )
        self.assertContains(response, "图片须填写图片说明。")
        self.assertEqual(item.attachments.count(), 0)

    def test_correction_and_withdrawal_need_a_public_note(self):
        item = make_item(self.agency_a, publish=True)
        self.client.force_login(self.adam)
        response = self.client.post(self.url(item, "withdraw/"), {"note": ""})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(CatalogItem.objects.get(pk=item.pk).status, Status.PUBLISHED)
        self.client.post(self.url(item, "withdraw/"), {"note": "重复发布"})
        self.assertEqual(CatalogItem.objects.get(pk=item.pk).status, Status.WITHDRAWN)

    def test_other_bodies_staff_are_refused(self):
        item = make_item(self.agency_a)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url(item)).status_code, 404)
        self.assertEqual(self.client.post(self.url(item, "submit/")).status_code, 404)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_the_head_edits_the_guide_and_the_rules(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get(self.url() + "guide/").status_code, 403)
        self.client.force_login(self.adam)
        self.client.post(
            self.url() + "guide/",
            {"guide_proactive": "本乡主动公开……", "guide_on_request": "", "guide_remedy": ""},
        )
        self.assertEqual(
            CatalogProfile.objects.get(agency=self.agency_a).guide_proactive, "本乡主动公开……"
        )
        self.client.post(self.url() + "rules/", {"title": "保密审查制度", "position": "1"})
        self.assertTrue(
            Regulation.objects.filter(agency=self.agency_a, title="保密审查制度").exists()
        )
        self.client.force_login(self.alice)
        self.assertEqual(
            self.client.post(self.url() + "rules/", {"title": "x", "position": "1"}).status_code,
            403,
        )

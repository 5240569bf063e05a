"""The notice pages: draft from the case, sign, serve, download; templates upload checked."""

from __future__ import annotations

import io
from datetime import date

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.letters.kinds import Kind
from gongkai.letters.models import BodyTemplate, Notice
from gongkai.letters.render import default_template
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_application


class NoticePagesTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.application = make_application(
            self.agency_a, received_on=date(2026, 9, 28), summary="资金分配表"
        )
        self.case_url = reverse(
            "letters:case-notices",
            kwargs={"slug": self.agency_a.slug, "receipt": self.application.receipt_number},
        )

    def test_a_notice_goes_from_draft_to_served_through_the_pages(self):
        self.client.force_login(self.alice)
        response = self.client.post(self.case_url, {"kind": "answer", "outcome": "3.3.1"})
        notice = Notice.objects.get()
        url = reverse("letters:notice", kwargs={"slug": self.agency_a.slug, "notice_pk": notice.pk})
        self.assertRedirects(response, url)
        page = self.client.get(url)
        self.assertContains(page, "救济途径（系统计算）")
        self.assertContains(page, "应当自收到本答复之日起60日内先向和田县人民政府申请行政复议")
        self.client.post(url, {"action": "review", "secrecy": "clear", "note": ""})
        page = self.client.post(url, {"action": "issue"})
        self.assertContains(page, "告知书须由本机关负责人签发。")
        self.client.force_login(self.adam)
        self.client.post(url, {"action": "issue"})
        notice.refresh_from_db()
        self.assertEqual(notice.number, "吾宗肖乡依申告〔2026〕1号")
        page = self.client.post(
            url, {"action": "serve", "method": "ems", "served_on": "2026-12-01"}
        )
        self.assertContains(page, "邮寄送达须填写交邮日期。")
        self.assertContains(page, 'value="2026-12-01"')  # what was typed stays
        download = self.client.get(
            reverse(
                "letters:notice-download",
                kwargs={"slug": self.agency_a.slug, "notice_pk": notice.pk, "ext": "docx"},
            )
        )
        text = [p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs]
        self.assertIn("吾宗肖乡依申告〔2026〕1号", text)

    def test_another_bodys_officer_sees_nothing(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.case_url).status_code, 404)


class TemplatePageTestCase(BaseTestCase):
    def test_an_upload_is_checked_and_explained_in_chinese(self):
        url = reverse("letters:templates", kwargs={"slug": self.agency_a.slug})
        self.client.force_login(self.alice)
        bad = docx.Document(io.BytesIO(default_template(Kind.RECEIPT)))
        bad.add_paragraph("{{ secret_field }}")
        out = io.BytesIO()
        bad.save(out)
        upload = SimpleUploadedFile("回执.docx", out.getvalue())
        page = self.client.post(url, {"kind": "receipt", "file": upload})
        self.assertContains(page, "模板使用了未定义的变量：secret_field")
        self.assertFalse(BodyTemplate.objects.exists())
        good = SimpleUploadedFile("回执.docx", default_template(Kind.RECEIPT))
        self.assertRedirects(self.client.post(url, {"kind": "receipt", "file": good}), url)
        self.assertEqual(
            BodyTemplate.current(self.agency_a, Kind.RECEIPT).original_name, "回执.docx"
        )

    def test_an_answer_template_for_one_outcome_is_used_before_the_general_one(self):
        url = reverse("letters:templates", kwargs={"slug": self.agency_a.slug})
        self.client.force_login(self.alice)
        refused = self.client.post(
            url,
            {
                "kind": "receipt",
                "outcome": "3.3.1",
                "file": SimpleUploadedFile("回执.docx", default_template(Kind.RECEIPT)),
            },
        )
        self.assertContains(refused, "只有答复书可以按办理结果分别设置模板。")
        for name, outcome in (("通用答复书.docx", ""), ("不予公开答复书.docx", "3.3.1")):
            upload = SimpleUploadedFile(name, default_template(Kind.ANSWER))
            response = self.client.post(url, {"kind": "answer", "outcome": outcome, "file": upload})
            self.assertRedirects(response, url)
        current = BodyTemplate.current
        self.assertEqual(
            current(self.agency_a, Kind.ANSWER, "3.3.1").original_name, "不予公开答复书.docx"
        )
        self.assertEqual(
            current(self.agency_a, Kind.ANSWER, "3.1").original_name, "通用答复书.docx"
        )
        page = self.client.get(url).content.decode()
        self.assertIn("按办理结果分别设置的答复书模板", page)
        self.assertIn("3.3.1 ", page)
        self.assertIn("不予公开答复书.docx", page)

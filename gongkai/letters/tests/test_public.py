"""The applicant's side: served notices on the status page, downloaded with the query code."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2

from gongkai.letters import services
from gongkai.test import BaseTestCase, make_application, make_notice


class ServedNoticesTestCase(BaseTestCase):
    def setUp(self):
        self.application = make_application(self.agency_a, received_on=date(2026, 9, 28))
        self.notice = make_notice(self.application)  # an 答复书, signed on 2026-10-09
        services.serve(
            self.notice, actor=self.alice, method="in_person", served_on=date(2026, 10, 12)
        )
        self.status = "/applications/status/"
        self.key = {"receipt": self.application.receipt_number, "code": self.application.query_code}

    def test_it_lists_the_served_notice_on_the_status_page(self):
        page = self.client.get(self.status, self.key).content.decode()
        self.assertIn(self.notice.title, page)
        self.assertIn("2026-10-12", page)

    def test_it_downloads_the_pdf_with_the_right_code(self):
        url = f"/applications/status/notices/{self.notice.pk}.pdf"
        response = self.client.get(url, self.key)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        self.assertIn(self.notice.number, "".join(text.split()))  # PDF text spaces digits

    def test_it_refuses_a_wrong_code_or_an_unserved_notice(self):
        url = f"/applications/status/notices/{self.notice.pk}.pdf"
        wrong = dict(self.key, code="WRONGCODE")
        self.assertEqual(self.client.get(url, wrong).status_code, 404)
        self.assertEqual(self.client.get(url).status_code, 404)
        draft = services.draft(self.application, "answer", actor=self.alice, outcome="3.1")
        url = f"/applications/status/notices/{draft.pk}.pdf"
        self.assertEqual(self.client.get(url, self.key).status_code, 404)


class CasePageLinkTestCase(BaseTestCase):
    def test_it_links_the_case_page_to_its_notices(self):
        application = make_application(self.agency_a, received_on=date(2026, 9, 28))
        self.client.force_login(self.alice)
        base = f"/staff/agencies/{self.agency_a.slug}/applications/{application.receipt_number}/"
        page = self.client.get(base).content.decode()
        self.assertIn(f'href="{base}notices/"', page)

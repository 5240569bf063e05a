"""依申请公开转主动公开 (条例 Art. 44): proposals on the catalog dashboard become draft items."""

import time_machine

from gongkai.applications.models import Event
from gongkai.catalog.models import CatalogItem
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_application


@time_machine.travel("2026-10-12 10:00 +0800", tick=False)
class ProposalTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        self.app = make_application(
            self.agency_a,
            items=[
                {"title": "2026年乡村道路建设资金分配表", "document_number": "吾乡发〔2026〕3号"},
                {"title": "道路建设招标文件"},
            ],
            applicant_name="买买提·艾力",
        )
        self.app.propose_proactive(note="三名申请人申请同一信息")
        self.dashboard = f"/staff/catalog/{self.agency_a.slug}/"
        self.create = f"{self.dashboard}items/new/?from={self.app.receipt_number}"

    def test_the_dashboard_lists_the_proposal_and_a_draft_closes_it(self):
        self.client.force_login(self.alice)
        page = self.client.get(self.dashboard).content.decode()
        self.assertIn("依申请公开转主动公开建议（条例第四十四条）", page)
        self.assertIn(self.app.receipt_number, page)
        self.assertIn(f"items/new/?from={self.app.receipt_number}", page)

        form = self.client.get(self.create).content.decode()
        self.assertIn('value="2026年乡村道路建设资金分配表"', form)
        self.assertIn('value="吾乡发〔2026〕3号"', form)
        self.assertNotIn("买买提", form)  # what was sought, never who asked
        response = self.client.post(
            self.create,
            {
                "title": "2026年乡村道路建设资金分配表",
                "written_on": "2026-03-01",
                "genre": "notice",
                "disclosure": "proactive",
            },
        )
        item = CatalogItem.objects.get()
        self.assertRedirects(response, f"{self.dashboard}items/{item.pk}/")
        self.assertEqual(item.from_application, self.app)
        note = self.app.events.filter(kind=Event.Kind.NOTE).last().note
        self.assertEqual(
            note, f"已据此新建主动公开目录条目（索引号 {item.index_no}，条例第四十四条）"
        )
        self.assertNotIn(self.app.receipt_number, self.client.get(self.dashboard).content.decode())

    def test_another_bodys_application_cannot_seed_a_draft(self):
        self.client.force_login(self.bob)
        url = f"/staff/catalog/{self.agency_b.slug}/items/new/?from={self.app.receipt_number}"
        self.assertEqual(self.client.get(url).status_code, 404)

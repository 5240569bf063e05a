"""The case page and its actions, the queue, its export; who sees what (PIPL)."""

from datetime import date
from io import BytesIO

import time_machine
from openpyxl import load_workbook

from gongkai.applications.models import Event
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_application

D = date.fromisoformat


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
class CaseViewsTestCase(QuietRefusalsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.app = make_application(self.agency_a, received_on=D("2026-09-30"))
        self.url = f"/staff/agencies/wuzongxiao/applications/{self.app.receipt_number}/"

    def post(self, action, **data):
        return self.client.post(self.url + action + "/", data)

    def test_it_explains_the_clock_and_logs_each_view_of_personal_data(self):
        self.client.force_login(self.alice)
        page = self.client.get(self.url).content.decode()
        self.assertIn("2026-09-30 收到，20 个工作日 → 2026-11-03", page)
        self.assertIn(self.app.id_number, page)
        self.client.get(self.url)
        self.assertEqual(
            self.app.events.filter(kind="personal_data_viewed", actor=self.alice).count(), 2
        )

    def test_it_masks_the_id_for_a_supervisor_who_only_reads(self):
        self.client.force_login(self.sam)
        page = self.client.get(self.url).content.decode()
        self.assertNotIn(self.app.id_number, page)
        self.assertIn(self.app.masked_id(), page)
        self.assertNotIn("0903-0000000", page)
        self.assertNotIn("<summary>", page)  # no actions
        self.assertEqual(self.post("note", text="x").status_code, 403)
        self.assertEqual(
            self.client.get("/staff/agencies/wuzongxiao/applications/").status_code, 200
        )

    def test_it_hides_the_case_from_another_body(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.post("note", text="x").status_code, 404)

    def test_it_runs_a_consultation_then_an_extension_by_the_head(self):
        self.client.force_login(self.alice)
        response = self.post(
            "consultation-start",
            kind="third_party",
            sent_on="2026-10-12",
            party_received_on="2026-10-13",
            party="某建筑公司",
        )
        self.assertRedirects(response, self.url)
        self.post("consultation-end", kind="third_party", on="2026-10-15", reply="不同意")
        self.app.refresh_from_db()
        self.assertEqual(self.app.due_on, D("2026-11-06"))
        # The 经办人 may not extend: it needs the 负责人 (条例 Art. 33).
        data = {"days": "20", "reason": "调档", "notice_served_on": "2026-11-05"}
        self.assertEqual(self.post("extend", **data).status_code, 403)
        self.client.force_login(self.adam)
        self.assertRedirects(self.post("extend", **data), self.url)
        self.app.refresh_from_db()
        self.assertEqual(
            (self.app.due_on, self.app.extension.approved_by), (D("2026-12-04"), self.adam)
        )
        page = self.client.get(self.url).content.decode()
        self.assertIn(
            "2026-09-30 收到，20 个工作日，其间征求第三方意见 3 个工作日不计，延长 20 个工作日 → 2026-12-04",
            page,
        )

    def test_it_shows_a_refusal_at_the_form_and_changes_nothing(self):
        self.client.force_login(self.alice)
        response = self.post("close", row="3.4.1", on="2026-10-20", legal_basis="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("须先记录检索情况", response.content.decode())
        self.app.refresh_from_db()
        self.assertEqual(self.app.status, "open")
        response = self.post("close", row="3.1", on="2026-12-02")
        self.assertIn("日期不能晚于今天。", response.content.decode())

    def test_it_closes_with_the_default_basis_and_a_search(self):
        self.client.force_login(self.alice)
        self.post(
            "search",
            searched_on="2026-10-19",
            searched_by="阿依古丽",
            places="档案室",
            result="未找到",
        )
        self.assertRedirects(
            self.post("close", row="3.4.1", on="2026-10-20", holder_body="县交通运输局"), self.url
        )
        self.app.refresh_from_db()
        self.assertEqual(
            (self.app.outcome, self.app.outcome_record.legal_basis),
            ("3.4.1", "条例第三十六条第（四）、（五）项"),
        )

    def test_it_assigns_notes_and_proposes_proactive_disclosure(self):
        self.client.force_login(self.alice)
        self.post("assign", assignee=str(self.alice.pk))
        self.post("note", text="已电话联系申请人")
        self.post("proactive", text="多人申请同一信息")
        self.app.refresh_from_db()
        self.assertEqual(self.app.assignee, self.alice)
        self.assertTrue(self.app.proactive_proposed)
        kinds = set(self.app.events.values_list("kind", flat=True))
        self.assertTrue({"assigned", "note", "proactive_proposed"} <= kinds)
        self.assertFalse(self.app.events.get(kind="note").public)


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
class QueueTestCase(BaseTestCase):
    url = "/staff/agencies/wuzongxiao/applications/"

    def setUp(self):
        self.overdue = make_application(
            self.agency_a, received_on=D("2026-10-20"), applicant_name="甲"
        )
        self.soon = make_application(
            self.agency_a, received_on=D("2026-11-06"), applicant_name="乙"
        )
        self.later = make_application(self.agency_a, received_on=D("2026-11-30"), channel="oral")
        self.closed = make_application(self.agency_a, received_on=D("2026-10-08"))
        self.closed.close(row="3.1", legal_basis="条例第三十六条", on=D("2026-10-09"))
        make_application(self.agency_b, received_on=D("2026-11-02"))

    def test_it_sorts_by_due_date_with_urgency(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url)
        rows = response.context["rows"]
        self.assertEqual(
            [(r.receipt_number, u) for r, u in rows],
            [
                (self.overdue.receipt_number, "overdue"),
                (self.soon.receipt_number, "soon"),
                (self.later.receipt_number, ""),
            ],
        )
        # 10-20 + 20 → 11-17 (overdue); 11-06 + 20 → 12-04, 3 working days away (soon).
        self.assertEqual(
            (self.overdue.due_on, self.soon.due_on), (D("2026-11-17"), D("2026-12-04"))
        )
        page = response.content.decode()
        self.assertIn('class="urgency-overdue"', page)
        self.assertNotIn("甲", page)

    def test_it_filters_by_status_and_channel(self):
        self.client.force_login(self.alice)
        rows = self.client.get(self.url, {"status": "closed"}).context["rows"]
        self.assertEqual([r.receipt_number for r, _ in rows], [self.closed.receipt_number])
        rows = self.client.get(self.url, {"channel": "oral", "status": "all"}).context["rows"]
        self.assertEqual([r.receipt_number for r, _ in rows], [self.later.receipt_number])

    def test_it_exports_xlsx_without_identity_data(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.url + "export.xlsx", {"status": "all"})
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("受理编号", "收到日期", "申请渠道"))
        self.assertEqual(len(rows), 5)
        self.assertEqual(rows[1][0], self.overdue.receipt_number)
        flat = " ".join(str(c) for row in rows for c in row)
        self.assertNotIn("甲", flat)
        self.assertNotIn(self.overdue.id_number, flat)

    def test_it_records_every_step_in_the_event_log(self):
        self.assertEqual(Event.objects.filter(application=self.closed).count(), 3)

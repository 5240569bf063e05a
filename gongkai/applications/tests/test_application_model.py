"""Application transitions (models.py): every path of reference §6.1, with the 2026 dates."""

from datetime import date

import time_machine

from gongkai.applications.models import Application, Event, TransitionError
from gongkai.applications.services import submit_application
from gongkai.test import BaseTestCase, application_fields, make_application

D = date.fromisoformat


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
class ApplicationTransitionsTestCase(BaseTestCase):
    def kinds(self, app):
        return [e.kind for e in app.events.all()]

    def test_it_answers_on_the_spot(self):
        app = make_application(self.agency_a, received_on=D("2026-09-30"))
        self.assertEqual((app.status, app.due_on), ("open", D("2026-11-03")))
        app.close(row="3.1", legal_basis="条例第三十六条第（二）项", on=D("2026-09-30"))
        self.assertEqual(
            (app.status, app.outcome, app.closed_on), ("closed", "3.1", D("2026-09-30"))
        )
        self.assertEqual(self.kinds(app), ["submitted", "received", "closed"])
        self.assertIsNone(app.next_due_on)

    def test_it_restarts_the_clock_on_a_supplement(self):
        app = make_application(self.agency_a, received_on=D("2026-02-10"))
        self.assertEqual(app.supplement_notice_due().date, D("2026-02-26"))
        app.request_supplement(served_on=D("2026-02-12"), items="请写明文件名称", period_days=10)
        self.assertEqual((app.status, app.next_due_on), ("awaiting_supplement", D("2026-03-04")))
        app.receive_supplement(on=D("2026-03-03"))
        self.assertEqual(
            (app.status, app.due_on, app.clock_start), ("open", D("2026-03-31"), D("2026-03-03"))
        )
        with self.assertRaisesRegex(TransitionError, "一次性"):
            app.request_supplement(served_on=D("2026-03-04"), items="again", period_days=5)

    def test_it_closes_a_lapsed_supplement_as_row_3_6_1(self):
        app = make_application(self.agency_a, received_on=D("2026-02-10"))
        app.request_supplement(served_on=D("2026-02-12"), items="请写明文件名称", period_days=10)
        with self.assertRaisesRegex(TransitionError, "尚未届满"):
            app.lapse_supplement(on=D("2026-03-04"))
        app.lapse_supplement(on=D("2026-03-05"))
        self.assertEqual((app.status, app.outcome), ("closed", "3.6.1"))
        self.assertEqual(app.outcome_record.legal_basis, "条例第三十条")

    def test_it_pauses_for_a_third_party_and_extends_once(self):
        app = make_application(self.agency_a, received_on=D("2026-09-30"))
        app.start_consultation(
            kind="third_party",
            sent_on=D("2026-10-12"),
            party="某建筑公司",
            party_received_on=D("2026-10-13"),
        )
        # While the third party has the letter, its own 15 days are what is due next.
        self.assertEqual((app.due_on, app.next_due_on), (None, D("2026-11-03")))
        app.end_consultation(kind="third_party", on=D("2026-10-15"), reply="不同意公开")
        self.assertEqual(app.due_on, D("2026-11-06"))
        with self.assertRaisesRegex(TransitionError, "原答复期限 2026-11-06 前送达"):
            app.extend(
                days=20, reason="需要调档", approved_by=self.adam, notice_served_on=D("2026-11-09")
            )
        app.extend(
            days=20, reason="需要调档", approved_by=self.adam, notice_served_on=D("2026-11-05")
        )
        self.assertEqual(app.due_on, D("2026-12-04"))
        self.assertEqual(
            (app.extension.original_due_on, app.extension.new_due_on),
            (D("2026-11-06"), D("2026-12-04")),
        )
        with self.assertRaisesRegex(TransitionError, "只能延长一次"):
            app.extend(days=1, reason="x", approved_by=self.adam, notice_served_on=D("2026-11-05"))

    def test_it_suspends_the_clock_while_a_fee_is_unpaid_then_answers(self):
        app = make_application(self.agency_a, received_on=D("2026-04-20"))
        # 04-20 + 20: 21..30 (8), 05-06..09 (4, 09 调休), 11..15 (5), 18, 19, 20 → 05-20.
        self.assertEqual(app.due_on, D("2026-05-20"))
        app.issue_fee_notice(
            method="per_volume",
            pages=250,
            amount=4700,
            notice_served_on=D("2026-04-29"),
            notice_received_on=D("2026-04-30"),
        )
        self.assertEqual((app.status, app.next_due_on), ("awaiting_fee", D("2026-06-01")))
        app.record_payment(on=D("2026-05-12"), amount=4700)
        # Excluded (04-29, 05-12]: 04-30, 05-06, 07, 08, 09, 11, 12 = 7 → 05-20 + 7 = 05-29.
        self.assertEqual((app.status, app.due_on), ("open", D("2026-05-29")))

    def test_it_closes_an_unpaid_fee_as_row_3_6_2(self):
        app = make_application(self.agency_a, received_on=D("2026-04-20"))
        app.issue_fee_notice(
            method="per_case",
            units=25,
            amount=1500,
            notice_served_on=D("2026-04-29"),
            notice_received_on=D("2026-04-30"),
        )
        with self.assertRaisesRegex(TransitionError, "2026-06-01 尚未届满"):
            app.lapse_fee(on=D("2026-06-01"))
        app.lapse_fee(on=D("2026-06-02"))
        self.assertEqual((app.status, app.outcome), ("closed", "3.6.2"))

    def test_it_records_a_waiver_with_its_reason(self):
        app = make_application(self.agency_a, received_on=D("2026-04-20"))
        app.issue_fee_notice(
            method="per_volume",
            pages=40,
            amount=100,
            notice_served_on=D("2026-04-29"),
            notice_received_on=D("2026-04-30"),
        )
        with self.assertRaisesRegex(TransitionError, "减免理由"):
            app.waive_fee(on=D("2026-05-06"), reason=" ")
        app.waive_fee(on=D("2026-05-06"), reason="申请人为低保户")
        self.assertTrue(app.fee.waived)
        self.assertEqual(app.status, "open")

    def test_it_requires_what_each_outcome_needs(self):
        app = make_application(self.agency_a, received_on=D("2026-09-30"))
        with self.assertRaisesRegex(TransitionError, "不予公开的部分及理由"):
            app.close(row="3.2", legal_basis="条例第三十七条", on=D("2026-10-20"))
        with self.assertRaisesRegex(TransitionError, "须先记录检索情况"):
            app.close(row="3.4.1", legal_basis="条例第三十六条第（四）项", on=D("2026-10-20"))
        with self.assertRaisesRegex(TransitionError, "法律依据"):
            app.close(row="3.1", legal_basis=" ", on=D("2026-10-20"))
        app.record_search(
            searched_on=D("2026-10-19"),
            searched_by="阿依古丽",
            places="档案室、OA系统",
            terms="道路 资金",
            result="未找到",
        )
        app.close(
            row="3.4.1",
            legal_basis="条例第三十六条第（四）项",
            on=D("2026-10-20"),
            holder_body="和田县交通运输局",
        )
        self.assertEqual(app.outcome_record.holder_body, "和田县交通运输局")
        with self.assertRaisesRegex(TransitionError, "已办结"):
            app.close(row="3.1", legal_basis="x", on=D("2026-10-21"))

    def test_it_records_article_35_delay(self):
        app = make_application(self.agency_a, received_on=D("2026-09-30"))
        with self.assertRaisesRegex(TransitionError, "说明理由"):
            app.delay_deadline(until=D("2027-01-29"), on=D("2026-10-20"))
        app.request_reasons(on=D("2026-10-12"))
        app.delay_deadline(until=D("2027-01-29"), on=D("2026-10-20"))
        self.assertEqual(app.due_on, D("2027-01-29"))

    def test_it_keeps_events_append_only(self):
        app = make_application(self.agency_a, received_on=D("2026-09-30"))
        event = app.events.first()
        event.note = "changed"
        with self.assertRaises(TypeError):
            event.save()
        with self.assertRaises(TypeError):
            event.delete()
        with self.assertRaises(TypeError):
            Event.objects.filter(application=app).update(note="x")
        self.assertEqual(
            list(app.events.public().values_list("kind", flat=True)), ["submitted", "received"]
        )

    def test_it_numbers_per_body_and_year_and_is_idempotent(self):
        first = make_application(self.agency_a, received_on=D("2026-09-30"))
        second = make_application(self.agency_a, received_on=D("2026-10-08"))
        other = make_application(self.agency_b, received_on=D("2026-10-08"))
        self.assertEqual(
            [first.receipt_number, second.receipt_number, other.receipt_number],
            ["2026-0001", "2026-0002", "2026-0001"],
        )
        self.assertEqual(len(first.query_code), 20)
        kwargs = dict(
            agency=self.agency_a,
            channel="online",
            applicant=application_fields(),
            items=[{"title": "x"}],
            idempotency_key="k-1",
        )
        a = submit_application(**kwargs)
        b = submit_application(**kwargs)
        self.assertEqual((a.created, b.created, a.application.pk), (True, False, b.application.pk))
        self.assertEqual(Application.objects.filter(idempotency_key="k-1").count(), 1)
        self.assertEqual(a.application.received_on, D("2026-12-01"))

    def test_it_waits_for_the_signature_of_registered_mail(self):
        app = submit_application(
            agency=self.agency_a,
            channel="registered_mail",
            applicant=application_fields(),
            items=[{"title": "x"}],
            arrived_on=D("2026-09-29"),
        ).application
        self.assertEqual(
            (app.status, app.received_on, app.due_on), ("awaiting_receipt", None, None)
        )
        with self.assertRaisesRegex(TransitionError, "不能晚于今天"):
            app.confirm_receipt(on=D("2026-12-02"), how="签收")
        app.confirm_receipt(on=D("2026-09-30"), how="收发室签收")
        self.assertEqual(
            (app.arrived_on, app.received_on, app.due_on),
            (D("2026-09-29"), D("2026-09-30"), D("2026-11-03")),
        )
        self.assertEqual(app.events.get(kind="received").note, "收发室签收")

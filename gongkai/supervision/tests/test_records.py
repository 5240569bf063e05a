"""Record pages, the XLSX export (masked), the CSV/XLSX import (all or nothing, line-numbered
Chinese errors), self-inspections from the platform's findings, consultation → application,
and the 动态调整 of held-back items (条例 Art. 18)."""

from __future__ import annotations

import datetime
import io

import time_machine
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.catalog.models import Disclosure, ItemEvent, Status
from gongkai.supervision import findings, reassess
from gongkai.supervision.importing import RowsRefused, import_records
from gongkai.supervision.models import Consultation, Reassessment, reassessment_due
from gongkai.test import BaseTestCase, make_consultation, make_item

D = datetime.date
HEADER = "日期,渠道,咨询事项,答复内容,答复人,咨询人姓名,咨询人联系方式\n"


@time_machine.travel("2026-03-20 10:00 +0800", tick=False)
class ImportExportTestCase(BaseTestCase):
    def test_it_imports_every_row_or_none_with_line_numbers(self):
        bad = HEADER + (
            "2026-01-05,电话,低保,已答复,阿依古丽,,\n"
            "2026-13-01,电话,医保,已答复,阿依古丽,,\n"
            "2026-01-07,飞鸽,补贴,已答复,,,\n"
            "2024-12-31,电话,旧事,已答复,阿依古丽,,\n"
        )
        with self.assertRaises(RowsRefused) as refused:
            import_records(self.agency_a, "consultations", ("c.csv", bad.encode()))
        self.assertEqual(
            refused.exception.errors,
            [
                "第 3 行：日期「2026-13-01」不是有效日期（应为 2026-03-02 或 2026年3月2日）",
                "第 4 行：渠道「飞鸽」无效（可用：电话、来访、电子邮件、信函、网上留言、微信、其他）",
                "第 4 行：答复人：此字段不能为空。",
                "第 5 行：日期 2024-12-31 早于 2025-01-01：只导入上一年度以来的记录",
            ],
        )
        self.assertEqual(Consultation.objects.count(), 0)

    def test_it_imports_xlsx_and_skips_rows_already_stored(self):
        book = Workbook()
        sheet = book.active
        sheet.append(HEADER.strip().split(","))
        sheet.append(
            [D(2025, 5, 6), "来访", "宅基地审核", "告知办事指南", "艾克拜尔", "王某", "139"]
        )
        out = io.BytesIO()
        book.save(out)
        data = ("c.xlsx", out.getvalue())
        self.assertEqual(
            str(import_records(self.agency_a, "consultations", data)),
            "新增 1 条，已存在（跳过）0 条",
        )
        self.assertEqual(
            str(import_records(self.agency_a, "consultations", data)),
            "新增 0 条，已存在（跳过）1 条",
        )
        self.assertEqual(Consultation.objects.get().channel, "visit")

    def test_the_export_masks_callers_and_lists_the_year(self):
        make_consultation(self.agency_a)
        make_consultation(self.agency_a, on=D(2025, 3, 2), topic="去年的咨询")
        self.client.force_login(self.alice)
        response = self.client.get(
            reverse("supervision:export", kwargs={"slug": "wuzongxiao"}) + "?year=2026"
        )
        sheet = load_workbook(io.BytesIO(response.content))["咨询登记"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("日期", "渠道", "咨询事项"))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][1:3], ("电话", "低保申请条件是否公开"))
        self.assertEqual(rows[1][5:], ("买*****", "1**********"))

    def test_the_import_page_keeps_the_errors_at_the_form(self):
        self.client.force_login(self.alice)
        url = reverse("supervision:import", kwargs={"slug": "wuzongxiao"})
        upload = io.BytesIO((HEADER + "2026-13-01,电话,医保,已答复,甲,,\n").encode())
        upload.name = "c.csv"
        response = self.client.post(url, {"kind": "consultations", "file": upload})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "第 2 行：日期「2026-13-01」不是有效日期", status_code=400)

    def test_a_bad_record_form_keeps_what_was_typed(self):
        self.client.force_login(self.alice)
        url = reverse("supervision:records", kwargs={"slug": "wuzongxiao", "kind": "complaints"})
        response = self.client.post(
            url,
            {
                "on": "2026-03-01",
                "kind": "complaint",
                "receiver": "self",
                "subject": "指南电话打不通",
                "finding": "upheld",
                "closed_on": "2026-03-05",
            },
        )
        self.assertContains(response, "查证属实的，应当写明督促整改的情况", status_code=400)
        self.assertContains(response, "指南电话打不通", status_code=400)


@time_machine.travel("2026-04-20 10:00 +0800", tick=False)
class InspectionTestCase(BaseTestCase):
    def test_it_starts_from_the_platforms_findings_and_rechecks_them(self):
        item = make_item(self.agency_a, written_on=D(2026, 3, 2))  # due 2026-03-30, unpublished
        inspection = findings.start_inspection(self.agency_a)
        descriptions = [f.description for f in inspection.findings.all()]
        self.assertIn(
            "《关于2026年农村低保对象名单的公示》应于2026年3月30日前公开，尚未公开", descriptions
        )
        self.assertIn("“政府信息公开制度”栏目为空", descriptions)
        from gongkai.catalog import workflow

        workflow.submit_item(item, actor=None)
        workflow.approve_item(
            item, actor=None, secrecy_note="同意公开。", published_on=D(2026, 4, 20)
        )
        # The item and, with it, the column's 法定主动公开内容 entry are put right.
        self.assertEqual(findings.recheck(inspection), 2)
        self.assertEqual(
            set(inspection.findings.exclude(fixed_on=None).values_list("key", flat=True)),
            {f"item:{item.pk}", "column:items"},
        )
        fixed = inspection.findings.get(key=f"item:{item.pk}")
        self.assertEqual((fixed.fixed_on, fixed.fix_note), (D(2026, 4, 20), "复查时已整改"))
        # Published late now: a new finding, which the next self-inspection records.
        self.assertIn(f"late:{item.pk}", {f.key for f in findings.platform_findings(self.agency_a)})


@time_machine.travel("2026-04-20 10:00 +0800", tick=False)
class ApplyTestCase(BaseTestCase):
    def test_a_consultation_becomes_an_application_in_one_step(self):
        from gongkai.test import application_fields

        consultation = make_consultation(self.agency_a, on=D(2026, 4, 20))
        self.client.force_login(self.alice)
        url = reverse(
            "supervision:apply", kwargs={"slug": "wuzongxiao", "consultation_pk": consultation.pk}
        )
        form = self.client.get(url)
        self.assertContains(form, 'value="oral"')
        self.assertContains(form, 'name="arrived_on" value="2026-04-20"')
        data = {
            **application_fields(),
            "channel": "oral",
            "arrived_on": "2026-04-20",
            "applicant_type_confirmed": "on",
            "token": "t-1",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-title": "低保申请条件",
        }
        response = self.client.post(url, data)
        consultation.refresh_from_db()
        self.assertIsNotNone(consultation.application)
        self.assertEqual(consultation.application.channel, "oral")
        self.assertEqual(consultation.application.received_on, D(2026, 4, 20))
        self.assertRedirects(
            response,
            reverse(
                "applications:detail",
                kwargs={"slug": "wuzongxiao", "receipt": consultation.application.receipt_number},
            ),
            fetch_redirect_response=False,
        )


@time_machine.travel("2026-04-20 10:00 +0800", tick=False)
class ReassessTestCase(BaseTestCase):
    def test_the_schedule_follows_the_platform_period(self):
        self.assertEqual(reassessment_due(D(2025, 2, 28), 12), D(2026, 2, 28))
        self.assertEqual(reassessment_due(D(2024, 8, 31), 6), D(2025, 2, 28))
        item = make_item(self.agency_a, written_on=D(2025, 4, 21), disclosure="on_request")
        with self.settings(GONGKAI_REASSESSMENT_MONTHS=12):
            (due,) = reassess.schedule(self.agency_a)
        self.assertEqual((due.item, due.due_on, due.is_due), (item, D(2026, 4, 21), False))
        with self.settings(GONGKAI_REASSESSMENT_MONTHS=6):
            self.assertTrue(reassess.schedule(self.agency_a)[0].is_due)

    def test_a_released_draft_enters_review_and_a_kept_one_stays(self):
        kept = make_item(
            self.agency_a, title="内部请示", disclosure="withheld", withheld_reason="条例第十六条"
        )
        reassess.decide(kept, decision="kept", reason="仍属过程性信息", on=D(2026, 4, 20))
        kept.refresh_from_db()
        self.assertEqual((kept.disclosure, kept.status), (Disclosure.WITHHELD, Status.DRAFT))
        released = make_item(self.agency_a, disclosure="withheld", withheld_reason="条例第十六条")
        reassess.decide(released, decision="released", reason="名单已定稿", on=D(2026, 4, 20))
        released.refresh_from_db()
        self.assertEqual(
            (released.disclosure, released.status), (Disclosure.PROACTIVE, Status.REVIEW)
        )
        self.assertEqual(released.generated_on, D(2026, 4, 20))
        self.assertEqual(Reassessment.objects.filter(decision="released").count(), 1)

    def test_an_approved_held_back_item_goes_back_to_review(self):
        from gongkai.catalog import workflow

        item = make_item(self.agency_a, disclosure="on_request")
        workflow.submit_item(item, actor=None)
        workflow.approve_item(item, actor=None, secrecy_note="依申请公开。")
        reassess.decide(
            item, decision="released", reason="多人申请（条例第四十四条）", on=D(2026, 4, 20)
        )
        item.refresh_from_db()
        self.assertEqual((item.disclosure, item.status), (Disclosure.PROACTIVE, Status.REVIEW))
        self.assertTrue(
            item.events.filter(kind=ItemEvent.Kind.SUBMITTED, note__contains="动态调整").exists()
        )
        with self.assertRaises(reassess.DecisionRefused):
            reassess.decide(item, decision="kept", reason="x", on=D(2026, 4, 20))

    def test_only_the_head_records_a_decision(self):
        item = make_item(self.agency_a, disclosure="withheld", withheld_reason="条例第十六条")
        url = reverse(
            "supervision:reassess-item", kwargs={"slug": "wuzongxiao", "item_pk": item.pk}
        )
        data = {"decision": "kept", "on": "2026-04-20", "reason": "仍属内部事务"}
        self.client.force_login(self.alice)
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.client.force_login(self.adam)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(item.reassessments.get().decision, "kept")

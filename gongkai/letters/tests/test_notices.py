"""A notice's life: 拟办 → 审核 (保密审查) → 签发 → 送达, numbering, the relief paragraph in the
DOCX, and the application's clock driven by service (docs/letters.md)."""

from __future__ import annotations

import io
from datetime import date

import docx
from django.test import override_settings

from gongkai.applications.models import Event
from gongkai.letters import services
from gongkai.letters.kinds import Kind
from gongkai.letters.models import Notice, NumberingScheme, ReliefProfile, Service
from gongkai.test import BaseTestCase, make_application

RECEIVED = date(2026, 9, 28)  # + 20 WD across 国庆 (10-01..07 off, 10-10 worked) → 2026-10-30
CLEAR = Notice.Secrecy.CLEAR

FIRST = (
    "如对本答复不服，应当自收到本答复之日起60日内先向和田县人民政府申请行政复议；"
    "对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
)


def docx_text(notice: Notice) -> list[str]:
    with notice.docx.open("rb") as fh:
        return [p.text for p in docx.Document(io.BytesIO(fh.read())).paragraphs if p.text]


class NoticeTestCase(BaseTestCase):
    def setUp(self):
        self.application = make_application(
            self.agency_a, received_on=RECEIVED, summary="2026年乡村道路建设资金分配表"
        )

    def signed(self, kind=Kind.ANSWER, *, on=date(2026, 10, 9), **kwargs) -> Notice:
        notice = services.draft(self.application, kind, actor=self.alice, **kwargs)
        services.review(notice, actor=self.alice, secrecy=CLEAR, note="经核，不涉密")
        if kind is Kind.EXTENSION:
            services.approve_extension(notice, actor=self.adam)
        return services.issue(notice, actor=self.adam, on=on)


class ApprovalTestCase(NoticeTestCase):
    def test_it_prefills_the_answer_from_the_case(self):
        notice = services.draft(self.application, Kind.ANSWER, actor=self.alice, outcome="3.3.1")
        self.assertEqual(notice.addressee, "买买提·艾力")
        self.assertEqual(
            notice.paragraphs[0],
            f"2026年9月28日，本机关收到你（单位）提出的政府信息公开申请（受理编号："
            f"{self.application.receipt_number}），申请公开“2026年乡村道路建设资金分配表”。"
            "经审查，现答复如下：",
        )
        self.assertIn("属于国家秘密", notice.paragraphs[1])
        self.assertEqual(notice.status, Notice.Status.DRAFT)

    def test_it_records_every_step_in_the_case_log(self):
        notice = self.signed(outcome="3.1")
        kinds = list(
            Event.objects.filter(application=self.application, data__notice=notice.pk).values_list(
                "kind", "actor__username"
            )
        )
        self.assertEqual(
            kinds,
            [
                ("notice_drafted", "alice"),
                ("notice_reviewed", "alice"),
                ("notice_issued", "adam"),
            ],
        )
        review = Event.objects.get(kind="notice_reviewed", data__notice=notice.pk)
        self.assertEqual(review.note, "保密审查：不涉及国家秘密，可以发出 经核，不涉密")
        self.assertEqual((notice.reviewed_by, notice.secrecy), (self.alice, CLEAR))

    def test_it_cannot_be_signed_without_review_or_by_an_officer(self):
        notice = services.draft(self.application, Kind.ANSWER, actor=self.alice, outcome="3.1")
        with self.assertRaisesMessage(services.NoticeError, "须经审核（含保密审查）后才能签发"):
            services.issue(notice, actor=self.adam)
        services.review(notice, actor=self.alice, secrecy=Notice.Secrecy.NOT_CLEAR)
        notice.refresh_from_db()
        self.assertEqual(notice.status, Notice.Status.DRAFT)
        services.review(notice, actor=self.alice, secrecy=CLEAR)
        with self.assertRaisesMessage(services.NoticeError, "须由本机关负责人签发"):
            services.issue(notice, actor=self.alice)
        with self.assertRaisesMessage(services.NoticeError, "须由本机关负责人签发"):
            services.issue(notice, actor=self.sam)  # a supervisor reads, never signs

    def test_editing_after_review_needs_a_new_review(self):
        notice = services.draft(self.application, Kind.ANSWER, actor=self.alice, outcome="3.1")
        services.review(notice, actor=self.alice, secrecy=CLEAR)
        services.edit(notice, actor=self.alice, paragraphs=["新的正文", "  "])
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.paragraphs), (Notice.Status.DRAFT, ["新的正文"]))

    def test_it_cannot_be_served_before_it_is_signed(self):
        notice = services.draft(self.application, Kind.RECEIPT, actor=self.alice)
        with self.assertRaisesMessage(services.NoticeError, "签发后才能送达"):
            services.serve(notice, actor=self.alice, method="in_person", served_on=RECEIVED)

    def test_an_extension_needs_the_heads_approval_of_the_extension(self):
        notice = services.draft(
            self.application,
            Kind.EXTENSION,
            actor=self.alice,
            extension_days=10,
            reason="需要调取档案",
        )
        services.review(notice, actor=self.alice, secrecy=CLEAR)
        with self.assertRaisesMessage(services.NoticeError, "须先经负责人同意延期"):
            services.issue(notice, actor=self.adam)
        with self.assertRaisesMessage(services.NoticeError, "须经负责人同意"):
            services.approve_extension(notice, actor=self.alice)
        services.approve_extension(notice, actor=self.adam)
        self.assertEqual(services.issue(notice, actor=self.adam).status, Notice.Status.ISSUED)


class NumberingTestCase(NoticeTestCase):
    def test_it_numbers_per_body_word_and_year_and_never_reuses(self):
        first = self.signed(outcome="3.1")
        self.assertEqual(first.number, "吾宗肖乡依申告〔2026〕1号")
        services.cancel(first, actor=self.adam, reason="文字有误")
        second = self.signed(outcome="3.1")
        self.assertEqual(second.number, "吾宗肖乡依申告〔2026〕2号")
        receipt = self.signed(Kind.RECEIPT)
        self.assertEqual(receipt.number, "吾宗肖乡依申受〔2026〕1号")
        next_year = self.signed(outcome="3.1", on=date(2027, 1, 4))
        self.assertEqual(next_year.number, "吾宗肖乡依申告〔2027〕1号")
        other = make_application(self.agency_b, received_on=RECEIVED)
        notice = services.draft(other, Kind.ANSWER, actor=self.bob, outcome="3.1")
        services.review(notice, actor=self.bob, secrecy=CLEAR)
        self.assertEqual(
            services.issue(notice, actor=self.admin, on=date(2026, 10, 9)).number,
            "拉依喀乡依申告〔2026〕1号",
        )

    def test_a_body_sets_its_own_scheme(self):
        NumberingScheme.objects.create(
            agency=self.agency_a,
            kind=Kind.ANSWER,
            prefix="吾政",
            word="公复",
            pattern="{prefix}{word}〔{year}〕第{serial}号",
        )
        self.assertEqual(self.signed(outcome="3.1").number, "吾政公复〔2026〕第1号")


class ReliefInLetterTestCase(NoticeTestCase):
    def test_the_docx_carries_number_date_and_relief(self):
        notice = self.signed(outcome="3.3.1")
        self.assertEqual(notice.relief_text, FIRST)
        text = docx_text(notice)
        self.assertEqual(
            text[:3],
            ["和田县吾宗肖乡人民政府", "政府信息公开申请答复书", "吾宗肖乡依申告〔2026〕1号"],
        )
        self.assertEqual(text[3], "买买提·艾力：")
        self.assertIn(FIRST, text)
        self.assertEqual(text[-3:-1], ["和田县吾宗肖乡人民政府", "2026年10月9日"])

    def test_a_letter_without_its_relief_paragraph_cannot_be_signed(self):
        ReliefProfile.objects.create(
            agency=self.agency_a, effective_from=date(2026, 1, 1), vertical=True
        )
        notice = services.draft(self.application, Kind.ANSWER, actor=self.alice, outcome="3.1")
        services.review(notice, actor=self.alice, secrecy=CLEAR)
        with self.assertRaisesMessage(services.NoticeError, "无法生成救济途径段落，不能签发"):
            services.issue(notice, actor=self.adam, on=date(2026, 10, 9))
        notice.refresh_from_db()
        self.assertEqual((notice.status, notice.number), (Notice.Status.REVIEWED, ""))
        # The profile in force on the signing date decides; the serial was not consumed.
        ReliefProfile.objects.create(
            agency=self.agency_a, effective_from=date(2026, 10, 1), review_body="和田县人民政府"
        )
        self.assertEqual(
            services.issue(notice, actor=self.adam, on=date(2026, 10, 9)).number,
            "吾宗肖乡依申告〔2026〕1号",
        )

    def test_notices_without_relief_print_none(self):
        notice = self.signed(Kind.RECEIPT)
        self.assertEqual(notice.relief_text, "")
        self.assertFalse(any("行政复议" in line for line in docx_text(notice)))

    @override_settings(GONGKAI_RELIEF_KINDS=["answer", "fee"])
    def test_the_fee_notice_may_carry_it(self):
        notice = self.signed(Kind.FEE, amount=100)
        self.assertTrue(
            notice.relief_text.startswith("如对本告知书不服，可以自收到本告知书之日起60日内")
        )


class ServiceTestCase(NoticeTestCase):
    def test_mail_service_records_post_and_receipt_and_starts_the_supplement_period(self):
        notice = self.signed(
            Kind.SUPPLEMENT, on=date(2026, 9, 29), items=["所需信息的文号"], supplement_days=10
        )
        with self.assertRaisesMessage(services.NoticeError, "须填写交邮日期"):
            services.serve(notice, actor=self.alice, method="ems", served_on=date(2026, 10, 9))
        service = services.serve(
            notice,
            actor=self.alice,
            method="ems",
            posted_on=date(2026, 9, 30),
            served_on=date(2026, 10, 9),
            tracking_number="EA123456789CN",
        )
        self.assertEqual(service.deadline_point, date(2026, 9, 30))
        self.application.refresh_from_db()
        self.assertEqual(self.application.status, "awaiting_supplement")
        # 10 WD from the applicant's receipt (Fri 10-09): Sat 10-10 is a 调休 working day,
        # then 10-12 … 10-16 and 10-19 … 10-22.
        self.assertEqual(self.application.supplement.due_on, date(2026, 10, 22))
        served = Event.objects.get(kind="notice_served", data__notice=notice.pk)
        self.assertTrue(served.public)

    def test_an_extension_served_late_is_refused(self):
        notice = self.signed(Kind.EXTENSION, extension_days=10, reason="需要调取档案")
        with self.assertRaisesMessage(
            services.NoticeError, "延期告知应在原答复期限 2026-10-30 前送达"
        ):
            services.serve(
                notice, actor=self.alice, method="in_person", served_on=date(2026, 11, 2)
            )
        self.assertFalse(Service.objects.exists())
        # By mail, 235号's point is the day it was posted.
        services.serve(
            notice,
            actor=self.alice,
            method="registered_mail",
            posted_on=date(2026, 10, 30),
            served_on=date(2026, 11, 2),
            tracking_number="XA000000001CN",
        )
        self.application.refresh_from_db()
        self.assertEqual(self.application.due_on, date(2026, 11, 13))  # 10-30 + 10 WD

    def test_a_served_fee_notice_starts_the_payment_period(self):
        notice = self.signed(Kind.FEE, amount=100, units=20, fee_method="per_case")
        services.serve(
            notice,
            actor=self.alice,
            method="in_person",
            served_on=date(2026, 10, 12),
            signed_by="买买提·艾力",
        )
        self.application.refresh_from_db()
        self.assertEqual(self.application.status, "awaiting_fee")
        self.assertEqual(self.application.fee.pay_due_on, date(2026, 11, 9))  # 20 WD after 10-12

    def test_a_served_answer_closes_the_case(self):
        notice = self.signed(outcome="3.3.1")
        services.serve(notice, actor=self.alice, method="in_person", served_on=date(2026, 10, 12))
        self.application.refresh_from_db()
        self.assertEqual((self.application.status, self.application.outcome), ("closed", "3.3.1"))
        self.assertEqual(self.application.closed_on, date(2026, 10, 12))

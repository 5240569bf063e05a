"""The life of a notice: 拟办 → 审核 (保密审查) → 签发 by the 负责人 → 送达 (docs/letters.md).

Each step runs in one transaction, checks its rule, changes the notice and appends one event to
the application's log (``Application.record``). Serving a 补正, 延期, 收费 or 征求意见 notice, or
an 答复书, drives the application's clock through its own transitions (条例 Art. 30, 32, 33, 36;
国办函〔2020〕109号), so that a clock never moves without its notice having been served.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import agencies_for_user
from gongkai.applications.choices import OUTCOME_BASIS, Delivery
from gongkai.applications.deadlines import THIRD_PARTY, THIRD_PARTY_REPLY_DAYS
from gongkai.applications.models import Application, Event, TransitionError

from .bodies import needs_relief, relief_for
from .kinds import KINDS, OUTCOME_LABELS, Kind, default_paragraphs
from .models import BodyTemplate, Notice, NumberCounter, Service
from .relief import OUTCOMES, ReliefError
from .render import default_template, docx_to_pdf, render_docx


class NoticeError(ValidationError):
    """A step refused, with the reason in Chinese."""


def cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _facts(application: Application, kind: Kind, outcome: str, extra: dict) -> dict:
    """The values the wording and the templates use (kinds.COMMON_VARIABLES, KIND_VARIABLES)."""
    agency = application.agency
    facts = {
        "title": KINDS[kind].title,
        "agency": agency.name,
        "agency_short": agency.short_name or agency.name,
        "office": agency.office_name,
        "address": agency.address,
        "phone": agency.phone,
        "receipt_number": application.receipt_number,
        "received_on": cn_date(application.received_on),
        "request": application.summary or "、".join(str(i) for i in application.items.all()),
        "due_on": cn_date(application.due_on),
        "items": [],
        "supplement_days": settings.GONGKAI_SUPPLEMENT_DAYS,
        "original_due": cn_date(application.due_on),
        "extended_due": "",
        "extension_days": 0,
        "reason": "",
        "reply_days": THIRD_PARTY_REPLY_DAYS,
        "info": "",
        "amount": 0,
        "pay_days": 20,
        "outcome": outcome,
        "outcome_label": OUTCOME_LABELS.get(outcome, ""),
    }
    facts.update(extra)
    return facts


def _record(notice: Notice, kind: str, actor, *, on=None, note="", **data) -> Event:
    return notice.application.record(kind, actor=actor, on=on, note=note, notice=notice.pk, **data)


@transaction.atomic
def draft(
    application: Application,
    kind: Kind,
    *,
    actor,
    outcome: str = "",
    addressee: str = "",
    **extra,
) -> Notice:
    """拟办: a notice of ``kind`` prefilled from the case (kinds.default_paragraphs)."""
    kind = Kind(kind)
    if kind is Kind.ANSWER and outcome not in OUTCOMES:
        raise NoticeError("答复书须选择办理结果（表三 3.1 至 3.6.3）。")
    if kind is Kind.THIRD_PARTY and not addressee:
        raise NoticeError("征求第三方意见书须填写第三方名称。")
    if kind is Kind.EXTENSION and getattr(application, "extension", None):
        raise NoticeError("答复期限只能延长一次（条例第三十三条）。")
    facts = _facts(application, kind, outcome, extra)
    if kind is Kind.EXTENSION:
        days = int(extra.get("extension_days") or 20)
        extended = application.calendar().add_working_days(application.due_on, days).date
        extra.update(extension_days=days, extended_due=cn_date(extended))
        facts.update(extra)
    notice = Notice.objects.create(
        application=application,
        agency=application.agency,
        kind=kind,
        outcome=outcome if kind is Kind.ANSWER else "",
        addressee=addressee or application.applicant_name,
        paragraphs=default_paragraphs(kind, facts),
        extra=extra,
        drafted_by=actor,
    )
    _record(notice, Event.Kind.NOTICE_DRAFTED, actor, note=KINDS[kind].label)
    return notice


def _editable(notice: Notice) -> None:
    if not notice.is_editable:
        raise NoticeError(f"告知书已{notice.get_status_display()}，不能修改。")


@transaction.atomic
def edit(notice: Notice, *, actor, paragraphs: list[str], addressee: str | None = None) -> Notice:
    """Change the free text; a reviewed notice goes back to 拟办 (its review covered the old
    text)."""
    _editable(notice)
    notice.paragraphs = [p.strip() for p in paragraphs if p.strip()]
    if addressee:
        notice.addressee = addressee
    if notice.status == Notice.Status.REVIEWED:
        notice.status = Notice.Status.DRAFT
        notice.reviewed_by = notice.reviewed_at = None
        notice.secrecy = ""
    notice.save()
    _record(notice, Event.Kind.NOTICE_DRAFTED, actor, note="修改正文", step="edited")
    return notice


@transaction.atomic
def review(notice: Notice, *, actor, secrecy: str, note: str = "") -> Notice:
    """审核 with the 保密审查 (条例 Art. 17): who, when, the conclusion. A notice that does not
    pass stays in 拟办."""
    if notice.status != Notice.Status.DRAFT:
        raise NoticeError("只有拟办中的告知书可以审核。")
    if secrecy not in Notice.Secrecy.values:
        raise NoticeError("请选择保密审查结论。")
    notice.secrecy, notice.secrecy_note = secrecy, note
    notice.reviewed_by, notice.reviewed_at = actor, timezone.now()
    if secrecy == Notice.Secrecy.CLEAR:
        notice.status = Notice.Status.REVIEWED
    notice.save()
    label = Notice.Secrecy(secrecy).label
    _record(notice, Event.Kind.NOTICE_REVIEWED, actor, note=f"保密审查：{label} {note}".strip())
    return notice


def _is_head(user, notice: Notice) -> bool:
    return agencies_for_user(user, approve=True).filter(pk=notice.agency_id).exists()


@transaction.atomic
def approve_extension(notice: Notice, *, actor) -> Notice:
    """条例 Art. 33 ¶2: the 负责人 approves the extension itself (days and reason)."""
    if notice.kind != Kind.EXTENSION:
        raise NoticeError("只有延期答复告知书需要批准延期。")
    if not _is_head(actor, notice):
        raise NoticeError("延长答复期限须经负责人同意（条例第三十三条）。")
    _editable(notice)
    notice.extension_approved_by, notice.extension_approved_at = actor, timezone.now()
    notice.save(update_fields=["extension_approved_by", "extension_approved_at"])
    days = notice.extra.get("extension_days")
    _record(
        notice,
        Event.Kind.NOTICE_REVIEWED,
        actor,
        note=f"同意延长答复期限 {days} 个工作日",
        step="extension_approved",
    )
    return notice


def _online(application: Application) -> bool:
    """Served through the internet (行政复议法 Art. 22 ¶2): online or by e-mail."""
    return application.delivery in (Delivery.ONLINE, Delivery.EMAIL)


@transaction.atomic
def issue(notice: Notice, *, actor, on: date | None = None) -> Notice:
    """签发 by the body's 负责人: computes the relief paragraph (a notice that needs one and
    cannot get one is refused: 行政复议法 Art. 20 ¶3, 23 ¶2), allocates the number and renders
    the DOCX from the body's template (or the default)."""
    on = on or timezone.localdate()
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != Notice.Status.REVIEWED:
        raise NoticeError("告知书须经审核（含保密审查）后才能签发。")
    if not _is_head(actor, notice):
        raise NoticeError("告知书须由本机关负责人签发。")
    kind = notice.kind_enum
    if kind is Kind.EXTENSION and not notice.extension_approved_by_id:
        raise NoticeError("延期答复告知书须先经负责人同意延期。")
    if needs_relief(kind):
        try:
            result = relief_for(
                notice.agency, kind, notice.outcome, on, online=_online(notice.application)
            )
        except ReliefError as exc:
            raise NoticeError(f"无法生成救济途径段落，不能签发：{exc}") from exc
        notice.relief_text, notice.relief_articles = result.text, list(result.articles)
    notice.serial, notice.number = NumberCounter.allocate(notice.agency, kind, on.year)
    notice.year, notice.issued_on = on.year, on
    notice.issued_by, notice.issued_at = actor, timezone.now()
    notice.template = BodyTemplate.current(notice.agency, kind, notice.outcome)
    notice.status = Notice.Status.ISSUED
    notice.docx.save(notice.file_name("docx"), ContentFile(render_notice(notice)), save=False)
    notice.save()
    _record(
        notice, Event.Kind.NOTICE_ISSUED, actor, on=on, note=notice.number, number=notice.number
    )
    return notice


def context(notice: Notice) -> dict:
    """The template variables of a notice (docs/letters.md)."""
    ctx = _facts(notice.application, notice.kind_enum, notice.outcome, notice.extra)
    ctx.update(
        number=notice.number,
        date=cn_date(notice.issued_on),
        addressee=notice.addressee,
        paragraphs=list(notice.paragraphs),
        relief=notice.relief_text,
    )
    return ctx


def template_bytes(notice: Notice) -> bytes:
    if notice.template_id:
        with notice.template.file.open("rb") as fh:
            return fh.read()
    return default_template(notice.kind_enum)


def render_notice(notice: Notice) -> bytes:
    return render_docx(template_bytes(notice), context(notice))


def pdf_bytes(notice: Notice) -> bytes:
    """The PDF of a signed notice, made from its DOCX on first request and kept."""
    if not notice.pdf:
        with notice.docx.open("rb") as fh:
            pdf = docx_to_pdf(fh.read(), profile_dir=settings.GONGKAI_LETTERS_SOFFICE_PROFILE)
        notice.pdf.save(notice.file_name("pdf"), ContentFile(pdf), save=False)
        Notice.objects.filter(pk=notice.pk).update(pdf=notice.pdf.name)
    with notice.pdf.open("rb") as fh:
        return fh.read()


@transaction.atomic
def cancel(notice: Notice, *, actor, reason: str) -> Notice:
    """作废 a notice not yet served; its number, if any, is never given again."""
    if notice.status in (Notice.Status.SERVED, Notice.Status.CANCELLED):
        raise NoticeError("已送达或已作废的告知书不能作废。")
    if not reason.strip():
        raise NoticeError("请填写作废理由。")
    notice.status, notice.cancel_reason, notice.cancelled_at = (
        Notice.Status.CANCELLED,
        reason,
        timezone.now(),
    )
    notice.save()
    _record(
        notice,
        Event.Kind.NOTE,
        actor,
        note=f"作废告知书 {notice.number}：{reason}",
        step="cancelled",
    )
    return notice


@transaction.atomic
def serve(
    notice: Notice,
    *,
    actor,
    method: str,
    served_on: date,
    posted_on: date | None = None,
    tracking_number: str = "",
    signed_by: str = "",
    address: str = "",
    note: str = "",
) -> Service:
    """送达 (国办公开办函〔2016〕235号; practice.md §3.5), then the case's clock:
    补正 → ``request_supplement`` (the period runs from the applicant's receipt, Art. 30);
    延期 → ``extend`` (served by the original deadline: the 交邮 date for mail, 235号);
    收费 → ``issue_fee_notice`` (20 working days from receipt, 109号);
    征求第三方意见 → ``start_consultation`` (15 working days from the third party's receipt,
    Art. 32); 答复书 → ``close`` unless the case is already closed (3.6.1 and 3.6.2 close by lapse).
    """
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.status != Notice.Status.ISSUED:
        raise NoticeError("告知书签发后才能送达。")
    if method not in Service.Method.values:
        raise NoticeError("请选择送达方式。")
    mail = method in Service.MAIL
    if mail and posted_on is None:
        raise NoticeError("邮寄送达须填写交邮日期。")
    if mail and not tracking_number:
        raise NoticeError("邮寄送达须填写邮件号码。")
    if served_on > timezone.localdate():
        raise NoticeError("送达日期不能晚于今天。")
    if served_on < notice.issued_on or (posted_on and posted_on < notice.issued_on):
        raise NoticeError("送达日期不能早于成文日期。")
    if posted_on and served_on < posted_on:
        raise NoticeError("回执签收日期不能早于交邮日期。")
    service = Service.objects.create(
        notice=notice,
        method=method,
        served_on=served_on,
        posted_on=posted_on if mail else None,
        tracking_number=tracking_number,
        signed_by=signed_by,
        address=address,
        note=note,
        recorded_by=actor,
    )
    try:
        _drive_clock(notice, service, actor)
    except TransitionError as exc:
        raise NoticeError(" ".join(exc.messages)) from exc
    notice.status = Notice.Status.SERVED
    notice.save(update_fields=["status"])
    _record(
        notice,
        Event.Kind.NOTICE_SERVED,
        actor,
        on=served_on,
        note=f"{notice.number} {service.get_method_display()}",
        method=method,
        posted_on=posted_on.isoformat() if service.posted_on else None,
    )
    return service


def _drive_clock(notice: Notice, service: Service, actor) -> None:
    application, extra, kind = notice.application, notice.extra, notice.kind_enum
    if kind is Kind.SUPPLEMENT:
        application.request_supplement(
            served_on=service.served_on,
            items="；".join(extra.get("items") or []),
            period_days=int(extra.get("supplement_days") or settings.GONGKAI_SUPPLEMENT_DAYS),
            actor=actor,
        )
    elif kind is Kind.EXTENSION:
        application.extend(
            days=int(extra["extension_days"]),
            reason=extra.get("reason", ""),
            approved_by=notice.extension_approved_by,
            notice_served_on=service.deadline_point,
            actor=actor,
        )
    elif kind is Kind.FEE:
        application.issue_fee_notice(
            method=extra.get("fee_method", "per_case"),
            amount=int(extra.get("amount") or 0),
            notice_served_on=service.deadline_point,
            notice_received_on=service.served_on,
            units=int(extra.get("units") or 0),
            prior_units=int(extra.get("prior_units") or 0),
            pages=int(extra.get("pages") or 0),
            actor=actor,
        )
    elif kind is Kind.THIRD_PARTY:
        application.start_consultation(
            kind=THIRD_PARTY,
            sent_on=service.deadline_point,
            party=notice.addressee,
            party_received_on=service.served_on,
            actor=actor,
        )
    elif kind is Kind.ANSWER and not application.is_closed:
        details = {k: extra[k] for k in ("withheld", "withheld_reason") if extra.get(k)}
        application.close(
            row=notice.outcome,
            legal_basis=extra.get("legal_basis") or OUTCOME_BASIS.get(notice.outcome) or "见答复书",
            on=service.deadline_point,
            actor=actor,
            **details,
        )

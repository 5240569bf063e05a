"""Use cases that span several models: taking in an application.

``submit_application`` is the one way an application comes into being (the public form, staff
intake for every channel, the API, the ledger import's open cases): one transaction creates the
application, its items, its receipt number and its first events, so nothing is ever half-saved;
an ``idempotency_key`` seen before returns the application already stored (a double click, a
retry after a timeout, the API's Idempotency-Key header).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from . import fees
from .choices import RECEIPT_RULES, RECEIVED_ON_ARRIVAL, Channel
from .models import Application, Event, Fee, Item, ReceiptCounter

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "agent_name",
    "agent_id_number",
    "agent_contact",
    "phone",
    "email",
    "address",
    "postcode",
    "summary",
    "form_wanted",
    "delivery",
    "fee_waiver_requested",
    "needs_assistance",
)


@dataclass(frozen=True)
class Submitted:
    application: Application
    created: bool


def next_receipt_number(agency, year: int) -> tuple[int, str]:
    """The next 受理编号 of ``agency`` in ``year`` ("2026-0003"): a per-body, per-year serial.

    The counter row is bumped by an UPDATE first, so concurrent submissions queue on its row
    lock (PostgreSQL) or the write lock (SQLite) and never draw the same serial. Call inside a
    transaction.
    """
    ReceiptCounter.objects.get_or_create(agency=agency, year=year)
    while True:
        ReceiptCounter.objects.filter(agency=agency, year=year).update(last=F("last") + 1)
        serial = ReceiptCounter.objects.get(agency=agency, year=year).last
        number = f"{year}-{serial:04d}"
        # A ledger import may already hold this number: draw the next one.
        if not Application.objects.filter(agency=agency, receipt_number=number).exists():
            return serial, number


def online_receipt_on_submission() -> bool:
    """条例 Art. 31(三): online, the receipt date is 双方确认之日. With this setting on (default)
    the platform's 受理回执, shown at once, is the body's confirmation, so the submission day
    is the receipt date; off, staff confirm each online application (docs/applications.md)."""
    return bool(getattr(settings, "GONGKAI_ONLINE_RECEIPT_ON_SUBMISSION", True))


def submit_application(
    *,
    agency,
    channel: str,
    applicant: dict,
    items: list[dict],
    arrived_on: date | None = None,
    received_on: date | None = None,
    receipt_confirmation: str = "",
    idempotency_key: str = "",
    actor=None,
    attachments=(),
) -> Submitted:
    """Store a new application (条例 Art. 29) with its receipt date (Art. 31).

    ``applicant`` holds the validated form fields (APPLICANT_FIELDS); ``items`` the information
    sought (title, document_number, description). In person and oral applications are received
    on arrival; mail, fax and e-mail wait for ``received_on`` (签收 or 确认) unless it is given;
    online ones follow ``online_receipt_on_submission``.
    """
    if idempotency_key:
        found = Application.objects.filter(agency=agency, idempotency_key=idempotency_key).first()
        if found:
            return Submitted(found, False)
    today = timezone.localdate()
    arrived_on = arrived_on or today
    if received_on is None and (
        channel in RECEIVED_ON_ARRIVAL
        or (channel == Channel.ONLINE and online_receipt_on_submission())
    ):
        received_on = arrived_on
    if received_on is not None and not receipt_confirmation:
        receipt_confirmation = str(RECEIPT_RULES[Channel(channel)])
    try:
        with transaction.atomic():
            return Submitted(
                _create(
                    agency,
                    channel,
                    applicant,
                    items,
                    arrived_on,
                    received_on,
                    receipt_confirmation,
                    idempotency_key,
                    actor,
                    attachments,
                ),
                True,
            )
    except IntegrityError:
        # The same key committed by a simultaneous request: answer with that one.
        if idempotency_key:
            found = Application.objects.filter(
                agency=agency, idempotency_key=idempotency_key
            ).first()
            if found:
                return Submitted(found, False)
        raise


def _create(
    agency,
    channel,
    applicant,
    items,
    arrived_on,
    received_on,
    confirmation,
    key,
    actor,
    attachments,
) -> Application:
    from .uploads import store_attachment

    year = (received_on or arrived_on).year
    application = Application(
        agency=agency,
        # A unique placeholder until the last step: the counter's row lock, which serialises
        # the body's submissions, is then held only for the end of the transaction.
        receipt_number=f"pending-{uuid.uuid4().hex}",
        year=year,
        idempotency_key=key,
        channel=channel,
        arrived_on=arrived_on,
        transcribed_by=actor if channel == Channel.ORAL else None,
        **{f: applicant[f] for f in APPLICANT_FIELDS if f in applicant},
    )
    if "applicant_type_confirmed" in applicant:
        application.applicant_type_confirmed = applicant["applicant_type_confirmed"]
    application.units = max(1, len(items))
    if not application.summary and items:
        first = items[0]
        application.summary = (
            first.get("title") or first.get("document_number") or first.get("description", "")
        )[:500]
    application.full_clean(exclude=["query_code"])
    application.save()
    Item.objects.bulk_create(
        [
            Item(
                application=application,
                position=i,
                title=item.get("title", ""),
                document_number=item.get("document_number", ""),
                description=item.get("description", ""),
            )
            for i, item in enumerate(items, start=1)
        ]
    )
    application.record(
        Event.Kind.SUBMITTED,
        actor=actor,
        on=arrived_on,
        note=Channel(channel).label,
        channel=channel,
    )
    for upload in attachments:
        store_attachment(application, upload, actor=actor)
    if received_on is not None:
        application.confirm_receipt(on=received_on, how=confirmation, actor=actor)
    else:
        application.refresh_clock()
        application.save(update_fields=["due_on", "due_provisional", "next_due_on", "queue_key"])
    application.serial, application.receipt_number = next_receipt_number(agency, year)
    application.save(update_fields=["serial", "receipt_number"])
    return application


def prior_units_in_month(application: Application) -> int:
    """109号 Art. 4: the same applicant's units received by the same body earlier in the same
    natural month, by receipt date (条例 Art. 31; reference §2.2 DERIVED reading). The applicant
    is the same ID document (type and number)."""
    if application.received_on is None or not application.id_number:
        return 0
    r = application.received_on
    same = Application.objects.filter(
        agency=application.agency_id,
        id_type=application.id_type,
        id_number=application.id_number,
        received_on__year=r.year,
        received_on__month=r.month,
    ).filter(Q(received_on__lt=r) | Q(received_on=r, pk__lt=application.pk))
    return same.aggregate(n=Sum("units"))["n"] or 0


def fee_for(application: Application, *, method: str, pages: int = 0) -> fees.Fee:
    """The fee of ``application`` by one method (109号 Art. 3: never both)."""
    if method == Fee.Method.PER_CASE:
        return fees.per_case_fee(application.units, prior_units_in_month(application))
    return fees.per_volume_fee(pages)


def fee_totals(agency, year: int) -> dict:
    """Fees of one body's applications received in ``year``, for the annual report's section 六
    (国办公开办函〔2021〕30号: "收取信息处理费的情况", free text; reference §2.2)."""
    rows = Fee.objects.filter(application__agency=agency, application__received_on__year=year)
    return rows.aggregate(
        notices=Count("pk"),
        notice_amount=Sum("amount", default=0),
        paid=Count("pk", filter=Q(paid_on__isnull=False)),
        collected=Sum("paid_amount", default=0),
        waived=Count("pk", filter=Q(waived=True)),
        lapsed=Count("pk", filter=Q(lapsed_on__isnull=False)),
    )

"""The applications API for integrations (a provincial 一网通办 portal), django-ninja.

``POST /api/applications`` takes the online form as JSON and validates it with the very same
Django forms as the public page (forms.ApplicationForm, ItemFormSet): field errors come back as
``{"errors": {field: [message, …]}}`` with status 400. An ``Idempotency-Key`` header makes a
retry return the application already stored (status 200 instead of 201).
``GET /api/applications/{receipt}?code=…`` answers the status, rate-limited per address; it
never carries the applicant's identity.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from ninja import Header, Router, Schema

from gongkai.agencies.models import Agency
from gongkai.ratelimit import is_limited

from . import forms
from .choices import Channel
from .services import submit_application
from .views_public import lookup

router = Router(tags=["applications"])


class ItemIn(Schema):
    title: str = ""
    document_number: str = ""
    description: str = ""


class ApplicationIn(Schema):
    agency: str  # the body's slug
    applicant_type: str
    applicant_name: str
    id_type: str
    id_number: str
    legal_representative: str = ""
    contact_person: str = ""
    agent_name: str = ""
    agent_id_number: str = ""
    agent_contact: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    form_wanted: str
    delivery: str
    fee_waiver_requested: bool = False
    needs_assistance: bool = False
    items: list[ItemIn]


class SubmittedOut(Schema):
    receipt_number: str
    query_code: str
    received_on: date | None
    due_on: date | None
    due_provisional: bool
    status: str


class EventOut(Schema):
    kind: str
    label: str
    on: date | None


class StatusOut(Schema):
    agency: str
    receipt_number: str
    status: str
    status_label: str
    received_on: date | None
    due_on: date | None
    due_provisional: bool
    closed_on: date | None
    outcome: str
    events: list[EventOut]


class ErrorsOut(Schema):
    errors: dict[str, list[str]]


def _form_data(payload: ApplicationIn) -> dict:
    data = payload.dict(exclude={"agency", "items"})
    data = {k: v for k, v in data.items() if v not in (False, None)}
    items = payload.items
    data.update(
        {
            "items-TOTAL_FORMS": str(len(items)),
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        }
    )
    for i, item in enumerate(items):
        for key, value in item.dict().items():
            data[f"items-{i}-{key}"] = value
    return data


def _out(app) -> dict:
    return {
        "receipt_number": app.receipt_number,
        "query_code": app.query_code,
        "received_on": app.received_on,
        "due_on": app.due_on,
        "due_provisional": app.due_provisional,
        "status": app.status,
    }


@router.post(
    "/applications",
    response={201: SubmittedOut, 200: SubmittedOut, 400: ErrorsOut, 429: ErrorsOut},
    summary="提交政府信息公开申请",
)
def create_application(
    request, payload: ApplicationIn, idempotency_key: str = Header("", alias="Idempotency-Key")
):
    """The online form as JSON (条例 Art. 29), the same validation as the web form."""
    agency = Agency.objects.filter(slug=payload.agency).first()
    if agency is None:
        return 400, {"errors": {"agency": ["没有该机关。"]}}
    key = (idempotency_key or "").strip()[:90]
    if len(key) < 8 and key:
        return 400, {"errors": {"Idempotency-Key": ["幂等键至少 8 个字符。"]}}
    data = _form_data(payload)
    form = forms.ApplicationForm(data)
    items = forms.ItemFormSet(data, prefix="items")
    if not (form.is_valid() & items.is_valid()):
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        for i, item_errors in enumerate(items.errors):
            for k, v in item_errors.items():
                errors[f"items[{i}].{k}"] = [str(m) for m in v]
        if items.non_form_errors():
            errors["items"] = [str(m) for m in items.non_form_errors()]
        return 400, {"errors": errors}
    limit = settings.GONGKAI_API_SUBMISSIONS_PER_HOUR
    if is_limited(request, "applications-submit-api", limit=limit, window=3600):
        return 429, {"errors": {"__all__": ["提交过于频繁，请稍后再试。"]}}
    with transaction.atomic():
        done = submit_application(
            agency=agency,
            channel=Channel.ONLINE,
            applicant=form.applicant(),
            items=items.items(),
            idempotency_key=f"api:{key}" if key else "",
        )
    return (201 if done.created else 200), _out(done.application)


@router.get(
    "/applications/{receipt}",
    response={200: StatusOut, 404: ErrorsOut, 429: ErrorsOut},
    summary="查询申请办理状态",
)
def application_status(request, receipt: str, code: str):
    """The status and public timeline; 404 unless receipt number and query code both match."""
    if is_limited(
        request, "applications-status", limit=settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR, window=3600
    ):
        return 429, {"errors": {"__all__": ["查询过于频繁，请一小时后再试。"]}}
    app = lookup(receipt, code)
    if app is None:
        return 404, {"errors": {"__all__": ["受理编号或查询码不正确。"]}}
    return {
        "agency": app.agency.name,
        "receipt_number": app.receipt_number,
        "status": app.status,
        "status_label": str(app.get_status_display()),
        "received_on": app.received_on,
        "due_on": app.due_on,
        "due_provisional": app.due_provisional,
        "closed_on": app.closed_on,
        "outcome": app.outcome,
        "events": [
            {"kind": e.kind, "label": str(e.get_kind_display()), "on": e.on}
            for e in app.events.public()
        ],
    }

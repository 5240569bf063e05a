"""Staff pages: the workbench queue, intake for every channel, the case page and its actions,
attachments, the XLSX export and the ledger import. Every object comes through
``gongkai.agencies.access``; every change is one model method or service call."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for_user, get_agency_for_user, get_application_for_user

from . import forms, workbench
from .actions import ACTIONS, action_forms, run_action, staff_of
from .choices import proposed_type_for_uscc
from .importing import ImportForm, import_ledger
from .models import Event
from .seek import seek_page
from .services import submit_application
from .uploads import store_attachment


def _can(request, agency, **level) -> bool:
    return agencies_for_user(request.user, **level).filter(pk=agency.pk).exists()


@login_required
def queue(request, slug):
    """The body's applications, soonest due first, with urgency, filters and paging."""
    agency = get_agency_for_user(request, slug)
    filters = workbench.QueueFilterForm(request.GET or None, users=staff_of(agency))
    rows = workbench.queue_rows(agency, filters)
    page = seek_page(rows, request.GET, workbench.PAGE_SIZE)
    today = timezone.localdate()
    ctx = {
        "agency": agency,
        "filters": filters,
        "page": page,
        "rows": workbench.with_urgency(page.rows, agency, today),
        "count": rows.count(),
        "can_write": _can(request, agency, write=True),
        "children": agency.subtree(include_self=False).order_by("path")[:200],
        "query": workbench.query_without_page(request.GET),
    }
    return render(request, "applications/queue.html", ctx)


@login_required
def export(request, slug):
    """The filtered queue as XLSX (openpyxl); identity data masked, as on the queue."""
    agency = get_agency_for_user(request, slug)
    filters = workbench.QueueFilterForm(request.GET or None, users=staff_of(agency))
    content = workbench.export_xlsx(agency, workbench.queue_rows(agency, filters))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="applications-{agency.slug}.xlsx"'
    return response


@login_required
def intake(request, slug):
    """Staff take in an application from any channel (条例 Art. 29, 31)."""
    agency = get_agency_for_user(request, slug, write=True)
    form = forms.IntakeForm(request.POST or None, initial={"arrived_on": timezone.localdate()})
    items = forms.ItemFormSet(request.POST or None, prefix="items")
    files = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and items.is_valid() and files.is_valid():
        data = form.cleaned_data
        applicant = form.applicant() | {
            "applicant_type_confirmed": data["applicant_type_confirmed"]
        }
        with transaction.atomic():
            done = submit_application(
                agency=agency,
                channel=data["channel"],
                applicant=applicant,
                items=items.items(),
                arrived_on=data["arrived_on"],
                received_on=data["received_on"],
                receipt_confirmation=data["receipt_confirmation"],
                idempotency_key=data["token"],
                actor=request.user,
                attachments=files.cleaned_data["attachments"],
            )
        messages.success(
            request, _("已登记，受理编号 %(n)s。") % {"n": done.application.receipt_number}
        )
        return redirect(
            "applications:detail", slug=agency.slug, receipt=done.application.receipt_number
        )
    ctx = {"agency": agency, "form": form, "items": items, "files": files}
    return render(request, "applications/intake.html", ctx, status=400 if form.errors else 200)


@login_required
def detail(request, slug, receipt, bound=None):
    """The case page: clocks explained step by step, records, timeline, the actions possible.

    The body's own staff (write level) see the applicant's full data, and each such view is
    logged (PIPL); supervisors see it masked.
    """
    application = get_application_for_user(request, receipt, slug=slug)
    agency = application.agency
    own = _can(request, agency, write=True)
    if own:
        application.record(Event.Kind.PERSONAL_DATA_VIEWED, actor=request.user)
    ctx = {
        "agency": agency,
        "app": application,
        "own": own,
        "can_approve": _can(request, agency, approve=True),
        "due": application.answer_due(),
        "notice_due": application.supplement_notice_due(),
        "events": application.events.exclude(kind=Event.Kind.PERSONAL_DATA_VIEWED).select_related(
            "actor"
        ),
        "access_log": application.events.filter(kind=Event.Kind.PERSONAL_DATA_VIEWED)
        .select_related("actor")
        .order_by("-at")[:50],
        "items": application.items.all(),
        "pauses": application.pauses.all(),
        "searches": application.searches.all(),
        "attachments": application.attachments.all(),
        "proposed_type": proposed_type_for_uscc(application.id_number)
        if application.id_type == "uscc"
        else "",
        "attach_form": (bound or {}).get("attach") or forms.AttachmentForm(),
        "actions": action_forms(application, request.user, bound, users=staff_of(agency))
        if own
        else {},
    }
    return render(request, "applications/detail.html", ctx)


@login_required
@require_POST
def act(request, slug, receipt, action):
    """Run one transition from the case page; a refusal shows at its form, nothing changes."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("unknown action")
    application = get_application_for_user(
        request, receipt, slug=slug, write=True, approve=spec.approve
    )
    form = run_action(application, action, request)
    if form is None:
        messages.success(request, _("已记录。"))
        return redirect("applications:detail", slug=slug, receipt=receipt)
    return detail(request, slug, receipt, bound={action: form})


@login_required
@require_POST
def attach(request, slug, receipt):
    application = get_application_for_user(request, receipt, slug=slug, write=True)
    files = forms.AttachmentForm(request.POST, request.FILES)
    if not files.is_valid():
        return detail(request, slug, receipt, bound={"attach": files})
    with transaction.atomic():
        for f in files.cleaned_data["attachments"]:
            store_attachment(application, f, actor=request.user)
    return redirect("applications:detail", slug=slug, receipt=receipt)


@login_required
def attachment(request, slug, receipt, attachment_pk):
    """An attachment, only to the body's own staff; never a public URL (storage outside the web
    root; object storage read through the same API)."""
    application = get_application_for_user(request, receipt, slug=slug, write=True)
    found = application.attachments.filter(pk=attachment_pk).first()
    if found is None:
        raise Http404("no such attachment")
    application.record(
        Event.Kind.PERSONAL_DATA_VIEWED, actor=request.user, note=found.original_name
    )
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@login_required
def ledger_import(request, slug):
    """Import a 依申请公开登记台账 (XLSX or CSV): all rows or none, idempotent by 受理编号."""
    agency = get_agency_for_user(request, slug, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_ledger(agency, form.cleaned_data["file"], actor=request.user)
        if not result.errors:
            messages.success(
                request,
                _("导入完成：新增 %(c)s 件，已存在 %(s)s 件。")
                % {"c": result.created, "s": result.skipped},
            )
            return redirect("applications:queue", slug=agency.slug)
    ctx = {"agency": agency, "form": form, "result": result}
    return render(
        request, "applications/import.html", ctx, status=400 if result and result.errors else 200
    )

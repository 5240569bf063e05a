"""Staff pages for notices: a case's notices panel, one notice, downloads, a body's templates.

Thin: every object comes through gongkai/agencies/access.py, every change through services.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import (
    agencies_for_user,
    get_agency_for_user,
    get_application_for_user,
    get_notice_for_user,
)

from . import services
from .bodies import needs_relief, relief_for
from .forms import CancelForm, DraftForm, EditForm, ReviewForm, ServeForm, TemplateUploadForm
from .kinds import KINDS, Kind, variables_for
from .models import BodyTemplate, Notice
from .relief import ReliefError
from .render import TemplateProblem, check_template, default_template

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def case_notices(request, slug, receipt):
    """The notices panel of a case: its notices and a form to draft a new one."""
    application = get_application_for_user(request, receipt, slug=slug)
    form = DraftForm(request.POST or None)
    if request.method == "POST":
        application = get_application_for_user(request, receipt, slug=slug, write=True)
        if form.is_valid():
            try:
                notice = services.draft(
                    application,
                    Kind(form.cleaned_data["kind"]),
                    actor=request.user,
                    outcome=form.cleaned_data["outcome"],
                    addressee=form.cleaned_data["addressee"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                return redirect("letters:notice", slug=slug, notice_pk=notice.pk)
    ctx = {
        "agency": application.agency,
        "application": application,
        "notices": application.notices.all(),
        "form": form,
    }
    return render(request, "letters/case_notices.html", ctx)


ACTIONS = {
    "edit": (EditForm, "write"),
    "review": (ReviewForm, "write"),
    "approve_extension": (None, "approve"),
    "issue": (None, "approve"),
    "serve": (ServeForm, "write"),
    "cancel": (CancelForm, "write"),
}


def _apply(action: str, notice: Notice, data: dict, user) -> None:
    if action == "edit":
        services.edit(notice, actor=user, paragraphs=data["body"], addressee=data["addressee"])
    elif action == "review":
        services.review(notice, actor=user, secrecy=data["secrecy"], note=data["note"])
    elif action == "approve_extension":
        services.approve_extension(notice, actor=user)
    elif action == "issue":
        services.issue(notice, actor=user)
    elif action == "serve":
        services.serve(notice, actor=user, **data)
    elif action == "cancel":
        services.cancel(notice, actor=user, reason=data["reason"])


@login_required
def notice_detail(request, slug, notice_pk):
    """One notice: its text, the computed relief paragraph, and the next steps."""
    notice = get_notice_for_user(request, notice_pk)
    if notice.agency.slug != slug:
        raise Http404
    forms = {
        "edit": EditForm(
            initial={"addressee": notice.addressee, "body": "\n\n".join(notice.paragraphs)}
        ),
        "review": ReviewForm(),
        "serve": ServeForm(initial={"served_on": timezone.localdate()}),
        "cancel": CancelForm(),
    }
    errors: list[str] = []
    action = request.POST.get("action", "")
    if request.method == "POST" and action in ACTIONS:
        form_class, level = ACTIONS[action]
        notice = get_notice_for_user(request, notice_pk, write=True)
        form = form_class(request.POST) if form_class else None
        if form is not None:
            forms[action] = form
        if form is None or form.is_valid():
            try:
                _apply(action, notice, form.cleaned_data if form else {}, request.user)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("已保存。"))
                return redirect("letters:notice", slug=slug, notice_pk=notice.pk)
    relief_preview, relief_error = notice.relief_text, ""
    if not relief_preview and needs_relief(notice.kind_enum) and notice.is_editable:
        try:
            relief_preview = relief_for(
                notice.agency,
                notice.kind_enum,
                notice.outcome,
                timezone.localdate(),
                online=services._online(notice.application),
            ).text
        except ReliefError as exc:
            relief_error = str(exc)
    is_head = agencies_for_user(request.user, approve=True).filter(pk=notice.agency_id).exists()
    ctx = {
        "agency": notice.agency,
        "notice": notice,
        "application": notice.application,
        "forms": forms,
        "errors": errors,
        "relief_preview": relief_preview,
        "relief_error": relief_error,
        "is_head": is_head,
        "service": getattr(notice, "service", None),
    }
    return render(request, "letters/notice.html", ctx)


@login_required
def notice_download(request, slug, notice_pk, ext):
    notice = get_notice_for_user(request, notice_pk)
    if notice.agency.slug != slug or not notice.docx or ext not in ("docx", "pdf"):
        raise Http404
    if ext == "pdf":
        return _file(services.pdf_bytes(notice), notice.file_name("pdf"), "application/pdf")
    with notice.docx.open("rb") as fh:
        return _file(fh.read(), notice.file_name("docx"), DOCX)


@login_required
def templates_page(request, slug):
    """A body's Word templates: the defaults to download, its own uploads, checked."""
    agency = get_agency_for_user(request, slug)
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        if form.is_valid():
            kind, outcome = Kind(form.cleaned_data["kind"]), form.cleaned_data["outcome"]
            data = form.cleaned_data["file"].read()
            try:
                check_template(data, kind, sample_context(agency, kind))
            except TemplateProblem as exc:
                for message in exc.messages:
                    form.add_error("file", message)
            else:
                BodyTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).update(
                    active=False
                )
                row = BodyTemplate(
                    agency=agency,
                    kind=kind,
                    outcome=outcome,
                    original_name=form.cleaned_data["file"].name[:200],
                    uploaded_by=request.user,
                )
                row.file.save(f"{kind.value}.docx", ContentFile(data), save=True)
                messages.success(request, _("模板已启用。"))
                return redirect("letters:templates", slug=slug)
    rows = [
        {
            "kind": kind,
            "info": info,
            "own": BodyTemplate.current(agency, kind),
            "variables": variables_for(kind),
        }
        for kind, info in KINDS.items()
    ]
    # An 答复书's templates for one outcome each (services.py uses them before the general one).
    by_outcome = BodyTemplate.objects.filter(agency=agency, active=True).exclude(outcome="")
    ctx = {"agency": agency, "rows": rows, "by_outcome": by_outcome, "form": form}
    return render(request, "letters/templates.html", ctx)


@login_required
def template_download(request, slug, kind):
    """The body's current template of ``kind`` (its own upload, else the default)."""
    agency = get_agency_for_user(request, slug)
    try:
        kind = Kind(kind)
    except ValueError:
        raise Http404 from None
    own = BodyTemplate.current(agency, kind)
    if own:
        with own.file.open("rb") as fh:
            data = fh.read()
    else:
        data = default_template(kind)
    return _file(data, f"{KINDS[kind].title}.docx", DOCX)


def sample_context(agency, kind: Kind) -> dict:
    """Sample values for checking an uploaded template (every documented variable)."""
    from .kinds import COMMON_VARIABLES, KIND_VARIABLES

    ctx = {name: "示例" for name in (*COMMON_VARIABLES, *KIND_VARIABLES)}
    ctx.update(
        paragraphs=["示例段落一", "示例段落二"],
        items=["示例事项"],
        agency=agency.name,
        title=KINDS[kind].title,
    )
    return ctx

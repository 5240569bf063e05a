"""Staff pages of a body's catalog: list and Art. 26 dashboard, items through the workflow,
attachments, import, table 二 inputs, the guide texts and the 制度 list.

Every body-scoped object comes from ``gongkai.agencies.access``; each view validates with a
form, calls one workflow function and redirects (house style lesson 6). Levels: 经办人 and
负责人 write (drafts, attachments, imports, table 二); 负责人 approve (publish after the 保密审查,
correct, withdraw, the guide).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import (
    agencies_for_user,
    get_agency_for_user,
    get_application_for_user,
    get_item_for_user,
)
from gongkai.agencies.importing import FileRefused, RowsRefused

from . import attachments, importing, pagecache, proposals, workflow
from .clocks import attention, item_clock
from .forms import (
    ApproveForm,
    AttachmentForm,
    CorrectionForm,
    GuideForm,
    ImportForm,
    ItemForm,
    NoteForm,
    RegulationForm,
    Table2Form,
    YearForm,
)
from .guide import default_texts
from .models import CatalogItem, CatalogProfile, Regulation, Status, Table2Input
from .table2 import table2

STATUS_ORDER = (Status.DRAFT, Status.REVIEW, Status.PUBLISHED, Status.WITHDRAWN)


def _may_approve(request, agency) -> bool:
    return agencies_for_user(request.user, approve=True).filter(pk=agency.pk).exists()


def _to_item(item):
    return redirect("catalog:item-detail", slug=item.agency.slug, item_pk=item.pk)


@login_required
def dashboard(request, slug):
    """The body's catalog: counts by status, the Art. 26 attention list, recent items."""
    agency = get_agency_for_user(request, slug)
    items = CatalogItem.objects.filter(agency=agency)
    status = request.GET.get("status", "")
    listed = items.filter(status=status) if status in Status.values else items
    ctx = {
        "agency": agency,
        "counts": [(s, items.filter(status=s).count()) for s in STATUS_ORDER],
        "status": status,
        "items": listed.select_related("category__parent").order_by("-created_at", "-pk")[:50],
        "attention": attention(agency),
        "proposals": proposals.open_proposals(agency),
        "can_write": agencies_for_user(request.user, write=True).filter(pk=agency.pk).exists(),
    }
    return render(request, "catalog/staff/dashboard.html", ctx)


@login_required
def create_item(request, slug):
    agency = get_agency_for_user(request, slug, write=True)
    source = None
    initial = {"publisher": agency.name}
    if request.GET.get("from"):  # a proposal of 条例 Art. 44 (the dashboard's list)
        source = get_application_for_user(request, request.GET["from"], slug=slug)
        initial.update(proposals.draft_fields(source))
    form = ItemForm(request.POST or None, initial=initial)
    if form.is_valid():
        try:
            with transaction.atomic():
                item = workflow.create_item(
                    agency=agency, actor=request.user, from_application=source, **form.cleaned_data
                )
                if source is not None:
                    proposals.made_from(source, item, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已创建草稿，索引号 %(no)s。") % {"no": item.index_no})
            return _to_item(item)
    ctx = {"agency": agency, "form": form, "source": source}
    return render(request, "catalog/staff/item_form.html", ctx)


@login_required
def item_detail(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk)
    ctx = {
        "agency": item.agency,
        "item": item,
        "clock": item_clock(item) if item.disclosure == "proactive" else None,
        "events": item.events.select_related("actor"),
        "attachments": item.attachments.all(),
        "steps": workflow.TRANSITIONS[Status(item.status)],
        "can_approve": _may_approve(request, item.agency),
        "attachment_form": AttachmentForm(),
        "approve_form": ApproveForm(),
    }
    return render(request, "catalog/staff/item_detail.html", ctx)


@login_required
def edit_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, write=True)
    if not item.is_editable:
        messages.info(request, _("已公开的条目只能更正或撤回。"))
        return _to_item(item)
    form = ItemForm(request.POST or None, instance=CatalogItem.objects.get(pk=item.pk))
    if form.is_valid():
        workflow.edit_item(item, actor=request.user, **form.cleaned_data)
        return _to_item(item)
    return render(
        request, "catalog/staff/item_form.html", {"agency": item.agency, "form": form, "item": item}
    )


def _step(request, func, item, **kwargs):
    try:
        func(item, actor=request.user, **kwargs)
    except workflow.StepRefused as exc:
        messages.error(request, str(exc))
        return False
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return False
    return True


@login_required
@require_POST
def submit_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, write=True)
    if _step(request, workflow.submit_item, item):
        messages.success(request, _("已提交审核。"))
    return _to_item(item)


@login_required
@require_POST
def return_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, approve=True)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写退回理由。"))
    elif _step(request, workflow.return_item, item, note=form.cleaned_data["note"]):
        messages.success(request, _("已退回修改。"))
    return _to_item(item)


@login_required
@require_POST
def approve_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, approve=True)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    elif _step(
        request,
        workflow.approve_item,
        item,
        secrecy_note=form.cleaned_data["secrecy_note"],
        published_on=form.cleaned_data["published_on"],
    ):
        messages.success(request, _("已审核通过并公开。"))
    return _to_item(item)


@login_required
def correct_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, approve=True)
    form = CorrectionForm(request.POST or None, instance=CatalogItem.objects.get(pk=item.pk))
    if item.status != Status.PUBLISHED:
        messages.info(request, _("只有已公开的条目可以更正。"))
        return _to_item(item)
    if form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "note"}
        if _step(request, workflow.correct_item, item, note=form.cleaned_data["note"], **values):
            messages.success(request, _("已更正。"))
            return _to_item(item)
    return render(
        request,
        "catalog/staff/item_correct.html",
        {"agency": item.agency, "item": item, "form": form},
    )


@login_required
def withdraw_item(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, approve=True)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _step(request, workflow.withdraw_item, item, note=form.cleaned_data["note"]):
            messages.success(request, _("已撤回。"))
        return _to_item(item)
    return render(
        request,
        "catalog/staff/item_withdraw.html",
        {"agency": item.agency, "item": item, "form": form},
    )


@login_required
def add_attachment(request, slug, item_pk):
    item = get_item_for_user(request, slug, item_pk, write=True)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = attachments.read_upload(upload)
            if not form.cleaned_data["alt"] and attachments.detect_kind(data[:16]) in (
                "png",
                "jpeg",
            ):
                raise attachments.UploadRefused(_("图片须填写图片说明。"))
            attachments.add_attachment(
                item, actor=request.user, name=upload.name, data=data, alt=form.cleaned_data["alt"]
            )
        except (attachments.UploadRefused, workflow.StepRefused) as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("已添加附件。"))
            return _to_item(item)
    return render(
        request,
        "catalog/staff/attachment_form.html",
        {"agency": item.agency, "item": item, "form": form},
    )


@login_required
@require_POST
def delete_attachment(request, slug, item_pk, attachment_pk):
    item = get_item_for_user(request, slug, item_pk, write=True)
    found = get_object_or_404(item.attachments, pk=attachment_pk)
    if _step(request, attachments.remove_attachment, found):
        messages.success(request, _("已删除附件。"))
    return _to_item(item)


def _upload_import(request, agency, func, template, extra=None):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > settings.GONGKAI_IMPORT_MAX_BYTES:  # refused before reading
                raise FileRefused(
                    _("文件过大（上限 %(mb)s MB）。")
                    % {"mb": settings.GONGKAI_IMPORT_MAX_BYTES // 1048576}
                )
            data = upload.read()
            result = func(agency, (upload.name, data), actor=request.user)
        except FileRefused as exc:
            form.add_error("file", str(exc))
        except RowsRefused as exc:
            errors = exc.errors
            form.add_error("file", _("共 %(n)s 处错误，未导入任何数据。") % {"n": len(exc.errors)})
        else:
            messages.success(request, _("导入完成：%(result)s。") % {"result": result})
            return None
    return render(
        request, template, {"agency": agency, "form": form, "errors": errors, **(extra or {})}
    )


@login_required
def import_catalog(request, slug):
    agency = get_agency_for_user(request, slug, write=True)
    response = _upload_import(
        request,
        agency,
        importing.import_catalog,
        "catalog/staff/import.html",
        {"columns": importing.CATALOG_COLUMNS, "kind": "catalog"},
    )
    return response or redirect("catalog:dashboard", slug=agency.slug)


@login_required
def table2_inputs(request, slug):
    """Table 二 for a year: the counts computed from the catalog and the entered figures."""
    agency = get_agency_for_user(request, slug, write=True)
    year = YearForm(request.GET or None).year_or(timezone.localdate().year - 1)
    entered = Table2Input.objects.filter(agency=agency, year=year).first() or Table2Input(
        agency=agency, year=year
    )
    form = Table2Form(request.POST or None, instance=entered)
    if form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("已保存 %(year)s 年度的表二数据。") % {"year": year})
        return redirect(f"{request.path}?year={year}")
    ctx = {"agency": agency, "year": year, "form": form, "table": table2(agency, year)}
    return render(request, "catalog/staff/table2.html", ctx)


@login_required
def import_table2(request, slug):
    agency = get_agency_for_user(request, slug, write=True)
    response = _upload_import(
        request,
        agency,
        importing.import_table2,
        "catalog/staff/import.html",
        {"columns": importing.TABLE2_COLUMNS, "kind": "table2"},
    )
    return response or redirect("catalog:table2", slug=agency.slug)


@login_required
def edit_guide(request, slug):
    """The guide's three parts; a blank part is generated from the body's data."""
    agency = get_agency_for_user(request, slug, approve=True)
    profile, _created = CatalogProfile.objects.get_or_create(agency=agency)
    form = GuideForm(request.POST or None, instance=profile)
    if form.is_valid():
        saved = form.save(commit=False)
        saved.guide_updated_on = timezone.localdate()
        saved.save()
        pagecache.changed()
        messages.success(request, _("已保存政府信息公开指南。"))
        return redirect("catalog:guide-edit", slug=agency.slug)
    return render(
        request,
        "catalog/staff/guide_form.html",
        {"agency": agency, "form": form, "defaults": default_texts(agency)},
    )


@login_required
def regulations(request, slug):
    """The body's 政府信息公开制度 list; 负责人 add entries."""
    agency = get_agency_for_user(request, slug)
    form = RegulationForm(request.POST or None, agency=agency)
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, approve=True)
        if form.is_valid():
            regulation = form.save(commit=False)
            regulation.agency = agency
            regulation.save()
            pagecache.changed()
            messages.success(request, _("已添加制度。"))
            return redirect("catalog:regulations", slug=agency.slug)
    ctx = {
        "agency": agency,
        "form": form,
        "regulations": Regulation.objects.filter(agency=agency).select_related("item"),
        "can_approve": _may_approve(request, agency),
    }
    return render(request, "catalog/staff/regulations.html", ctx)

"""Staff pages: the body's overview with the report draft, the record lists and forms, the
leading group, the XLSX export and the import. Every object comes through
``gongkai.agencies.access``; supervisors read (personal data masked), the body's staff write."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.access import (
    agencies_for_user,
    get_agency_for_user,
    get_supervision_record_for_user,
)

from .facts import draft_section_one, section_one_facts
from .forms import ImportForm, LeadingGroupForm, YearForm
from .importing import FileRefused, RowsRefused, import_records
from .models import LeadingGroup, log
from .records import KINDS, cell_value, export_xlsx


def can_write(request, agency) -> bool:
    return agencies_for_user(request.user, write=True).filter(pk=agency.pk).exists()


def _kind(slug: str):
    if slug not in KINDS:
        raise Http404("unknown record kind")
    return KINDS[slug]


def rows_for(request, agency, kind, year: int, *, own: bool) -> list[dict]:
    """Table rows of ``kind``: personal fields in full only for the body's own staff."""
    objects = kind.of(agency)
    objects = objects.of_year(year) if kind.dated else [s for s in objects if s.serves_in(year)]
    personal = () if not own else getattr(kind.model, "PERSONAL_FIELDS", ())
    rows = []
    for obj in objects:
        cells = [
            getattr(obj, f) if f in personal else cell_value(kind, obj, f) for f in kind.fields
        ]
        rows.append({"obj": obj, "cells": cells})
    return rows


@login_required
def overview(request, slug):
    """The year's records of the body at a glance, the draft of report section 一(三)/(五), and
    for a supervisor the same counts for each body below."""
    agency = get_agency_for_user(request, slug)
    year = YearForm(request.GET or None).year_or_default()
    readable = agencies_for_user(request.user)
    below = readable.filter(pk__in=agency.subtree(include_self=False).values("pk"))
    ctx = {
        "agency": agency,
        "year": year,
        "draft": draft_section_one(agency, year),
        "kinds_nav": KINDS.values(),
        "group": LeadingGroup.objects.filter(agency=agency).first(),
        "can_write": can_write(request, agency),
        "below": [(a, section_one_facts(a, year)) for a in below.order_by("path")[:100]],
    }
    return render(request, "supervision/overview.html", ctx)


@login_required
def records(request, slug, kind):
    """One kind of record for the year; the body's staff add new ones here."""
    agency = get_agency_for_user(request, slug)
    kind = _kind(kind)
    own = can_write(request, agency)
    form_class = kind.form_class()
    form = form_class()
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        form = form_class(request.POST, instance=kind.model(agency=agency))
        if form.is_valid():
            obj = form.save(commit=False)
            obj.created_by = request.user
            obj.save()
            log(agency, f"{kind.slug}.created", actor=request.user, obj=obj)
            messages.success(request, _("已登记。"))
            return redirect("supervision:records", slug=agency.slug, kind=kind.slug)
    year = YearForm(request.GET or None).year_or_default()
    ctx = {
        "agency": agency,
        "kind": kind,
        "year": year,
        "headers": kind.columns().values(),
        "rows": rows_for(request, agency, kind, year, own=own),
        "form": form,
        "can_write": own,
        "kinds_nav": KINDS.values(),
    }
    return render(request, "supervision/records.html", ctx, status=400 if form.errors else 200)


@login_required
def record_edit(request, slug, kind, record_pk):
    kind = _kind(kind)
    obj = get_supervision_record_for_user(request, kind.model, slug, record_pk)
    agency = obj.agency
    own = can_write(request, agency)
    form = kind.form_class()(instance=obj) if own else None
    if request.method == "POST":
        obj = get_supervision_record_for_user(request, kind.model, slug, record_pk, write=True)
        form = kind.form_class()(request.POST, instance=obj)
        if form.is_valid():
            form.save()
            log(agency, f"{kind.slug}.edited", actor=request.user, obj=obj)
            messages.success(request, _("已保存。"))
            return redirect("supervision:records", slug=agency.slug, kind=kind.slug)
    shown = [
        (label, cell_value(kind, obj, f) if not own else getattr(obj, f))
        for f, label in kind.columns().items()
    ]
    ctx = {"agency": agency, "kind": kind, "obj": obj, "form": form, "shown": shown}
    status = 400 if form is not None and form.errors else 200
    return render(request, "supervision/record_edit.html", ctx, status=status)


@login_required
def group(request, slug):
    """The 领导小组 of the body (条例 Art. 3); its 工作机构 is the body's guide data."""
    agency = get_agency_for_user(request, slug)
    found = LeadingGroup.objects.filter(agency=agency).first()
    form = LeadingGroupForm(instance=found)
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        form = LeadingGroupForm(request.POST, instance=found or LeadingGroup(agency=agency))
        if form.is_valid():
            saved = form.save()
            log(agency, "group.saved", actor=request.user, obj=saved)
            messages.success(request, _("已保存。"))
            return redirect("supervision:overview", slug=agency.slug)
    ctx = {"agency": agency, "form": form, "group": found, "can_write": can_write(request, agency)}
    return render(request, "supervision/group.html", ctx, status=400 if form.errors else 200)


@login_required
def export(request, slug):
    """The year's records as XLSX, one sheet per kind; personal data masked."""
    agency = get_agency_for_user(request, slug)
    year = YearForm(request.GET or None).year_or_default()
    response = HttpResponse(
        export_xlsx(agency, year),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="supervision-{agency.slug}-{year}.xlsx"'
    )
    return response


@login_required
def import_page(request, slug):
    """Import one kind of record from CSV/XLSX: every row or none, every problem listed."""
    agency = get_agency_for_user(request, slug, write=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = settings.GONGKAI_IMPORT_MAX_BYTES
        try:
            if upload.size > limit:
                raise FileRefused(f"文件过大（上限 {limit // 1048576} MB）")
            result = import_records(
                agency, form.cleaned_data["kind"], (upload.name, upload.read()), actor=request.user
            )
        except FileRefused as exc:
            errors = [str(exc)]
        except RowsRefused as exc:
            errors = exc.errors
        else:
            messages.success(request, _("导入完成：%(r)s。") % {"r": result})
            return redirect("supervision:records", slug=agency.slug, kind=form.cleaned_data["kind"])
    columns = {k: KINDS[k].columns().values() for k in KINDS if KINDS[k].dated}
    ctx = {"agency": agency, "form": form, "errors": errors, "columns": columns, "kinds": KINDS}
    status = 400 if errors or form.errors else 200
    return render(request, "supervision/import.html", ctx, status=status)

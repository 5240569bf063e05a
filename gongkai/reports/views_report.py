"""Staff pages of the annual report (docs/annual-report.md): the report of a body and year
computed from the records, its texts, checks, charts, exports and publication; the status of
every subordinate body's report; the 行政复议/诉讼 cases with the respondent's clock.

Every body-scoped object comes through ``gongkai.agencies.access``.
"""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import (
    agencies_for_user,
    get_agency_for_user,
    get_dispute_case_for_user,
)
from gongkai.reportengine.figures import Figures

from . import charts, drafting, export
from .compute import report_figures
from .forms import CaseImportForm, PublishForm, SectionsForm
from .importing import FileRefused, RowsRefused, import_cases
from .models import AnnualReport, DisputeCase, ReportVersion

# Export form -> (writer, content type, file suffix).
EXPORTS = {
    "docx": (
        export.to_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "pdf": (export.to_pdf, "application/pdf", "pdf"),
    "xlsx": (
        export.to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "html": (lambda fig: export.to_html(fig).encode("utf-8"), "text/html; charset=utf-8", "html"),
    "json": (lambda fig: export.to_json(fig).encode("utf-8"), "application/json", "json"),
    "text": (lambda fig: export.to_text(fig).encode("utf-8"), "text/plain; charset=utf-8", "txt"),
}


def _year(year: int) -> int:
    if not 2019 <= year <= timezone.localdate().year:
        raise Http404("no report for that year")
    return year


def download(fig: Figures, form: str, *, agency, charts_for_pdf=None) -> HttpResponse:
    """The export of ``fig`` as a file download (the views only set the headers)."""
    if form not in EXPORTS:
        raise Http404("unknown export")
    write, content_type, suffix = EXPORTS[form]
    data = write(fig) if form != "pdf" else export.to_pdf(fig, charts=charts_for_pdf)
    response = HttpResponse(data, content_type=content_type)
    name = f"{agency.slug}-{fig.year}-annual-report.{suffix}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_charts(agency, fig: Figures) -> list:
    items = charts.report_charts(agency, fig)
    for chart in items:
        chart.src = chart.data_uri()
    return items


def deadline_of(agency, year: int) -> datetime.date:
    """The body's deadline: the national one (条例 Art. 49; 30号) or an earlier local one set
    for the platform (``GONGKAI_REPORT_LOCAL_DEADLINES``, kind → "MM-DD"; reference §1.4)."""
    national = agency.report_deadline(year)
    local = settings.GONGKAI_REPORT_LOCAL_DEADLINES.get(agency.report_body_kind)
    if local:
        month, day = map(int, local.split("-"))
        return min(national, datetime.date(year + 1, month, day))
    return national


@login_required
@require_http_methods(["GET", "POST"])
def annual(request, slug, year):
    """The report page; POST saves the texts, or with ``draft=<section>`` (the «按记录起草»
    button) fills that section's textarea with the draft and keeps the others as typed."""
    agency = get_agency_for_user(request, slug)
    year = _year(year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        sid = request.POST.get("draft", "")
        if sid in drafting.DRAFTED:
            data = request.POST.copy()
            fig = report_figures(agency, year)
            data[f"section_{sid}"] = drafting.draft_sections(agency, year, fig, (sid,))[sid]
            messages.info(request, _("已按平台记录起草，核对修改后请保存。"))
            return annual_page(request, agency, year, form=SectionsForm(data), fig=fig)
        form = SectionsForm(request.POST)
        if form.is_valid():
            report, _created = AnnualReport.objects.get_or_create(agency=agency, year=year)
            report.sections = form.sections()
            report.save(update_fields=["sections", "updated_at"])
            messages.success(request, _("报告正文已保存。"))
            return redirect("reports:annual", slug=slug, year=year)
        return annual_page(request, agency, year, form=form, status=400)
    fig = report_figures(agency, year)
    initial = {f"section_{k}": v for k, v in (report.sections if report else {}).items()}
    # Nothing written yet: offer the drafts of 一 and 六 (五 needs the clerk: its button).
    empty = tuple(sid for sid in ("1", "6") if not initial.get(f"section_{sid}"))
    if empty:
        for sid, text in drafting.draft_sections(agency, year, fig, empty).items():
            initial[f"section_{sid}"] = text
    return annual_page(request, agency, year, form=SectionsForm(initial=initial), fig=fig)


def annual_page(
    request, agency, year, *, form=None, override_form=None, prior_form=None, fig=None, status=200
):
    """Render the report page (also with a refused override or import form)."""
    from .forms import OverrideForm, PriorReportForm
    from .overrides import cell_label
    from .prior import last_year

    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    may_write = agencies_for_user(request.user, write=True).filter(pk=agency.pk).exists()
    may_approve = agencies_for_user(request.user, approve=True).filter(pk=agency.pk).exists()
    fig = fig or report_figures(agency, year)
    if form is None:
        initial = {f"section_{k}": v for k, v in (report.sections if report else {}).items()}
        form = SectionsForm(initial=initial)
    items = charts.report_charts(agency, fig)
    for chart in items:
        chart.src = reverse("reports:annual-chart", args=[agency.slug, year, chart.kind])
    overrides = list(report.overrides.select_related("made_by")) if report else []
    for row in overrides:
        row.label = cell_label(fig.template, row.cell)
    prior = last_year(agency, year)
    ctx = {
        **export.report_context(fig),
        "agency": agency,
        "year": year,
        "report": report,
        "versions": list(report.versions.all()) if report else [],
        "form": form,
        "section_fields": [(sid, form[f"section_{sid}"]) for sid in drafting.DRAFTED],
        "override_form": override_form or OverrideForm(template=fig.template),
        "overrides": overrides,
        "prior_form": prior_form or PriorReportForm(),
        "prior": prior,
        "publish_form": PublishForm(),
        "page_charts": items,
        "exports": list(EXPORTS),
        "may_write": may_write,
        "may_approve": may_approve,
        "deadline": deadline_of(agency, year),
        "errors": [f for f in fig.findings if f.severity == "error"],
    }
    # A refused override or import shows at its form with 200, as the case page's actions do.
    return render(request, "reports/annual.html", ctx, status=400 if form.errors else status)


@login_required
def annual_export(request, slug, year, form):
    agency = get_agency_for_user(request, slug)
    fig = report_figures(agency, _year(year))
    return download(fig, form, agency=agency, charts_for_pdf=pdf_charts(agency, fig))


@login_required
def annual_chart(request, slug, year, kind):
    agency = get_agency_for_user(request, slug)
    fig = report_figures(agency, _year(year))
    found = {c.kind: c for c in charts.report_charts(agency, fig)}
    if kind not in found:
        raise Http404("unknown chart")
    return HttpResponse(found[kind].svg, content_type="image/svg+xml")


@login_required
@require_POST
def annual_publish(request, slug, year):
    """Publish (or correct) the report: freeze the figures as a new version (条例 Art. 49)."""
    agency = get_agency_for_user(request, slug, approve=True)
    year = _year(year)
    publish_figures(
        request, agency, year, report_figures(agency, year), _("已公开第 %(n)d 版（%(hash)s）。")
    )
    return redirect("reports:annual", slug=slug, year=year)


def publish_figures(request, agency, year: int, fig: Figures, done: str) -> None:
    """Freeze ``fig`` as the body's next report version (条例 Art. 49), unless its checks
    found errors; the 更正说明 of a correction comes from the posted PublishForm. ``done`` is
    the success message, with %(n)d (version) and %(hash)s."""
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("更正说明过长。"))
    elif fig.has_errors:
        messages.error(request, _("报告检查发现错误，修正后才能公开。"))
    else:
        report, _created = AnnualReport.objects.get_or_create(agency=agency, year=year)
        fig.published_on = timezone.localdate()
        try:
            version = report.publish(
                figures=fig, actor=request.user, correction=form.cleaned_data["correction"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, done % {"n": version.number, "hash": version.content_hash[:12]}
            )


@login_required
def annual_status(request, slug, year):
    """Every body under ``slug``: its report for ``year`` against its deadline (条例 Art. 49)."""
    agency = get_agency_for_user(request, slug)
    year = _year(year)
    today = timezone.localdate()
    bodies = list(agency.subtree().order_by("path"))
    reports = {
        r["agency_id"]: r
        for r in AnnualReport.objects.filter(agency__in=bodies, year=year)
        .values("agency_id", "status")
        .annotate(first=Min("versions__published_on"), latest=Max("versions__number"))
    }
    rows = []
    for body in bodies:
        info = reports.get(body.pk, {})
        due = deadline_of(body, year)
        first = info.get("first")
        if first:
            state = "on_time" if first <= due else "late"
        elif today > due:
            state = "overdue"
        else:
            state = "draft" if info else "none"
        rows.append(
            {
                "body": body,
                "due": due,
                "first": first,
                "versions": info.get("latest"),
                "state": state,
            }
        )
    counts = {
        s: sum(1 for r in rows if r["state"] == s)
        for s in ("on_time", "late", "overdue", "draft", "none")
    }
    ctx = {"agency": agency, "year": year, "rows": rows, "counts": counts, "today": today}
    return render(request, "reports/annual_status.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def cases(request, slug):
    agency = get_agency_for_user(request, slug)
    errors: list[str] = []
    form = CaseImportForm()
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, write=True)
        form = CaseImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_cases(agency, (upload.name, upload.read()))
            except FileRefused as exc:
                errors = [str(exc)]
            except RowsRefused as exc:
                errors = exc.errors
            else:
                messages.success(request, _("已导入案件：%(result)s。") % {"result": result})
                return redirect("reports:cases", slug=slug)
    listed = DisputeCase.objects.filter(agency=agency).select_related("application")
    ctx = {"agency": agency, "cases": listed, "form": form, "import_errors": errors}
    return render(request, "reports/cases.html", ctx, status=400 if errors or form.errors else 200)


@login_required
def case_detail(request, slug, case_pk):
    case = get_dispute_case_for_user(request, slug, case_pk)
    may_bundle = agencies_for_user(request.user, write=True).filter(pk=case.agency_id).exists()
    today = timezone.localdate()
    due = case.answer_due()
    left = None
    if due and not case.answered_on and not case.decided_on:
        from .review_clock import answer_days_left

        left = answer_days_left(due, today=today, calendar=case.calendar)
    ctx = {
        "agency": case.agency,
        "case": case,
        "due": due,
        "left": left,
        "decision_due": case.decision_due(),
        "counted": case.role == "respondent",
        "may_bundle": may_bundle,
    }
    return render(request, "reports/case_detail.html", ctx)


@login_required
def case_bundle(request, slug, case_pk):
    """The case's defence bundle as a zip (行政复议法 Art. 48, 54; ``bundle.build_bundle``).
    It holds the applicant's identity, so only the body's own staff get it (write level)."""
    from .bundle import build_bundle

    case = get_dispute_case_for_user(request, slug, case_pk, write=True)
    bundle = build_bundle(case, actor=request.user)
    response = HttpResponse(bundle.data, content_type="application/zip")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(bundle.file_name)}"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def version_for(agency, year: int, number: int | None = None) -> ReportVersion:
    """A published version of the body's report (the current one when ``number`` is None)."""
    versions = ReportVersion.objects.filter(report__agency=agency, report__year=year)
    found = (
        versions.filter(number=number).first() if number else versions.order_by("-number").first()
    )
    if found is None:
        raise Http404("no published report")
    return found

"""Public pages of published annual reports (条例 Art. 49: 向社会公布): the current version
of a body's report, its history with each correction's 更正说明, and every version's files.

Only frozen versions are shown, never drafts; the figures hold no applicant's identity.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency

from . import export
from .models import ReportVersion
from .views_report import download, version_for


def _page(request, agency, version):
    fig = version.as_figures()
    history = ReportVersion.objects.filter(report=version.report).order_by("-number")
    ctx = {
        **export.report_context(fig),
        "agency": agency,
        "version": version,
        "history": history,
        "current": history.first(),
        "exports": ("pdf", "docx", "xlsx", "json", "text", "html"),
    }
    return render(request, "reports/public_report.html", ctx)


def report(request, slug, year):
    agency = get_object_or_404(Agency, slug=slug)
    return _page(request, agency, version_for(agency, year))


def version(request, slug, year, number):
    agency = get_object_or_404(Agency, slug=slug)
    return _page(request, agency, version_for(agency, year, number))


def version_download(request, slug, year, number, form):
    agency = get_object_or_404(Agency, slug=slug)
    found = version_for(agency, year, number)
    return download(found.as_figures(), form, agency=agency)


def published_reports(agency) -> list:
    """The body's published reports, newest year first, for the public column's list
    (``gongkai.catalog.views_public.published_reports``): ``year``, ``title``, ``url``."""
    from django.urls import reverse

    seen = {}
    for v in ReportVersion.objects.filter(report__agency=agency).order_by(
        "-report__year", "-number"
    ):
        if v.report_id not in seen:
            seen[v.report_id] = v
    return [
        {
            "year": v.figures.get("year"),
            "title": f"{agency.name}{v.figures.get('year')}年政府信息公开工作年度报告",
            "url": reverse(
                "annual:report", kwargs={"slug": agency.slug, "year": v.figures.get("year")}
            ),
        }
        for v in seen.values()
    ]

"""The report page's two record forms: a figure override with its reason, and last year's
published report imported from its file (docs/annual-report.md). Thin: the rules are in
:mod:`.overrides` and :mod:`.prior`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import get_agency_for_user
from gongkai.reportengine.figures import template_for_year

from .forms import OverrideForm, PriorReportForm
from .models import AnnualReport, FigureOverride
from .prior import ImportRefused, import_last_year
from .views_report import _year, annual_page


@login_required
@require_POST
def annual_override(request, slug, year):
    """Record an override of one cell (append-only; the reason is required)."""
    agency = get_agency_for_user(request, slug, write=True)
    year = _year(year)
    form = OverrideForm(request.POST, template=template_for_year(year))
    if not form.is_valid():
        return annual_page(request, agency, year, override_form=form)
    report, _created = AnnualReport.objects.get_or_create(agency=agency, year=year)
    FigureOverride.objects.create(
        report=report,
        cell=form.cleaned_data["cell"],
        value=form.cleaned_data["value"],
        reason=form.cleaned_data["reason"].strip(),
        made_by=request.user,
    )
    messages.success(request, _("已记录数字调整及其理由。"))
    return redirect("reports:annual", slug=slug, year=year)


@login_required
@require_POST
def annual_prior(request, slug, year):
    """Import the body's published report of ``year - 1`` from its file (engine parser)."""
    agency = get_agency_for_user(request, slug, write=True)
    year = _year(year)
    form = PriorReportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            imported = import_last_year(agency, year, form.cleaned_data["file"], actor=request.user)
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("已导入 %(year)d 年度报告“%(name)s”。")
                % {"year": imported.year, "name": imported.file_name},
            )
            return redirect("reports:annual", slug=slug, year=year)
    return annual_page(request, agency, year, prior_form=form)

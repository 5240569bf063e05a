"""Staff pages of the government-level roll-up (docs/annual-report.md, 汇总报告).

Thin layers over :func:`.rollup.rollup`: the page, its exports and charts, and publishing
the roll-up as the government's own report (条例 Art. 49; 30号 二). The body comes through
``gongkai.agencies.access``: whoever may read the government reads its roll-up (totals and
the states of the bodies' reports, as on the status page); per-body figures from the records
are shown only for the bodies the user may read.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import agencies_for_user, get_agency_for_user

from . import charts_rollup, export
from .forms import PublishForm
from .models import AnnualReport
from .rollup import rollup
from .views_report import EXPORTS, _year, download, publish_figures


def _charts_for_pdf(result) -> list:
    items = charts_rollup.rollup_charts(result)
    for chart in items:
        chart.src = chart.data_uri()
    return items


@login_required
def rollup_page(request, slug, year):
    agency = get_agency_for_user(request, slug)
    result = rollup(agency, _year(year))
    fig = result.figures
    readable = set(
        agencies_for_user(request.user)
        .filter(pk__in=[b.body.pk for b in result.everyone])
        .values_list("pk", flat=True)
    )
    items = charts_rollup.rollup_charts(result)
    for chart in items:
        chart.src = f"{request.path}chart/{chart.kind}.svg"
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    may_approve = agencies_for_user(request.user, approve=True).filter(pk=agency.pk).exists()
    ctx = {
        **export.report_context(result.figures),
        "agency": agency,
        "year": year,
        "result": result,
        "readable": readable,
        "page_charts": items,
        "exports": list(EXPORTS),
        "versions": list(report.versions.all()) if report else [],
        "publish_form": PublishForm(),
        "may_approve": may_approve,
        "errors": [f for f in result.figures.findings if f.severity == "error"],
        "lists": [
            (_("未公开"), result.missing),
            (_("逾期公开"), result.late),
            (_("已公开报告有错误"), result.failing),
        ],
        "totals": {
            "received": fig.cell("1", 6),
            "closed": fig.cell("3.7", 6),
            "carried": fig.cell("4", 6),
            "cases": fig.table4[4] + fig.table4[9] + fig.table4[14],
        },
    }
    return render(request, "reports/rollup.html", ctx)


@login_required
def rollup_export(request, slug, year, form):
    agency = get_agency_for_user(request, slug)
    result = rollup(agency, _year(year))
    response = download(result.figures, form, agency=agency, charts_for_pdf=_charts_for_pdf(result))
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "-annual-report.", "-rollup-report."
    )
    return response


@login_required
def rollup_chart(request, slug, year, kind):
    agency = get_agency_for_user(request, slug)
    found = {c.kind: c for c in charts_rollup.rollup_charts(rollup(agency, _year(year)))}
    if kind not in found:
        raise Http404("unknown chart")
    return HttpResponse(found[kind].svg, content_type="image/svg+xml")


@login_required
@require_POST
def rollup_publish(request, slug, year):
    """Publish the roll-up as the government's report (a frozen version; 条例 Art. 49)."""
    agency = get_agency_for_user(request, slug, approve=True)
    year = _year(year)
    publish_figures(
        request,
        agency,
        year,
        rollup(agency, year).figures,
        _("已公开汇总报告第 %(n)d 版（%(hash)s）。"),
    )
    return redirect("reports:rollup", slug=slug, year=year)

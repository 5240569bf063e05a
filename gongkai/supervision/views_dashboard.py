"""The supervisor's dashboard (docs/supervision.md): a body's subtree at a glance, the batch
check of the published reports and the draft 通报. Thin layers over :mod:`.dashboard` and
:mod:`.notice`; the body comes through ``gongkai.agencies.access`` and only the bodies the
user may read are listed (a 监督 of the body or above reads them all)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import get_agency_for_user
from gongkai.reports import charts_rollup
from gongkai.reports.rollup import store_batch_check
from gongkai.reports.views_report import _year

from .dashboard import dashboard
from .forms import NoticeForm
from .notice import draft_notice, notice_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(request, agency, dash, form, *, status=200):
    items = charts_rollup.dashboard_charts(dash)
    for chart in items:
        chart.src = reverse(
            "supervision:dashboard-chart",
            kwargs={"slug": agency.slug, "year": dash.year, "kind": chart.kind},
        )
    ctx = {"agency": agency, "year": dash.year, "dash": dash, "page_charts": items}
    ctx["notice_form"] = form
    ctx["check_url"] = reverse("reports:check")
    return render(request, "supervision/dashboard.html", ctx, status=status)


@login_required
def dashboard_page(request, slug, year):
    agency = get_agency_for_user(request, slug)
    dash = dashboard(agency, _year(year), user=request.user)
    return _page(request, agency, dash, NoticeForm(initial={"text": draft_notice(dash)}))


@login_required
def dashboard_chart(request, slug, year, kind):
    agency = get_agency_for_user(request, slug)
    dash = dashboard(agency, _year(year), user=request.user)
    found = {c.kind: c for c in charts_rollup.dashboard_charts(dash)}
    if kind not in found:
        raise Http404("unknown chart")
    return HttpResponse(found[kind].svg, content_type="image/svg+xml")


@login_required
@require_http_methods(["GET", "POST"])
def notice_download(request, slug, year):
    """The 通报 as DOCX: the draft as computed (GET) or as edited on the page (POST)."""
    agency = get_agency_for_user(request, slug)
    year = _year(year)
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if not form.is_valid():
            dash = dashboard(agency, year, user=request.user)
            return _page(request, agency, dash, form, status=400)
        text = form.cleaned_data["text"]
    else:
        text = draft_notice(dashboard(agency, year, user=request.user))
    response = HttpResponse(notice_docx(text), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{agency.slug}-{year}-tongbao.docx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def batch_check(request, slug, year):
    """Check every readable subordinate body's published report again with the engine and
    keep the result as a checker's result (its page and CSV; docs/report-checker.md)."""
    agency = get_agency_for_user(request, slug)
    dash = dashboard(agency, _year(year), user=request.user)
    result = dash.rollup
    readable = {r.body.pk for r in dash.rows}
    result.bodies = [b for b in result.bodies if b.body.pk in readable]
    check = store_batch_check(result)
    return redirect(check.get_absolute_url())

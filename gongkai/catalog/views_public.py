"""The public 政府信息公开 column, per body and for the platform (no login).

Four entries per body (国办公开办函〔2019〕61号; practice §2.2): 政府信息公开指南, 政府信息公开制度,
法定主动公开内容, 政府信息公开工作年度报告. Only public items (published, 主动公开) are shown;
a withdrawn item keeps its page with the withdrawal note. Lists page by "more" links
(fetching one row beyond the page) rather than by a total count, which would cost a scan of
the whole catalog on a large platform.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency

from . import search as search_engine
from .forms import ListFilterForm, SearchForm
from .guide import guide_for
from .links import application_links
from .models import Attachment, CatalogItem, Category, Regulation, Status

PER_PAGE = 20
TEXT_SIZE_COOKIE = "gk_text"
TEXT_SIZE_MAX_AGE = 365 * 24 * 3600


def column_context(request, agency=None, **extra) -> dict:
    """What every column page needs: the body, the large-text mode, the application links."""
    return {
        "agency": agency,
        "large_text": request.COOKIES.get(TEXT_SIZE_COOKIE) == "large",
        "application_links": application_links(agency),
        # Set by a static export's requests (gongkai.staticsite): its linker, its frame.
        "column_linker": getattr(request, "column_linker", None),
        "column_static": getattr(request, "column_static", None),
        "column_base": getattr(request, "column_base", "base.html"),
        **extra,
    }


def public_items(agency=None):
    items = CatalogItem.objects.published().select_related("agency", "category__parent")
    return items.filter(agency=agency) if agency is not None else items


def page_of(queryset, page: int, per_page: int = PER_PAGE) -> tuple[list, bool]:
    """One page of ``queryset`` and whether there is another (one extra row, no count)."""
    start = (page - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return rows[:per_page], len(rows) > per_page


def filtered(items, filters: dict):
    category = filters.get("category")
    if category is not None:
        items = items.filter(Q(category=category) | Q(category__parent=category))
    if filters.get("art20"):
        items = items.filter(art20_item=filters["art20"])
    if filters.get("year"):
        items = items.filter(published_on__year=filters["year"])
    return items


def _public_agency(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug)


# -- platform -----------------------------------------------------------------------------------


def platform(request):
    bodies = Agency.objects.by_hierarchy()
    latest = list(public_items()[:10])
    return render(
        request,
        "catalog/column/platform.html",
        column_context(request, bodies=bodies, latest=latest),
    )


def platform_items(request):
    return _item_list(request, None)


def platform_reports(request):
    reports = public_items().annual_reports().prefetch_related("attachments")
    return render(
        request,
        "catalog/column/reports.html",
        column_context(request, reports=list(reports[:200])),
    )


# -- a body's column ----------------------------------------------------------------------------


def body(request, slug):
    agency = _public_agency(slug)
    ctx = column_context(
        request,
        agency,
        latest=list(public_items(agency)[:8]),
        guide=guide_for(agency),
        top_categories=Category.objects.filter(parent=None),
    )
    return render(request, "catalog/column/body.html", ctx)


def guide(request, slug):
    agency = _public_agency(slug)
    return render(
        request,
        "catalog/column/guide.html",
        column_context(request, agency, guide=guide_for(agency), entry="guide"),
    )


def rules(request, slug):
    agency = _public_agency(slug)
    regulations = Regulation.objects.filter(agency=agency).select_related("item")
    return render(
        request,
        "catalog/column/rules.html",
        column_context(request, agency, regulations=regulations, entry="rules"),
    )


def items(request, slug):
    return _item_list(request, _public_agency(slug))


def _item_list(request, agency):
    form = ListFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = form.page_number() if request.GET else 1
    rows, has_next = page_of(filtered(public_items(agency), filters), page)
    ctx = column_context(
        request,
        agency,
        entry="items",
        form=form,
        items=rows,
        page=page,
        has_next=has_next,
        filters={k: getattr(v, "pk", v) for k, v in filters.items()},
        top_categories=Category.objects.filter(parent=None),
    )
    return render(request, "catalog/column/items.html", ctx)


def item(request, slug, item_pk):
    agency = _public_agency(slug)
    found = get_object_or_404(
        CatalogItem.objects.select_related("agency", "category__parent"),
        pk=item_pk,
        agency=agency,
        status__in=(Status.PUBLISHED, Status.WITHDRAWN),
    )
    if found.disclosure != "proactive":
        raise Http404
    return render(request, "catalog/column/item.html", item_context(request, agency, found))


def item_context(request, agency, found) -> dict:
    """The item page's context (also used by the static export, gongkai.staticsite, which
    renders many items with their attachments and events prefetched)."""
    return column_context(
        request,
        agency,
        entry="items",
        item=found,
        attachments=found.attachments.all() if found.is_public else [],
        history=[e for e in found.events.all() if e.is_public],
    )


def attachment(request, slug, item_pk, attachment_pk):
    """A file of a public item, as a download under its neutral name (never sniffed)."""
    found = get_object_or_404(
        Attachment.objects.select_related("item"),
        pk=attachment_pk,
        item__pk=item_pk,
        item__agency__slug=slug,
    )
    if not found.item.is_public:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=found.content_type,
        as_attachment=not found.is_image,
        filename=found.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def reports(request, slug):
    agency = _public_agency(slug)
    # The annual reports published as catalog items. Reports computed by the platform are
    # listed here too once the reports app publishes them (``published_reports`` hook).
    found = public_items(agency).annual_reports().prefetch_related("attachments")
    ctx = column_context(
        request,
        agency,
        entry="reports",
        reports=list(found[:100]),
        generated=published_reports(agency),
    )
    return render(request, "catalog/column/reports.html", ctx)


def published_reports(agency) -> list:
    """Hook for the annual reports the platform generates (another app): a list of objects
    with ``year``, ``title`` and ``url``. None yet."""
    return []


# -- search and large text ----------------------------------------------------------------------


def search(request):
    form = SearchForm(request.GET or None)
    query = form.query()
    filters = form.filters() if request.GET else {}
    agency = None
    if request.GET.get("body"):
        agency = Agency.objects.filter(slug=str(request.GET["body"])[:40]).first()
    result = search_engine.search(
        query,
        agency=agency,
        category=filters.get("category"),
        year=filters.get("year"),
        validity=filters.get("validity", ""),
        page=form.page_number() if request.GET else 1,
    )
    ctx = column_context(
        request,
        agency,
        hide_search=True,
        form=form,
        result=result,
        query=query[:200],
        filters={k: getattr(v, "pk", v) for k, v in filters.items()},
    )
    return render(request, "catalog/column/search.html", ctx)


@require_http_methods(["GET", "POST"])
def text_size(request):
    """适老化 large-text mode: a cookie set by a form button, no JavaScript needed."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    if request.method == "POST":
        response = HttpResponseRedirect(back or reverse("column:platform"))
        if request.POST.get("size") == "large":
            response.set_cookie(
                TEXT_SIZE_COOKIE, "large", max_age=TEXT_SIZE_MAX_AGE, samesite="Lax", httponly=True
            )
        else:
            response.delete_cookie(TEXT_SIZE_COOKIE, samesite="Lax")
        return response
    return render(
        request,
        "catalog/column/text_size.html",
        column_context(request, next=back, title=_("字号")),
    )

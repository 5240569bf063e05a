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
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency

from . import pagecache
from . import search as search_engine
from .forms import ListFilterForm, SearchForm, year_choices
from .guide import guide_for
from .links import application_links
from .models import ART20_ITEMS, Attachment, CatalogItem, Category, Regulation, Status, Validity

PER_PAGE = 20
TEXT_SIZE_COOKIE = "gk_text"
TEXT_SIZE_MAX_AGE = 365 * 24 * 3600


def column_context(request, agency=None, **extra) -> dict:
    """What every column page needs: the body, the large-text mode, the application links."""
    return {
        "agency": agency,
        "large_text": is_large_text(request),
        "application_links": application_links(agency),
        # Set on a static export's requests (gongkai.staticsite): its links and options.
        "column_linker": getattr(request, "column_linker", None),
        "column_static": getattr(request, "column_static", None),
        **extra,
    }


def is_large_text(request) -> bool:
    return request.COOKIES.get(TEXT_SIZE_COOKIE) == "large"


def page(request, template: str, title: str, build, agency=None):
    """A column page: the cached column HTML (``pagecache``) inside the site frame."""
    export_frame = getattr(request, "column_frame", None)  # a static export's own frame
    if export_frame:
        html = render_to_string(template, build(), request)  # never cached: its links differ
    else:
        html = pagecache.cached_html(
            request, template, build, "L" if is_large_text(request) else "N"
        )
    ctx = {"column_html": html, "page_title": title, "agency": agency}
    return render(request, export_frame or "catalog/column/_frame.html", ctx)


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
    def build():
        bodies = Agency.objects.by_hierarchy()
        return column_context(request, bodies=bodies, latest=list(public_items()[:10]))

    return page(request, "catalog/column/platform.html", _("政府信息公开"), build)


def platform_items(request):
    return _item_list(request, None)


def platform_reports(request):
    def build():
        reports = public_items().annual_reports().prefetch_related("attachments")
        return column_context(request, reports=list(reports[:200]))

    return page(request, "catalog/column/reports.html", _("政府信息公开工作年度报告"), build)


# -- a body's column ----------------------------------------------------------------------------


def body(request, slug):
    agency = _public_agency(slug)

    def build():
        latest = list(public_items(agency)[:8])
        return column_context(request, agency, latest=latest, guide=guide_for(agency))

    return page(request, "catalog/column/body.html", _("政府信息公开"), build, agency)


def guide(request, slug):
    agency = _public_agency(slug)

    def build():
        return column_context(request, agency, guide=guide_for(agency), entry="guide")

    return page(request, "catalog/column/guide.html", _("政府信息公开指南"), build, agency)


def rules(request, slug):
    agency = _public_agency(slug)

    def build():
        regulations = Regulation.objects.filter(agency=agency).select_related("item")
        return column_context(request, agency, regulations=regulations, entry="rules")

    return page(request, "catalog/column/rules.html", _("政府信息公开制度"), build, agency)


def items(request, slug):
    return _item_list(request, _public_agency(slug))


def _item_list(request, agency):
    def build():
        form = ListFilterForm(request.GET or None)
        filters = form.filters() if request.GET else {}
        number = form.page_number() if request.GET else 1
        rows, has_next = page_of(filtered(public_items(agency), filters), number)
        return column_context(
            request,
            agency,
            entry="items",
            form=form,
            options=filter_options(),
            items=rows,
            page=number,
            has_next=has_next,
            filters={k: getattr(v, "pk", v) for k, v in filters.items()},
            top_categories=[c for c in Category.objects.all() if c.parent_id is None],
        )

    return page(request, "catalog/column/items.html", _("法定主动公开内容"), build, agency)


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

    def build():
        return item_context(request, agency, found)

    return page(request, "catalog/column/item.html", found.title, build, agency)


def item_context(request, agency, found) -> dict:
    """The item page's context; the static export (gongkai.staticsite) renders many items
    through it with their attachments and events prefetched."""
    return column_context(
        request,
        agency,
        entry="items",
        item=found,
        attachments=found.attachments.all() if found.is_public else [],
        history=[e for e in found.events.all() if e.is_public],
    )


def filter_options() -> dict:
    """Choices of the filter selects, rendered by a plain loop (Django's widget templates
    cost more than the rest of the page)."""
    categories = Category.objects.select_related("parent").order_by("parent__position", "position")
    return {
        "category": [("", _("全部分类"))] + [(c.pk, str(c)) for c in categories],
        "art20": [("", _("全部事项"))] + [(k, str(v)) for k, v in sorted(ART20_ITEMS.items())],
        "year": year_choices(),
        "validity": [("", _("全部"))] + list(Validity.choices),
    }


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

    def build():
        # The annual reports published as catalog items. Reports computed by the platform are
        # listed here too once the reports app publishes them (``published_reports`` hook).
        found = public_items(agency).annual_reports().prefetch_related("attachments")
        return column_context(
            request,
            agency,
            entry="reports",
            reports=list(found[:100]),
            generated=published_reports(agency),
        )

    return page(
        request, "catalog/column/reports.html", _("政府信息公开工作年度报告"), build, agency
    )


def published_reports(agency) -> list:
    """Hook for the annual reports the platform generates (another app): a list of objects
    with ``year``, ``title`` and ``url``. None yet."""
    return []


# -- search and large text ----------------------------------------------------------------------


def search(request):
    agency = None
    if request.GET.get("body"):
        agency = Agency.objects.filter(slug=str(request.GET["body"])[:40]).first()

    def build():
        form = SearchForm(request.GET or None)
        query = form.query()
        filters = form.filters() if request.GET else {}
        result = search_engine.search(
            query,
            agency=agency,
            category=filters.get("category"),
            year=filters.get("year"),
            validity=filters.get("validity", ""),
            page=form.page_number() if request.GET else 1,
        )
        return column_context(
            request,
            agency,
            hide_search=True,
            form=form,
            options=filter_options(),
            result=result,
            query=query[:200],
            filters={k: getattr(v, "pk", v) for k, v in filters.items()},
        )

    return page(request, "catalog/column/search.html", _("搜索"), build, agency)


def text_size(request):
    """适老化 large-text mode: a cookie set by a plain link (GET), no JavaScript needed.

    Without ``size`` the page offers the two sizes; with it the cookie is set or cleared and
    the reader goes back to ``next`` (a path on this site only). A display preference only, so
    a GET that sets it is harmless (no CSRF token, which keeps column pages cacheable).
    """
    back = request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = ""
    size = request.GET.get("size")
    if size in ("large", "normal"):
        response = HttpResponseRedirect(back or reverse("column:platform"))
        if size == "large":
            response.set_cookie(
                TEXT_SIZE_COOKIE, "large", max_age=TEXT_SIZE_MAX_AGE, samesite="Lax", httponly=True
            )
        else:
            response.delete_cookie(TEXT_SIZE_COOKIE, samesite="Lax")
        return response
    ctx = column_context(request, next=back)
    return render(
        request,
        "catalog/column/_frame.html",
        {
            "column_html": render_to_string("catalog/column/text_size.html", ctx, request),
            "page_title": _("字号"),
        },
    )

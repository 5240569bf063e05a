"""The public 政府信息公开 column, per body and for the platform (no login).

Four entries per body (国办公开办函〔2019〕61号; practice §2.2): 政府信息公开指南, 政府信息公开制度,
法定主动公开内容, 政府信息公开工作年度报告. Only public items (published, 主动公开) are shown;
a withdrawn item keeps its page with the withdrawal note. Lists page by seek cursors
(``seek_page``: the rows after or before the (发布日期, id) of the page's edge, read from the
indexes ``item_agency_list`` / ``item_list`` in their order) and "more" links (one row beyond
the page), never by OFFSET or a total count, which would cost a scan of the whole catalog on a
large platform.
"""

from __future__ import annotations

import functools
import re

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


SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")


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


def cached(view):
    """A column view whose whole response comes from the page cache for anonymous visitors
    (``pagecache.cached_page``): a hit costs no query, not even the body's lookup."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not pagecache.cacheable(request):
            return view(request, *args, **kwargs)
        size = "L" if is_large_text(request) else "N"
        return pagecache.cached_page(request, lambda: view(request, *args, **kwargs), size)

    return wrapper


def page(request, template: str, title: str, build, agency=None):
    """A column page: the column HTML inside the site frame. Under ``cached`` (anonymous
    visitors) it is rendered whole, with the CSRF mark that the cache fills per visitor;
    otherwise the column HTML comes from the cache and the frame is rendered for this user."""
    export_frame = getattr(request, "column_frame", None)  # a static export's own frame
    ctx = {"page_title": title, "agency": agency}
    if export_frame:
        ctx["column_html"] = render_to_string(template, build(), request)  # links differ
        return render(request, export_frame, ctx)
    if getattr(request, "column_csrf_mark", False):
        ctx["column_html"] = render_to_string(template, build(), request)
        ctx["csrf_token"] = pagecache.CSRF_MARK
    else:
        size = "L" if is_large_text(request) else "N"
        ctx["column_html"] = pagecache.cached_html(request, template, build, size)
    return render(request, "catalog/column/_frame.html", ctx)


def public_items(agency=None):
    items = (
        CatalogItem.objects.published()
        .select_related("agency", "category__parent")
        .defer("body", "withheld_reason", "secrecy_review_note")
    )
    return items.filter(agency=agency) if agency is not None else items


def page_of(queryset, page: int, per_page: int = PER_PAGE) -> tuple[list, bool]:
    """One page of ``queryset`` and whether there is another (one extra row, no count)."""
    start = (page - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return rows[:per_page], len(rows) > per_page


def cursor_of(item) -> str:
    """The seek cursor of a list row: its 发布日期 and id (the list's order, -published_on, -id)."""
    return f"{item.published_on.isoformat()}.{item.pk}"


def seek_page(queryset, cursor: tuple[str, str] | None, per_page: int = PER_PAGE):
    """One page of ``queryset`` (ordered -published_on, -id) at a seek cursor.

    ``cursor`` is ("after", c): the rows following row c; ("before", c): the rows preceding
    it; None: the first page. Returns (rows, has_prev, has_next). The database walks the
    index from the cursor and stops after per_page + 1 rows, so page 500 costs what page 1
    does (OFFSET would read and drop every earlier row).
    """
    if cursor is None:
        rows = list(queryset.order_by("-published_on", "-pk")[: per_page + 1])
        return rows[:per_page], False, len(rows) > per_page
    direction, value = cursor
    day, pk = value.split(".")
    if direction == "after":
        rows = list(
            queryset.filter(Q(published_on__lt=day) | Q(published_on=day, pk__lt=int(pk))).order_by(
                "-published_on", "-pk"
            )[: per_page + 1]
        )
        return rows[:per_page], True, len(rows) > per_page
    rows = list(
        queryset.filter(Q(published_on__gt=day) | Q(published_on=day, pk__gt=int(pk))).order_by(
            "published_on", "pk"
        )[: per_page + 1]
    )
    has_prev = len(rows) > per_page
    return list(reversed(rows[:per_page])), has_prev, True


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


@cached
def platform(request):
    def build():
        bodies = Agency.objects.by_hierarchy()
        return column_context(request, bodies=bodies, latest=list(public_items()[:10]))

    return page(request, "catalog/column/platform.html", _("政府信息公开"), build)


@cached
def platform_items(request):
    return _item_list(request, None)


@cached
def platform_reports(request):
    def build():
        reports = public_items().annual_reports().prefetch_related("attachments")
        return column_context(request, reports=list(reports[:200]))

    return page(request, "catalog/column/reports.html", _("政府信息公开工作年度报告"), build)


# -- a body's column ----------------------------------------------------------------------------


@cached
def body(request, slug):
    agency = _public_agency(slug)

    def build():
        latest = list(public_items(agency)[:8])
        return column_context(request, agency, latest=latest, guide=guide_for(agency))

    return page(request, "catalog/column/body.html", _("政府信息公开"), build, agency)


@cached
def guide(request, slug):
    agency = _public_agency(slug)

    def build():
        return column_context(request, agency, guide=guide_for(agency), entry="guide")

    return page(request, "catalog/column/guide.html", _("政府信息公开指南"), build, agency)


@cached
def rules(request, slug):
    agency = _public_agency(slug)

    def build():
        regulations = Regulation.objects.filter(agency=agency).select_related("item")
        return column_context(request, agency, regulations=regulations, entry="rules")

    return page(request, "catalog/column/rules.html", _("政府信息公开制度"), build, agency)


@cached
def items(request, slug):
    return _item_list(request, _public_agency(slug))


def _item_list(request, agency):
    def build():
        form = ListFilterForm(request.GET or None)
        filters = form.filters() if request.GET else {}
        number = form.page_number() if request.GET else 1
        cursor = form.cursor() if request.GET else None
        items = filtered(public_items(agency), filters)
        if cursor is None and number > 1:  # an old ?page=N link: offset, bounded by the form
            rows, has_next = page_of(items, number)
            has_prev = True
        else:
            rows, has_prev, has_next = seek_page(items, cursor)
            number = number if cursor else 1
        return column_context(
            request,
            agency,
            entry="items",
            form=form,
            options=pagecache.memo(request, "filter-options", filter_options),
            items=rows,
            page=number,
            has_prev=has_prev and number > 1,
            has_next=has_next,
            prev_cursor=cursor_of(rows[0]) if rows else "",
            next_cursor=cursor_of(rows[-1]) if rows else "",
            filters={k: getattr(v, "pk", v) for k, v in filters.items()},
            top_categories=pagecache.memo(request, "top-categories", top_categories),
        )

    return page(request, "catalog/column/items.html", _("法定主动公开内容"), build, agency)


@cached
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


def top_categories() -> list:
    return [c for c in Category.objects.filter(parent=None)]


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


@cached
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
    with ``year``, ``title`` and ``url``, from gongkai.reports."""
    from gongkai.reports.views_public import published_reports as from_reports

    return from_reports(agency)


# -- search and large text ----------------------------------------------------------------------


@cached
def search(request):
    agency = None
    if request.GET.get("body"):
        # A slug is letters, digits and hyphens: anything else (a NUL, which PostgreSQL text
        # cannot hold) names no body, without asking the database.
        slug = str(request.GET["body"])[:40]
        agency = Agency.objects.filter(slug=slug).first() if SLUG_RE.fullmatch(slug) else None

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
            options=pagecache.memo(request, "filter-options", filter_options),
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

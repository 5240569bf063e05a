"""Static export of a body's public column (docs/static-export.md).

The pages are the served column's own (``catalog.views_public``), rendered by calling its views
with requests that carry a linker (relative file paths instead of URLs), a static frame
(``staticsite/base.html``) and ``column_static`` (which hides the parts that need a server).
So the export can never drift from the served column. Search is client-side: a prebuilt index
of the catalog's own pre-segmented terms (``catalog.SearchEntry.terms``, the same segmentation
as the server's search), written as a ``.js`` file that assigns a variable, because browsers
refuse fetch() from file://.

Re-running is incremental: every file written is recorded in ``.gongkai-export.json`` with its
SHA-256 and a source key (what the page was made from); a page whose key has not changed is not
even rendered, a file whose bytes are unchanged is not rewritten, and files of the previous run
that are no longer produced are deleted. Nothing outside the manifest is ever deleted.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext as _

from gongkai.catalog import views_public
from gongkai.catalog.links import column_url
from gongkai.catalog.models import (
    Attachment,
    CatalogItem,
    Category,
    Disclosure,
    SearchEntry,
    Status,
)

MANIFEST = ".gongkai-export.json"
FRAME = "staticsite/base.html"
FORMAT_VERSION = "1"  # bump when the page layout changes: every page is then re-rendered
PER_PAGE = views_public.PER_PAGE
STATIC_FILES = ("css/site.css", "js/column-search.js")
SNIPPET_CHARS = 80


class ExportRefused(Exception):
    pass


@dataclass
class ExportResult:
    written: int = 0
    unchanged: int = 0
    deleted: int = 0
    pages: int = 0
    files: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"写入 {self.written} 个文件，未变 {self.unchanged} 个，删除 {self.deleted} 个"


# -- where each page lives ----------------------------------------------------------------------


def list_path(category: int | None = None, page: int = 1) -> str:
    parts = ["items"]
    if category:
        parts.append(f"c{category}")
    if page > 1:
        parts.append(f"p{page}")
    return "/".join(parts) + "/index.html"


def target_path(name: str, path: dict, query: dict, attachments: dict) -> str | None:
    """The exported file for a column link, or None when the page is not exported."""
    if name == "body":
        return "index.html"
    if name in ("guide", "rules", "reports"):
        return f"{name}/index.html"
    if name == "items":
        return list_path(query.get("category"), int(query.get("page") or 1))
    if name == "item":
        return f"items/{path['item_pk']}/index.html"
    if name == "attachment":
        return attachments.get(int(path["attachment_pk"]))
    if name == "search":
        return "search/index.html"
    return None


def make_linker(current: str, agency, attachments: dict):
    """A ``column_linker`` for the page at ``current``: relative paths to exported pages, the
    live platform's absolute URL for pages that are not exported (platform-wide pages, feeds)."""
    here = posixpath.dirname(current)

    def linker(name, path, query):
        if path.get("slug", agency.slug) == agency.slug:
            target = target_path(name, path, query, attachments)
            if target is not None:
                return posixpath.relpath(target, here or ".")
        return settings.GONGKAI_SITE_URL + column_url(name, **path, **query)

    return linker


# -- rendering ----------------------------------------------------------------------------------


class Renderer:
    """Calls the served column's views with static-export requests."""

    def __init__(self, agency, attachments: dict):
        self.agency = agency
        self.attachments = attachments  # attachment pk -> exported file path
        self.factory = RequestFactory()
        self.online = settings.GONGKAI_SITE_URL + column_url("body", slug=agency.slug)

    def request(self, current: str, query: dict | None = None):
        request = self.factory.get("/", query or {})
        request.user = AnonymousUser()
        request.column_linker = make_linker(current, self.agency, self.attachments)
        request.column_frame = FRAME
        request.column_static = {
            "root": posixpath.relpath(".", posixpath.dirname(current) or ".") + "/",
            "online": self.online,
            "search": posixpath.relpath("search/index.html", posixpath.dirname(current) or "."),
        }
        return request

    def view(self, current: str, view, query=None, **kwargs) -> bytes:
        response = view(self.request(current, query), slug=self.agency.slug, **kwargs)
        return response.content

    def framed(self, request, template: str, ctx: dict, title: str) -> bytes:
        html = render_to_string(template, ctx, request=request)
        frame = {"column_html": html, "page_title": title, "agency": self.agency}
        return render_to_string(FRAME, frame, request=request).encode()

    def item_page(self, current: str, item) -> bytes:
        request = self.request(current)
        ctx = views_public.item_context(request, self.agency, item)
        return self.framed(request, "catalog/column/item.html", ctx, item.title)

    def search_page(self) -> bytes:
        request = self.request("search/index.html")
        ctx = views_public.column_context(request, self.agency, entry="search")
        return self.framed(request, "staticsite/search.html", ctx, _("搜索"))


# -- the search index ---------------------------------------------------------------------------


def search_index(agency) -> bytes:
    """``window.GONGKAI_SEARCH = {docs, terms}``: docs are [path, title, date, snippet]; terms
    map each pre-segmented token to the doc numbers that contain it (base-36, comma-joined)."""
    docs, postings = [], {}
    entries = (
        SearchEntry.objects.filter(agency=agency)
        .select_related("item")
        .order_by("-published_on", "-item_id")
    )
    for number, entry in enumerate(entries.iterator(chunk_size=2000)):
        item = entry.item
        docs.append(
            [
                f"items/{item.pk}/index.html",
                item.title,
                item.published_on.isoformat() if item.published_on else "",
                (item.summary or item.doc_no or "")[:SNIPPET_CHARS],
            ]
        )
        for token in set(entry.terms.split()):
            postings.setdefault(token, []).append(number)
    terms = {t: ",".join(_b36(n) for n in ids) for t, ids in sorted(postings.items())}
    data = json.dumps({"docs": docs, "terms": terms}, ensure_ascii=False, separators=(",", ":"))
    return ("window.GONGKAI_SEARCH=" + data + ";\n").encode()


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


# -- the export ---------------------------------------------------------------------------------


def _key(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _page_plan(agency, renderer, is_current):
    """Yield (path, source key, produce) for every page of the column."""
    items = views_public.public_items(agency)
    # What every page shows of the body itself (its name in the frame, the date line).
    body_key = _key(
        FORMAT_VERSION,
        [getattr(agency, f) for f in ("name", "slug", *agency.GUIDE_FIELDS)],
    )
    v = views_public
    yield "index.html", None, lambda: renderer.view("index.html", v.body)
    yield "guide/index.html", None, lambda: renderer.view("guide/index.html", v.guide)
    yield "rules/index.html", None, lambda: renderer.view("rules/index.html", v.rules)
    yield "reports/index.html", None, lambda: renderer.view("reports/index.html", v.reports)
    yield "search/index.html", body_key, renderer.search_page

    # List pages: all items, then each top category; a page's key is what it shows.
    rows = list(items.values_list("pk", "updated_at", "category__pk", "category__parent__pk"))
    groups = {None: [r[:2] for r in rows]}
    for category in Category.objects.filter(parent=None).values_list("pk", flat=True):
        groups[category] = [r[:2] for r in rows if category in (r[2], r[3])]
    for category, members in groups.items():
        pages = max(1, -(-len(members) // PER_PAGE))
        for page in range(1, pages + 1):
            shown = members[(page - 1) * PER_PAGE : page * PER_PAGE]
            path = list_path(category, page)
            query = {"page": page} | ({"category": category} if category else {})
            key = _key(FORMAT_VERSION, body_key, shown, page < pages)
            yield path, key, (lambda p=path, q=query: renderer.view(p, v.items, q))

    # Item pages: the public ones and the withdrawn ones, which keep their page with the
    # withdrawal note as on the served column.
    updated = dict(
        CatalogItem.objects.filter(
            agency=agency,
            status__in=(Status.PUBLISHED, Status.WITHDRAWN),
            disclosure=Disclosure.PROACTIVE,
        ).values_list("pk", "updated_at")
    )
    files = {}
    for a in Attachment.objects.filter(item__in=items).values_list(
        "pk", "item_id", "sha256", "kind"
    ):
        files.setdefault(a[1], []).append(a)
    keys = {pk: _key(FORMAT_VERSION, body_key, ts, files.get(pk, [])) for pk, ts in updated.items()}
    stale = [pk for pk in keys if not is_current(f"items/{pk}/index.html", keys[pk])]
    # Only the pages whose source changed are rendered, in batches with their attachments and
    # events prefetched (one query per batch instead of four per page).
    pages = {}
    for start in range(0, len(stale), 500):
        batch = (
            CatalogItem.objects.filter(pk__in=stale[start : start + 500])
            .select_related("agency", "category__parent")
            .prefetch_related("attachments", "events")
        )
        for item in batch:
            pages[item.pk] = item
    for pk, key in keys.items():
        path = f"items/{pk}/index.html"
        yield path, key, (lambda p=path, pk=pk: renderer.item_page(p, pages.pop(pk)))


def export_site(agency, out: str | Path) -> ExportResult:
    """Write ``agency``'s column into ``out`` (created if missing); incremental (see above)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportRefused(f"输出路径不是目录：{out}")
    manifest_path = out / MANIFEST
    if out.exists() and any(out.iterdir()) and not manifest_path.exists():
        raise ExportRefused(f"目录 {out} 不是空目录，也不是以前的导出目录；请指定空目录")
    old = {}
    if manifest_path.exists():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError):
            old = {}
    out.mkdir(parents=True, exist_ok=True)
    result, new = ExportResult(), {}

    def put(path: str, key: str | None, produce) -> None:
        previous = old.get(path)
        target = out / path
        if key and previous and previous.get("key") == key and target.exists():
            new[path] = previous
            result.unchanged += 1
            return
        data = produce()
        digest = hashlib.sha256(data).hexdigest()
        new[path] = {"sha256": digest, "key": key}
        if previous and previous.get("sha256") == digest and target.exists():
            result.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        result.written += 1

    items = views_public.public_items(agency)
    attachments = list(Attachment.objects.filter(item__in=items))
    attachment_paths = {a.pk: f"items/{a.item_id}/files/{a.pk}{a.suffix}" for a in attachments}
    renderer = Renderer(agency, attachment_paths)
    with translation.override(settings.LANGUAGE_CODE):
        for name in STATIC_FILES:
            source = finders.find(name)
            put(f"static/{name}", None, lambda s=source: Path(s).read_bytes())

        def is_current(path, key):
            previous = old.get(path)
            return bool(previous and previous.get("key") == key and (out / path).exists())

        for path, key, produce in _page_plan(agency, renderer, is_current):
            result.pages += 1
            put(path, key, produce)
        for a in attachments:
            put(attachment_paths[a.pk], a.sha256, lambda a=a: _read(a))
        put(
            "search-index.js",
            _key(FORMAT_VERSION, sorted(new.items())),
            lambda: search_index(agency),
        )
    for path in sorted(set(old) - set(new)):
        target = out / path
        if target.is_file():
            target.unlink()
            result.deleted += 1
    manifest = {"format": FORMAT_VERSION, "body": agency.slug, "files": new}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=0), encoding="utf-8")
    result.files = sorted(new)
    return result


def _read(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()

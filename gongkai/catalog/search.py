"""Chinese full-text search over public items, one function for PostgreSQL and SQLite.

1. Indexing (``index_item``): a public item gets one ``SearchEntry`` row whose ``terms`` are
   the segmented title (twice, so the title weighs more), 文号, 主题词, summary, body and
   attachment text (``segment.terms``). PostgreSQL keeps ``tsv`` = to_tsvector('simple',
   terms) in a generated column with a GIN index; SQLite mirrors ``terms`` into the FTS5 table
   ``catalog_fts``. Called inside the transaction of every publish, correction and withdrawal
   (``workflow.py``): the index never lags and there is no signal.
2. Querying (``search``): the query is normalised and segmented (``segment.query_tokens``:
   bounded, word characters only), so user input never reaches either engine's syntax. Each
   query word matches either itself or all the shorter words the segmenter finds inside it
   (the index holds both, ``cut_for_search``); all query words must match.
3. Ranking: ts_rank on PostgreSQL, bm25 on SQLite, then newest first. A query matching at
   least ``RANK_CAP`` items (a word found in a tenth of a large catalog) is not ranked: it is
   answered newest first from the ``published_on`` index and its total shown as "N 条以上", so
   its cost does not grow with the catalog.
4. Highlighting is done in Python on the escaped text, the same on both databases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import segment
from .models import CatalogItem, SearchEntry

# Matches beyond this are not ranked (newest first instead) nor counted exactly.
RANK_CAP = 2000
MAX_ATTACHMENT_CHARS = 200_000
MAX_PAGE = 50  # deeper pages are refused: nobody reads result 1,000 of a search


@dataclass
class Hit:
    item: CatalogItem
    title: SafeString
    snippet: SafeString


@dataclass
class SearchResult:
    query: str
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    capped: bool = False  # at least RANK_CAP matches: not ranked, total not exact
    page: int = 1
    per_page: int = 20

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))

    @property
    def ranked(self) -> bool:
        return not self.capped


# -- 1. indexing --------------------------------------------------------------------------------


def item_terms(item: CatalogItem) -> str:
    texts = [item.title, item.title, item.doc_no, item.keywords, item.summary, item.body]
    texts += [a.text[:MAX_ATTACHMENT_CHARS] for a in item.attachments.all()]
    return segment.terms(*texts)


def index_item(item: CatalogItem) -> None:
    """Put a public item into the index, or take a non-public one out."""
    if not item.is_public:
        unindex_item(item.pk)
        return
    category = item.category
    entry = SearchEntry(
        item=item,
        agency_id=item.agency_id,
        category=category,
        top_category=category.top if category else None,
        year=item.published_on.year if item.published_on else None,
        validity=item.validity,
        published_on=item.published_on,
        terms=item_terms(item),
    )
    entry.save()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_fts WHERE rowid = %s", [item.pk])
            cursor.execute(
                "INSERT INTO catalog_fts (rowid, terms) VALUES (%s, %s)", [item.pk, entry.terms]
            )


def unindex_item(pk: int) -> None:
    SearchEntry.objects.filter(pk=pk).delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_fts WHERE rowid = %s", [pk])


def rebuild_index(items=None) -> int:
    """Re-index every item (or the given ones); returns how many are public. Idempotent."""
    count = 0
    items = items if items is not None else CatalogItem.objects.all()
    for item in items.select_related("category__parent").prefetch_related("attachments"):
        index_item(item)
        count += item.is_public
    return count


# -- 2. querying --------------------------------------------------------------------------------


def _alternatives(word: str) -> list[str]:
    """The shorter words inside ``word`` that the index also holds (empty for short words)."""
    inner = [w for w in segment.tokens(word) if w != word]
    return inner if len(word) > 2 else []


def match_expression(words: list[str]) -> str:
    """The engine's query: every word, or all its inner words (tokens are \\w only)."""
    vendor = connection.vendor
    quote, both, either = ("'", " & ", " | ") if vendor == "postgresql" else ('"', " AND ", " OR ")
    parts = []
    for word in words:
        inner = _alternatives(word)
        term = f"{quote}{word}{quote}"
        if inner:
            term = f"({term}{either}({both.join(quote + w + quote for w in inner)}))"
        parts.append(term)
    return both.join(parts)


def _filters(agency=None, category=None, year=None, validity=None) -> tuple[str, list]:
    sql, params = [], []
    if agency is not None:
        sql.append("e.agency_id = %s")
        params.append(agency.pk if hasattr(agency, "pk") else int(agency))
    if category is not None:
        column = "e.category_id" if category.parent_id else "e.top_category_id"
        sql.append(f"{column} = %s")
        params.append(category.pk)
    if year:
        sql.append("e.year = %s")
        params.append(int(year))
    if validity:
        sql.append("e.validity = %s")
        params.append(validity)
    return "".join(f" AND {s}" for s in sql), params


def search(
    query: str,
    *,
    agency=None,
    category=None,
    year: int | None = None,
    validity: str = "",
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    """Public items matching ``query``, best first, with highlighted title and snippet."""
    words = segment.query_tokens(query or "")
    page = max(1, min(int(page or 1), MAX_PAGE))
    result = SearchResult(query=query or "", words=words, page=page, per_page=per_page)
    if not words:
        return result
    expression = match_expression(words)
    where, params = _filters(agency, category, year, validity)
    if connection.vendor == "postgresql":
        base = "FROM catalog_searchentry e, to_tsquery('simple', %s) q WHERE e.tsv @@ q" + where
        rank, rank_order = "ts_rank(e.tsv, q)", " DESC"
    else:
        # CROSS JOIN fixes the order in SQLite: the FTS index yields the matches and the filters
        # are checked after. With a body filter the planner would otherwise walk the body's
        # entries and run one FTS lookup per entry (61 ms instead of 32 ms on 100,000 items).
        base = (
            "FROM catalog_fts CROSS JOIN catalog_searchentry e ON e.item_id = catalog_fts.rowid "
            "WHERE catalog_fts MATCH %s" + where
        )
        rank, rank_order = "bm25(catalog_fts)", ""  # bm25: lower is better
    params = [expression, *params]
    offset = (page - 1) * per_page
    with connection.cursor() as cursor:
        # 1. One query: a bounded candidate set (at most RANK_CAP matches, which the engine's
        # index yields without ranking), ranked, counted by a window over the same set, and
        # cut to the page. The count comes with every row; a page past the end has no row.
        cursor.execute(
            f"SELECT item_id, count(*) OVER () FROM (SELECT e.item_id, e.published_on, "  # noqa: S608
            f"{rank} AS r {base} LIMIT {RANK_CAP}) c "
            f"ORDER BY r{rank_order}, published_on DESC, item_id DESC LIMIT %s OFFSET %s",
            [*params, per_page, offset],
        )
        found = cursor.fetchall()
        if found:
            result.total = found[0][1]
        elif offset:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {RANK_CAP}) s", params)  # noqa: S608
            result.total = cursor.fetchone()[0]
        result.capped = result.total >= RANK_CAP
        # 2. Too many to rank (a word in every tenth item): the candidates are an arbitrary
        # RANK_CAP of them, so answer newest first instead, which the published_on index
        # gives without reading every match.
        if result.capped:
            cursor.execute(
                f"SELECT e.item_id {base} ORDER BY e.published_on DESC, e.item_id DESC "  # noqa: S608
                "LIMIT %s OFFSET %s",
                [*params, per_page, offset],
            )
            found = cursor.fetchall()
    pks = [row[0] for row in found]
    items = (
        CatalogItem.objects.select_related("agency", "category__parent")
        .prefetch_related("attachments")
        .in_bulk(pks)
    )
    for pk in pks:
        item = items[pk]
        result.hits.append(
            Hit(item=item, title=highlight(item.title, words), snippet=snippet(item, words))
        )
    return result


# -- 4. highlighting ----------------------------------------------------------------------------


def _pattern(words: list[str]) -> re.Pattern | None:
    pieces = {w for word in words for w in (word, *_alternatives(word)) if w}
    if not pieces:
        return None
    ordered = sorted(pieces, key=len, reverse=True)
    return re.compile("|".join(re.escape(escape(p)) for p in ordered), re.IGNORECASE)


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with every query word wrapped in <mark>."""
    escaped = escape(text)
    pattern = _pattern(words)
    if pattern is None:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))  # noqa: S308


def snippet(item: CatalogItem, words: list[str], width: int = 60) -> SafeString:
    """About 2×``width`` characters around the first match in the summary, body or files."""
    sources = [item.summary, item.body, *(a.text for a in item.attachments.all())]
    lowered_words = [w.lower() for w in words]
    for text in sources:
        if not text:
            continue
        lowered = text.lower()
        positions = [lowered.find(w) for w in lowered_words if lowered.find(w) >= 0]
        if positions:
            start = max(0, min(positions) - width)
            piece = " ".join(text[start : start + 2 * width].split())
            prefix = "…" if start else ""
            suffix = "…" if start + 2 * width < len(text) else ""
            return mark_safe(prefix + highlight(piece, words) + suffix)  # noqa: S308
    return highlight(" ".join(item.summary[: 2 * width].split()), words)

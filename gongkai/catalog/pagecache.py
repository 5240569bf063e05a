"""The rendered public column, cached per page and invalidated by a catalog version.

A column page is the same for every anonymous visitor, so the whole response (the column and
the site frame around it) is kept in the ``column`` cache for ``GONGKAI_COLUMN_CACHE_SECONDS``
(``cached_page``): Redis, one copy for every worker and server, when ``REDIS_URL`` is set; else
per process. The frame's only per-visitor part, the CSRF token of the language form, is
rendered as a marker and filled in per request. Logged-in staff (their name and forms in the
frame) and a request carrying messages get the frame rendered around the cached column HTML
(``cached_html``). The key holds the catalog version, kept in the shared default cache and
replaced after every commit that changes what the column shows (publish, correct, withdraw,
import, the guide, the 制度): every app server then misses at once. Other changes shown on the
column (a body's name or contact data, edited in the agencies app) appear when the entry
expires. Responses carry an ETag (a hash of the page) and Last-Modified (when it was rendered),
so a browser revalidates and gets a 304 without the page being sent or rendered again.
Any cache failure only means the page is rendered afresh.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

log = logging.getLogger(__name__)
VERSION_KEY = "catalog:column-version"
# Stands for the visitor's CSRF token in a cached page; replaced on every response.
CSRF_MARK = "gk-csrf-token-mark"
# Browsers may keep a page but must ask again (If-None-Match → 304) before showing it: it can
# change at any publication. Not "public": the frame holds this visitor's CSRF token.
CACHE_CONTROL = "private, no-cache"


def seconds() -> int:
    return int(getattr(settings, "GONGKAI_COLUMN_CACHE_SECONDS", 60))


def _version_store():
    """Where the version lives: the column cache itself when it is shared (Redis), so that a
    page and the version come in one round trip; else the shared default cache."""
    column = caches["column"]
    return caches["default"] if isinstance(column, LocMemCache) else column


def version() -> str:
    store = _version_store()
    current = store.get(VERSION_KEY)
    if current is None:
        store.add(VERSION_KEY, secrets.token_hex(8), None)
        current = store.get(VERSION_KEY) or "0"
    return current


def changed() -> None:
    """Call inside the transaction that changes public content: bumps after it commits."""

    def bump():
        try:
            _version_store().set(VERSION_KEY, secrets.token_hex(8), None)
        except Exception as exc:  # the cache being down must not undo a publication
            log.warning("column cache version not bumped: %s", exc)

    transaction.on_commit(bump)


def cacheable(request) -> bool:
    """Whether the whole response may come from the cache: an anonymous GET/HEAD without
    messages waiting (the frame shows those and a logged-in user's name and logout form), and
    not a static export's request (its own frame and links)."""
    if seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "column_frame", None):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))  # len() leaves them unread


def cached_page(request, view, *parts):
    """The response of ``view()`` from the cache when fresh: the whole page, for anonymous
    visitors (``cacheable``). The view runs with ``request.column_csrf_mark`` set, so its frame
    holds ``CSRF_MARK`` instead of a token; only 200 responses are kept, as (zlib-compressed
    html, etag, rendered-at): ~20 KB of HTML is ~3 KB in Redis and on the wire to it. A request
    whose If-None-Match (or If-Modified-Since) matches gets a 304."""
    path = hashlib.sha1(request.get_full_path().encode()).hexdigest()  # any length, one key
    key, entry = _lookup(request, ["page", path, *parts])
    if entry is None:
        request.column_csrf_mark = True
        response = view()
        if response.status_code != 200 or response.streaming:
            return response
        etag = '"' + hashlib.sha1(response.content).hexdigest()[:24] + '"'
        entry = (zlib.compress(response.content, 1), etag, int(time.time()))
        _store(key, entry)
    packed, etag, rendered = entry
    response = get_conditional_response(request, etag=etag, last_modified=rendered)
    if response is None:
        html = zlib.decompress(packed).decode()
        if CSRF_MARK in html:
            html = html.replace(CSRF_MARK, get_token(request))
        response = HttpResponse(html)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(rendered)
    response["Cache-Control"] = CACHE_CONTROL
    patch_vary_headers(response, ("Cookie",))  # the text size (and language) cookies
    return response


def cached_html(request, template: str, build, *parts) -> str:
    """The HTML of ``template`` with the context ``build()``, from the cache when fresh (the
    column inside a frame rendered per request, for logged-in staff)."""
    return _through_cache(
        request,
        [request.get_full_path(), *parts],
        lambda: render_to_string(template, build(), request),
    )


def memo(request, name: str, build):
    """``build()`` kept in the column cache under the catalog version and the language, for the
    pieces every list and search page shares (the category tree of the filters): one query
    per cache period instead of two per page. Like the pages, a change made outside the catalog
    workflow shows when the entry expires."""
    return _through_cache(request, ["memo", name], build)


def _lookup(request, parts: list) -> tuple[str | None, object]:
    """(key, cached value or None); the version and the entry in one round trip when both
    are in the column cache. (None, None) when caching is off or the cache is down."""
    if seconds() <= 0:
        return None, None
    try:
        language = getattr(request, "LANGUAGE_CODE", None) or get_language()
        column = caches["column"]
        if _version_store() is column:
            # The entry under the key without version, holding the version it was made under.
            bare = ":".join(["column", language, *parts])
            got = column.get_many([VERSION_KEY, bare])
            current = got.get(VERSION_KEY) or version()
            held = got.get(bare)
            key = f"{current}|{bare}"
            return key, (held[1] if held and held[0] == current else None)
        key = ":".join(["column", version(), language, *parts])
        return key, column.get(key)
    except Exception as exc:
        log.warning("column cache unavailable: %s", exc)
        return None, None


def _store(key: str | None, value) -> None:
    if key is None:
        return
    try:
        if "|" in key and _version_store() is caches["column"]:
            current, bare = key.split("|", 1)
            caches["column"].set(bare, (current, value), seconds())
        else:
            caches["column"].set(key, value, seconds())
    except Exception as exc:
        log.warning("column cache unavailable: %s", exc)


def _through_cache(request, parts: list, produce):
    key, value = _lookup(request, parts)
    if value is None:
        value = produce()
        _store(key, value)
    return value

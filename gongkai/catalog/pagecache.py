"""The rendered public column, cached per page and invalidated by a catalog version.

A column page is the same for every visitor (no login, no CSRF token inside the column), so its
HTML is kept in the process-local ``column`` cache for ``GONGKAI_COLUMN_CACHE_SECONDS``. The key
holds the catalog version, kept in the shared default cache (Redis in production) and replaced
after every commit that changes what the column shows (publish, correct, withdraw, import, the
guide, the 制度): every app server then misses at once. Other changes shown on the column (a
body's name or contact data, edited in the agencies app) appear when the entry expires.
Any cache failure only means the page is rendered afresh.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import get_language

log = logging.getLogger(__name__)
VERSION_KEY = "catalog:column-version"


def seconds() -> int:
    return int(getattr(settings, "GONGKAI_COLUMN_CACHE_SECONDS", 60))


def version() -> str:
    shared = caches["default"]
    current = shared.get(VERSION_KEY)
    if current is None:
        shared.add(VERSION_KEY, secrets.token_hex(8), None)
        current = shared.get(VERSION_KEY) or "0"
    return current


def changed() -> None:
    """Call inside the transaction that changes public content: bumps after it commits."""

    def bump():
        try:
            caches["default"].set(VERSION_KEY, secrets.token_hex(8), None)
        except Exception as exc:  # the cache being down must not undo a publication
            log.warning("column cache version not bumped: %s", exc)

    transaction.on_commit(bump)


def cached_html(request, template: str, build, *parts) -> str:
    """The HTML of ``template`` with the context ``build()``, from the cache when fresh."""
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


def _through_cache(request, parts: list, produce):
    ttl = seconds()
    if ttl <= 0:
        return produce()
    try:
        language = getattr(request, "LANGUAGE_CODE", None) or get_language()
        key = ":".join(["column", version(), language, *parts])
        value = caches["column"].get(key)
    except Exception as exc:
        log.warning("column cache unavailable: %s", exc)
        return produce()
    if value is None:
        value = produce()
        try:
            caches["column"].set(key, value, ttl)
        except Exception as exc:
            log.warning("column cache unavailable: %s", exc)
    return value

"""Links of the public column, built in one place so a static export can switch them.

Templates of the column never call ``{% url %}``: they use ``{% col_url name key=value … %}``
(``templatetags/column.py``), which calls :func:`column_url`. A static export renders the same
templates with ``column_linker`` in the context: a callable ``(name, path_kwargs, query) -> str``
that returns relative file paths instead (docs/catalog.md, "Reusing the column templates").
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlencode

from django.core.signals import setting_changed
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# URL name -> the kwargs that go into its path; any other kwarg becomes the query string.
PATH_KWARGS = {
    "platform": (),
    "platform-items": (),
    "platform-reports": (),
    "search": (),
    "text-size": (),
    "body": ("slug",),
    "guide": ("slug",),
    "rules": ("slug",),
    "items": ("slug",),
    "reports": ("slug",),
    "item": ("slug", "item_pk"),
    "attachment": ("slug", "item_pk", "attachment_pk"),
    "feed-rss": ("slug",),
    "feed-atom": ("slug",),
    "category-feed-rss": ("slug", "category_pk"),
    "category-feed-atom": ("slug", "category_pk"),
}


def split_kwargs(name: str, kwargs: dict) -> tuple[dict, dict]:
    names = PATH_KWARGS[name]
    path = {k: v for k, v in kwargs.items() if k in names}
    query = {k: v for k, v in kwargs.items() if k not in names and v not in (None, "")}
    return path, query


# Markers that the path converters accept and no column prefix contains, to find where each
# path kwarg goes in a URL; values that the converters would refuse go through reverse().
_MARKS = {"slug": "gkmarkslug", "item_pk": "918273645501", "attachment_pk": "918273645502"}
_MARKS["category_pk"] = "918273645503"
_VALID = {"slug": re.compile(r"[-a-zA-Z0-9_]+"), "int": re.compile(r"[0-9]+")}
_patterns: dict[tuple, list[str]] = {}


def _forget_patterns(setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _patterns.clear()
        _application_links.cache_clear()


setting_changed.connect(_forget_patterns)


def _pattern(name: str) -> list[str]:
    """The URL of ``name`` cut at its path kwargs: reversed once per script prefix and name,
    then filled by string joins. A list page links ~70 times (rows, categories, pager): one
    ``reverse()`` each cost about a third of an uncached page's rendering."""
    key = (get_script_prefix(), get_urlconf(), name)
    pieces = _patterns.get(key)
    if pieces is None:
        names = PATH_KWARGS[name]
        url = reverse(f"column:{name}", kwargs={k: _MARKS[k] for k in names})
        pieces = [url]
        for k in names:
            head, tail = pieces[-1].split(_MARKS[k])
            pieces[-1:] = [head, tail]
        _patterns[key] = pieces
    return pieces


def column_url(name: str, linker=None, **kwargs) -> str:
    """The URL of a column page; ``linker`` (a static export's) overrides the served one."""
    path, query = split_kwargs(name, kwargs)
    if linker is not None:
        return linker(name, path, query)
    pieces = _pattern(name)
    values = [str(path.get(k, "")) for k in PATH_KWARGS[name]]
    if all(
        _VALID["slug" if k == "slug" else "int"].fullmatch(v)
        for k, v in zip(PATH_KWARGS[name], values, strict=True)
    ):
        url = pieces[0] + "".join(v + piece for v, piece in zip(values, pieces[1:], strict=True))
    else:  # what the converters refuse: reverse() raises NoReverseMatch as before
        url = reverse(f"column:{name}", kwargs=path)
    return f"{url}?{urlencode(query)}" if query else url


# The application pages are another app's (``applications``); link to them only if they exist,
# so that the column works on a platform without them.
APPLICATION_URL_NAMES = {
    "apply": ("applications:submit", "applications:apply", "applications:new"),
    "status": ("applications:status", "applications:lookup", "applications:track"),
}


def application_links(agency=None) -> dict[str, str]:
    """{"apply": url, "status": url} for the pages that exist (each tried with the body)."""
    return dict(_application_links(get_script_prefix(), get_urlconf(), agency and agency.slug))


@functools.lru_cache(maxsize=1024)
def _application_links(prefix, urlconf, slug) -> tuple:
    """Memoised: every column page asks, and each miss is a NoReverseMatch raised and caught."""
    links = {}
    for key, names in APPLICATION_URL_NAMES.items():
        for name in names:
            for kwargs in ([{"slug": slug}] if slug else []) + [{}]:
                try:
                    links[key] = reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    continue
                break
            if key in links:
                break
    return tuple(links.items())

"""Links of the public column, built in one place so a static export can switch them.

Templates of the column never call ``{% url %}``: they use ``{% col_url name key=value … %}``
(``templatetags/column.py``), which calls :func:`column_url`. A static export renders the same
templates with ``column_linker`` in the context: a callable ``(name, path_kwargs, query) -> str``
that returns relative file paths instead (docs/catalog.md, "Reusing the column templates").
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

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


def column_url(name: str, linker=None, **kwargs) -> str:
    """The URL of a column page; ``linker`` (a static export's) overrides the served one."""
    path, query = split_kwargs(name, kwargs)
    if linker is not None:
        return linker(name, path, query)
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
    links = {}
    for key, names in APPLICATION_URL_NAMES.items():
        for name in names:
            for kwargs in ([{"slug": agency.slug}] if agency else []) + [{}]:
                try:
                    links[key] = reverse(name, kwargs=kwargs)
                except NoReverseMatch:
                    continue
                break
            if key in links:
                break
    return links

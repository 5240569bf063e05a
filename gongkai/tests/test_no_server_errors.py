"""No 500 on any input: every form field and query parameter of the URLconf gets extreme values.

Nothing is listed by hand, so a new app's pages are covered the day they land:

* pages: every URL of the URLconf (gongkai.test.walk_urls, path kwargs from
  URL_KWARG_FACTORIES), fetched as the logged-in 负责人 of body A (who sees every form of A)
  and anonymously (the login form);
* forms: parsed from the HTML each page renders (method, action, every named field), so a form
  is walked exactly as a browser would submit it;
* query parameters: those of the page's GET forms and of its own links (``?page=2``);
* the JSON API: the parameters and request bodies its generated OpenAPI schema declares.

Each field gets each extreme value alone (the others kept at what the page pre-filled), all
fields get each value at once, and for forms of up to three fields every pair of the values
that interact (PAIR_VALUES) is tried. Requests go as the 负责人 and the 经办人 of body A and anonymously (the pairs as the 负责人,
who reaches every form's validation). Any answer below 500
is fine: 200, a redirect (to the login page, after a good POST) or a 4xx refusal.
"""

from __future__ import annotations

import itertools
import json
import logging
from urllib.parse import quote, urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from gongkai.test import BaseTestCase, build_url_kwargs, walk_urls

# A percent-escape that is not UTF-8 is sent as it is (RAW), never quoted again.
RAW_BAD_UTF8 = "%ff%fe%C0%AF"
EXTREMES = ["9999-12-31", "0", "-1", str(10**12), "x" * 10_000, "\x00", RAW_BAD_UTF8]
# Routes not walked: Django's own admin (its forms are Django's, tested upstream).
SKIPPED_PREFIXES = ("admin/",)
PAIRWISE_MAX_FIELDS = 3
# Pairs combine the values whose interactions break views (a far date with a zero or an
# overflowing count, NUL next to either); each of EXTREMES is still tried alone and all at once.
PAIR_VALUES = ["9999-12-31", "0", str(10**12), "\x00"]


def encode(pairs: list[tuple[str, str]]) -> str:
    return "&".join(
        f"{quote(name)}={value if value == RAW_BAD_UTF8 else quote(value)}" for name, value in pairs
    )


class Form:
    def __init__(self, method: str, action: str, fields: list[str], defaults: dict[str, str]):
        self.method, self.action, self.fields, self.defaults = method, action, fields, defaults

    @property
    def key(self):
        return (self.method, self.action, tuple(self.fields))

    def submissions(self):
        """Yield (description, [(name, value), …], pairwise) for every combination walked."""
        for name, value in itertools.product(self.fields, EXTREMES):
            yield f"{name}={value[:12]!r}", self._with({name: value}), False
        for value in EXTREMES:
            yield f"all={value[:12]!r}", self._with(dict.fromkeys(self.fields, value)), False
        if len(self.fields) <= PAIRWISE_MAX_FIELDS:
            for a, b in itertools.combinations(self.fields, 2):
                for va, vb in itertools.product(PAIR_VALUES, PAIR_VALUES):
                    yield f"{a}={va[:12]!r}&{b}={vb[:12]!r}", self._with({a: va, b: vb}), True

    def _with(self, values: dict[str, str]) -> list[tuple[str, str]]:
        return [(name, values.get(name, self.defaults.get(name, ""))) for name in self.fields]


def forms_of(page_url: str, html: bytes) -> list[Form]:
    """Every form of the page and one GET "form" of the query parameters its links use."""
    if not html.strip():
        return []
    document = lxml.html.fromstring(html)
    found = []
    for form in document.forms:
        fields, defaults = [], {}
        for element in form.xpath(".//input|.//select|.//textarea|.//button"):
            name = element.get("name")
            if not name or name == "csrfmiddlewaretoken" or name in fields:
                continue
            fields.append(name)
            defaults[name] = element.get("value") or (element.text or "").strip()
        # A multipart form (an upload) is submitted urlencoded too: the view must cope.
        action = urljoin(page_url, form.get("action") or page_url)
        found.append(Form((form.get("method") or "get").lower(), action, fields, defaults))
    link_params = []
    for href in document.xpath("//a/@href"):
        parts = urlsplit(urljoin(page_url, href))
        if parts.path == urlsplit(page_url).path and parts.query:
            for pair in parts.query.split("&"):
                name = pair.split("=", 1)[0]
                if name and name not in link_params:
                    link_params.append(name)
    if link_params:
        found.append(Form("get", page_url, link_params, {}))
    return found


class NoServerErrorsTestCase(BaseTestCase):
    maxDiff = None

    def setUp(self):
        super().setUp()
        # 4xx answers are expected by the hundred; 500s are collected below, not logged.
        for name in ("django.request", "django.security"):
            logger = logging.getLogger(name)
            self.addCleanup(logger.setLevel, logger.level)
            logger.setLevel(logging.CRITICAL + 1)
        self.problems: list[str] = []
        self.requests = 0
        self.clients: dict = {}

    def client_for(self, user) -> Client:
        """One client per viewer, logged in again only when a walked form logged it out (the
        logout, a password change): a login per request would cost most of the walk."""
        key = user.pk if user is not None else None
        client = self.clients.get(key)
        if client is None:
            client = self.clients[key] = Client(raise_request_exception=False)
        if user is not None:
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if cookie is None or not cookie.value:
                client.force_login(user)
        return client

    def send(self, user, method: str, url: str, pairs, what: str, *, body_json=None):
        client = self.client_for(user)
        path, _, query = url.partition("?")
        if method == "get":
            query = "&".join(filter(None, [query, encode(pairs)]))
            response = client.get(f"{path}?{query}" if query else path)
        elif body_json is not None:
            response = client.generic(
                method.upper(), url, json.dumps(body_json), "application/json"
            )
        else:
            response = client.generic(
                method.upper(), url, encode(pairs), "application/x-www-form-urlencoded"
            )
        self.note(response, user, method, url, what)
        return response

    def note(self, response, user, method: str, url: str, what: str) -> None:
        self.requests += 1
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            reason = f" ({exc[0].__name__}: {str(exc[1])[:80]})" if exc else ""
            who = user.username if user else "anonymous"
            self.problems.append(
                f"{response.status_code} {method.upper()} {url} {what} as {who}{reason}"
            )

    def pages(self) -> list[str]:
        urls = []
        for route in walk_urls():
            if route.route.startswith(SKIPPED_PREFIXES) or not route.name:
                continue
            kwargs = build_url_kwargs(self, route)
            urls.append(reverse(route.name, kwargs=kwargs))
            # The path's own kwargs, where the converter takes them, get the extremes too.
            for kwarg, value in itertools.product(route.kwargs, EXTREMES):
                try:
                    urls.append(reverse(route.name, kwargs={**kwargs, kwarg: value}))
                except NoReverseMatch:
                    pass
        return urls

    def test_it_answers_every_form_field_and_query_parameter_without_a_500(self):
        seen = set()
        for url in self.pages():
            for viewer in (self.adam, None):
                # One fetch per viewer: its status is checked and its forms are walked as this
                # viewer sees them (the login form only shows to the anonymous).
                response = self.send(viewer, "get", url, [], "page")
                if "html" not in response.get("Content-Type", ""):
                    continue
                for form in forms_of(url, response.content):
                    if form.key in seen:
                        continue
                    seen.add(form.key)
                    for what, pairs, pairwise in form.submissions():
                        # Pairs of values probe the form's own validation, which only the
                        # 负责人 (who passes every permission check) reaches on every form.
                        for user in (self.adam,) if pairwise else (self.adam, self.alice, None):
                            self.send(user, form.method, form.action, pairs, what)
        self.assertEqual(self.problems, [])
        # The walk really walked: the deadline form and the login form are among those seen.
        actions = {urlsplit(action).path for _, action, _ in seen}
        self.assertIn(reverse("agencies:login"), actions)
        self.assertIn(reverse("holidays:deadline", kwargs={"slug": "wuzongxiao"}), actions)
        self.assertGreater(self.requests, 1000)

    def test_it_answers_every_api_parameter_without_a_500(self):
        schema = json.loads(self.client.get(reverse("api:openapi-json")).content)
        prefix = "/api"
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
                body = operation.get("requestBody", {}).get("content", {})
                props = body.get("application/json", {}).get("schema", {}).get("properties", {})
                url = prefix + path.removeprefix(prefix)
                for value in EXTREMES:
                    filled = url
                    for p in operation.get("parameters", []):
                        if p["in"] == "path":
                            filled = filled.replace("{" + p["name"] + "}", quote(value))
                    pairs = [(name, value) for name in names]
                    for user in (self.adam, self.alice, None):
                        if method == "get":
                            self.send(user, "get", filled, pairs, f"all={value[:12]!r}")
                        else:
                            payload = dict.fromkeys(props, value)
                            self.send(user, method, filled, [], "json", body_json=payload)
        self.assertEqual(self.problems, [])
        self.assertGreater(self.requests, 0)

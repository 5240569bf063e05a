"""The access walk: every URL in the URLconf, filled in with body A's objects, is refused to
body B's officer and served to body A's.

It fails when someone adds a staff URL whose view forgets the access helper, when a URL takes a
kwarg nobody knows how to fill (register a factory in gongkai.test.URL_KWARG_FACTORIES), and when
a URL takes no body at all without being listed below with a reason.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from gongkai.agencies.access import get_agency_for_user
from gongkai.test import BaseTestCase, QuietRefusalsMixin, build_url_kwargs, walk_urls

# Route prefixes not walked: Django's admin has its own permission system (is_staff), i18n is
# the language switch, the JSON API's routers answer only public data or authenticate by a
# receipt's query code, each tested in its app's test_api.py.
SKIPPED_PREFIXES = ("admin/", "i18n/", "api/")

# Namespaces whose pages are public by design (no login, no staff data); test_site.py checks
# them (200 and one <h1> for everyone).
PUBLIC_NAMESPACES = {"public", "apply", "column"}

# Named URLs that take no body, each with the reason it is safe.
UNSCOPED_URLS = {
    "agencies:login": "public login form",
    "reports:check": "public report checker: reads uploaded files only, stores nothing",
    "agencies:logout": "ends one's own session",
    "agencies:password-change": "one's own password",
    "agencies:password-change-done": "one's own password",
    "agencies:dashboard": "lists only what agencies_for_user() returns for the user",
}


def check_access(test_case, insider, outsider) -> tuple[list[str], list[str]]:
    """Walk the URLconf; return (problems, names of the scoped URLs checked)."""
    problems: list[str] = []
    checked: list[str] = []
    for route in walk_urls():
        if route.route.startswith(SKIPPED_PREFIXES):
            continue
        if not route.name:
            problems.append(f"{route.route}: unnamed URL pattern; name it so it can be walked")
            continue
        if route.name.split(":")[0] in PUBLIC_NAMESPACES or route.name in UNSCOPED_URLS:
            continue
        if not route.kwargs:
            problems.append(
                f"{route.name}: takes no body in its path; add one or list it in UNSCOPED_URLS"
            )
            continue
        try:
            url = reverse(route.name, kwargs=build_url_kwargs(test_case, route))
        except LookupError as exc:
            problems.append(str(exc))
            continue
        checked.append(route.name)
        client = test_case.client_class()
        client.force_login(insider)
        inside = {method: getattr(client, method)(url).status_code for method in ("get", "post")}
        if inside["get"] == 405:
            if inside["post"] not in (200, 302):
                problems.append(f"{route.name}: POST-only, insider got {inside['post']} on POST")
        elif inside["get"] != 200:
            problems.append(f"{route.name}: insider got {inside['get']} on GET, expected 200")
        client.force_login(outsider)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            # 405 is fine only where the insider gets it too: the method is not served at all.
            if status in (403, 404) or (status == 405 and inside[method] == 405):
                continue
            problems.append(f"{route.name}: outsider got {status} on {method.upper()} {url}")
    return problems, checked


class AccessUrlsTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_every_scoped_url_refuses_another_bodys_officer(self):
        # adam is 负责人 of A, so he may use every page of A (including approve-level ones);
        # bob is 经办人 of B and must be refused everywhere.
        problems, checked = check_access(self, insider=self.adam, outsider=self.bob)
        self.assertEqual(problems, [])
        self.assertIn("agencies:agency-detail", checked)
        self.assertIn("agencies:agency-edit", checked)

    def test_every_scoped_url_refuses_a_user_without_roles(self):
        problems, _ = check_access(self, insider=self.admin, outsider=self.nobody)
        self.assertEqual(problems, [])


# A URLconf with the mistakes the walk must catch.
def leaky_view(request, slug):
    return HttpResponse("secret")  # forgot get_agency_for_user()


def careful_view(request, slug):
    get_agency_for_user(request, slug)
    return HttpResponse("ok")


def unscoped_view(request):
    return HttpResponse("list of everything")


def unknown_kwarg_view(request, ticket_no):
    return HttpResponse("?")


urlpatterns = [
    path("careful/<slug:slug>/", careful_view, name="careful"),
    path("leaky/<slug:slug>/", leaky_view, name="leaky"),
    path("everything/", unscoped_view, name="everything"),
    path("tickets/<int:ticket_no>/", unknown_kwarg_view, name="ticket"),
    path("unnamed/<slug:slug>/", careful_view),
]


@override_settings(ROOT_URLCONF=__name__)
class AccessWalkCatchesMistakesTestCase(QuietRefusalsMixin, BaseTestCase):
    def test_it_reports_each_kind_of_mistake(self):
        problems, checked = check_access(self, insider=self.adam, outsider=self.bob)
        self.assertEqual(checked, ["careful", "leaky"])
        self.assertEqual(
            problems,
            [
                "leaky: outsider got 200 on GET /leaky/wuzongxiao/",
                "leaky: outsider got 200 on POST /leaky/wuzongxiao/",
                "everything: takes no body in its path; add one or list it in UNSCOPED_URLS",
                "ticket (tickets/<int:ticket_no>/): no factory for URL kwarg 'ticket_no'; "
                "register one in gongkai.test.URL_KWARG_FACTORIES",
                "unnamed/<slug:slug>/: unnamed URL pattern; name it so it can be walked",
            ],
        )

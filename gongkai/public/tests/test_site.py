"""Whole-site invariants (house style lesson 14)."""

import logging
import re
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from gongkai.agencies.tests.test_access_urls import PUBLIC_NAMESPACES
from gongkai.test import BaseTestCase, build_url_kwargs, walk_urls

# Pages anyone may open without logging in, beyond the "public" namespace.
NO_LOGIN_URLS = {"agencies:login", "reports:check"}
SKIPPED_PREFIXES = ("admin/", "i18n/")

H1 = re.compile(rb"<h1[\s>]", re.IGNORECASE)


class SiteTestCase(BaseTestCase):
    def h1_count(self, response) -> int:
        return len(H1.findall(response.content))

    def test_every_public_url_renders_with_one_h1(self):
        checked = []
        for route in walk_urls():
            public = route.name.split(":")[0] in PUBLIC_NAMESPACES or route.name in NO_LOGIN_URLS
            if route.route.startswith(SKIPPED_PREFIXES) or not public:
                continue
            url = reverse(route.name, kwargs=build_url_kwargs(self, route))
            response = self.client.get(url)
            with self.subTest(url=url):
                self.assertEqual(response.status_code, 200)
                if "html" in response.get("Content-Type", ""):  # feeds, sitemaps, files: no <h1>
                    self.assertEqual(self.h1_count(response), 1)
            checked.append(route.name)
        self.assertIn("public:home", checked)
        self.assertIn("agencies:login", checked)

    def test_every_staff_page_has_one_h1(self):
        # GET on POST-only views answers 405, which Django logs; expected here.
        logger = logging.getLogger("django.request")
        self.addCleanup(logger.setLevel, logger.level)
        logger.setLevel(logging.ERROR)
        self.client.force_login(self.admin)
        checked = []
        for route in walk_urls():
            if route.route.startswith(SKIPPED_PREFIXES) or not route.name:
                continue
            url = reverse(route.name, kwargs=build_url_kwargs(self, route))
            response = self.client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue  # redirects, POST-only views, downloads
            with self.subTest(url=url):
                self.assertEqual(self.h1_count(response), 1)
            checked.append(route.name)
        self.assertIn("agencies:agency-edit", checked)
        self.assertIn("agencies:dashboard", checked)


class PendingMigrationsTestCase(TestCase):
    def test_no_migrations_are_pending(self):
        out = StringIO()
        try:
            call_command("makemigrations", check=True, dry_run=True, stdout=out, stderr=out)
        except SystemExit:
            self.fail(
                "Models and migrations disagree; run `gongkai makemigrations`:\n" + out.getvalue()
            )

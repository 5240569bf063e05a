"""Content-Security-Policy: our own files only, so no template may carry inline style or script
(docs/security.md). Every template is read, so a new app's templates are covered too."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.template.loaders.app_directories import get_app_template_dirs
from django.test import SimpleTestCase
from django.urls import reverse

from gongkai.browser import BrowserTestCase
from gongkai.test import PASSWORD, BaseTestCase

ROOT = Path(settings.BASE_DIR)
INLINE = {
    "style= attribute": re.compile(r"\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style[\s>]", re.I),
    "<script> with a body": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "on…= handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


# Documents written as files, never served as pages: a downloaded HTML file cannot reach our
# stylesheet, so its style travels inside it (only <style>; no script, no style= attributes).
STANDALONE_DOCUMENTS = {
    "templates/reports/report_document.html": "the annual report's HTML export and PDF source",
    "templates/reports/_bundle_style.html": "the defence bundle's PDFs (WeasyPrint, never served)",
}


def our_templates() -> list[Path]:
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    dirs += [
        Path(d) for d in get_app_template_dirs("templates") if ROOT / "gongkai" in Path(d).parents
    ]
    return sorted({p for d in dirs for p in d.rglob("*.html")})


class TemplatesTestCase(SimpleTestCase):
    def test_no_template_has_inline_style_or_script(self):
        templates = our_templates()
        self.assertIn(ROOT / "templates" / "base.html", templates)
        problems = [
            f"{path.relative_to(ROOT)}: {what}"
            for path in templates
            for what, pattern in INLINE.items()
            if pattern.search(path.read_text(encoding="utf-8"))
            and not (
                what == "<style> element" and str(path.relative_to(ROOT)) in STANDALONE_DOCUMENTS
            )
        ]
        self.assertEqual(problems, [])

    def test_the_patterns_catch_what_they_name(self):
        samples = {
            "style= attribute": '<p style="color:red">',
            "<style> element": "<style>p{}</style>",
            "<script> with a body": "<script>alert(1)</script>",
            "on…= handler attribute": '<button onclick="go()">',
            "javascript: URL": '<a href="javascript:go()">',
        }
        for what, sample in samples.items():
            with self.subTest(what):
                self.assertRegex(sample, INLINE[what])
        self.assertNotRegex(
            '<script src="/static/js/x.js"></script>', INLINE["<script> with a body"]
        )


class HeaderTestCase(BaseTestCase):
    def test_every_page_carries_the_policy(self):
        self.client.force_login(self.alice)
        for url in (reverse("public:home"), reverse("agencies:dashboard"), "/admin/"):
            with self.subTest(url):
                csp = self.client.get(url)["Content-Security-Policy"]
                self.assertIn("default-src 'self'", csp)
                self.assertIn("object-src 'none'", csp)
                self.assertNotIn("unsafe-inline", csp)


class NoViolationsBrowserTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        from gongkai.test import create_cast

        create_cast(self)
        self.violations = []
        self.page.on(
            "console",
            lambda m: self.violations.append(m.text) if "Content Security" in m.text else None,
        )

    def test_login_and_dashboard_render_styled_without_violations(self):
        self.visit(reverse("agencies:login"))
        self.page.fill("#id_username", "alice")
        self.page.fill("#id_password", PASSWORD)
        self.page.click("main button[type=submit]")
        self.page.wait_for_url("**/staff/")
        # The logout button sits in the header as a link-like button (site.css, not style=).
        logout = self.page.locator(".site-header button.link")
        self.assertEqual(
            logout.evaluate("e => getComputedStyle(e).backgroundColor"), "rgba(0, 0, 0, 0)"
        )
        self.assertEqual(logout.evaluate("e => getComputedStyle(e).paddingLeft"), "16px")
        self.assertEqual(self.violations, [])

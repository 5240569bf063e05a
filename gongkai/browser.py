"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.

``make test`` installs the ``chromium`` package (scripts/sysdeps.sh). Where it is missing the
browser tests skip with a message saying so rather than fail on an unrelated machine.
"""

from __future__ import annotations

import os
import shutil
import unittest

from django.contrib.staticfiles.testing import StaticLiveServerTestCase

CHROMIUM = os.getenv("GONGKAI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The network here is closed: background networking only produces refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server plus one headless Chromium page per test (``self.page``)."""

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CHROMIUM):
            raise unittest.SkipTest(
                f"Chromium not installed at {CHROMIUM} (run scripts/sysdeps.sh)"
            )
        # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
        # test itself are still synchronous and safe.
        # Set for the class only: subprocesses started by other tests must not inherit it.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls._playwright = sync_playwright().start()
        cls.browser = cls._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls._playwright.stop()
        super().tearDownClass()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe

    def setUp(self):
        super().setUp()
        self.context = self.browser.new_context(locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)

    def tearDown(self):
        self.context.close()
        super().tearDown()

    def visit(self, path: str):
        return self.page.goto(self.live_server_url + path)


# axe-core (vendor/axe-core, MPL-2.0), injected into a page to check WCAG 2.1 A and AA rules.
AXE_JS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vendor", "axe-core", "axe.min.js"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, tags=WCAG_TAGS) -> list[str]:
    """The axe-core violations of the page as it stands: one "rule: target" line per node.

    The script is evaluated through the DevTools protocol rather than added as a <script>
    element, so a Content-Security-Policy that forbids inline scripts does not block it.
    """
    with open(AXE_JS, encoding="utf-8") as handle:
        page.evaluate(handle.read())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [f"{v['id']}: {n['target'][0]}" for v in result["violations"] for n in v["nodes"]]

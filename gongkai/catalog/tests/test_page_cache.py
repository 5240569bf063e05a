"""The column's whole-page cache: anonymous pages from the cache, publications at once, 304s."""

from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.catalog import pagecache, workflow
from gongkai.catalog.links import PATH_KWARGS, column_url
from gongkai.test import BaseTestCase, QuietRefusalsMixin, make_item


@override_settings(GONGKAI_COLUMN_CACHE_SECONDS=60)
class WholePageCacheTestCase(QuietRefusalsMixin, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.item = make_item(cls.agency_a, publish=True, title="缓存测试的第一条")
        cls.url = f"/xxgk/{cls.agency_a.slug}/items/"

    def setUp(self):
        caches["column"].clear()

    def test_a_second_anonymous_visit_costs_no_query(self):
        first = self.client.get(self.url)
        self.assertContains(first, "缓存测试的第一条")
        with CaptureQueriesContext(connection) as queries:
            second = self.client.get(self.url)
        # Not even the body's lookup; only the version, from the default cache (a table here,
        # Redis in production, where it comes with the page in one round trip).
        tables = [q["sql"] for q in queries if "catalog_" in q["sql"] or "agencies_" in q["sql"]]
        self.assertEqual(tables, [])
        self.assertLessEqual(len(queries), 1)
        self.assertContains(second, "缓存测试的第一条")

    def test_publishing_and_withdrawing_show_at_once(self):
        self.client.get(self.url)
        with self.captureOnCommitCallbacks(execute=True):
            later = make_item(self.agency_a, publish=True, title="缓存之后发布的一条")
        self.assertContains(self.client.get(self.url), "缓存之后发布的一条")
        with self.captureOnCommitCallbacks(execute=True):
            workflow.withdraw_item(later, actor=None, note="内容有误，撤回。")
        self.assertNotContains(self.client.get(self.url), "缓存之后发布的一条")

    def test_the_frame_gets_this_visitors_csrf_token_and_the_language_form_works(self):
        client = Client(enforce_csrf_checks=True)
        client.get(self.url)  # fills the cache
        response = client.get(self.url)  # from the cache
        html = response.content.decode()
        self.assertNotIn(pagecache.CSRF_MARK, html)
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        self.assertEqual(len(token), 64)
        switched = client.post(
            reverse("set_language"),
            {"language": "en", "next": self.url, "csrfmiddlewaretoken": token},
        )
        self.assertEqual(switched.status_code, 302)

    def test_a_revalidating_browser_gets_304(self):
        response = self.client.get(self.url)
        self.assertEqual(response["Cache-Control"], "private, no-cache")
        self.assertIn("Cookie", response["Vary"])
        etag, modified = response["ETag"], response["Last-Modified"]
        self.assertEqual(
            self.client.get(self.url, headers={"if-none-match": etag}).status_code, 304
        )
        self.assertEqual(
            self.client.get(self.url, headers={"if-modified-since": modified}).status_code, 304
        )
        with self.captureOnCommitCallbacks(execute=True):
            make_item(self.agency_a, publish=True, title="又一条")
        fresh = self.client.get(self.url, headers={"if-none-match": etag})
        self.assertEqual(fresh.status_code, 200)  # the page changed: a new ETag
        self.assertNotEqual(fresh["ETag"], etag)

    def test_logged_in_staff_get_their_own_frame(self):
        self.client.get(self.url)  # an anonymous page in the cache
        self.client.force_login(self.alice)
        html = self.client.get(self.url).content.decode()
        self.assertIn("退出", html)  # the logout form, never served to anonymous visitors
        self.client.logout()
        self.assertNotIn("退出", self.client.get(self.url).content.decode())

    def test_an_unknown_body_is_a_404_and_not_cached(self):
        with self.assertLogs("django.request", "WARNING"):
            self.assertEqual(self.client.get("/xxgk/no-such-body/items/").status_code, 404)
            self.assertEqual(self.client.get("/xxgk/no-such-body/items/").status_code, 404)


class ColumnUrlTestCase(BaseTestCase):
    def test_column_url_builds_what_reverse_does_for_every_name(self):
        for name, names in PATH_KWARGS.items():
            kwargs = {k: ("ab-c_1" if k == "slug" else 17) for k in names}
            self.assertEqual(column_url(name, **kwargs), reverse(f"column:{name}", kwargs=kwargs))
        self.assertEqual(column_url("item", slug="x", item_pk=3, page=2), "/xxgk/x/items/3/?page=2")

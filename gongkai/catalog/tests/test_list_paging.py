"""Seek pages of the public lists and the one-query search (docs/catalog.md, Search)."""

import datetime
import html
import re
from unittest import mock

from django.db import connection
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext

from gongkai.catalog import search
from gongkai.catalog.models import CatalogItem, Status
from gongkai.catalog.templatetags.column import select_options
from gongkai.catalog.views_public import PER_PAGE
from gongkai.test import BaseTestCase, make_item

D = datetime.date
NEXT = re.compile(r'<a rel="next" href="([^"]+)"')
PREV = re.compile(r'<a rel="prev" href="([^"]+)"')
ROW = re.compile(r'<li>\s*<a href="/xxgk/[^/]+/items/(\d+)/"')


class SeekPagingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # 45 items over 15 days, three a day: ties on 发布日期 are ordered by id.
        CatalogItem.objects.bulk_create(
            CatalogItem(
                agency=cls.agency_a,
                index_no=f"SEEK/2026-{n:05d}",
                title=f"分页测试条目{n:02d}",
                written_on=D(2026, 1, 1),
                published_on=D(2026, 2, 1) + datetime.timedelta(days=n // 3),
                status=Status.PUBLISHED,
            )
            for n in range(45)
        )
        rows = CatalogItem.objects.filter(agency=cls.agency_a, index_no__startswith="SEEK/")
        cls.order = [i.pk for i in rows.order_by("-published_on", "-pk")]
        cls.url = f"/xxgk/{cls.agency_a.slug}/items/"

    def get(self, url):
        response = self.client.get(html.unescape(url))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def shown(self, page):
        return [int(pk) for pk in ROW.findall(page)]

    def test_it_pages_forward_and_back_by_cursor_in_the_list_order(self):
        first = self.get(self.url)
        self.assertEqual(self.shown(first), self.order[:PER_PAGE])
        self.assertIsNone(PREV.search(first))
        second = self.get(NEXT.search(first).group(1))
        self.assertIn("after=2026-02-", NEXT.search(first).group(1))
        self.assertEqual(self.shown(second), self.order[PER_PAGE : 2 * PER_PAGE])
        self.assertIn("第 2 页", second)
        third = self.get(NEXT.search(second).group(1))
        self.assertEqual(self.shown(third), self.order[2 * PER_PAGE :])
        self.assertIsNone(NEXT.search(third))
        back = self.get(PREV.search(third).group(1))
        self.assertEqual(self.shown(back), self.order[PER_PAGE : 2 * PER_PAGE])
        start = self.get(PREV.search(back).group(1))
        self.assertEqual(self.shown(start), self.order[:PER_PAGE])
        self.assertIsNone(PREV.search(start))

    def test_a_cursor_page_reads_no_offset_and_counts_nothing(self):
        edge = CatalogItem.objects.get(pk=self.order[20])
        cursor = f"{edge.published_on.isoformat()}.{edge.pk}"
        with CaptureQueriesContext(connection) as queries:
            page = self.get(f"{self.url}?after={cursor}&page=2")
        listing = [q["sql"] for q in queries if "catalog_catalogitem" in q["sql"]]
        self.assertTrue(listing)
        for sql in listing:
            self.assertNotIn("OFFSET", sql.upper())
            self.assertNotIn("COUNT(", sql.upper())
        self.assertEqual(self.shown(page), self.order[21:41])

    def test_a_malformed_cursor_shows_the_first_page(self):
        for bad in ("2026-02-10", "x.1", "2026-02-10.1; DROP", "9" * 40):
            with self.subTest(bad=bad):
                self.assertEqual(self.shown(self.get(f"{self.url}?after={bad}")), self.order[:20])

    def test_an_old_page_number_link_still_works(self):
        page = self.get(f"{self.url}?page=2")
        self.assertEqual(self.shown(page), self.order[PER_PAGE : 2 * PER_PAGE])
        self.assertIsNotNone(PREV.search(page))

    def test_the_list_indexes_end_with_the_id(self):
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "catalog_catalogitem")
        self.assertEqual(
            found["item_agency_list"]["columns"], ["agency_id", "status", "published_on", "id"]
        )
        self.assertEqual(found["item_list"]["columns"], ["status", "published_on", "id"])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reloptions FROM pg_class WHERE relname = 'catalog_search_tsv_gin'"
                )
                self.assertEqual(cursor.fetchone()[0], ["fastupdate=off"])


class OneQuerySearchTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.items = [
            make_item(
                cls.agency_a,
                publish=True,
                title=f"节水灌溉项目公告第{n}批",
                summary="节水灌溉" * (n + 1),
                written_on=D(2026, 2, 1),
                published_on=D(2026, 3, 1 + n),
            )
            for n in range(5)
        ]

    def engine_queries(self, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            result = search.search("节水灌溉", **kwargs)
        return result, [q["sql"] for q in queries if "catalog_searchentry" in q["sql"]]

    def test_it_ranks_and_counts_in_one_query(self):
        result, sql = self.engine_queries(per_page=2)
        self.assertEqual(len(sql), 1)
        self.assertEqual(result.total, 5)
        self.assertFalse(result.capped)
        self.assertEqual(len(result.hits), 2)

    def test_a_page_past_the_end_keeps_the_total(self):
        result, sql = self.engine_queries(per_page=2, page=4)
        self.assertEqual((result.total, result.hits, result.pages), (5, [], 3))
        self.assertEqual(len(sql), 2)

    def test_a_query_with_rank_cap_matches_is_answered_newest_first(self):
        with mock.patch.object(search, "RANK_CAP", 3):
            result, sql = self.engine_queries(per_page=2)
        self.assertTrue(result.capped)
        self.assertEqual(result.total, 3)
        self.assertEqual([h.item.pk for h in result.hits], [self.items[4].pk, self.items[3].pk])
        self.assertEqual(len(sql), 2)


class SelectOptionsTestCase(SimpleTestCase):
    def test_it_marks_the_selected_value_and_escapes_labels(self):
        choices = [("", "全部"), (7, "<b>教育</b>"), (12, "卫生")]
        self.assertEqual(
            select_options(choices, 7),
            '<option value="">全部</option>'
            '<option value="7" selected>&lt;b&gt;教育&lt;/b&gt;</option>'
            '<option value="12">卫生</option>',
        )
        self.assertIn('<option value="" selected>', select_options(choices, None))


class SharedPiecesTestCase(BaseTestCase):
    def test_the_filter_categories_are_read_once_per_cache_period(self):
        from django.core.cache import caches

        caches["column"].clear()
        slug = self.agency_a.slug
        with self.settings(GONGKAI_COLUMN_CACHE_SECONDS=60):
            with CaptureQueriesContext(connection) as first:
                self.client.get(f"/xxgk/{slug}/items/")
            with CaptureQueriesContext(connection) as second:
                self.client.get(f"/xxgk/{slug}/items/?year=2026")
                self.client.get("/xxgk/search/?q=低保")
        reads = 'FROM "catalog_category"'
        self.assertEqual(sum(reads in q["sql"] for q in first), 2)  # options, top classes
        self.assertEqual([q["sql"] for q in second if reads in q["sql"]], [])

"""The workbench queue's keyset pager: 首页/上一页/下一页 links, filters kept, bad cursors."""

import html
import re
from datetime import date
from unittest import mock

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.applications.seek import Cursor
from gongkai.test import BaseTestCase, make_application

D = date.fromisoformat
URL = "/staff/agencies/wuzongxiao/applications/"


def link(response, rel: str) -> str | None:
    """The query string of the pager link ``rel`` (first/prev/next), or None without one."""
    found = re.search(rf'<a href="\?([^"]*)" rel="{rel}">', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def receipts(response) -> list[str]:
    return [row.receipt_number for row, _ in response.context["rows"]]


@time_machine.travel("2026-12-01 10:00 +0800", tick=False)
@mock.patch("gongkai.applications.workbench.PAGE_SIZE", 2)
class QueuePagerTestCase(BaseTestCase):
    def setUp(self):
        # Seven open cases: two received the same day (same due date: the tie goes to the
        # lower id), one by oral application; one closed; one of another body.
        days = ["2026-10-20", "2026-11-02", "2026-11-02", "2026-11-06", "2026-11-10"]
        self.apps = [make_application(self.agency_a, received_on=D(d)) for d in days]
        self.apps += [
            make_application(self.agency_a, received_on=D("2026-11-12"), channel="oral"),
            make_application(self.agency_a, received_on=D("2026-11-30"), channel="oral"),
        ]
        self.closed = closed = make_application(self.agency_a, received_on=D("2026-10-08"))
        closed.close(row="3.1", legal_basis="条例第三十六条", on=D("2026-10-09"))
        make_application(self.agency_b, received_on=D("2026-11-02"))
        self.client.force_login(self.alice)

    def walk(self, params=None):
        """Every page from the first by the 下一页 links: (receipts, shown number) per page."""
        response = self.client.get(URL, params or {})
        pages = [response]
        while (query := link(response, "next")) is not None:
            response = self.client.get(URL + "?" + query)
            pages.append(response)
        return pages

    def test_it_walks_every_case_once_in_due_order_by_the_next_links(self):
        pages = self.walk()
        self.assertEqual([receipts(p) for p in pages][0], [a.receipt_number for a in self.apps[:2]])
        walked = [r for p in pages for r in receipts(p)]
        self.assertEqual(walked, [a.receipt_number for a in self.apps])
        self.assertEqual([p.context["page"].number for p in pages], [1, 2, 3, 4])
        self.assertContains(pages[2], "第 3 页")
        self.assertIsNone(link(pages[0], "prev"))
        self.assertIsNone(link(pages[0], "first"))
        self.assertEqual(link(pages[3], "first"), "")
        self.assertContains(pages[0], "共 7 件")

    def test_it_goes_back_by_the_previous_links_to_the_first_page(self):
        pages = self.walk()
        response = pages[-1]
        back = []
        while (query := link(response, "prev")) is not None:
            response = self.client.get(URL + "?" + query)
            back.append((receipts(response), response.context["page"].number))
        self.assertEqual(back, [(receipts(p), p.context["page"].number) for p in pages[-2::-1]])
        self.assertIsNone(link(response, "first"))  # back on page 1: no 首页, no 上一页
        self.assertIsNotNone(link(response, "next"))

    def test_it_keeps_the_filters_in_every_link(self):
        pages = self.walk({"channel": "oral", "status": "all"})
        self.assertEqual([receipts(p) for p in pages], [[a.receipt_number for a in self.apps[5:]]])
        older = make_application(self.agency_a, received_on=D("2026-10-01"))
        older.close(row="3.1", legal_basis="条例第三十六条", on=D("2026-10-09"))
        pages = self.walk({"status": "all"})
        # 9 cases of this body, the closed ones last, the most recently received first.
        self.assertEqual(
            [r for p in pages for r in receipts(p)],
            [a.receipt_number for a in [*self.apps, self.closed, older]],
        )
        self.assertEqual(len(pages), 5)
        query = link(pages[1], "next")
        self.assertIn("status=all", query)
        self.assertIn("status=all", link(pages[2], "prev"))
        self.assertEqual(link(pages[2], "first"), "status=all")
        # Back from the last page (a closed case) across into the cases with a due date.
        response, back = pages[-1], []
        while (query := link(response, "prev")) is not None:
            response = self.client.get(URL + "?" + query)
            back.append(receipts(response))
        self.assertEqual(back, [receipts(p) for p in pages[-2::-1]])

    def test_it_shows_the_first_page_for_a_bad_or_stale_cursor(self):
        first = receipts(self.client.get(URL))
        past_end = Cursor(D("9999-12-31"), D("2000-01-01"), 10**9).token()
        before_start = Cursor(D("2000-01-01"), D("2000-01-01"), 1).token()
        for params in (
            {"after": "garbage"},
            {"after": "2026-13-01.2026-11-02.3"},
            {"before": "2026-12-01.2026-11-02.x"},
            {"after": "1" * 500},
            {"after": past_end, "n": "7"},
            {"before": before_start, "n": "3"},
            {"after": past_end, "before": before_start},
            {"n": "abc"},
            {"page": "99"},
        ):
            with self.subTest(params=params):
                response = self.client.get(URL, params)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(receipts(response), first)
                self.assertEqual(response.context["page"].number, 1)

    def test_it_runs_as_many_queries_on_a_deep_page_as_on_the_first(self):
        self.client.get(URL)  # the calendar overrides, read once per process
        counts = []
        for params in ({}, {"after": Cursor.of(self.apps[3]).token(), "n": "3"}):
            with CaptureQueriesContext(connection) as ctx:
                self.client.get(URL, params)
            counts.append(len(ctx.captured_queries))
        self.assertEqual(counts[0], counts[1])

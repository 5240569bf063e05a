"""Workbench queue at 100,000 applications in one body (issue 7, Figures).

Creates (once; reused on later runs) 100,000 synthetic applications of one body with the
spread of a real queue (80 % closed, the rest open with due dates around today), then renders
the staff queue page through Django's test client, logged in as the body's 经办人: 70 pages
(first pages, each filter, deep pages reached by the pager's keyset links), p50/p95 in ms, and
the number of SQL queries of the first and of the 1,000th page (they must be equal: no per-row
query). The cursor of a deep page is found here (untimed) the way the pager's links carry it.

Run on SQLite (default, a file under /tmp) or PostgreSQL:
    .venv/bin/python bench/applications_bench.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_h5_apps_bench .venv/bin/python bench/applications_bench.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/gongkai-applications-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_ENV", "development")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from gongkai.agencies.models import Agency, Membership, Role, User  # noqa: E402
from gongkai.applications.models import Application  # noqa: E402
from gongkai.applications.seek import SORT, Cursor  # noqa: E402

N = 100_000
SLUG = "bench-body"
SEED = 7


def populate() -> Agency:
    agency, _ = Agency.objects.get_or_create(
        slug=SLUG, defaults={"name": "基准测试乡人民政府", "kind": Agency.Kind.TOWNSHIP}
    )
    have = Application.objects.filter(agency=agency).count()
    if have >= N:
        return agency
    rng = random.Random(SEED)
    today = date(2026, 12, 1)
    batch = []
    t0 = time.perf_counter()
    for i in range(have + 1, N + 1):
        received = today - timedelta(days=rng.randint(0, 6 * 365))
        closed = rng.random() < 0.8
        due = received + timedelta(days=28)
        batch.append(
            Application(
                agency=agency,
                receipt_number=f"{received.year}-{i:06d}",
                year=received.year,
                serial=i,
                query_code=f"B{i:019d}",
                channel=rng.choice(["online", "in_person", "registered_mail"]),
                arrived_on=received,
                received_on=received,
                clock_start=received,
                applicant_type=rng.choice(["natural", "natural", "natural", "business", "other"]),
                applicant_name=f"申请人{i}",
                id_type="other",
                id_number=f"X{i}",
                summary=f"第 {i} 件申请的信息名称",
                form_wanted="paper",
                delivery="post",
                status="closed" if closed else rng.choice(["open", "open", "awaiting_supplement"]),
                due_on=due,
                next_due_on=None if closed else due,
                queue_key=date.max if closed else due,
                next_due_label="" if closed else "答复期限",
                closed_on=received + timedelta(days=10) if closed else None,
                outcome="3.1" if closed else "",
            )
        )
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    if batch:
        Application.objects.bulk_create(batch)
    print(f"created {N - have:,} applications in {time.perf_counter() - t0:.1f} s")
    return agency


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    setup_test_environment()
    agency = populate()
    if connection.vendor == "postgresql":
        # A live database has statistics and a visibility map (autovacuum); a freshly
        # bulk-loaded one has neither: the planner then estimates one row per body and sorts
        # instead of walking the index, and COUNT(*) reads every row from the heap.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE applications_application")
    user, _ = User.objects.get_or_create(username="bench-officer")
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.OFFICER)
    client = Client()
    client.force_login(user)
    url = f"/staff/agencies/{SLUG}/applications/"
    open_count = Application.objects.filter(agency=agency).open().count()
    print(
        f"{connection.vendor}: {Application.objects.filter(agency=agency).count():,} applications, {open_count:,} open"
    )

    def cursor(status: str, page: int, link: str) -> dict:
        """The query string of the pager's link to ``page``: 下一页 from the page before it
        (``after`` its last row) or 上一页 from the page after it (``before`` its first row)."""
        qs = Application.objects.filter(agency=agency).order_by(*SORT)
        qs = qs if status == "all" else qs.open()
        index = (page - 1) * 50 - 1 if link == "after" else page * 50
        row = qs.only("queue_key", "received_on")[index]
        return {"status": status, link: Cursor.of(row).token(), "n": page}

    client.get(url)  # the first request of a process reads the calendar overrides (2 queries)
    queries = {}
    for label, params in (("page 1", {}), ("page 1000 (all)", cursor("all", 1000, "after"))):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        queries[label] = len(ctx.captured_queries)
    print("queries per page:", ", ".join(f"{k} = {v}" for k, v in queries.items()))

    mixes = {
        "working mix (queue pages 1-3, each filter)": [{}] * 20
        + [cursor("", p, "after") for p in (2, 3)] * 5
        + [
            {"status": "closed"},
            {"channel": "online"},
            {"applicant_type": "business"},
            {"year": 2024},
        ]
        * 5,
        "deep pages of all 100,000 (page 500-1999, 下一页 and 上一页 links)": [
            cursor("all", p, link) for p in (500, 1000, 1500, 1999) for link in ("after", "before")
        ]
        * 3,
    }
    for name, requests in mixes.items():
        times = []
        for params in requests:
            t0 = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"{name}: {len(times)} renders, p50 {statistics.median(times):.0f} ms, "
            f"p95 {p95:.0f} ms, max {times[-1]:.0f} ms (target p95 <= 300 ms)"
        )
    return 0 if queries["page 1"] == queries["page 1000 (all)"] else 1


if __name__ == "__main__":
    sys.exit(main())

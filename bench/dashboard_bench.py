"""How fast the staff dashboard's first page renders for a supervisor over 100,000 bodies.

    .venv/bin/python bench/dashboard_bench.py                 # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/dashboard_bench.py

Loads the bodies with `import_bodies` (bench/import_bench.py's tree), makes a 监督 of the root,
then requests /staff/ (and a page in the middle) through Django's test client, as a browser
would, and prints p50/p95 and the number of queries. With ``--baseline`` it also renders the
whole scope unpaged once, as the dashboard did before paging.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--baseline", action="store_true", help="also render the scope unpaged")
    args = parser.parse_args()
    import import_bench

    import_bench.setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from gongkai.agencies.importing import import_bodies
    from gongkai.agencies.models import Agency, Membership, Role, User

    setup_test_environment()  # the test client's settings (ALLOWED_HOSTS testserver, …)
    import_bench.fresh_database()
    csv = Path(tempfile.mkdtemp()) / "bodies.csv"
    csv.write_text(import_bench.tree_csv(args.bodies), encoding="utf-8")
    import_bodies(csv)
    root = Agency.objects.get(parent=None)
    supervisor = User.objects.create_user("bench-supervisor", password="x")
    Membership.objects.create(user=supervisor, agency=root, role=Role.SUPERVISOR)
    client = Client()
    client.force_login(supervisor)
    client.get("/staff/")  # warm caches, templates, the session

    print(
        f"dashboard bench on {connection.vendor}: supervisor over "
        f"{root.subtree().count():,} bodies; machine shared with other work"
    )
    middle = args.bodies // 50 // 2
    for label, url in (("first page", "/staff/"), (f"page {middle}", f"/staff/?page={middle}")):
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
        print(
            f"{label}: p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms "
            f"over {args.runs} requests; {len(queries)} queries; "
            f"{len(response.context['rows'])} rows of {response.context['page'].paginator.count:,}"
        )
    if args.baseline:
        from django.template.loader import render_to_string

        from gongkai.agencies.access import agencies_for_user, roles_by_agency

        start = time.perf_counter()
        # The dashboard as it was: every body of the scope, and every writable pk, rendered.
        agencies = agencies_for_user(supervisor).select_related("parent").by_hierarchy()
        writable = set(agencies_for_user(supervisor, write=True).values_list("pk", flat=True))
        roles = roles_by_agency(supervisor)
        rows = [
            {"agency": a, "roles": roles.get(a.pk, []), "writable": a.pk in writable}
            for a in agencies
        ]
        render_to_string("agencies/dashboard.html", {"rows": rows, "user": supervisor})
        print(f"before paging (whole scope rendered once): {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

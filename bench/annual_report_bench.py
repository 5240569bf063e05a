"""Benchmark of the annual report from the records (docs/annual-report.md, issue 10 Figures).

1. Tables 二, 三 and 四 of one body with 100,000 applications received in the year (target
   ≤ 0.5 s), against a baseline in the same process: the same table 三 counted in Python
   over the body's rows fetched from the database.
2. A roll-up over 300 bodies (each with 300 applications): tables 二–四 of every body and
   their sums (target ≤ 5 s); then the government-level roll-up itself (``reports.rollup``:
   the sums, the checks, every published report re-checked, missing/late/failing lists)
   and the supervisor's dashboard over the same 302 bodies.
3. DOCX and PDF export of one report (target ≤ 2 s each).

Run: ``.venv/bin/python bench/annual_report_bench.py`` (a throw-away SQLite file), or with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_h9_bench`` (the database is created and
dropped). Best of 3 runs per figure.
"""

from __future__ import annotations

import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TMP = tempfile.TemporaryDirectory(prefix="gongkai-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP.name}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

KINDS = ("natural",) * 6 + ("business", "research", "nonprofit", "legal_service", "other")


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def specs(n: int, year: int, rng: random.Random):
    from gongkai.reportengine.figures import outcome_row_ids

    rows = outcome_row_ids("2021")
    for _ in range(n):
        received = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
        closed = received + timedelta(days=rng.randint(1, 40))
        open_case = closed > date(year, 12, 31) or rng.random() < 0.03
        yield (
            rng.choice(KINDS),
            received,
            None if open_case else closed,
            "" if open_case else rng.choice(rows),
        )


def python_table3(agency, year):
    """Baseline: fetch the rows, count in Python (same rules as compute.table3_for)."""
    from gongkai.applications.models import Application

    start, end = date(year, 1, 1), date(year, 12, 31)
    t: dict = {}
    for kind, received, closed, outcome in Application.objects.filter(agency=agency).values_list(
        "applicant_type", "received_on", "closed_on", "outcome"
    ):
        if received and received <= end and (closed is None or closed >= start):
            key = ("1" if received >= start else "2", kind)
            t[key] = t.get(key, 0) + 1
            if closed and closed <= end:
                t[outcome, kind] = t.get((outcome, kind), 0) + 1
            else:
                t["4", kind] = t.get(("4", kind), 0) + 1
    return t


def main() -> None:
    from gongkai.agencies.models import Agency
    from gongkai.reports import export
    from gongkai.reports.compute import compute_figures, table2_for, table3_for, table4_for
    from gongkai.test import bulk_applications, make_dispute_case

    vendor = connection.vendor
    old = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(20261201)
        county = Agency.objects.create(
            name="基准县人民政府", kind=Agency.Kind.COUNTY, slug="bench-county"
        )
        big = Agency.objects.create(
            name="基准县自然资源局", kind=Agency.Kind.DEPARTMENT, parent=county, slug="bench-big"
        )
        t = time.perf_counter()
        bulk_applications(big, specs(100_000, 2025, rng))
        bulk_applications(big, specs(5_000, 2024, rng), start=200_000)
        for i in range(12):
            make_dispute_case(
                big, case_number=f"B{i}", route=("review", "direct", "after_review")[i % 3]
            )
        print(
            f"database: {vendor}; setup of 105,000 applications in {time.perf_counter() - t:.1f} s"
        )

        seconds, fig = best(lambda: compute_figures(big, 2025))
        base, _ = best(lambda: python_table3(big, 2025))
        print(f"tables 二/三/四 of one body, 100,000 applications in 2025: {seconds:.3f} s "
              f"(target ≤ 0.5 s); baseline table 三 counted in Python: {base:.3f} s = {base / seconds:.1f}x")  # fmt: skip
        assert fig.table3["1"][6] == 100_000, fig.table3["1"]

        bodies = [
            Agency(
                name=f"基准乡{i:03d}",
                kind=Agency.Kind.TOWNSHIP,
                parent=county,
                slug=f"bench-{i:03d}",
            )
            for i in range(300)
        ]
        for body in bodies:
            body.save()
        t = time.perf_counter()
        for i, body in enumerate(bodies):
            bulk_applications(body, specs(300, 2025, rng), start=300_000 + i * 1000)
        print(f"setup of 300 bodies × 300 applications in {time.perf_counter() - t:.1f} s")

        def rollup():
            ids = [b.pk for b in bodies]
            t3, t4, t2 = table3_for(ids, 2025), table4_for(ids, 2025), table2_for(ids, 2025)
            total = {
                rid: [sum(t3[pk][rid][c] for pk in ids) for c in range(7)] for rid in t3[ids[0]]
            }
            return total, [sum(t4[pk][i] for pk in ids) for i in range(15)], len(t2)

        seconds, (total, _, _) = best(rollup)
        print(
            f"roll-up over 300 bodies (tables 二–四 of each, summed): {seconds:.3f} s (target ≤ 5 s)"
        )
        assert total["1"][6] == 90_000, total["1"]

        # The government-level roll-up as the page and the command build it (reports.rollup):
        # every body's tables, the sums, the engine's checks of the roll-up and of every
        # published report (a third of the bodies published, a tenth of them late).
        from gongkai.reports.models import AnnualReport
        from gongkai.reports.rollup import rollup
        from gongkai.supervision.dashboard import dashboard

        t = time.perf_counter()
        for i, body in enumerate(bodies[:100]):
            report = AnnualReport.objects.create(agency=body, year=2025)
            report.publish(
                figures=compute_figures(body, 2025),
                on=date(2026, 2, 10) if i % 10 == 0 else date(2026, 1, 20),
            )
        print(f"setup of 100 published reports in {time.perf_counter() - t:.1f} s")
        today = date(2026, 3, 1)
        seconds, result = best(lambda: rollup(county, 2025, today=today))
        print(
            f"government roll-up (reports.rollup) of {len(result.everyone)} bodies, "
            f"100 published reports re-checked: {seconds:.3f} s (target ≤ 5 s)"
        )
        assert result.figures.table3["1"][6] == 190_000, result.figures.table3["1"]
        assert len(result.missing) == 201 and len(result.late) == 10, (result.missing, result.late)
        from types import SimpleNamespace

        admin = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=True)
        seconds, dash = best(lambda: dashboard(county, 2025, user=admin, today=today))
        print(f"supervisor's dashboard of {len(dash.rows)} bodies: {seconds:.3f} s")

        for form, write in (("DOCX", export.to_docx), ("PDF", export.to_pdf)):
            seconds, data = best(lambda write=write: write(fig))
            print(
                f"{form} export of one report: {seconds:.3f} s, {len(data) // 1024} KiB (target ≤ 2 s)"
            )
    finally:
        teardown_databases(old, verbosity=0)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores shared with other work")  # fmt: skip


if __name__ == "__main__":
    main()

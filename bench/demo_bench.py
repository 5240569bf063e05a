"""How long ``gongkai demo`` takes (``make run`` runs it every time), and the share of the
annual-report demo records (gongkai/reports/demo.py: the seed township's 2023, 县自然资源局's
busy 2025 through the real services).

Prints, on a throw-away database: the first load, the second (idempotent) load, and the
reports part alone (first run, into a world loaded without it; then again), and the defence
bundle of the demo's review case (gongkai/reports/bundle.py). Run:
``.venv/bin/python bench/demo_bench.py`` (SQLite), or with ``DATABASE_URL=postgres://…``
(a test database is created and dropped). Uses the real password hasher, as ``make run``
does.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TMP = tempfile.TemporaryDirectory(prefix="gongkai-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP.name}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    settings.MEDIA_ROOT = TMP.name  # generated PDFs and DOCX go to the throw-away folder
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from gongkai.agencies import demo
        from gongkai.reports import demo as reports_demo

        print(f"database: {connection.vendor}")
        with mock.patch.object(reports_demo, "load_reports_demo", return_value=0):
            without, _ = timed(demo.load_demo)
        first_reports, n = timed(lambda: reports_demo.load_reports_demo(_agencies()))
        again_reports, m = timed(lambda: reports_demo.load_reports_demo(_agencies()))
        again, result = timed(demo.load_demo)
        print(f"load_demo without the reports part (before this change): {without:.2f} s")
        print(f"reports part, first run: {first_reports:.2f} s ({n} objects)")
        print(f"reports part, second run: {again_reports * 1000:.1f} ms ({m} objects)")
        print(
            f"load_demo, second run (whole, idempotent): {again:.2f} s ({result.changed} changed)"
        )
        from gongkai.reports.bundle import build_bundle
        from gongkai.reports.models import DisputeCase

        case = DisputeCase.objects.get(case_number="和政复〔2025〕3号")
        for label in ("first, the notice converted to PDF", "again, the notice's PDF kept"):
            seconds, bundle = timed(lambda: build_bundle(case))
            kb = len(bundle.data) // 1024
            print(f"defence bundle of {case.case_number} ({label}): {seconds:.2f} s, {kb} KB")
    finally:
        teardown_databases(old, verbosity=0)


def _agencies():
    from gongkai.agencies.models import Agency

    return {a.slug: a for a in Agency.objects.all()}


if __name__ == "__main__":
    main()

"""Benchmark of the report page's additions (issue 10 §3, §4; docs/annual-report.md).

One body with 10,000 applications in the year, its saved drafts of 一/五/六, 10 figure
overrides, last year's report imported, and 30 peers (same parent) with a published report
whose section 五 is compared with the body's:

1. ``compute_figures`` (the engine's tables and checks) against ``report_figures`` (the same
   plus overrides, R302-R304, R501, R702/R703): the cost of the platform's checks;
2. ``draft_sections`` (the three drafts from the records).

Run: ``.venv/bin/python bench/report_drafts_bench.py`` (a throw-away SQLite file), or with
``DATABASE_URL=postgres://…/gk_h1_bench``. Best of 3 runs.
"""

from __future__ import annotations

import os
import platform
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
TMP = tempfile.TemporaryDirectory(prefix="gongkai-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP.name}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annual_report_bench import best, specs  # noqa: E402

FIVE = (
    "（一）存在的主要问题：人员力量配备还不够充分，缺少专职的业务人员负责具体的专项政务信息公开工作，"
    "公开载体还比较滞后，主要通过公示栏张贴、广播、会议、文件传达等传统方式进行。"
    "（二）改进情况：进一步加强领导、提高认识，依托各类平台加大信息投送力度。"
)


def main() -> None:
    from gongkai.agencies.models import Agency
    from gongkai.reports.compute import compute_figures, report_figures
    from gongkai.reports.drafting import draft_sections
    from gongkai.reports.models import (
        AnnualReport,
        FigureOverride,
        ImportedReport,
        ReportVersion,
        content_hash,
    )
    from gongkai.test import bulk_applications

    old = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(20261201)
        county = Agency.objects.create(name="基准县人民政府", kind="county", slug="bench-county")
        body = Agency.objects.create(name="基准乡人民政府", kind="township", parent=county,
                                     slug="bench-body")  # fmt: skip
        bulk_applications(body, specs(10_000, 2025, rng))
        fig = compute_figures(body, 2025)
        drafts = draft_sections(body, 2025, fig)
        report = AnnualReport.objects.create(agency=body, year=2025,
                                             sections={**drafts, "5": FIVE})  # fmt: skip
        for i in range(10):
            FigureOverride.objects.create(
                report=report, cell=f"table4[{i}]", value=i, reason="纸质台账"
            )
        last = compute_figures(body, 2024, sections={"5": FIVE})
        ImportedReport.objects.create(agency=body, year=2024, file_name="2024.txt", sha256="0" * 64,
                                      figures=last.to_dict())  # fmt: skip
        peer_fig = compute_figures(
            body, 2025, sections={"5": FIVE.replace("人员", "队伍")}
        ).to_dict()
        for i in range(30):
            peer = Agency.objects.create(name=f"基准乡{i:02d}", kind="township", parent=county,
                                         slug=f"bench-peer-{i:02d}")  # fmt: skip
            rep = AnnualReport.objects.create(agency=peer, year=2025)
            ReportVersion.objects.create(report=rep, number=1, published_on=date(2026, 1, 20),
                                         figures=peer_fig, content_hash=content_hash(peer_fig))  # fmt: skip
        base, _ = best(lambda: compute_figures(body, 2025, sections=report.sections))
        full, fig = best(lambda: report_figures(body, 2025))
        with CaptureQueriesContext(connection) as q:
            report_figures(body, 2025)
        codes = sorted({f.code for f in fig.findings})
        print(f"database: {connection.vendor}; 10,000 applications, 10 overrides, 30 peers")
        print(f"compute_figures: {base:.3f} s; report_figures (with overrides and the platform "
              f"checks): {full:.3f} s, {len(q)} queries; codes {', '.join(codes)}")  # fmt: skip
        seconds, _ = best(lambda: draft_sections(body, 2025, fig))
        print(f"draft_sections (一, 五, 六 from the records): {seconds:.3f} s")
    finally:
        teardown_databases(old, verbosity=0)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores shared with other work")  # fmt: skip


if __name__ == "__main__":
    main()

"""Static export benchmark (docs/static-export.md; the "Figures" target: a body with 10,000
items exported in ≤ 60 s, and a re-run with nothing changed much faster).

Builds a throw-away SQLite database with one body and N published items (each with a title,
a summary and a pre-segmented search row, as the catalog writes them), then times
``export_site`` three times into one folder: the first export, a re-run with nothing changed,
and a re-run after one item was corrected. Prints seconds, pages per second and the
written/unchanged/deleted counts, and the ratio first / unchanged re-run.

    .venv/bin/python bench/static_export_bench.py            # 10,000 items
    .venv/bin/python bench/static_export_bench.py --items 500
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="gk-export-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the column's memo, as in a deployment
    from gongkai.agencies.models import Agency
    from gongkai.catalog import segment
    from gongkai.catalog.models import CatalogItem, Category, SearchEntry, Status
    from gongkai.staticsite.export import export_site

    agency = Agency.objects.create(
        name="和田县吾宗肖乡人民政府", kind="township", slug="wuzongxiao"
    )
    categories = list(Category.objects.exclude(parent=None)[:40])
    topics = [
        "农村低保对象名单",
        "耕地地力保护补贴",
        "部门预算",
        "临时救助",
        "危房改造",
        "特困供养",
    ]
    started = time.perf_counter()
    items = []
    for n in range(args.items):
        day = datetime.date(2016, 1, 1) + datetime.timedelta(days=n % 3650)
        topic = topics[n % len(topics)]
        items.append(
            CatalogItem(
                agency=agency,
                index_no=f"DM0000020/{day.year}-{n:05d}",
                title=f"关于{day.year}年第{n % 4 + 1}季度{topic}的公示（{n}）",
                summary=f"根据有关规定，现将{day.year}年{topic}情况予以公示，公示期7个工作日。",
                written_on=day,
                published_on=day,
                status=Status.PUBLISHED,
                category=categories[n % len(categories)] if categories else None,
            )
        )
    CatalogItem.objects.bulk_create(items, batch_size=2000)
    saved = CatalogItem.objects.filter(agency=agency).select_related("category__parent")
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                item=i,
                agency=agency,
                category=i.category,
                top_category=i.category.top if i.category else None,
                year=i.published_on.year,
                published_on=i.published_on,
                terms=segment.terms(i.title, i.summary),
            )
            for i in saved
        ],
        batch_size=2000,
    )
    print(
        f"static export bench: {args.items:,} items, set up in {time.perf_counter() - started:.1f} s"
    )
    out = Path(work) / "site"
    runs = []
    for label in ("first export", "re-run, nothing changed", "re-run, one item corrected"):
        if label.startswith("re-run, one"):
            item = saved.first()
            item.title += "（更正）"
            item.save()
        t0, c0 = time.perf_counter(), time.process_time()
        result = export_site(agency, out)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        runs.append(seconds)
        print(
            f"  {label:28s} {seconds:7.2f} s (CPU {cpu:6.2f} s) {result.pages / seconds:7.0f} pages/s  "
            f"written {result.written:,}, unchanged {result.unchanged:,}, deleted {result.deleted:,}"
        )
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    index = (out / "search-index.js").stat().st_size
    print(f"  folder {size / 1e6:.1f} MB, search index {index / 1e6:.1f} MB")
    print(f"  first / unchanged re-run: {runs[0] / runs[1]:.1f}×  (target: first ≤ 60 s)")
    print(
        f"  load average at the end: {os.getloadavg()[0]:.1f} (this machine has {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()

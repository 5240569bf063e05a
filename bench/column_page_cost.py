"""One column page at a time, in one process: what a first render and a cache hit cost.

Uses the data of ``catalog_bench.py`` (run it first, or with ``--generate-only``) and Django's
test client (no server, no load generator), so the figures are the code's and the database's
own, less sensitive to a shared machine than the load test. For each page kind: the median
milliseconds of an uncached render (the page cache bypassed, the shared category tree in its
memo as between publications) and of a cache hit, and the SQL queries of each.

    REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/column_page_cost.py --db sqlite \\
        --data-dir /tmp/gongkai-catalog-bench
    REDIS_URL=… .venv/bin/python bench/column_page_cost.py --db postgres --database-url …
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

PAGES = {
    "body list": "/xxgk/bench-017/items/?page=3",
    "platform list": "/xxgk/items/?page=2",
    "search": "/xxgk/search/?q=住房保障+通知",
    "body search": "/xxgk/search/?q=住房&body=bench-003",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / "gongkai-catalog-bench")
    )
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.data_dir) / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("GONGKAI_DATA_DIR", args.data_dir)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client

    from gongkai.catalog import pagecache

    settings.ALLOWED_HOSTS.append("testserver")
    client = Client()
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    def timed(url: str) -> tuple[float, int]:
        client.get(url)  # warm: templates, segmenter, the memo, the cache entry
        runs = []
        for _ in range(args.repeat):
            queries.clear()
            began = time.perf_counter()
            with connection.execute_wrapper(count):
                response = client.get(url)
            runs.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(runs), len(queries)

    print(
        f"column page cost: {args.db}; one request at a time, median of {args.repeat}; "
        f"cache {settings.CACHES['column']['BACKEND'].rsplit('.', 1)[-1]}; "
        f"load average {os.getloadavg()[0]:.1f} (2 cores, shared)"
    )
    print(f"{'page':14s} {'uncached ms':>12s} {'queries':>8s} {'cached ms':>10s} {'queries':>8s}")
    real = pagecache.cached_page, pagecache.cached_html
    for kind, url in PAGES.items():
        pagecache.cached_page = lambda request, view, *parts: view()
        pagecache.cached_html = lambda request, template, build, *parts: render_to_string(
            template, build(), request
        )
        cold, cold_q = timed(url)
        pagecache.cached_page, pagecache.cached_html = real
        hit, hit_q = timed(url)
        print(f"{kind:14s} {cold:12.1f} {cold_q:8d} {hit:10.1f} {hit_q:8d}")


if __name__ == "__main__":
    main()

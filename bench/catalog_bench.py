"""Catalog list and search pages under load, against a minimal Django view (issue 8, Figures).

1. Data: ``--items`` synthetic public items over ``--bodies`` bodies (default 1,000,000 over
   300 on PostgreSQL, 100,000 on SQLite), written with COPY (PostgreSQL) or executemany
   (SQLite) together with their search rows, segmented by the same ``segment.terms`` as the
   app. Kept between runs: regenerated only when the count differs (``--regenerate`` forces).
2. Server: gunicorn, ``--workers`` sync workers (default 2, one per core), DEBUG off, with
   ``bench_settings`` (the project plus ``/bench/minimal/``, the baseline), the page cache as
   configured (Redis, shared by the workers, when ``REDIS_URL`` is set or ``--redis-url`` given).
3. Load: ``loadgen.py`` in a second process, ``--clients`` concurrent clients (default 32),
   ``--requests`` per page kind, on loopback. Kinds: a body's list page, the platform list
   page, search (all bodies) and search within a body, each over ``--requests`` DISTINCT URLs;
   the minimal view before and after. Two passes over the same URLs:

   * **cold**: right after the catalog version was replaced (as a publication does), so every
     request is a page's first render: the cost of the code and the database;
   * **steady**: the same URLs again, every page now in the cache: what readers get between
     publications.

   p50/p95/p99 and throughput, and each page's throughput as a share of the minimal view's in
   the same run (the mean of its two measurements). The load average is printed before each
   pass: the machine (2 cores) is shared, so compare runs only at a similar load.

Run: ``REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/catalog_bench.py --db postgres
--database-url postgres://postgres@127.0.0.1:5432/gk_NAME`` and the same with ``--db sqlite``.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(BENCH)]

TOPICS = (
    "农村最低生活保障 高效节水灌溉 耕地地力保护补贴 城乡居民医疗保险 义务教育学生资助 "
    "困难群众临时救助 特困人员供养 农村危房改造 安全生产检查 森林草原防火 防汛抗旱 "
    "人居环境整治 乡村振兴项目 农田水利建设 宅基地审批 土地承包经营权流转 集体经济收益分配 "
    "部门预算 部门决算 三公经费 政府采购 公务员招录 退役军人优待 残疾人补贴 高龄津贴 "
    "疫苗接种 食品安全抽检 饮用水安全 道路交通安全 校园安全 征兵工作 人口普查 "
    "河长制 林长制 垃圾分类 厕所革命 冬春农田水利 小额信贷 就业培训 技能培训 "
    "创业担保贷款 养老保险 医疗救助 住房保障 棚户区改造 招商引资 营商环境 政务服务"
).split()
ACTIONS = "实施方案 工作方案 通知 公告 公示 通告 报告 意见 办法 细则 情况说明 结果公示".split()
GENRES = ("notice", "announcement", "public_notice", "opinion", "report", "other", "normative")


def configure(args) -> None:
    folder = Path(args.data_dir)
    folder.mkdir(exist_ok=True)
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    if args.redis_url:
        os.environ["REDIS_URL"] = args.redis_url
    # The same cache settings here as in the server: this process replaces the version.
    os.environ["GONGKAI_COLUMN_CACHE_SECONDS"] = str(args.cache_seconds)
    os.environ["GONGKAI_COLUMN_CACHE_SHARED"] = "0" if args.per_process_cache else "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("GONGKAI_DATA_DIR", str(folder))
    import django

    django.setup()


def make_bodies(count: int):
    from gongkai.agencies.models import Agency

    county = Agency.objects.get_or_create(
        name="基准测试县人民政府", defaults={"kind": "county", "slug": "bench-county"}
    )[0]
    existing = {a.slug for a in Agency.objects.filter(slug__startswith="bench-")}
    for n in range(count):
        slug = f"bench-{n:03d}"
        if slug not in existing:
            Agency.objects.create(
                name=f"基准测试乡{n:03d}人民政府",
                short_name=f"测试乡{n:03d}",
                kind="township",
                parent=county,
                slug=slug,
            )
    return list(
        Agency.objects.filter(slug__startswith="bench-").exclude(pk=county.pk).order_by("slug")
    )


def rows(bodies, categories, count: int, seed: int = 2026):
    """(item values, search terms) for ``count`` items, deterministic."""
    from gongkai.catalog import segment

    rng = random.Random(seed)
    start = datetime.date(2019, 1, 1).toordinal()
    span = datetime.date(2026, 11, 30).toordinal() - start
    now = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
    for n in range(count):
        body = bodies[n % len(bodies)]
        written = datetime.date.fromordinal(start + rng.randrange(span))
        published = written + datetime.timedelta(days=rng.randint(1, 25))
        topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
        title = f"{body.short_name}关于{written.year}年{topic}{rng.choice(ACTIONS)}"
        summary = f"明确{topic}和{other}的工作目标、实施步骤和保障措施。"
        doc_no = f"测政发〔{written.year}〕{n % 997 + 1}号" if n % 3 == 0 else ""
        genre = rng.choice(GENRES)
        category = categories[n % len(categories)]
        validity = "valid" if genre == "normative" else ""
        item = (
            body.pk,
            f"BENCH{body.pk}/{written.year}-{n:07d}",
            title,
            summary,
            "",
            written,
            published,
            "",
            doc_no,
            "",
            category.pk,
            genre,
            "proactive",
            "",
            validity,
            None,
            None,
            (n % 15) + 1,
            "",
            "published",
            None,
            None,
            None,
            "",
            "",
            False,
            now,
            now,
        )
        terms = segment.terms(title, title, doc_no, summary)
        yield (
            item,
            (
                category.pk,
                category.parent_id or category.pk,
                body.pk,
                published.year,
                validity,
                published,
                terms,
            ),
        )


ITEM_COLUMNS = (
    "agency_id, index_no, title, summary, body, written_on, published_on, publisher, doc_no, "
    "keywords, category_id, genre, disclosure, withheld_reason, validity, effective_on, ceased_on, "
    "art20_item, art21_item, status, changed_on, secrecy_reviewed_by_id, secrecy_reviewed_at, "
    "secrecy_review_note, public_note, legacy, created_at, updated_at"
)


def generate(args) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.catalog.models import CatalogItem, Category, SearchEntry

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the default cache without REDIS_URL
    have = CatalogItem.objects.count()
    if have == args.items and not args.regenerate:
        print(f"data: {have:,} items already present (use --regenerate to rebuild)")
        return
    began = time.perf_counter()
    SearchEntry.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_fts")
    CatalogItem.objects.all().delete()
    bodies = make_bodies(args.bodies)
    categories = list(Category.objects.exclude(parent=None)) + list(
        Category.objects.filter(parent=None, children=None)
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            first = _copy_items(cursor, bodies, categories, args.items)
        else:
            first = _insert_sqlite(cursor, bodies, categories, args.items)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A settled table, as autovacuum leaves it: visibility map set, statistics fresh.
            cursor.execute("VACUUM ANALYZE catalog_catalogitem")
            cursor.execute("VACUUM ANALYZE catalog_searchentry")
    print(
        f"data: {args.items:,} items over {len(bodies)} bodies written in {time.perf_counter() - began:.0f} s (first pk {first})"
    )


def _copy_items(cursor, bodies, categories, count):
    import io

    cursor.execute("SELECT nextval(pg_get_serial_sequence('catalog_catalogitem', 'id'))")
    first = cursor.fetchone()[0]
    entries = io.StringIO()
    raw = cursor.cursor
    with raw.copy(f"COPY catalog_catalogitem (id, {ITEM_COLUMNS}) FROM STDIN") as copy:
        for offset, (item, entry) in enumerate(rows(bodies, categories, count)):
            pk = first + offset
            copy.write_row((pk, *item))
            entries.write("\t".join(_pg(v) for v in (pk, *entry)) + "\n")
    cursor.execute(
        "SELECT setval(pg_get_serial_sequence('catalog_catalogitem', 'id'), %s)", [first + count]
    )
    entries.seek(0)
    with raw.copy(
        "COPY catalog_searchentry (item_id, category_id, top_category_id, agency_id, year, validity, published_on, terms) FROM STDIN"
    ) as copy:
        while chunk := entries.read(1 << 20):
            copy.write(chunk)
    return first


def _pg(value) -> str:
    return "\\N" if value is None else str(value)


def _insert_sqlite(cursor, bodies, categories, count):
    placeholders = ", ".join(["%s"] * 28)
    batch, entries, fts = [], [], []
    cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM catalog_catalogitem")
    first = cursor.fetchone()[0]
    for offset, (item, entry) in enumerate(rows(bodies, categories, count)):
        pk = first + offset
        batch.append((pk, *item))
        entries.append((pk, *entry))
        fts.append((pk, entry[-1]))
        if len(batch) == 5000 or offset == count - 1:
            cursor.executemany(
                f"INSERT INTO catalog_catalogitem (id, {ITEM_COLUMNS}) VALUES (%s, {placeholders})",
                batch,
            )
            cursor.executemany(
                "INSERT INTO catalog_searchentry (item_id, category_id, top_category_id, agency_id, year, validity, published_on, terms) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                entries,
            )
            cursor.executemany("INSERT INTO catalog_fts (rowid, terms) VALUES (%s, %s)", fts)
            batch, entries, fts = [], [], []
    return first


def url_files(args, folder: Path) -> dict[str, Path]:
    """``--requests`` distinct URLs per kind (so the cold pass renders every page once), and
    ``warm`` URLs outside them for warming the workers."""
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Category

    rng = random.Random(7)
    slugs = list(
        Agency.objects.filter(slug__startswith="bench-")
        .exclude(slug="bench-county")
        .values_list("slug", flat=True)
    )
    words = [t[:2] for t in TOPICS] + TOPICS
    categories = list(Category.objects.values_list("pk", flat=True))
    n = args.requests

    def distinct(make) -> list[str]:
        seen: dict[str, None] = {}
        for _ in range(100 * n):
            seen[make()] = None
            if len(seen) == n:
                return list(seen)
        raise SystemExit(f"fewer than {n} distinct URLs of a kind: use fewer --requests")

    kinds = {
        "minimal": ["/bench/minimal/"],
        "body list": distinct(
            lambda: f"/xxgk/{rng.choice(slugs)}/items/?page={rng.randint(1, 10)}"
        ),
        "platform list": distinct(
            lambda: (
                "/xxgk/items/?"
                + rng.choice(["", f"category={rng.choice(categories)}&"])
                + rng.choice(["", f"year={rng.randint(2019, 2026)}&"])
                + f"page={rng.randint(1, 10)}"
            )
        ),
        "search": distinct(
            lambda: (
                f"/xxgk/search/?q={rng.choice(TOPICS)}+{rng.choice(ACTIONS)}&page={rng.randint(1, 3)}"
                + rng.choice(["", f"&year={rng.randint(2019, 2026)}"])
            )
        ),
        "body search": distinct(
            lambda: f"/xxgk/search/?q={rng.choice(words)}&body={rng.choice(slugs)}"
        ),
        # Outside the lists above (pages 11-12, a word never searched): warm-up only.
        "warm": [f"/xxgk/{s}/items/?page=11" for s in slugs[:8]]
        + ["/xxgk/items/?page=12", "/xxgk/search/?q=预热", f"/xxgk/search/?q=预热&body={slugs[0]}"],
    }
    files = {}
    for kind, urls in kinds.items():
        path = folder / f"{kind.replace(' ', '_')}.txt"
        path.write_text("\n".join(quote(u, safe="/?=&+") for u in urls), encoding="utf-8")
        files[kind] = path
    return files


def new_version() -> None:
    """Replace the catalog version, as a publication does: every cached page is stale."""
    from gongkai.catalog import pagecache

    pagecache._version_store().set(pagecache.VERSION_KEY, f"bench-{time.time_ns()}", None)


def serve(args):
    env = {
        **os.environ,
        "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
        "DEBUG": "0",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsgi_bench:application",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
            "--backlog",
            "256",
        ],
        env=env,
        cwd=str(BENCH),
    )
    for _ in range(100):
        try:
            import http.client

            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            conn.request("GET", "/bench/minimal/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def load(args, path: Path, requests: int) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(BENCH / "loadgen.py"),
            str(args.port),
            str(args.clients),
            str(requests),
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/gk_h7_catalog"
    )
    parser.add_argument(
        "--data-dir",
        default=str(Path(tempfile.gettempdir()) / "gongkai-catalog-bench"),
        help="the SQLite database and GONGKAI_DATA_DIR (kept between runs)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--items", type=int)
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument(
        "--cache-seconds",
        type=int,
        default=600,
        help="GONGKAI_COLUMN_CACHE_SECONDS (0: off); longer than a pass, so that the steady "
        "pass measures the cache and not its expiry (publications invalidate at any TTL)",
    )
    parser.add_argument(
        "--per-process-cache",
        action="store_true",
        help="GONGKAI_COLUMN_CACHE_SHARED=0: the page cache per worker even with Redis",
    )
    args = parser.parse_args()
    args.items = args.items or (1_000_000 if args.db == "postgres" else 100_000)
    configure(args)
    generate(args)
    if args.generate_only:
        return
    folder = Path(tempfile.mkdtemp(prefix="gongkai-bench-urls-"))
    files = url_files(args, folder)
    warm = files.pop("warm")
    pages = [k for k in files if k != "minimal"]
    server = serve(args)
    loads = {}
    try:
        load(args, files["minimal"], 8 * args.workers)
        load(args, warm, 8 * args.workers)  # every worker: templates, segmenter, connections
        new_version()
        loads["before"] = os.getloadavg()[0]
        passes = {"cold": {}, "steady": {}}
        for name in passes:
            passes[name]["minimal"] = load(args, files["minimal"], args.requests)
        # Each kind cold then at once steady, so that its pages are still within the TTL.
        for kind in pages:
            for name in passes:
                passes[name][kind] = load(args, files[kind], args.requests)
        for name in passes:
            passes[name]["minimal (again)"] = load(args, files["minimal"], args.requests)
        loads["after"] = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(10)
    cache = "off" if args.cache_seconds <= 0 else f"{args.cache_seconds} s"
    where = (
        "per process"
        if args.per_process_cache or not args.redis_url
        else f"shared, {args.redis_url}"
    )
    print(
        f"catalog bench: {args.db}, {args.items:,} items, {args.bodies} bodies; gunicorn "
        f"{args.workers} sync workers; {args.clients} clients × {args.requests} requests per "
        f"kind ({args.requests} distinct URLs); page cache {cache} ({where}); 2 cores, shared"
    )
    for name, results in passes.items():
        base = (results["minimal"]["rps"] + results["minimal (again)"]["rps"]) / 2
        what = "first render of every page" if name == "cold" else "the same URLs, cached"
        print(f"\n{name} ({what})")
        print(
            f"{'page':16s} {'req/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'errors':>7s} {'vs minimal':>11s}"
        )
        for kind, r in results.items():
            print(
                f"{kind:16s} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} {r['errors']:7d} {r['rps'] / base:10.0%}"
                + (f"  {r['first_errors']}" if r["errors"] else "")
            )
    print(f"\nload average before {loads['before']:.1f}, after {loads['after']:.1f}")


if __name__ == "__main__":
    main()

"""50 concurrent API submissions for 60 s on loopback (issue 7, Figures): gunicorn on
PostgreSQL, the load loop in a second process. Counts server errors and checks that every
acknowledged application (201, or 200 for a retried Idempotency-Key) is stored exactly once.

Run (PostgreSQL only; the database is created if missing):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_h5_apps_load .venv/bin/python bench/applications_load.py
Options: --clients 50 --seconds 60 --workers 4 --port 8105
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLUG = "load-body"


def payload(i: int) -> bytes:
    from stdnum.cn import ric

    base = "653221" + "19800101" + f"{i % 1000:03d}"
    return json.dumps(
        {
            "agency": SLUG,
            "applicant_type": "natural",
            "applicant_name": f"负载测试{i}",
            "id_type": "ric",
            "id_number": base + ric.calc_check_digit(base + "0"),
            "phone": "0903-0000000",
            "form_wanted": "electronic",
            "delivery": "online",
            "items": [{"title": f"第 {i} 件负载测试信息"}],
        }
    ).encode()


def client_loop(port: int, clients: int, seconds: float, out: Path) -> None:
    """The second process: ``clients`` threads posting until ``seconds`` have passed."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    records: list[dict] = []

    def worker(n: int) -> None:
        rng = random.Random(n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = 0
        while time.monotonic() < stop:
            i += 1
            key = uuid.uuid4().hex
            tries = 2 if rng.random() < 0.1 else 1  # one in ten retried with the same key
            for _ in range(tries):
                t0 = time.monotonic()
                try:
                    conn.request(
                        "POST",
                        "/api/applications",
                        payload(n * 100000 + i),
                        {"Content-Type": "application/json", "Idempotency-Key": key},
                    )
                    response = conn.getresponse()
                    body = response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    status, body = f"error:{type(exc).__name__}", b"{}"
                record = {"key": key, "status": status, "ms": (time.monotonic() - t0) * 1000}
                if status in (200, 201):
                    record["receipt"] = json.loads(body)["receipt_number"]
                with lock:
                    records.append(record)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.write_text("\n".join(json.dumps(r) for r in records))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--client-only", metavar="OUT")
    args = parser.parse_args()
    if args.client_only:
        client_loop(args.port, args.clients, args.seconds, Path(args.client_only))
        return 0

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("applications_load.py needs DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "GONGKAI_API_SUBMISSIONS_PER_HOUR": "100000000",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    gongkai = [sys.executable, "-m", "gongkai"]
    subprocess.run(gongkai + ["migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(gongkai + ["createcachetable"], env=env, check=True, cwd=ROOT)
    setup = (
        "from gongkai.agencies.models import Agency;"
        f"Agency.objects.get_or_create(slug='{SLUG}', defaults=dict(name='负载测试乡人民政府', kind='township'))"
    )
    subprocess.run(gongkai + ["shell", "-c", setup], env=env, check=True, cwd=ROOT)

    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "gongkai.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/api/health"
                )
                break
            except OSError:
                time.sleep(0.2)
        out = Path(f"/tmp/gongkai-load-{os.getpid()}.jsonl")
        t0 = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--client-only",
                str(out),
                "--clients",
                str(args.clients),
                "--seconds",
                str(args.seconds),
                "--port",
                str(args.port),
            ],
            check=True,
            cwd=ROOT,
            env=env,
        )
        elapsed = time.monotonic() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)

    records = [json.loads(line) for line in out.read_text().splitlines() if line]
    out.unlink()
    statuses: dict = {}
    for r in records:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    server_errors = sum(n for s, n in statuses.items() if not isinstance(s, int) or s >= 500)
    acked: dict[str, set] = {}
    for r in records:
        if "receipt" in r:
            acked.setdefault(r["key"], set()).add(r["receipt"])
    check = (
        "import json,sys;from gongkai.applications.models import Application as A;"
        "from django.db.models import Count;"
        f"rows=A.objects.filter(agency__slug='{SLUG}').exclude(idempotency_key='')"
        ".values('idempotency_key').annotate(n=Count('pk'));"
        "print(json.dumps({r['idempotency_key']:r['n'] for r in rows}))"
    )
    stored = json.loads(
        subprocess.run(
            gongkai + ["shell", "-c", check],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    missing = [k for k in acked if stored.get(f"api:{k}", 0) != 1]
    split = [k for k, receipts in acked.items() if len(receipts) != 1]
    times = sorted(r["ms"] for r in records)
    print(
        f"{args.clients} clients × {elapsed:.0f} s, gunicorn -w {args.workers}, PostgreSQL (machine shared, loaded)"
    )
    print(
        f"requests: {len(records):,} ({len(records) / elapsed:.0f}/s); statuses: {dict(sorted(statuses.items(), key=str))}"
    )
    print(
        f"latency: p50 {times[len(times) // 2]:.0f} ms, p95 {times[int(len(times) * 0.95)]:.0f} ms"
    )
    print(f"server errors: {server_errors}")
    print(
        f"acknowledged applications: {len(acked):,}; stored exactly once: {len(acked) - len(missing):,}; "
        f"missing or duplicated: {len(missing)}; one key, two receipts: {len(split)}"
    )
    return 0 if not (server_errors or missing or split) else 1


if __name__ == "__main__":
    sys.exit(main())

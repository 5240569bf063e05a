"""How long `gongkai import_bodies` takes, each into a fresh database, then a re-run of the same
file (nothing changes): 100,000 rows of a realistic tree; a 5,000-deep chain of parents (past
MAX_DEPTH: refused by the checks, which must still be linear); 100,000 rows as chains as deep
as allowed.

    .venv/bin/python bench/import_bench.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_bench .venv/bin/python bench/import_bench.py

The baseline (with ``--baseline``) is the importer as it was before (git ``71bd018``), loaded
from git and run in this same process on smaller files (it is quadratic: 100,000 rows took
407 s), so that the ratio at equal size is measured, not guessed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BASELINE_COMMIT = "71bd018"
HEADER = "name,kind,parent\n"


def tree_csv(n: int) -> str:
    """n bodies: a province, prefectures of ~10 counties, each county with townships and
    departments below (parents listed before their children, as exports are)."""
    lines, count = [HEADER], 0

    def add(name, kind, parent=""):
        nonlocal count
        lines.append(f"{name},{kind},{parent}\n")
        count += 1

    add("省人民政府", "province")
    p = 0
    while count < n:
        prefecture = f"第{p}市人民政府"
        add(prefecture, "prefecture", "省人民政府")
        for c in range(10):
            county = f"第{p}市第{c}县人民政府"
            add(county, "county", prefecture)
            for t in range(70):
                if count >= n:
                    break
                add(f"第{p}市第{c}县第{t}机关", "township" if t % 2 else "department", county)
            if count >= n:
                break
        p += 1
    return "".join(lines)


def chain_csv(depth: int) -> str:
    rows = [f"链{n},other,{'链' + str(n - 1) if n else ''}\n" for n in range(depth)]
    return HEADER + "".join(rows)


def chains_csv(n: int) -> str:
    """n bodies as chains as deep as allowed (MAX_DEPTH levels), one after another."""
    from gongkai.agencies.importing import MAX_DEPTH

    rows = [
        f"链{c}-{d},other,{f'链{c}-{d - 1}' if d else ''}\n"
        for c in range(n // MAX_DEPTH)
        for d in range(MAX_DEPTH)
    ]
    return HEADER + "".join(rows)


def fresh_database() -> None:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.close()
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        connection.settings_dict["NAME"] = str(path)
    else:
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", "--no-input", verbosity=0)


def baseline_module():
    source = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:gongkai/agencies/importing.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("gongkai.agencies.importing_baseline")
    module.__package__ = "gongkai.agencies"
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, "importing_baseline.py", "exec"), module.__dict__)  # noqa: S102
    return module


started = [0.0]  # when the last timed() began (for a refusal, which raises)


def timed(importer, text: str) -> tuple[float, str]:
    path = Path(tempfile.mkdtemp()) / "bodies.csv"
    path.write_text(text, encoding="utf-8")
    start = started[0] = time.perf_counter()
    result = importer(path)
    return time.perf_counter() - start, str(result)


def setup_django() -> None:
    """Django on the environment's DATABASE_URL (default: SQLite in a temporary folder)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_DATA_DIR", tempfile.mkdtemp())
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--depth", type=int, default=5_000)
    parser.add_argument("--baseline", action="store_true", help="also run the old importer")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from gongkai.agencies.importing import MAX_DEPTH, RowsRefused, import_bodies

    print(f"import bench on {connection.vendor}; machine shared with other work")
    cases = [(f"{args.rows:,} rows (tree)", tree_csv(args.rows))]
    cases.append((f"{args.depth:,}-deep chain", chain_csv(args.depth)))
    cases.append((f"{MAX_DEPTH}-deep chains x {args.rows // MAX_DEPTH:,}", chains_csv(args.rows)))
    for label, text in cases:
        fresh_database()
        try:
            seconds, result = timed(import_bodies, text)
        except RowsRefused as refused:
            # Deeper than MAX_DEPTH: refused by the checks, which walk each row once.
            seconds = time.perf_counter() - started[0]
            print(f"{label}: refused in {seconds:.2f} s ({refused.errors[0]})")
            continue
        again, result_again = timed(import_bodies, text)
        print(f"{label}: {seconds:.1f} s ({result}); re-run {again:.1f} s ({result_again})")
    if args.baseline:
        old = baseline_module().import_bodies
        for label, text, small in (
            ("rows (tree)", tree_csv, args.rows // 20),
            ("rows (chains)", chains_csv, args.rows // 20),
        ):
            fresh_database()
            new_s, _ = timed(import_bodies, text(small))
            fresh_database()
            old_s, _ = timed(old, text(small))
            print(
                f"{small:,} {label}: now {new_s:.2f} s, before {old_s:.2f} s "
                f"({old_s / new_s:.0f}x faster)"
            )


if __name__ == "__main__":
    main()

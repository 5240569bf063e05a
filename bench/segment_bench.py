"""rjieba against jieba for the catalog search (docs/catalog.md, "Search").

Prints, for each segmenter: the start-up cost in a fresh interpreter (import plus the first cut,
which is when jieba builds or loads its prefix dictionary), and the throughput of
``cut_for_search`` over the same Chinese text in this process (characters per second), with the
ratio. jieba is not a dependency: install it next to the project to run the comparison
(``.venv/bin/pip install jieba==0.42.1``); without it only rjieba is measured.

Run: ``.venv/bin/python bench/segment_bench.py``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time

TEXT = (
    "关于2026年农村最低生活保障对象动态管理工作的通知。各村民委员会：为做好农村低保对象动态管理，"
    "根据《社会救助暂行办法》和自治区有关规定，现就高效节水灌溉项目建设、村规民约备案、"
    "政府信息公开指南更新和行政规范性文件清理等事项通知如下。"
) * 200  # ~25,000 characters
ROUNDS = 20


def startup(module: str, setup: str = "") -> float:
    code = (
        f"import time; t = time.perf_counter(); import {module}; {setup}"
        f"{module}.cut_for_search('低保对象名单公示'); print(time.perf_counter() - t)"
    )
    best = min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(3)
    )
    return best


def throughput(cut) -> float:
    list(cut(TEXT))
    start = time.perf_counter()
    for _ in range(ROUNDS):
        list(cut(TEXT))
    return len(TEXT) * ROUNDS / (time.perf_counter() - start)


def main() -> None:
    print(
        f"segment bench: {len(TEXT):,} characters × {ROUNDS}; load average {os.getloadavg()[0]:.2f} (2 cores)"
    )
    import rjieba

    results = {"rjieba": (startup("rjieba"), throughput(rjieba.cut_for_search))}
    if importlib.util.find_spec("jieba"):
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        results["jieba"] = (startup("jieba"), throughput(jieba.cut_for_search))
        # Without its cache file (a fresh server, or a read-only /tmp) jieba builds the
        # prefix dictionary from dict.txt on the first cut.
        fresh = "import tempfile; jieba.dt.tmp_dir = tempfile.mkdtemp(); "
        results["jieba, no cache"] = (startup("jieba", fresh), results["jieba"][1])
    for name, (start, rate) in results.items():
        print(
            f"{name:15s} start-up (import + first cut, best of 3) {start * 1000:6.0f} ms; "
            f"cut_for_search {rate:11,.0f} chars/s"
        )
    if "jieba" in results:
        print(
            f"rjieba/jieba: {results['rjieba'][1] / results['jieba'][1]:.1f}× the throughput; "
            f"start-up {results['rjieba'][0] / results['jieba'][0]:.1f}× jieba's"
        )
    else:
        print("jieba not installed: comparison skipped")


if __name__ == "__main__":
    main()

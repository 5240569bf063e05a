"""Findings in the reader's language (issue 9 §8): what the templates and their translation
cost, on the engine's fixtures and samples (every finding code the parser and checks give
on them).

Measures, on one process:

  (a) parse_report + analyse of every fixture and sample (the work of check_report);
  (b) Finding.localized with the English catalog, per finding;
  (c) the terminal view (textview.view) in Chinese and in English, per report.

    .venv/bin/python bench/i18n_bench.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.reportengine.checks import analyse  # noqa: E402
from gongkai.reportengine.messages import catalog_translate, untranslated  # noqa: E402
from gongkai.reportengine.parsing import ReportUnreadable, parse_report  # noqa: E402
from gongkai.reportengine.textview import view  # noqa: E402

TESTS = ROOT / "gongkai" / "reportengine" / "tests"
SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def best(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    paths = sorted(
        p for folder in ("fixtures", "samples") for p in (TESTS / folder).iterdir()
        if p.suffix.lower() in SUFFIXES
    )  # fmt: skip
    reports = []
    start = time.perf_counter()
    for path in paths:
        try:
            reports.append(analyse(parse_report(str(path))))
        except ReportUnreadable:
            pass
    parse_s = time.perf_counter() - start
    findings = [f for fig in reports for f in fig.findings]
    codes = sorted({f.code for f in findings})
    english = catalog_translate("en")
    print(f"i18n bench: {len(reports)} reports of {len(paths)} files, {len(findings)} findings, "
          f"{len(codes)} codes ({' '.join(codes)})")  # fmt: skip
    print(f"(a) parse + analyse: {parse_s:.2f} s = {1000 * parse_s / len(reports):.1f} ms/report")
    loc = best(5, lambda: [f.localized(english) for f in findings])
    print(
        f"(b) Finding.localized(en): {len(findings)} findings in {1000 * loc:.1f} ms = "
        f"{1e6 * loc / len(findings):.1f} us/finding"
    )
    for name, translate in (("zh", untranslated), ("en", english)):
        took = best(5, lambda t=translate: [view(fig, t) for fig in reports])
        print(f"(c) terminal view --lang {name}: {1000 * took / len(reports):.2f} ms/report")


if __name__ == "__main__":
    main()

"""Wild-corpus benchmark (issue 9, "Figures"): the engine on real published reports.

Over every report of the wild corpus (gongkai/reportengine/tests/wildcorpus.py: the folders
tests/samples/ and tests/wild/, each report with its hand-read .expected.json) it prints, per
form and in total:

  * the share of table cells read right (the hand-read value, or null where the publication
    leaves the cell out), goal >= 99 %;
  * wrong numbers (a number other than the hand-read one), goal 0;
  * false errors (an `error` finding not in the report's known_errors), goal 0;
  * reports per second on ONE core for parse_report + checks.analyse, the work of
    `gongkai check_report` (best of --repeat runs over the form's files).

    .venv/bin/python bench/wild_bench.py
    .venv/bin/python bench/wild_bench.py --repeat 3 --verbose   # one line per report
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report_bench import parse_all, pin_one_core  # noqa: E402

from gongkai.reportengine.corpus import Score  # noqa: E402
from gongkai.reportengine.tests.wildcorpus import read, reports  # noqa: E402


def per_second(paths: list[Path], repeat: int) -> float:
    """Best rate of parse + analyse over ``paths``; files are read from disk each time."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        best = min(best, parse_all(paths))
    return len(paths) / best if best > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per form (best kept)")
    parser.add_argument("--verbose", action="store_true", help="one line per report")
    args = parser.parse_args(argv)

    pinned = pin_one_core()
    corpus = reports()
    by_form = defaultdict(list)
    for report in corpus:
        by_form[report.form].append(report)
    print(f"python {platform.python_version()} on {platform.machine()}, {pinned}")
    print(
        f"wild corpus: {len(corpus)} reports, forms {dict(sorted((f, len(r)) for f, r in by_form.items()))}"
    )
    header = f"{'form':<12}{'reports':>8}{'cells':>8}{'right':>9}{'wrong':>7}{'false err':>11}{'unread':>8}{'rep/s':>9}"
    print(header)
    total, total_false, total_unread, passing = Score(), 0, 0, 0
    for form, group in sorted(by_form.items()):
        form_score, false_errors, unread = Score(), 0, 0
        for report in group:
            outcome = read(report)
            form_score.add(outcome.score)
            false_errors += len(outcome.false_errors)
            unread += outcome.unreadable is not None
            passing += outcome.passes
            if args.verbose:
                print(f"  {report.name}: {outcome.summary()}")
        rate = per_second([r.path for r in group], args.repeat)
        total.add(form_score)
        total_false += false_errors
        total_unread += unread
        print(
            f"{form:<12}{len(group):>8}{form_score.cells:>8}{form_score.share:>9.2%}"
            f"{form_score.wrong:>7}{false_errors:>11}{unread:>8}{rate:>9.1f}"
        )
    print(
        f"{'all':<12}{len(corpus):>8}{total.cells:>8}{total.share:>9.2%}"
        f"{total.wrong:>7}{total_false:>11}{total_unread:>8}"
    )
    print(f"reports read exactly as hand-read: {passing} of {len(corpus)}")
    for where in total.wrong_where[:20]:
        print(f"  wrong: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Flattened crawler pages (issue 9 §2) read per second on one core, CPU time, best of 3:
250 generated reports per form, ``flat`` (a row's cells keep their spaces) and ``flat-strip``
(every separator stripped, rows decided by the tables' arithmetic).

Run: ``taskset -c 1 .venv/bin/python bench/flat_bench.py``
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from gongkai.reportengine.checks import analyse
from gongkai.reportengine.corpus import flatten, generate, reader_lines
from gongkai.reportengine.parsing import parse_report

for strip in (False, True):
    texts = [
        flatten(reader_lines(s.data, ".html"), strip=strip).encode()
        for s in generate(250, seed=2025, forms=("html",))
    ]
    best = 0
    for _ in range(3):
        t = time.process_time()
        for x in texts:
            analyse(parse_report(x, name="x.txt"))
        best = max(best, len(texts) / (time.process_time() - t))
    print("strip" if strip else "flat", round(best), "/s CPU")

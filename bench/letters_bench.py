"""Time to make one notice: fill the DOCX (docxtpl) and convert it to PDF (LibreOffice).

Plain Python over gongkai.letters.render (no database). Prints per-notice figures; the first
PDF of a process includes building LibreOffice's profile and is printed apart.
Run: .venv/bin/python bench/letters_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai.letters.kinds import KINDS, Kind, default_paragraphs  # noqa: E402
from gongkai.letters.relief import BodyFacts, BodyKind, relief  # noqa: E402
from gongkai.letters.render import default_template, docx_to_pdf, render_docx  # noqa: E402

FACTS = {
    "received_on": "2026年9月28日",
    "receipt_number": "WZX-2026-0003",
    "request": "2026年乡村道路建设资金分配表",
    "outcome": "3.3.1",
}
BODY = BodyFacts("和田县吾宗肖乡人民政府", BodyKind.TOWNSHIP, government="和田县人民政府")


def context() -> dict:
    return {
        **FACTS,
        "number": "吾宗肖乡依申告〔2026〕3号",
        "title": KINDS[Kind.ANSWER].title,
        "date": "2026年10月9日",
        "agency": BODY.name,
        "agency_short": "吾宗肖乡",
        "office": "党政综合办公室",
        "address": "吾宗肖乡",
        "phone": "0903-0000000",
        "addressee": "买买提·艾力",
        "paragraphs": default_paragraphs(Kind.ANSWER, FACTS),
        "relief": relief("3.3.1", BODY, date(2026, 10, 9)).text,
        "outcome_label": "不予公开",
    }


def main(docx_runs: int = 50, pdf_runs: int = 5) -> None:
    template, ctx = default_template(Kind.ANSWER), context()
    times = []
    for _ in range(docx_runs):
        t = time.perf_counter()
        data = render_docx(template, ctx)
        times.append(time.perf_counter() - t)
    print(f"docx: median {statistics.median(times) * 1000:.1f} ms per notice ({docx_runs} runs)")
    with tempfile.TemporaryDirectory() as profile:
        t = time.perf_counter()
        docx_to_pdf(data, profile_dir=Path(profile))
        print(f"pdf: first conversion (builds the profile) {time.perf_counter() - t:.2f} s")
        times = []
        for _ in range(pdf_runs):
            t = time.perf_counter()
            docx_to_pdf(data, profile_dir=Path(profile))
            times.append(time.perf_counter() - t)
    print(f"pdf: median {statistics.median(times):.2f} s per notice ({pdf_runs} runs)")


if __name__ == "__main__":
    main()

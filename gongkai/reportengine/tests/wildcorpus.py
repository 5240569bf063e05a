"""The wild corpus: real published reports, stored byte for byte as found, each with its
figures read by hand into ``<name>.expected.json`` (the format of ``samples/``).

Two folders hold it: ``samples/`` (the project's first real reports: three PDFs and the seed)
and ``wild/`` (reports found since, listed with their sources in ``wild/INDEX.md``). An
expected file names its report in ``"file"``; ``"known_errors"`` lists the report's own
published errors, the only ``error`` findings the checks may give (docs/report-json.md;
"no false alarms", docs/report-checks.md).

Used by ``test_wild.py`` (every report reads as hand-read) and ``bench/wild_bench.py``
(share of cells read right, wrong numbers, false errors, speed per form).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.reportengine.checks import analyse, check
from gongkai.reportengine.corpus import Score, score
from gongkai.reportengine.figures import Figures, Finding, Severity
from gongkai.reportengine.parsing import ReportUnreadable, parse_report
from gongkai.reportengine.tests.shared import SAMPLES

WILD = Path(__file__).resolve().parent / "wild"
FOLDERS = (SAMPLES, WILD)
# The form of a sample when its expected file does not say (samples predate the key).
FORM_BY_SUFFIX = {
    ".pdf": "pdf",
    ".txt": "text",
    ".html": "html",
    ".docx": "docx",
    ".md": "markdown",
}


@dataclass(frozen=True)
class WildReport:
    """One report of the corpus and its hand-read figures."""

    expected_path: Path
    expected: dict

    @property
    def path(self) -> Path:
        return self.expected_path.parent / self.expected["file"]

    @property
    def name(self) -> str:
        return self.expected["file"]

    @property
    def form(self) -> str:
        return self.expected.get("form") or FORM_BY_SUFFIX.get(self.path.suffix, "other")

    def truth(self) -> Figures:
        return Figures.from_dict(self.expected)

    def known_wheres(self) -> set[str]:
        return {known["where"] for known in self.expected.get("known_errors", [])}


def reports() -> list[WildReport]:
    """Every report with an expected file, samples first, each folder in name order."""
    found = []
    for folder in FOLDERS:
        for expected in sorted(folder.glob("*.expected.json")):
            data = json.loads(expected.read_text(encoding="utf-8"))
            found.append(WildReport(expected, data))
    return found


def table_errors(findings: list[Finding]) -> set[str]:
    """Wheres of the ``error`` findings about tables 二, 三 and 四."""
    return {
        f.where for f in findings if f.severity == Severity.ERROR and f.where.startswith("table")
    }


@dataclass
class Outcome:
    """How the engine did on one report: its cells against the hand-read ones and its errors."""

    report: WildReport
    unreadable: str | None = None
    score: Score = field(default_factory=Score)
    false_errors: list[Finding] = field(default_factory=list)
    missed_errors: set[str] = field(default_factory=set)

    @property
    def passes(self) -> bool:
        """Read as hand-read: every cell right, no error but the known ones, all of those."""
        s = self.score
        return (
            self.unreadable is None
            and s.cells > 0
            and s.correct == s.cells
            and not self.false_errors
            and not self.missed_errors
        )

    def summary(self) -> str:
        if self.unreadable is not None:
            return f"unreadable: {self.unreadable}"
        s = self.score
        return (
            f"{s.correct}/{s.cells} cells right, {s.wrong} wrong, "
            f"{len(self.false_errors)} false errors {[f.where for f in self.false_errors][:5]}, "
            f"known errors missed {sorted(self.missed_errors)}"
        )


def read(report: WildReport) -> Outcome:
    """Parse and check ``report`` as ``gongkai check_report`` does, and score it."""
    outcome = Outcome(report)
    try:
        fig = analyse(parse_report(report.path))
    except ReportUnreadable as exc:
        outcome.unreadable = str(exc)
        outcome.score = Score(cells=score(report.truth(), report.truth()).cells)
        return outcome
    outcome.score = score(fig, report.truth(), report.name)
    known = report.known_wheres()
    outcome.false_errors = [
        f for f in fig.findings if f.severity == Severity.ERROR and f.where not in known
    ]
    outcome.missed_errors = {w for w in known if w.startswith("table")} - table_errors(fig.findings)
    return outcome


def arithmetic_errors(report: WildReport) -> set[str]:
    """Table errors the checks find in the HAND-READ figures: they must be exactly the known
    errors that concern tables, or the transcription (or the known_errors list) is wrong."""
    return table_errors(check(report.truth()))

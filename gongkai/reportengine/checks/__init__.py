"""Checks of an annual report's figures (R codes, documented in docs/report-checks.md).

    findings = check(figures)            # pure: a list of Finding, figures untouched
    analyse(figures)                     # appends those findings to figures.findings
    check_pair(report_2023, report_2024) # carry-over and section 五 across two years

The checks read the figures structure only, so parsed and computed reports are checked
alike. Rules that involve a missing (``None``) cell are skipped, and a check never repeats
a finding that already sits at the same ``where`` (e.g. the parser's P findings).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..figures import Figures, Finding
from .dates import NATIONAL_DEADLINES, check_publication_date, deadline_for, guess_body_kind
from .narrative import check_fees, check_narrative
from .pair import check_pair
from .sections import (
    check_extra_sections,
    check_required_sections,
    check_section_order,
    check_template,
)
from .tables import (
    check_balance,
    check_missing,
    check_outcome_sum,
    check_row_totals,
    check_table4_totals,
    check_values,
)

__all__ = [
    "NATIONAL_DEADLINES",
    "analyse",
    "check",
    "check_pair",
    "deadline_for",
    "guess_body_kind",
]

# Every code this package emits, with its severity (docs/report-checks.md has the details).
CODES = {
    "R101": "error",
    "R102": "error",
    "R103": "error",
    "R111": "error",
    "R121": "error",
    "R131": "warning",
    "R201": "error",
    "R202": "warning",
    "R203": "warning",
    "R204": "error",
    "R205": "warning",
    "R206": "warning",
    "R301": "error",
    "R401": "warning",
    "R402": "notice",
    "R501": "warning",
    "R601": "warning",
    "R602": "warning",
    "R603": "warning",
    "R701": "notice",
}


def check(
    figures: Figures,
    *,
    deadlines: Mapping[str, tuple[int, int] | date] | None = None,
    today: date | None = None,
) -> list[Finding]:
    """All single-report checks of ``figures``, in a stable order; ``figures`` is not changed.

    ``deadlines`` overrides the national publication deadlines per kind of body (see
    :data:`NATIONAL_DEADLINES`); ``today`` enables the check that the publication date is
    not in the future.
    """
    findings: list[Finding] = []
    for rule in (
        check_template,
        check_required_sections,
        check_extra_sections,
        check_section_order,
        check_values,
        check_row_totals,
        check_outcome_sum,
        check_balance,
        check_table4_totals,
        check_missing,
        check_narrative,
        check_fees,
    ):
        findings.extend(rule(figures))
    findings.extend(check_publication_date(figures, deadlines=deadlines, today=today))
    taken = {f.where for f in figures.findings if not f.code.startswith("R")}
    return [f for f in findings if f.where not in taken]


def analyse(
    figures: Figures,
    *,
    deadlines: Mapping[str, tuple[int, int] | date] | None = None,
    today: date | None = None,
) -> Figures:
    """Run :func:`check` and append its findings to ``figures.findings``; returns ``figures``.

    Idempotent: R findings from an earlier run are replaced, not repeated. Findings of
    :func:`check_pair` (R501, R701) are kept, since they need the other year's report.
    """
    pair_codes = {"R501", "R701"}
    figures.findings = [
        f for f in figures.findings if not f.code.startswith("R") or f.code in pair_codes
    ]
    figures.findings.extend(check(figures, deadlines=deadlines, today=today))
    return figures

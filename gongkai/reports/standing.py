"""The report as it stands: the computed figures with the report's overrides and the checks
that need the platform's other records (issue 10 §3, §4; docs/annual-report.md).

:func:`finish` runs after :func:`.compute.compute_figures`: the overrides go into the cells
and the engine's checks run again on the published values; then R801 (each override),
R302-R304 (the drafted wording), R501 and R702/R703 (last year's and the peers' reports).
"""

from __future__ import annotations

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.figures import Figures

from .draft_facts import record_facts
from .overrides import apply_overrides, difference_findings
from .prior import check_prior
from .textcheck import check_texts


def finish(fig: Figures, agency, year: int, report) -> Figures:
    if report is not None:
        differences = apply_overrides(fig, report)
        if differences:
            analyse(fig)  # the engine's checks on the published values
        difference_findings(fig, differences)
    check_texts(fig, record_facts(agency, year) if _has_text(fig) else None)
    check_prior(fig, agency, year)
    return fig


def _has_text(fig: Figures) -> bool:
    return any(isinstance(fig.sections.get(s), str) and fig.sections[s] for s in ("1", "5", "6"))

"""The annual report engine: plain Python, importable without Django settings.

    from gongkai.reportengine import parse_report, analyse
    figures = analyse(parse_report("report.pdf"))   # parser findings + check findings
    print(figures.to_json())

The figures structure (:mod:`.figures`) is shared by the parser of published reports
and by the computation from records, so that both are checked alike (:mod:`.checks`).
"""

from .checks import analyse, check, check_pair
from .figures import Figures, Finding, Severity
from .parsing import ReportUnreadable, parse_report

__all__ = [
    "Figures",
    "Finding",
    "ReportUnreadable",
    "Severity",
    "analyse",
    "check",
    "check_pair",
    "parse_report",
]

"""The annual report engine: plain Python, importable without Django settings.

    from gongkai.reportengine import parse_report, check
    figures = parse_report("report.pdf")
    findings = check(figures)

The figures structure (:mod:`.figures`) is shared by the parser of published reports
and, later, by the computation from records, so that both are checked alike.
"""

from .figures import Figures, Finding, Severity

__all__ = ["Figures", "Finding", "Severity"]

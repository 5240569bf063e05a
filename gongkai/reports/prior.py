"""Last year's report and the peers' for the checks across reports (issue 10 §4).

* Row 2 (上年结转) against last year's published row 4 (R501, the engine's
  :func:`~gongkai.reportengine.checks.check_pair`). Last year's report is the platform's
  current published :class:`~.models.ReportVersion`, or else the newest
  :class:`~.records.ImportedReport` read from the published file by the engine's parser
  (the years before the platform).
* Section 五 against last year's (R702) and against the same year's published reports of the
  peers — bodies with the same parent (R703): a warning when the texts are at least
  ``GONGKAI_SECTION5_SIMILARITY`` alike (default 0.8; practice §4.1: reports "90% identical
  to the previous year's" and copied across regions; §4.3 consequence 4: warn, do not block).
  Only published peers' reports are compared: a peer's draft is not this body's to read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings

from gongkai.reportengine.checks import check_pair
from gongkai.reportengine.checks.pair import similarity
from gongkai.reportengine.figures import Figures, Severity


@dataclass(frozen=True)
class Prior:
    figures: Figures
    source: str  # "平台第 2 版" or "导入文件 x.pdf"


def threshold() -> float:
    return float(getattr(settings, "GONGKAI_SECTION5_SIMILARITY", 0.8))


def last_year(agency, year: int) -> Prior | None:
    """The body's report for ``year - 1``: published on the platform, else imported."""
    from .models import ImportedReport, ReportVersion

    version = (
        ReportVersion.objects.filter(report__agency=agency, report__year=year - 1)
        .order_by("-number")
        .first()
    )
    if version is not None:
        return Prior(version.as_figures(), f"平台公开的第 {version.number} 版")
    imported = ImportedReport.objects.filter(agency=agency, year=year - 1).first()
    if imported is not None:
        return Prior(imported.as_figures(), f"导入的文件“{imported.file_name}”")
    return None


def peers_fives(agency, year: int) -> list[tuple[str, str]]:
    """(body name, section 五) of the current published reports of the body's peers."""
    from .models import ReportVersion

    if not agency.parent_id:
        return []
    latest: dict[int, tuple[str, str]] = {}
    rows = (
        ReportVersion.objects.filter(report__agency__parent_id=agency.parent_id, report__year=year)
        .exclude(report__agency=agency)
        .order_by("report__agency_id", "number")
        .values_list("report__agency_id", "report__agency__name", "figures")
    )
    for agency_id, name, figures in rows:
        latest[agency_id] = (name, (figures.get("sections") or {}).get("5") or "")
    return list(latest.values())


def check_prior(fig: Figures, agency, year: int) -> None:
    """Add R501, R702 and R703 to ``fig`` (module docstring)."""
    prior = last_year(agency, year)
    limit = threshold()
    five = fig.sections.get("5")
    if prior is not None:
        for f in check_pair(prior.figures, fig):
            if f.code == "R501":
                fig.add(
                    f.code, f.severity, f.where, f.message, f"{f.hint}（上年报告：{prior.source}）"
                )
        ratio = similarity(five, prior.figures.sections.get("5"))
        if ratio is not None and ratio >= limit:
            fig.add(
                "R702",
                Severity.WARNING,
                "section5",
                f"第五部分与上年报告（{prior.source}）的第五部分基本相同（相似度 {ratio:.0%}，"
                f"阈值 {limit:.0%}）",
                "30号要求第五部分实事求是、明确具体，不得出现敷衍了事甚至年年雷同现象；"
                "请写明本年的具体问题和改进措施。",
            )
    for name, text in peers_fives(agency, year):
        ratio = similarity(five, text)
        if ratio is not None and ratio >= limit:
            fig.add(
                "R703",
                Severity.WARNING,
                "section5",
                f"第五部分与同级机关“{name}”已公开的{year}年度报告第五部分基本相同"
                f"（相似度 {ratio:.0%}，阈值 {limit:.0%}）",
                "第五部分应写本机关自己的问题和改进措施，不宜套用其他机关的文字。",
            )


class ImportRefused(ValueError):
    """The file could not be used as last year's report (a Chinese one-line reason)."""


def import_last_year(agency, year: int, upload, *, actor=None):
    """Read ``upload`` — the body's published report for ``year - 1`` — with the engine's
    parser under the web hardening limits (:func:`.checking.check_uploads`: size, time,
    worker process) and store it as an :class:`~.records.ImportedReport`."""
    from .checking import check_uploads
    from .models import ImportedReport

    outcome = check_uploads([upload])[0]
    if outcome.figures is None:
        raise ImportRefused(outcome.problem or "无法读取该文件。")
    fig = outcome.figures
    if isinstance(fig.year, int) and fig.year != year - 1:
        raise ImportRefused(f"该文件是 {fig.year} 年度的报告，应上传 {year - 1} 年度的报告。")
    carried = fig.table3.get("4") if isinstance(fig.table3, dict) else None
    if not carried or all(v is None for v in carried):
        raise ImportRefused("未能从该文件读出表三“四、结转下年度继续办理”一行。")
    upload.seek(0)
    digest = hashlib.sha256(upload.read()).hexdigest()
    fig.year = year - 1
    return ImportedReport.objects.create(
        agency=agency,
        year=year - 1,
        file_name=upload.name[:255],
        sha256=digest,
        figures=fig.to_dict(),
        imported_by=actor,
    )

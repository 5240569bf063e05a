"""The government-level report: a government's own records and its subordinate bodies', summed.

国办公开办函〔2021〕30号 二 (reference §1.4): "县级政府的政府信息公开工作主管部门汇总所属部门和乡镇
政府的年度报告，于2月20日前…向社会公布"; the prefecture and the province do the same by 03-10 and
03-31, and the 办公厅（室） publishes the report of the government itself. gongkai builds it from
the records of the whole subtree (DERIVED: a prefecture's sum over its subtree equals the sum
of its departments and of its counties' own roll-ups, so the cascade adds up), with the
engine's checks, and lists the subordinate bodies that are

* **missing** — no published report for the year (overdue once their deadline has passed);
* **late** — first published after their deadline (条例 Art. 49; ``deadline_of``);
* **failing** — the current published version has error findings when checked again with
  the engine (and warnings of ``check_pair`` against last year's published version).

:func:`rollup` reads everything in a constant number of queries (the ``*_for`` functions of
:mod:`.compute` take every body at once); the page and ``gongkai annual_rollup`` call it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.reportengine.checks import analyse, check_pair
from gongkai.reportengine.figures import (
    TEMPLATE_2019,
    Figures,
    Finding,
    Severity,
    template_for_year,
)

from .compute import table2_for, table2_of, table3_for, table4_for

# Report states, as on the status page (views_report.annual_status).
ON_TIME, LATE, OVERDUE, DRAFT, NONE = "on_time", "late", "overdue", "draft", "none"
STATE_LABELS = {
    ON_TIME: "按期公开",
    LATE: "逾期公开",
    OVERDUE: "逾期未公开",
    DRAFT: "草稿（未到期）",
    NONE: "未开始（未到期）",
}


@dataclass
class BodyReport:
    """One body of the subtree: its tables from the records and its published report's state."""

    body: object  # agencies.Agency
    due: datetime.date
    table3: dict
    table4: list
    table2: dict
    first_published: datetime.date | None = None
    versions: int = 0
    state: str = NONE
    published: Figures | None = None  # the current version, checked again
    version: int | None = None  # its number
    findings: list[Finding] = field(default_factory=list)

    @property
    def received(self) -> int:
        return self.table3["1"][6]

    @property
    def closed(self) -> int:
        return self.table3["3.7"][6]

    @property
    def carried(self) -> int:
        return self.table3["4"][6]

    @property
    def cases(self) -> int:
        return self.table4[4] + self.table4[9] + self.table4[14]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def missing(self) -> bool:
        return self.versions == 0


@dataclass
class Rollup:
    agency: object
    year: int
    today: datetime.date
    figures: Figures  # the government-level report, checked
    own: BodyReport  # the government itself
    bodies: list[BodyReport]  # the subordinate bodies, in tree order

    @property
    def everyone(self) -> list[BodyReport]:
        return [self.own, *self.bodies]

    @property
    def missing(self) -> list[BodyReport]:
        return [b for b in self.bodies if b.missing]

    @property
    def overdue(self) -> list[BodyReport]:
        return [b for b in self.bodies if b.state == OVERDUE]

    @property
    def late(self) -> list[BodyReport]:
        return [b for b in self.bodies if b.state == LATE]

    @property
    def failing(self) -> list[BodyReport]:
        return [b for b in self.bodies if b.errors]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for b in self.bodies if b.state == s) for s in STATE_LABELS}


def state_of(due, first, has_report: bool, today) -> str:
    """条例 Art. 49 (deadline ``due``, ``deadline_of``): on time, late, overdue or not yet due."""
    if first:
        return ON_TIME if first <= due else LATE
    if today > due:
        return OVERDUE
    return DRAFT if has_report else NONE


def _sum_table2(tables: list[dict], names: list[str], fig: Figures) -> dict:
    """Table 二 summed; a cell a body left blank (not entered for the year, R131) is summed
    over the bodies that entered it, and a G101 warning names the others."""
    total: dict = {}
    for key in tables[0]:
        values = [t[key] for t in tables]
        if isinstance(values[0], list):
            total[key] = [sum(v[i] or 0 for v in values) for i in range(len(values[0]))]
            continue
        blank = [names[i] for i, v in enumerate(values) if v is None]
        known = [v for v in values if v is not None]
        total[key] = (
            (round(sum(known), 4) if key == "fees_wan_yuan" else sum(known)) if known else None
        )
        if blank and known:
            fig.add(
                "G101",
                Severity.WARNING,
                f"table2.{key}",
                f"表二 {key} 有 {len(blank)} 个机关未填报：{'、'.join(blank[:10])}"
                + ("等" if len(blank) > 10 else "")
                + "；汇总数只含已填报的机关。",
                "请各机关在“表二数据”中填报本年数字后再汇总（国办公开办函〔2021〕30号）。",
            )
    return total


def rollup(agency, year: int, *, today: datetime.date | None = None) -> Rollup:
    """The government-level report of ``agency`` for ``year`` and its subordinate bodies'
    states (30号 二; 条例 Art. 49, 50), in a constant number of queries."""
    from .models import AnnualReport, ReportVersion
    from .views_report import deadline_of

    today = today or timezone.localdate()
    template = template_for_year(year)
    bodies = list(agency.subtree().order_by("path"))  # 1 query
    ids = [b.pk for b in bodies]
    t3, t4, t2 = table3_for(ids, year), table4_for(ids, year), table2_for(ids, year)  # 4
    drafts = {  # 1
        r.agency_id: r for r in AnnualReport.objects.filter(agency_id__in=ids, year__in=(year,))
    }
    versions = (  # 1: this year's and last year's published versions, for check_pair
        ReportVersion.objects.filter(report__agency_id__in=ids, report__year__in=(year - 1, year))
        .select_related("report")
        .order_by("report__agency_id", "report__year", "number")
    )
    first: dict[tuple[int, int], datetime.date] = {}
    count: dict[tuple[int, int], int] = {}
    current: dict[tuple[int, int], ReportVersion] = {}
    for v in versions:
        key = (v.report.agency_id, v.report.year)
        first.setdefault(key, v.published_on)
        count[key] = count.get(key, 0) + 1
        current[key] = v  # ordered by number: the last one wins
    rows = []
    for body in bodies:
        due = deadline_of(body, year)
        key = (body.pk, year)
        row = BodyReport(body, due, t3[body.pk], t4[body.pk], t2[body.pk])
        row.first_published, row.versions = first.get(key), count.get(key, 0)
        row.state = state_of(due, row.first_published, body.pk in drafts, today)
        if key in current:
            row.version = current[key].number
            row.published = published = analyse(current[key].as_figures(), today=today)
            if (body.pk, year - 1) in current:  # carry-over, copied 五 (R501, R701)
                earlier = current[body.pk, year - 1].as_figures()
                published.findings.extend(check_pair(earlier, published))
            row.findings = published.findings
        rows.append(row)
    own, subordinates = rows[0], rows[1:]

    fig = Figures.zeros(template, year=year, body=agency.name, body_kind=agency.report_body_kind)
    report = drafts.get(agency.pk)
    texts = report.sections if report else {}
    fig.sections = {sid: texts.get(sid, "") for sid in ("1", "2", "3", "4", "5", "6")}
    fig.section_order = ["1", "2", "3", "4", "5", "6"]
    for rid in fig.table3:
        fig.table3[rid] = [sum(r.table3[rid][c] for r in rows) for c in range(7)]
    fig.table4 = [sum(r.table4[i] for r in rows) for i in range(15)]
    if template == TEMPLATE_2019:
        fig.table2 = table2_of(agency, year, fig)  # not computed: a finding says so (no query)
    else:
        fig.table2 = _sum_table2([r.table2 for r in rows], [r.body.name for r in rows], fig)
    analyse(fig, today=today)
    return Rollup(agency, year, today, fig, own, subordinates)


def bodies_text(result: Rollup) -> str:
    """The lists of missing, late and failing bodies as plain lines (the command prints it)."""
    lines = [
        f"{result.agency.name} {result.year} 年度汇总：本级及下级机关 {len(result.everyone)} 个，"
        f"本年新收申请 {result.figures.cell('1', 6)} 件，办结 {result.figures.cell('3.7', 6)} 件。"
    ]
    for title, items in (
        ("未公开", result.missing),
        ("逾期公开", result.late),
        ("报告有错误", result.failing),
    ):
        lines.append(f"{title}（{len(items)} 个）：")
        for b in items:
            detail = f"期限 {b.due:%Y-%m-%d}"
            if b.first_published:
                detail += f"，{b.first_published:%Y-%m-%d} 公开"
            if b.errors:
                detail += "，" + "；".join(f"{f.code} {f.message}" for f in b.errors[:3])
            lines.append(f"  {b.body.name}（{b.state_label}；{detail}）")
    return "\n".join(lines) + "\n"


def published_outcomes(result: Rollup) -> list:
    """The subordinate bodies' current published versions as the checker's outcomes (the
    engine's findings as computed by :func:`rollup`), for a stored batch check."""
    from gongkai.reportengine.results import Outcome

    items = []
    for b in result.bodies:
        if b.published is not None:
            b.published.source = f"{b.body.name} {result.year}年度报告 第{b.version}版"
            items.append(Outcome(b.published.source, figures=b.published))
    return items


def store_batch_check(result: Rollup):
    """A finished :class:`~.models.ReportCheck` holding the batch check of the published
    reports, so that the checker's results page and CSV show it (docs/report-checker.md)."""
    from gongkai.reportengine.results import as_json

    from .models import ReportCheck

    ReportCheck.purge_expired()
    items = published_outcomes(result)
    return ReportCheck.objects.create(
        name=f"{result.agency.name} {result.year}年度已公开报告"[:255],
        status=ReportCheck.Status.DONE,
        total=len(items),
        done=len(items),
        results=[as_json(item) for item in items],
    )

"""Tables 二, 三 and 四 of the annual report computed from the platform's records.

The result is the engine's :class:`~gongkai.reportengine.figures.Figures`, so a computed
report is checked, rendered and exported exactly like a parsed one (docs/annual-report.md).

Table 三 (条例 Art. 50(二); 国办公开办函〔2021〕30号; reference §3.4, §3.6), for year Y:

* row 1 (本年新收): applications **received** in Y (条例 Art. 31 receipt date);
* row 2 (上年结转): received before Y and still open at the end of Y−1;
* rows 3.1…3.6.3: applications **closed** in Y, once each, in their outcome's row (an
  application's outcome is one row id: 部分公开 already wins, Art. 37) and their applicant's
  column; in the 2019 template the three （六） rows are its single row 3.6 (reference §3.9);
* row 3.7: the sum of the outcome rows; row 4 (结转下年度): received by 12-31 of Y, still open;
* column 总计 is the sum of the six applicant columns.

So R1 + R2 = R3.7 + R4 in every column by construction (the printed 勾稽关系).

Table 四 (Art. 50(三); reference §3.5) from :class:`~.models.DisputeCase`: cases where the
body is 被申请人 or 被告 (a review body that is only co-defendant does not count them: 201号,
30号), each counted once in its route's group. Which cases a year holds is UNCONFIRMED
(reference §3.5): ``settings.GONGKAI_TABLE4_YEAR_RULE`` = ``"filed"`` (default: cases filed in
the year, with their result as at 12-31, 尚未审结 when undecided then) or ``"active"`` (also
cases of earlier years decided in the year or still undecided at its end).

Each table is one aggregate query (conditional ``Count`` grouped by column and row), whatever
the number of records; :func:`table3_for` takes many bodies at once for the roll-up.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Q

from gongkai.reportengine.checks import analyse
from gongkai.reportengine.figures import (
    TEMPLATE_2019,
    TEMPLATE_2021,
    Figures,
    Severity,
    empty_table2,
    outcome_row_ids,
    table3_row_ids,
    template_for_year,
)
from gongkai.reportengine.messages import gettext_noop

from .models import OUTCOME_PART, PENDING_PART, ROUTE_GROUP, DisputeCase

# Applicant type (applications.choices.ApplicantType values) -> table 三 column, as printed.
COLUMNS = ("natural", "business", "research", "nonprofit", "legal_service", "other")


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _row_for(outcome: str, template: str) -> str:
    """The template's row for an outcome row id (2019: （六） is one row, reference §3.9)."""
    if template == TEMPLATE_2019 and outcome.startswith("3.6."):
        return "3.6"
    return outcome


def table3_for(agency_ids: Iterable[int], year: int) -> dict[int, dict[str, list[int]]]:
    """Table 三 for each body in ``agency_ids`` (条例 Art. 50(二), 30号; rules in the module
    docstring), in one query."""
    from gongkai.applications.models import Application

    ids = list(agency_ids)
    template = template_for_year(year)
    start, end = _year_bounds(year)
    # Among the applications open at some time in the year (received by its end, not closed
    # before its start), row 2 is the rest of row 1 and row 4 the rest of those closed in it:
    # two conditional counts and a total, the least work per row the database can do.
    rows = (
        Application.objects.filter(agency_id__in=ids, received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .values("agency_id", "applicant_type", "outcome")
        .annotate(
            total=Count("pk"),
            r1=Count("pk", filter=Q(received_on__gte=start)),
            r3=Count("pk", filter=Q(closed_on__lte=end)),
        )
        .order_by()
    )
    tables = {pk: {rid: [0] * 7 for rid in table3_row_ids(template)} for pk in ids}
    valid = set(outcome_row_ids(template))
    for row in rows:
        table = tables[row["agency_id"]]
        c = COLUMNS.index(row["applicant_type"])
        table["1"][c] += row["r1"]
        table["2"][c] += row["total"] - row["r1"]
        table["4"][c] += row["total"] - row["r3"]
        if row["r3"]:
            rid = _row_for(row["outcome"], template)
            if rid not in valid:  # a closed case without a known outcome: counted as 其他
                rid = _row_for("3.6.3", template)
            table[rid][c] += row["r3"]
    outcomes = outcome_row_ids(template)
    for table in tables.values():
        table["3.7"] = [sum(table[rid][c] for rid in outcomes) for c in range(7)]
        for cells in table.values():
            cells[6] = sum(cells[:6])
    return tables


def _table4_rule() -> str:
    return getattr(settings, "GONGKAI_TABLE4_YEAR_RULE", "filed")


def table4_for(agency_ids: Iterable[int], year: int) -> dict[int, list[int]]:
    """Table 四 for each body (条例 Art. 50(三); 30号; reference §3.5), in one query: each
    counted case once, in its route's group, under its result as at 12-31 or 尚未审结."""
    ids = list(agency_ids)
    start, end = _year_bounds(year)
    cases = DisputeCase.objects.counted().filter(agency_id__in=ids, filed_on__lte=end)
    if _table4_rule() == "active":
        cases = cases.filter(
            Q(filed_on__gte=start) | Q(decided_on__isnull=True) | Q(decided_on__gte=start)
        )
    else:
        cases = cases.filter(filed_on__gte=start)
    decided = Q(decided_on__isnull=False, decided_on__lte=end)
    rows = (
        cases.values("agency_id", "route", "outcome")
        .annotate(done=Count("pk", filter=decided), pending=Count("pk", filter=~decided))
        .order_by()
    )
    tables = {pk: [0] * 15 for pk in ids}
    for row in rows:
        base = 5 * ROUTE_GROUP[row["route"]]
        table = tables[row["agency_id"]]
        if row["done"]:
            table[base + OUTCOME_PART[row["outcome"]]] += row["done"]
        table[base + PENDING_PART] += row["pending"]
    for table in tables.values():
        for base in (0, 5, 10):
            table[base + 4] = sum(table[base : base + 4])
    return tables


def table2_of(agency, year: int, fig: Figures) -> dict:
    """Table 二 from the catalog (``gongkai.catalog.table2``, 30号, reference §3.3); the 2019
    template's columns are not kept by the catalog, so they stay unknown with a finding."""
    if fig.template == TEMPLATE_2019:
        fig.add(
            "R131",
            Severity.WARNING,
            "table2",
            gettext_noop("表二（2019年试行格式）未由平台记录计算，请填写。"),
            gettext_noop("试行格式的栏目与现行格式不同（参考 §3.9），平台不作换算。"),
        )
        return empty_table2(TEMPLATE_2019)
    from gongkai.catalog.table2 import table2

    return table2(agency, year)


def compute_figures(agency, year: int, *, sections: dict | None = None) -> Figures:
    """The report of ``agency`` for ``year`` from the records, with every engine check's
    findings (条例 Art. 50; 30号)."""
    template = template_for_year(year)
    fig = Figures.zeros(template, year=year, body=agency.name, body_kind=agency.report_body_kind)
    fig.sections = {sid: (sections or {}).get(sid, "") for sid in ("1", "2", "3", "4", "5", "6")}
    fig.section_order = ["1", "2", "3", "4", "5", "6"]
    fig.table2 = table2_of(agency, year, fig)
    fig.table3 = table3_for([agency.pk], year)[agency.pk]
    fig.table4 = table4_for([agency.pk], year)[agency.pk]
    return analyse(fig)


def report_figures(agency, year: int) -> Figures:
    """The body's report for ``year`` as it stands: the records' tables with the texts of its
    draft (:class:`~.models.AnnualReport`), checked. Views and the command share it."""
    from .models import AnnualReport
    from .standing import finish

    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    fig = compute_figures(agency, year, sections=report.sections if report else None)
    return finish(fig, agency, year, report)  # overrides and the cross-record checks


def table2_for(agency_ids: Iterable[int], year: int) -> dict[int, dict]:
    """Table 二 of many bodies at once, for roll-ups: the same rules as
    ``gongkai.catalog.table2.table2`` (30号; reference §3.3) in two queries instead of seven
    per body (tests/test_compute.py holds the two equal)."""
    from decimal import Decimal

    from gongkai.catalog.models import CatalogItem, Genre, Status, Table2Input
    from gongkai.catalog.table2 import ceased_validities

    ids = list(agency_ids)
    if template_for_year(year) == TEMPLATE_2019:  # not kept by the catalog (see table2_of)
        return {pk: empty_table2(TEMPLATE_2019) for pk in ids}
    start, end = _year_bounds(year)
    keys = {Genre.RULE: "rules", Genre.NORMATIVE: "normative_documents"}
    tables = {pk: empty_table2(TEMPLATE_2021) for pk in ids}
    for table in tables.values():
        table["rules"], table["normative_documents"] = [0, 0, 0], [0, 0, 0]
    rows = (
        CatalogItem.objects.filter(agency_id__in=ids, status=Status.PUBLISHED, genre__in=keys)
        .values("agency_id", "genre")
        .annotate(
            issued=Count("pk", filter=Q(written_on__gte=start, written_on__lte=end)),
            repealed=Count(
                "pk",
                filter=Q(
                    validity__in=ceased_validities(), ceased_on__gte=start, ceased_on__lte=end
                ),
            ),
            in_force=Count(
                "pk",
                filter=Q(written_on__lte=end) & (Q(ceased_on__isnull=True) | Q(ceased_on__gt=end)),
            ),
        )
        .order_by()
    )
    for row in rows:
        tables[row["agency_id"]][keys[row["genre"]]] = [
            row["issued"],
            row["repealed"],
            row["in_force"],
        ]
    for entered in Table2Input.objects.filter(agency_id__in=ids, year=year):
        table = tables[entered.agency_id]
        table["licensing"] = entered.licensing
        table["penalty"] = entered.penalty
        table["coercion"] = entered.coercion
        table["fees_wan_yuan"] = float(Decimal(entered.fees_wan_yuan).normalize())
    return tables

"""Overriding a computed figure, only with a recorded reason (issue 10 §3; practice §4.3).

The tables come from the records. When the records are incomplete (e.g. applications
handled on paper before the platform, kept outside the system), a clerk may publish another
value for one cell, giving the reason; the override is an append-only
:class:`~.records.FigureOverride`. :func:`apply_overrides` puts the newest value of each cell
into the figures (so every export uses it) and adds one R801 finding per difference, naming
the cell, the computed and the published value and the reason. The other checks then run
on the published values (a changed cell that no longer adds up is R101/R103's finding).

Cells are named as the engine's findings name them (``where``): ``table3.<row>[<0-6>]``,
``table4[<0-14>]``, ``table2.<key>`` or ``table2.<key>[<i>]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from gongkai.reportengine.checks.common import fmt
from gongkai.reportengine.checks.labels import (
    COLUMN_SHORT,
    row_label,
    table2_label,
    table4_label,
)
from gongkai.reportengine.figures import (
    TABLE4_COLUMNS,
    Figures,
    Severity,
    table2_layout,
    table3_row_ids,
)

CELL = re.compile(r"table3\.(?P<row>[\d.]+)\[(?P<col>[0-6])\]|table4\[(?P<i>\d{1,2})\]|"
                  r"table2\.(?P<key>[a-z_]+)(?:\[(?P<j>\d)\])?")  # fmt: skip


@dataclass(frozen=True)
class Difference:
    cell: str
    label: str
    computed: object
    published: object
    reason: str


def cell_choices(template: str) -> list[tuple[str, str]]:
    """Every overridable cell of the template with its label, in the printed order."""
    choices = []
    for key, (label, columns) in table2_layout(template).items():
        if len(columns) == 1:
            choices.append((f"table2.{key}", f"表二 {label}"))
        else:
            choices += [
                (f"table2.{key}[{i}]", f"表二 {table2_label(template, key, i)}")
                for i in range(len(columns))
            ]
    for rid in table3_row_ids(template):
        choices += [
            (f"table3.{rid}[{c}]", f"表三 {row_label(rid)}·{COLUMN_SHORT[c]}") for c in range(7)
        ]
    choices += [(f"table4[{i}]", f"表四 {table4_label(i)}") for i in range(len(TABLE4_COLUMNS))]
    return choices


def cell_label(template: str, cell: str) -> str:
    return dict(cell_choices(template)).get(cell, cell)


def get_cell(fig: Figures, cell: str):
    m = CELL.fullmatch(cell)
    if not m:
        raise KeyError(cell)
    if m["row"]:
        return fig.table3[m["row"]][int(m["col"])]
    if m["i"]:
        return fig.table4[int(m["i"])]
    value = fig.table2[m["key"]]
    return value[int(m["j"])] if m["j"] is not None else value


def set_cell(fig: Figures, cell: str, value) -> None:
    m = CELL.fullmatch(cell)
    if not m:
        raise KeyError(cell)
    if m["row"]:
        fig.table3[m["row"]][int(m["col"])] = value
    elif m["i"]:
        fig.table4[int(m["i"])] = value
    elif m["j"] is not None:
        fig.table2[m["key"]][int(m["j"])] = value
    else:
        fig.table2[m["key"]] = value


def allows_fraction(cell: str) -> bool:
    """Only 表二 行政事业性收费 (万元) is not a count (30号 template; R121's exception)."""
    return cell == "table2.fees_wan_yuan"


def current_overrides(report) -> dict[str, object]:
    """Cell → the newest override of the report (one query; rows that restore the computed
    value drop out)."""
    newest: dict[str, object] = {}
    for row in report.overrides.order_by("made_at", "pk"):
        newest[row.cell] = row
    return {cell: row for cell, row in newest.items() if row.value is not None}


def apply_overrides(fig: Figures, report) -> list[Difference]:
    """Put the report's overrides into ``fig``; returns the cells that differ from the
    computed value (their R801 findings: :func:`difference_findings`)."""
    differences = []
    valid = dict(cell_choices(fig.template))
    for cell, row in current_overrides(report).items():
        if cell not in valid:  # a cell of the other template (the year's template changed)
            continue
        computed, published = get_cell(fig, cell), row.number()
        if computed == published:
            continue
        set_cell(fig, cell, published)
        differences.append(Difference(cell, valid[cell], computed, published, row.reason))
    return differences


def difference_findings(fig: Figures, differences: list[Difference]) -> None:
    """R801 for each difference (after the engine's checks, which replace R findings)."""
    for d in differences:
        fig.add(
            "R801",
            Severity.WARNING,
            d.cell,
            f"{d.label} 按平台记录计算为 {fmt(d.computed)}，填报为 {fmt(d.published)}；"
            f"理由：{d.reason}",
            "调整的数字以平台外的记录为据，请保存好相关记录；记录补录进平台后可恢复计算值。",
        )


def as_value(cell: str, value: Decimal) -> Decimal:
    """Validate a value for ``cell``: a non-negative whole number, or for 万元 up to 4 places
    (30号 template; R121). Raises ValueError with the Chinese message for the field."""
    if value < 0:
        raise ValueError("数字不能为负数。")
    if not allows_fraction(cell) and value != value.to_integral_value():
        raise ValueError("件数应为整数。")
    return value

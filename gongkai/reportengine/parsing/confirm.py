"""Numbers read by OCR are kept only where the tables' arithmetic confirms them.

OCR misreads digits, and a misread digit is a wrong number — the one thing the checker must
never report as the publication's. So after a scan is assembled, each number of tables 三
and 四 is checked against the relations of the template it takes part in (reference §3.6:
rule 1, each row's 总计 = its six columns; rule 2, （七）总计 = the outcome rows, per column;
the printed 勾稽关系 一 + 二 = （七） + 四; rule 3, each table-四 group's 总计 = its four
parts), those whose numbers were all read:

* a number is *vouched for* when a relation it is part of holds;
* in a relation that fails, the numbers nothing vouches for are the misread ones; when
  every number of a failing relation is vouched for elsewhere, none of them is kept;
* a number is kept when it is vouched for and not refuted; any other becomes None with P030.

Table 二 has no arithmetic, so none of its OCR'd numbers is confirmed. After this no
relation with all its numbers kept fails, so the checks find no arithmetic error in a scan:
what they cannot confirm they do not judge (docs/report-checks.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..figures import TEMPLATE_2021, Figures, Severity, outcome_row_ids
from ..messages import gettext_noop

Ref = tuple[str, object]  # ("t3", (row, col)) or ("t4", index)


def _relations(fig: Figures) -> Iterator[list[Ref]]:
    """The template's relations as lists of cells, the total last."""
    rows = list(fig.table3)
    for rid in rows:
        yield [("t3", (rid, c)) for c in range(7)]
    outcome = [r for r in outcome_row_ids(fig.template) if r in fig.table3]
    if fig.template == TEMPLATE_2021 and "3.6" in fig.table3:
        # A 2021 report that printed （六） as one row: that row stands for the sub-rows.
        outcome = [r for r in outcome if not r.startswith("3.6.")] + ["3.6"]
    for c in range(7):
        if "3.7" in fig.table3:
            yield [*(("t3", (r, c)) for r in outcome), ("t3", ("3.7", c))]
        if all(r in fig.table3 for r in ("1", "2", "3.7", "4")):
            yield [("t3", ("1", c)), ("t3", ("2", c)), ("t3", ("3.7", c)), ("t3", ("4", c))]
    for g in range(3):
        yield [("t4", g * 5 + i) for i in range(5)]


def _value(fig: Figures, ref: Ref):
    kind, at = ref
    if kind == "t3":
        rid, c = at
        return fig.table3[rid][c]
    return fig.table4[at]


def _holds(rel: list[Ref], values: list) -> bool:
    if len(rel) == 4 and rel[0][1][0] == "1" and rel[2][1][0] == "3.7":
        return values[0] + values[1] == values[2] + values[3]  # 一 + 二 = （七） + 四
    return sum(values[:-1]) == values[-1]


# Findings that say the publication left something out: on a scan, OCR may just have missed
# it, so they become ``unread`` (we could not read it) rather than a defect of the report.
_PUBLICATION_DEFECTS = ("P010", "P011", "P012")


def confirm_ocr(fig: Figures) -> None:
    """Keep only the OCR'd numbers the arithmetic confirms; the others None with P030."""
    fig.findings = [
        replace(f, severity=Severity.UNREAD) if f.code in _PUBLICATION_DEFECTS else f
        for f in fig.findings
    ]
    holding: list[list[Ref]] = []
    failing: list[list[Ref]] = []
    for rel in _relations(fig):
        values = [_value(fig, ref) for ref in rel]
        if any(not isinstance(v, int) or isinstance(v, bool) for v in values):
            continue
        (holding if _holds(rel, values) else failing).append(rel)
    supported = {ref for rel in holding for ref in rel}
    refuted: set[Ref] = set()
    for rel in failing:
        suspects = [ref for ref in rel if ref not in supported]
        # The misread number is the one no holding relation vouches for; where every number
        # of a failing relation is vouched for elsewhere, none of them can be trusted.
        refuted.update(suspects or rel)
    confirmed = {ref: True for ref in supported - refuted}
    for rid, row in fig.table3.items():
        for c, value in enumerate(row):
            if value is not None and not confirmed.get(("t3", (rid, c))):
                row[c] = None
                _flag(fig, f"table3.{rid}[{c}]", value)
    for i, value in enumerate(fig.table4):
        if value is not None and not confirmed.get(("t4", i)):
            fig.table4[i] = None
            _flag(fig, f"table4[{i}]", value)
    for key, value in fig.table2.items():
        if isinstance(value, list):
            for i, v in enumerate(value):
                if v is not None:
                    value[i] = None
                    _flag(fig, f"table2.{key}[{i}]", v, table2=True)
        elif value is not None:
            fig.table2[key] = None
            _flag(fig, f"table2.{key}", value, table2=True)


def _flag(fig: Figures, where: str, value, *, table2: bool = False) -> None:
    fig.add(
        "P030",
        Severity.UNREAD,
        where,
        gettext_noop("OCR 识别出的数字「{value}」未采用：表二没有可用来核实的勾稽关系")
        if table2
        else gettext_noop("OCR 识别出的数字「{value}」未采用：表内勾稽关系未能核实"),
        gettext_noop("扫描件的数字由文字识别读出，可能有误；请对照原件核对。"),
        value=str(value),
    )

"""Arithmetic and completeness of tables 二, 三 and 四 (reference §3.6, R1xx codes).

Every rule that involves a ``None`` cell is skipped: a missing number cannot be verified,
and the missing cell itself is reported once (by the parser, or here as R131).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..figures import (
    TEMPLATE_2019,
    TEMPLATE_2021,
    TOTAL_COLUMN,
    Figures,
    Finding,
    outcome_row_ids,
    table2_layout,
    table3_row_ids,
)
from .common import ERROR, WARNING, all_numbers, finding, gettext_noop, is_number, text, total
from .labels import COLUMN_SHORT, cell_label, row_label, table2_label, table4_label

APPLICANT_COLUMNS = range(TOTAL_COLUMN)  # the six applicant columns before 总计


def row_cells(figures: Figures, row_id: str) -> list:
    """Row ``row_id`` of table 三 as exactly 7 cells (a short or absent row reads as None)."""
    row = figures.table3.get(row_id)
    if type(row) is list and len(row) == 7:
        return row  # read-only: the checks never change the figures
    if not isinstance(row, list | tuple):
        return [None] * 7
    return (list(row) + [None] * 7)[:7]


def table4_cells(figures: Figures) -> list:
    cells = figures.table4 if isinstance(figures.table4, list | tuple) else []
    return (list(cells) + [None] * 15)[:15]


def checked_row_ids(figures: Figures) -> list[str]:
    """The template's rows, plus a single （六） row ``3.6`` if a 2021 report printed one.

    Some 2021 reports print （六）其他处理 as one row, in the old layout (hongze samples);
    a parser may keep it as ``table3["3.6"]``, and then it counts like any other row.
    """
    ids = list(table3_row_ids(figures.template))
    if figures.template == TEMPLATE_2021 and "3.6" in figures.table3:
        ids.insert(ids.index("3.7"), "3.6")
    return ids


def check_row_totals(figures: Figures) -> Iterator[Finding]:
    """R101: for every row r of table 三, r[总计] = r[自然人] + … + r[其他] (reference §3.6 rule 1)."""
    for row_id in checked_row_ids(figures):
        cells = row_cells(figures, row_id)
        if not all_numbers(*cells):
            continue
        parts = total(cells[c] for c in APPLICANT_COLUMNS)
        if parts != cells[TOTAL_COLUMN]:
            yield finding(
                "R101",
                ERROR,
                f"table3.{row_id}[{TOTAL_COLUMN}]",
                gettext_noop("表三 {row} 的总计为 {total}，六类申请人之和为 {parts}"),
                gettext_noop(
                    "每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、"
                    "法律服务机构、其他六列之和；请核对该行各列。"
                ),
                row=row_label(row_id),
                total=cells[TOTAL_COLUMN],
                parts=parts,
            )


def outcome_cells(figures: Figures, column: int) -> list | None:
    """The outcome rows' cells in ``column``, or None if any is missing.

    For a 2021 report that printed （六） as one row (``3.6``) and left 3.6.1–3.6.3 empty,
    the single row stands in for the three sub-rows.
    """
    ids = list(outcome_row_ids(figures.template))
    if figures.template == TEMPLATE_2021 and "3.6" in figures.table3:
        subrows = [row_cells(figures, r)[column] for r in ("3.6.1", "3.6.2", "3.6.3")]
        if all(v is None for v in subrows) and is_number(row_cells(figures, "3.6")[column]):
            ids = [r for r in ids if not r.startswith("3.6.")] + ["3.6"]
    values = [row_cells(figures, r)[column] for r in ids]
    return values if all_numbers(*values) else None


def outcome_sums(figures: Figures) -> list:
    """Per column, the sum of the outcome rows, or None where a cell is missing."""
    sums: list = []
    rows = [row_cells(figures, r) for r in outcome_row_ids(figures.template)]
    for column in range(7):
        values = [row[column] for row in rows]
        if not all_numbers(*values):
            values = outcome_cells(figures, column)  # the single-row （六） case, or None
        sums.append(None if values is None else total(values))
    return sums


def check_outcome_sum(figures: Figures) -> Iterator[Finding]:
    """R102: per column, （七）总计 = sum of the outcome rows (reference §3.6 rule 2)."""
    stated_row = row_cells(figures, "3.7")
    for column, parts in enumerate(outcome_sums(figures)):
        stated = stated_row[column]
        if parts is None or not is_number(stated):
            continue
        if parts != stated:
            yield finding(
                "R102",
                ERROR,
                f"table3.3.7[{column}]",
                gettext_noop("表三 {cell} 为 {stated}，各办理结果之和为 {parts}"),
                gettext_noop(
                    "“（七）总计”应等于（一）至（六）各项办理结果之和（每件申请只计入一种结果，"
                    "部分公开优先）；请核对该列各办理结果。"
                ),
                cell=cell_label("3.7", column),
                stated=stated,
                parts=parts,
            )


def check_balance(figures: Figures) -> Iterator[Finding]:
    """R103: per column, 一 + 二 = （七）总计 + 四 — the 勾稽关系 printed in table 三 (reference §3.6).

    Reported at row 四 (``table3.4[c]``): the carry-over is the balancing figure a compiler
    derives last, so it is the likeliest place of the slip; the message names all four.
    """
    for column in range(7):
        new, carried, done, left = (row_cells(figures, r)[column] for r in ("1", "2", "3.7", "4"))
        if not all_numbers(new, carried, done, left):
            continue
        if total((new, carried)) != total((done, left)):
            yield finding(
                "R103",
                ERROR,
                f"table3.4[{column}]",
                gettext_noop(
                    "表三 {column} 列：一（{new}）+ 二（{carried}）= {incoming}，"
                    "而（七）总计（{done}）+ 四（{left}）= {outgoing}"
                ),
                gettext_noop(
                    "表三注明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和；"
                    "请核对本年新收、上年结转、办理结果总计和结转下年度四个数字。"
                ),
                column=COLUMN_SHORT[column],
                new=new,
                carried=carried,
                incoming=total((new, carried)),
                done=done,
                left=left,
                outgoing=total((done, left)),
            )


def check_table4_totals(figures: Figures) -> Iterator[Finding]:
    """R111: each table-四 group's 总计 = 维持 + 纠正 + 其他 + 尚未审结 (reference §3.6 rule 3)."""
    cells = table4_cells(figures)
    for group in range(3):
        parts = cells[group * 5 : group * 5 + 4]
        stated = cells[group * 5 + 4]
        if not all_numbers(stated, *parts):
            continue
        if total(parts) != stated:
            upheld, corrected, other, pending = parts
            yield finding(
                "R111",
                ERROR,
                f"table4[{group * 5 + 4}]",
                gettext_noop(
                    "表四 {cell} 为 {stated}，维持 {upheld} + 纠正 {corrected} + 其他 {other}"
                    " + 尚未审结 {pending} = {parts}"
                ),
                gettext_noop(
                    "每组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结之和；请核对该组。"
                ),
                cell=table4_label(group * 5 + 4),
                stated=stated,
                upheld=upheld,
                corrected=corrected,
                other=other,
                pending=pending,
                parts=total(parts),
            )


# Table-二 cells that may legitimately be decimal (amounts) or negative (a yearly change).
DECIMAL_CELLS = {
    TEMPLATE_2021: {("fees_wan_yuan", None)},  # 本年收费金额（单位：万元）
    TEMPLATE_2019: {("procurement", 1)},  # 采购总金额
}
SIGNED_CELLS = {
    TEMPLATE_2019: {
        (key, 1) for key in ("licensing", "other_services", "penalty", "coercion", "fees")
    },
}


def iter_table2(figures: Figures) -> Iterator[tuple[str, int | None, object]]:
    """(key, index or None for a single-number entry, value) for every table-二 cell."""
    for key, (_, columns) in table2_layout(figures.template).items():
        value = figures.table2.get(key) if isinstance(figures.table2, dict) else None
        if len(columns) == 1:
            yield key, None, value
        else:
            cells = value if isinstance(value, list | tuple) else [None] * len(columns)
            for index, cell in enumerate((list(cells) + [None] * len(columns))[: len(columns)]):
                yield key, index, cell


def table2_where(key: str, index: int | None) -> str:
    return f"table2.{key}" if index is None else f"table2.{key}[{index}]"


def check_values(figures: Figures) -> Iterator[Finding]:
    """R121: every count is a non-negative whole number (reference §3.6 rule 4).

    The 万元 fee of the 2021 template and the 2019 采购总金额 may be decimal; the 2019
    template's 本年增/减 columns are changes and may be negative.
    """
    decimal = DECIMAL_CELLS.get(figures.template, set())
    signed = SIGNED_CELLS.get(figures.template, set())
    # (where, label maker, value, may be decimal, may be negative); labels are made only for
    # the few cells that are wrong, since this runs over every cell of every report.
    cells: list[tuple[str, object, object, bool, bool]] = []
    for row_id, row in figures.table3.items():
        for column, value in enumerate(row if isinstance(row, list | tuple) else []):
            if type(value) is int and value >= 0:
                continue
            cells.append(
                (f"table3.{row_id}[{column}]", ("table3", row_id, column), value, False, False)
            )
    for index, value in enumerate(table4_cells(figures)):
        if type(value) is int and value >= 0:
            continue
        cells.append((f"table4[{index}]", ("table4", index), value, False, False))
    for key, index, value in iter_table2(figures):
        cells.append(
            (
                table2_where(key, index),
                ("table2", key, index),
                value,
                (key, index) in decimal,
                (key, index) in signed,
            )
        )
    for where, label_of, value, may_be_decimal, may_be_negative in cells:
        if value is None:
            continue
        if not is_number(value):
            problem = gettext_noop("{cell} 为“{value}”，不是数字")
            value = str(value)
        elif value < 0 and not may_be_negative:
            problem = gettext_noop("{cell} 为 {value}，不应为负数")
        elif not may_be_decimal and not float(value).is_integer():
            problem = gettext_noop("{cell} 为 {value}，件数应为整数")
        else:
            continue
        yield finding(
            "R121",
            ERROR,
            where,
            problem,
            gettext_noop("表中件数均为非负整数（只有以万元计的收费金额可带小数）；请核对原表。"),
            cell=value_label(figures, label_of),
            value=value,
        )


def value_label(figures: Figures, label_of: tuple) -> object:
    """The cell's name in a message: the table's number (ours) and the report's labels."""
    table, *key = label_of
    if table == "table3":
        row_id, column = key
        label = cell_label(row_id, column) if column < 7 else f"{row_label(row_id)}[{column}]"
        return text(gettext_noop("表三 {label}"), label=label)
    if table == "table4":
        return text(gettext_noop("表四 {label}"), label=table4_label(key[0]))
    return text(gettext_noop("表二 {label}"), label=table2_label(figures.template, key[0], key[1]))


def check_missing(figures: Figures) -> Iterator[Finding]:
    """R131: a cell left empty (None) that no earlier finding explains.

    A None cell "has a finding" when a finding sits at the cell, its row (``table3.<row>``,
    ``table2.<key>``), its table (``table3``/``table4``/``table2``) or its section
    (``section3``/``section4``/``section2``). A whole empty row is one finding at the row;
    a whole empty table is one finding at the table.
    """
    known = {f.where for f in figures.findings}
    hint = gettext_noop(
        "缺少这一数字，涉及它的勾稽关系无法核对；请补全（没有发生的填 0）或核对原文。"
    )

    def explained(where: str, *containers: str) -> bool:
        return where in known or any(c in known for c in containers)

    # Table 三.
    if not explained("table3", "section3"):
        rows = {r: row_cells(figures, r) for r in table3_row_ids(figures.template)}
        if all(v is None for cells in rows.values() for v in cells) and not any(
            w.startswith("table3.") for w in known
        ):
            yield finding("R131", WARNING, "table3", gettext_noop("表三 全部为空"), hint)
        else:
            for row_id, cells in rows.items():
                if explained(f"table3.{row_id}"):
                    continue
                empty = [
                    c
                    for c, v in enumerate(cells)
                    if v is None and not explained(f"table3.{row_id}[{c}]")
                ]
                if len(empty) == 7:
                    yield finding(
                        "R131",
                        WARNING,
                        f"table3.{row_id}",
                        gettext_noop("表三 {row} 整行为空（7 格）"),
                        hint,
                        row=row_label(row_id),
                    )
                    continue
                for c in empty:
                    yield finding(
                        "R131",
                        WARNING,
                        f"table3.{row_id}[{c}]",
                        gettext_noop("表三 {cell} 为空"),
                        hint,
                        cell=cell_label(row_id, c),
                    )
    # Table 四.
    if not explained("table4", "section4"):
        cells = table4_cells(figures)
        if all(v is None for v in cells) and not any(w.startswith("table4[") for w in known):
            yield finding("R131", WARNING, "table4", gettext_noop("表四 全部为空（15 格）"), hint)
        else:
            for index, value in enumerate(cells):
                if value is None and not explained(f"table4[{index}]"):
                    yield finding(
                        "R131",
                        WARNING,
                        f"table4[{index}]",
                        gettext_noop("表四 {cell} 为空"),
                        hint,
                        cell=table4_label(index),
                    )
    # Table 二.
    if not explained("table2", "section2"):
        entries = list(iter_table2(figures))
        if all(value is None for _, _, value in entries) and not any(
            w.startswith("table2.") for w in known
        ):
            yield finding("R131", WARNING, "table2", gettext_noop("表二 全部为空"), hint)
            return
        by_key: dict[str, list[tuple[int | None, object]]] = {}
        for key, index, value in entries:
            by_key.setdefault(key, []).append((index, value))
        for key, items in by_key.items():
            if explained(f"table2.{key}"):
                continue
            empty = [
                index
                for index, value in items
                if value is None and not explained(table2_where(key, index))
            ]
            if empty and len(empty) == len(items):
                yield finding(
                    "R131",
                    WARNING,
                    f"table2.{key}",
                    gettext_noop("表二 {cell} 为空"),
                    hint,
                    cell=table2_label(figures.template, key),
                )
                continue
            for index in empty:
                yield finding(
                    "R131",
                    WARNING,
                    table2_where(key, index),
                    gettext_noop("表二 {cell} 为空"),
                    hint,
                    cell=table2_label(figures.template, key, index),
                )

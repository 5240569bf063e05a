"""Rows whose labels a PDF converter lost, put back by the template's order and arithmetic.

A converter sometimes keeps a table-三 row's values but drops its label (the label cell was
merged into the row above, or fell to another page). Between two rows that were read, the
template says which rows are missing (reference §3.4 fixes their order); when exactly as
many whole lines of values stand there, in that stretch, they are those rows' — but only
if the tables' arithmetic then holds (reference §3.6: each row's 总计 = its six columns;
（七）总计 = the outcome rows; 一 + 二 = （七） + 四) and at least one column relation could
be checked. Otherwise the rows stay unread (P011).
"""

from __future__ import annotations

from ..figures import outcome_row_ids, table3_row_ids
from .align import ROW, VALS, Assigned, Item, trim_padding
from .numbers import NUM


def _anchor(item: Item) -> bool:
    return item.kind == ROW and bool(item.toks)


def by_order(items: list[Item], assigned: dict[str, Assigned], template: str) -> dict:
    """{row id: Assigned} for label-less value lines that the order and arithmetic place."""
    order = list(table3_row_ids(template))
    rank = {rid: n for n, rid in enumerate(order)}
    placed: dict[str, Assigned] = {}
    last = -1
    run: list[Item] = []
    clean = True  # no unbound label in the stretch: its value lines are orphans for sure
    for item in [*items, None]:
        if item is None or (_anchor(item) and item.key in rank):
            upto = rank[item.key] if item is not None else len(order)
            gap = [r for r in order[last + 1 : upto] if r not in assigned]
            if clean and run and len(run) == len(gap):
                rows = [trim_padding(vals.toks, 7) for vals in run]
                if all(len(t) == 7 and all(c.kind == NUM for c in t) for t in rows):
                    placed.update(
                        (rid, Assigned(toks=list(t))) for rid, t in zip(gap, rows, strict=True)
                    )
            if item is not None:
                last = max(last, rank[item.key])
            run, clean = [], True
        elif item.kind == VALS and not item.label:
            run.append(item)
        elif item.kind == ROW:
            clean = False
    return placed if placed and _holds(placed, assigned, template) else {}


def _values(a: Assigned) -> list | None:
    if a is None or a.toks is None or a.problem or len(a.toks) != 7:
        return None
    if any(t.kind != NUM for t in a.toks):
        return None
    return [t.value for t in a.toks]


def _holds(placed: dict[str, Assigned], assigned: dict[str, Assigned], template: str) -> bool:
    rows = {rid: _values(a) for rid, a in {**assigned, **placed}.items()}
    for rid in placed:
        v = rows[rid]
        if v is None or sum(v[:6]) != v[6]:
            return False
    outcome = [r for r in outcome_row_ids(template) if r in rows or r in placed]
    checked = False
    for c in range(7):
        parts = [rows.get(r) for r in outcome]
        total = rows.get("3.7")
        if total is not None and parts and all(p is not None for p in parts):
            if set(placed) & {*outcome, "3.7"}:
                checked = True
                if sum(p[c] for p in parts) != total[c]:
                    return False
        four = [rows.get(r) for r in ("1", "2", "3.7", "4")]
        if all(f is not None for f in four) and set(placed) & {"1", "2", "3.7", "4"}:
            checked = True
            if four[0][c] + four[1][c] != four[2][c] + four[3][c]:
                return False
    return checked

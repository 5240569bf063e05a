"""Reading tables 二, 三 and 四 from their regions of the publication.

Reference §3.3 (table 二), §3.4 and §3.9 (table 三, both templates), §3.5 (table 四), §3.6
(the arithmetic used to recover run-together cells). Every cell that is not read becomes
None with a P-finding (docs/report-parsing.md).
"""

from __future__ import annotations

from ..figures import (
    TEMPLATE_2021,
    Cell,
    Figures,
    Severity,
    outcome_row_ids,
    table2_layout,
    table3_rows,
)
from ..messages import gettext_noop, text
from .align import (
    GROUP,
    MAX_LEAD,
    NUMERIC,
    ROW,
    VALS,
    Assigned,
    Item,
    align,
    items_for,
    trim_padding,
)
from .labels import HEADER2, HEADER3, TABLE2_LABELS, table3_matches
from .numbers import BLANK, NUM, Tok, split_line
from .sections import Prepared
from .split import MAX_CANDIDATES, exact_splits, row_splits

_LABEL_OF = {
    "P013": gettext_noop("单元格个数不对"),
    "P016": gettext_noop("数字与行标签无法对应"),
}


# --- Cells ---------------------------------------------------------------------------------


def to_cells(fig: Figures, toks: list[Tok], where: str, *, decimal: bool = False) -> list[Cell]:
    """Cell values of ``toks``; a blank is None + P010 (the publication's defect), an
    unreadable cell None + P017 (ours). ``where`` is formatted with the column index."""
    cells: list[Cell] = []
    for i, tok in enumerate(toks):
        at = where.format(i)
        if tok.kind == NUM:
            value = tok.value
            if isinstance(value, float) and not decimal and value.is_integer():
                value = int(value)
            cells.append(value)
        elif tok.kind == BLANK:
            if tok.text:
                fig.add(
                    "P010",
                    Severity.WARNING,
                    at,
                    gettext_noop("报告在此处未填数字（印为「{shown}」）"),
                    shown=tok.text,
                )
            else:
                fig.add(
                    "P010", Severity.WARNING, at, gettext_noop("报告在此处未填数字（印为「空白」）")
                )
            cells.append(None)
        else:
            fig.add(
                "P017",
                Severity.UNREAD,
                at,
                gettext_noop("无法识别的单元格内容「{text}」"),
                text=tok.text,
            )
            cells.append(None)
    return cells


# --- Table 三 ------------------------------------------------------------------------------


def table3_region(prepared: list[Prepared], start: int, end: int) -> list[Prepared]:
    """The table's lines: from its header (or else its first row label) to the section end."""
    # The header first (a paragraph above the table may use the rows' words), but not a
    # header repeated after a page break below row 一.
    first_label = None
    for p in prepared[start:end]:
        if HEADER3.search(p.flat):
            return prepared[p.index : end]
        found = _leading_label(p.flat)
        if found:
            first_label = p.index if first_label is None else first_label
            if any(key == "1" for kind, key, _, _ in found if kind == ROW):
                break
    return prepared[first_label:end] if first_label is not None else []


def _leading_label(flat: str) -> list[tuple[str, str, int, int]]:
    """The table-三 labels of a line whose first label stands near its start (a label deep
    inside a sentence is a word of the sentence)."""
    found = table3_matches(flat)
    return found if found and len(NUMERIC.sub("", flat[: found[0][2]])) <= MAX_LEAD else []


def table3_items(region: list[Prepared]) -> list[Item]:
    """Items of table 三, with 总计 rows, the （六） decision and duplicates settled."""
    items = items_for(region, table3_matches)
    for item in items:
        # A bare 「总计」/「合计」 with numbers is row 3.7 (without numbers: the column header).
        if item.kind == VALS and item.label in ("总计", "合计"):
            item.kind, item.key = ROW, "3.7"
    has_sub6 = any(it.kind == ROW and it.key.startswith("3.6.") for it in items)
    for item in items:
        if item.kind == GROUP and item.key == "3.6" and not has_sub6:
            item.kind = ROW  # （六）其他处理 printed as one data row (reference §3.9)
    return _dedupe(items)


def _dedupe(items: list[Item]) -> list[Item]:
    """A label wrapped over two lines may match twice: keep one label per row."""
    out: list[Item] = []
    seen: set[str] = set()
    last_row: Item | None = None
    for item in items:
        if item.kind == ROW:
            if last_row is not None and item.key == last_row.key:
                if not last_row.toks:
                    last_row.toks = item.toks
                elif item.toks:
                    out.append(Item(VALS, None, item.toks, item.index))
                continue
            if item.key in seen:
                continue  # a second copy of the row (e.g. a repeated table): ignored
            seen.add(item.key)
            last_row = item
        elif item.kind in (GROUP, VALS):
            last_row = None
        out.append(item)
    return out


def has_subrows6(items: list[Item]) -> bool:
    """Reference §3.9 rule 3: （六） has the 2021 sub-rows 3.6.1/3.6.2."""
    return any(it.kind == ROW and it.key in ("3.6.1", "3.6.2") for it in items)


def fill_table3(fig: Figures, items: list[Item]) -> None:
    """Table 三 (reference §3.4): 25 rows (2021) or 23 rows (2019) × 7 columns."""
    fig.table3 = {rid: [None] * 7 for rid, _ in table3_rows(fig.template)}
    if not any(it.kind == ROW for it in items):
        fig.add(
            "P001",
            Severity.UNREAD,
            "table3",
            gettext_noop("未能找到表三（收到和处理政府信息公开申请情况）"),
        )
        return
    assigned, orphans = align(items, lambda _key: 7, _row_sum_ok)
    if orphans:
        from .order import by_order

        placed = by_order(items, assigned, fig.template)
        assigned.update(placed)
        orphans -= len(placed)
    missing = _missing_row(orphans, assigned)
    single6 = assigned.pop("3.6", None) if fig.template == TEMPLATE_2021 else None
    pending: dict[str, list[tuple[int, ...]]] = {}
    for rid, label in table3_rows(fig.template):
        got = assigned.get(rid)
        if got is None:
            if rid.startswith("3.6.") and single6 is not None:
                continue  # reported once below
            if rid == "3.6" and any(k.startswith("3.6.") for k in assigned):
                fig.add(
                    "P012",
                    Severity.WARNING,
                    "table3.3.6",
                    gettext_noop(
                        "报告按2019年格式应把（六）其他处理印成一行，却印了2021年格式的三个子行"
                    ),
                )
                continue
            fig.add(
                "P011",
                *missing(f"table3.{rid}", gettext_noop("表三缺少「{label}」这一行")),
                label=label,
            )
            continue
        if got.problem:
            fig.add(got.problem, Severity.UNREAD, f"table3.{rid}", PROBLEM, **_problem(got, label))
            continue
        if got.digits is not None:
            pending[rid] = row_splits(got.digits)
            continue
        fig.table3[rid] = to_cells(fig, got.toks, f"table3.{rid}[{{}}]")
    if single6 is not None:
        shown = _shown(single6)
        for n, rid in enumerate(("3.6.1", "3.6.2", "3.6.3")):
            if n:
                message = gettext_noop("（六）其他处理印成了一行，此子行无法填写（见3.6.1）")
            elif shown:
                message = gettext_noop(
                    "报告使用2021年格式，却把（六）其他处理印成一行（{shown}），"
                    "没有分列三个子行，这一行无法填写"
                )
            else:
                message = gettext_noop(
                    "报告使用2021年格式，却把（六）其他处理印成一行，没有分列三个子行，这一行无法填写"
                )
            fig.add(
                "P012",
                Severity.WARNING,
                f"table3.{rid}",
                message,
                gettext_noop("这是报告本身的缺陷：2021年格式要求（六）分三行填报"),
                shown=shown,
            )
        _keep_single6(fig, single6)
    if pending:
        _resolve_runs(fig, pending)


def _keep_single6(fig: Figures, got: Assigned) -> None:
    """Keep the printed single （六） row as ``table3["3.6"]`` (docs/report-json.md), so the
    checks can still verify （七）总计 with it; only when its cells were read."""
    cells: list[Cell] | None = None
    if got.toks is not None and not got.problem:
        cells = to_cells(fig, got.toks, "table3.3.6[{}]")
    elif got.digits is not None:
        cuts = row_splits(got.digits)
        cells = list(cuts[0]) if len(cuts) == 1 else None
    if cells is None:
        return
    table = {}
    for rid, row in fig.table3.items():
        if rid == "3.7":
            table["3.6"] = cells
        table[rid] = row
    fig.table3 = table


def _missing_row(orphans: int, assigned: dict[str, Assigned]):
    """Severity and message of a row whose label is not in the table (P011).

    In a table read cleanly the body left the row out: a defect of the report (warning).
    Where numbers were left over or rows unpaired, the label may just have gone
    unrecognised: then we say we could not read it (unread).
    """
    suspect = orphans > 0 or any(a.problem == "P016" for a in assigned.values())

    def finding(where: str, message: str) -> tuple[Severity, str, str]:
        if suspect:
            return (
                Severity.UNREAD,
                where,
                SUSPECT[message],
            )
        return Severity.WARNING, where, message

    return finding


# A missing row's message when the label may just have gone unrecognised (P011, unread).
SUSPECT = {
    "表三缺少「{label}」这一行": gettext_noop(
        "表三缺少「{label}」这一行（表中另有无法对应的数字，也可能是未能认出行标签）"
    ),
    "表二缺少「{label}」这一行": gettext_noop(
        "表二缺少「{label}」这一行（表中另有无法对应的数字，也可能是未能认出行标签）"
    ),
}


def _row_sum_ok(toks: list[Tok]) -> bool:
    """Reference §3.6 rule 1: 总计 = the six applicant columns (all cells numbers)."""
    if len(toks) != 7 or any(t.kind != NUM for t in toks):
        return False
    return sum(t.value for t in toks[:6]) == toks[6].value


def _shown(got: Assigned) -> str:
    if got.toks:
        return "|".join(t.text or "空" for t in got.toks)
    return got.digits or ""


PROBLEM = gettext_noop("「{label}」{problem}：{detail}")


def _problem(got: Assigned, label: str) -> dict[str, object]:
    """The parameters of :data:`PROBLEM` for a row that could not be read."""
    problem = text(_LABEL_OF.get(got.problem or "", gettext_noop("无法读取")))
    return {"label": label, "problem": problem, "detail": got.detail}


def _resolve_runs(fig: Figures, pending: dict[str, list[tuple[int, ...]]]) -> None:
    """Choose each run-together row's cut (reference §3.6 rules 1–2 and the 勾稽关系).

    A row with one cut fitting 总计 = sum of its six columns takes it. Rows with several are
    decided together by the column rules (3.7 = Σ outcome rows; 1 + 2 = 3.7 + 4); a row the
    rules do not settle stays None with its candidates listed.
    """
    ambiguous: dict[str, list[tuple[int, ...]]] = {}
    for rid, cands in pending.items():
        if len(cands) == 1:
            fig.table3[rid] = list(cands[0])
        elif not cands:
            fig.add(
                "P015",
                Severity.UNREAD,
                f"table3.{rid}",
                gettext_noop("本行数字连在一起，找不到满足「总计 = 各列之和」的拆分方式"),
            )
        else:
            ambiguous[rid] = cands
    if not ambiguous:
        return
    keys = list(ambiguous)
    sizes = [len(ambiguous[k]) for k in keys]
    total = 1
    for s in sizes:
        total *= s
    viable: list[set[tuple[int, ...]]] = [set() for _ in keys]
    if all(s <= MAX_CANDIDATES for s in sizes) and total <= 20000:
        viable = _viable_cuts(fig.table3, outcome_row_ids(fig.template), keys, ambiguous)
    for n, rid in enumerate(keys):
        options = sorted(viable[n])
        if len(options) == 1:
            fig.table3[rid] = list(options[0])
            continue
        listed = "；".join("|".join(map(str, c)) for c in (options or ambiguous[rid])[:5])
        fig.add(
            "P014",
            Severity.UNREAD,
            f"table3.{rid}",
            gettext_noop("本行数字连在一起，有多种拆分方式符合表内勾稽关系，无法确定：{listed}"),
            listed=listed,
        )


def _rules(
    table: dict[str, list[Cell]], outcome: tuple[str, ...], keys: list[str]
) -> list[tuple[dict[str, int], int, int]]:
    """Reference §3.6 rule 2 and the printed 勾稽关系 as linear equations over the undecided
    rows, one per rule and column: ``(coefficients, constant, column)`` meaning
    ``Σ coefficient × cell[column] + constant == 0``.

    Per column: Σ outcome rows = （七）总计 (3.7), and 一 + 二 = （七）总计 + 四. A rule is kept only
    where every fixed cell it involves is known and it involves a row being decided (a rule
    that touches none of them says nothing about them).
    """
    sum_rows = [r for r in outcome if r in table]
    forms = []
    if "3.7" in table or "3.7" in keys:
        forms.append({**{r: 1 for r in sum_rows}, "3.7": -1})
    forms.append({"1": 1, "2": 1, "3.7": -1, "4": -1})
    undecided = set(keys)
    equations = []
    for form in forms:
        if not undecided & set(form):
            continue
        for c in range(7):
            constant, coefficients, known = 0, {}, True
            for row, sign in form.items():
                if row in undecided:
                    coefficients[row] = sign
                    continue
                value = (table.get(row) or [None] * 7)[c]
                if value is None:
                    known = False
                    break
                constant += sign * value
            if known:
                equations.append((coefficients, constant, c))
    return equations


def _viable_cuts(
    table: dict[str, list[Cell]],
    outcome: tuple[str, ...],
    keys: list[str],
    ambiguous: dict[str, list[tuple[int, ...]]],
) -> list[set[tuple[int, ...]]]:
    """For each undecided row, the cuts that belong to at least one choice of cuts (one per
    row) satisfying every rule of :func:`_rules` (reference §3.6).

    Equivalent to trying every combination, without enumerating them: the rules are linear,
    so a partial choice is summarised by its residuals, one per equation still open, and
    choices with equal residuals are interchangeable from there on. Rows are taken in order;
    an equation closes after the last row it involves, when its residual must be zero. The
    states form a layered graph; the viable cuts are the edges that lead back from the end.
    """
    equations = _rules(table, outcome, keys)
    position = {rid: n for n, rid in enumerate(keys)}
    closes_at = [max(position[rid] for rid in coeffs) for coeffs, _, _ in equations]
    live = list(range(len(equations)))
    # layers[n]: state after n rows -> the (previous state, cut index) edges into it.
    layers: list[dict[tuple[int, ...], list]] = [
        {tuple(constant for _, constant, _ in equations): []}
    ]
    for n, rid in enumerate(keys):
        steps = [
            [equations[e][0].get(rid, 0) * cut[equations[e][2]] for e in live]
            for cut in ambiguous[rid]
        ]
        closing = [i for i, e in enumerate(live) if closes_at[e] == n]
        kept = [i for i, e in enumerate(live) if closes_at[e] != n]
        layer: dict[tuple[int, ...], list] = {}
        for state in layers[-1]:
            for j, step in enumerate(steps):
                moved = [a + b for a, b in zip(state, step, strict=True)]
                if any(moved[i] for i in closing):
                    continue
                layer.setdefault(tuple(moved[i] for i in kept), []).append((state, j))
        live = [live[i] for i in kept]
        layers.append(layer)
    viable: list[set[tuple[int, ...]]] = [set() for _ in keys]
    frontier = set(layers[-1])  # every equation closed: {()} when some choice fits, else empty
    for n in range(len(keys) - 1, -1, -1):
        earlier = set()
        for state in frontier:
            for previous, j in layers[n + 1][state]:
                viable[n].add(ambiguous[keys[n]][j])
                earlier.add(previous)
        frontier = earlier
    return viable


# --- Table 二 ------------------------------------------------------------------------------


def _table2_matcher(flat: str) -> list[tuple[str, str, int, int]]:
    found = [(ROW, m.lastgroup or "", m.start(), m.end()) for m in TABLE2_LABELS.finditer(flat)]
    found += [(GROUP, "header", m.start(), m.end()) for m in HEADER2.finditer(flat)]
    return sorted(found, key=lambda f: f[2])


def fill_table2(fig: Figures, region: list[Prepared]) -> None:
    """Table 二 (reference §3.3 for 2021, §3.9 for the 2019 试行 columns)."""
    layout = table2_layout(fig.template)
    keymap = {k: k for k in layout}
    if fig.template == TEMPLATE_2021:
        keymap["fees"] = "fees_wan_yuan"
    items = []
    for item in items_for(region, _table2_matcher):
        if item.kind == ROW:
            if item.key not in keymap:
                continue
            item.key = keymap[item.key]
        items.append(item)
    items = _dedupe(items)
    table: dict = {
        key: (None if len(cols) == 1 else [None] * len(cols)) for key, (_, cols) in layout.items()
    }
    fig.table2 = table
    if not any(it.kind == ROW for it in items):
        fig.add(
            "P002", Severity.UNREAD, "table2", gettext_noop("未能找到表二（主动公开政府信息情况）")
        )
        return
    assigned, orphans = align(items, lambda key: len(layout[key][1]))
    missing = _missing_row(orphans, assigned)
    for key, (label, cols) in layout.items():
        width = len(cols)
        got = assigned.get(key)
        if got is None:
            fig.add(
                "P011",
                *missing(f"table2.{key}", gettext_noop("表二缺少「{label}」这一行")),
                label=label,
            )
            continue
        if got.problem:
            fig.add(got.problem, Severity.UNREAD, f"table2.{key}", PROBLEM, **_problem(got, label))
            continue
        toks = got.toks
        if got.digits is not None:
            cuts = exact_splits(got.digits, width)
            if len(cuts) != 1:
                fig.add(
                    "P014",
                    Severity.UNREAD,
                    f"table2.{key}",
                    gettext_noop(
                        "「{label}」的数字连在一起（{digits}），表二没有可用来拆分的勾稽关系"
                    ),
                    label=label,
                    digits=got.digits,
                )
                continue
            toks = [Tok(NUM, v, str(v)) for v in cuts[0]]
        decimal = key in ("fees_wan_yuan", "procurement")
        if width == 1:
            table[key] = to_cells(fig, toks, f"table2.{key}", decimal=decimal)[0]
        else:
            table[key] = to_cells(fig, toks, f"table2.{key}[{{}}]", decimal=decimal)


# --- Table 四 ------------------------------------------------------------------------------

_HEADER4_WORDS = (
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "维持",
    "纠正",
    "结果",
    "其他",
    "尚未",
    "审结",
    "总计",
    "合计",
    "小计",
)


def _header_only(label: str) -> bool:
    for word in _HEADER4_WORDS:
        label = label.replace(word, "")
    return not any("\u4e00" <= c <= "\u9fff" for c in label)


def fill_table4(fig: Figures, region: list[Prepared]) -> None:
    """Table 四 (reference §3.5): one row of 15 cells under a two/three-level header."""
    fig.table4 = [None] * 15
    toks: list[Tok] = []
    started = False
    interleaved = False  # header words between the numbers: a text in column order
    for p in region:
        s = split_line(p.line, p.text)
        if s.toks and all(t.kind == BLANK and t.text == "" for t in s.toks):
            continue  # a header row's empty cells (a converter's sub-table), not data
        if s.toks and _header_only(s.label):
            interleaved = interleaved or (started and bool(s.label) and len(toks) < 15)
            toks.extend(s.toks)
            started = True
        elif started and len(toks) >= 15:
            break
        elif started and s.label and _header_only(s.label):
            interleaved = True
    toks = trim_padding(toks, 15)
    if not toks:
        fig.add(
            "P003",
            Severity.UNREAD,
            "table4",
            gettext_noop("未能找到表四（行政复议、行政诉讼情况）的数字"),
        )
        return
    if len(toks) == 1 and toks[0].digits and len(toks[0].digits) >= 15:
        cuts = row_splits(toks[0].digits, groups=3, size=5)
        if len(cuts) == 1:
            fig.table4 = list(cuts[0])
            return
        listed = "；".join("|".join(map(str, c)) for c in cuts[:3])
        fig.add(
            "P014" if cuts else "P015",
            Severity.UNREAD,
            "table4",
            gettext_noop("表四数字连在一起，有多种拆分方式符合「总计 = 四项之和」：{listed}")
            if cuts
            else gettext_noop("表四数字连在一起，找不到符合「总计 = 四项之和」的拆分方式"),
            listed=listed,
        )
        return
    if len(toks) != 15:
        fig.add(
            "P013",
            Severity.UNREAD,
            "table4",
            gettext_noop("表四读到{count}个数，应为15个"),
            count=len(toks),
        )
        return
    if interleaved and not _groups_hold(toks):
        # Text extracted from a PDF in column order (pdftotext without -layout) interleaves
        # header words and numbers; only the arithmetic could confirm the order, and it
        # does not (reference §3.6 rule 3).
        fig.add(
            "P016",
            Severity.UNREAD,
            "table4",
            gettext_noop(
                "表四的数字与表头文字交错排列，顺序无法确定（按此顺序各组总计不等于四项之和）"
            ),
        )
        return
    fig.table4 = to_cells(fig, toks, "table4[{}]")


def _groups_hold(toks: list[Tok]) -> bool:
    """Reference §3.6 rule 3 on all three groups (every cell a number)."""
    if any(t.kind != NUM for t in toks):
        return False
    values = [t.value for t in toks]
    return all(sum(values[g : g + 4]) == values[g + 4] for g in (0, 5, 10))

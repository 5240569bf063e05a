"""Pairing row labels with their cells, whatever the layout.

A table region becomes a list of :class:`Item` in reading order: row labels (with the cells
printed on the same line, if any), group labels, and lines of bare cells. Then each row label
gets exactly one group of cells (issue 3: "values may stand before their label or come column
by column"):

* cells on the label's own line belong to it (an *anchor*);
* between two anchors, the unbound labels and the bare value lines pair up in order when there
  are as many value lines as labels, each of the row's width (the PDF layouts, where a value
  line stands before, between or after its wrapped label);
* cell-per-line text (the " |" scrape: one cell per line after the label) is read forward from
  each label, or in order when the count of cells is exactly what the rows need.

Anything else leaves the rows of that stretch unassigned, and the caller reports them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..messages import Text, gettext_noop, text
from .numbers import BLANK, NUM, Split, Tok, run_together, split_line, split_text, squeeze
from .sections import Prepared

ROW = "row"
GROUP = "group"
VALS = "vals"

Matcher = Callable[[str], list[tuple[str, str, int, int]]]


@dataclass(slots=True)
class Item:
    kind: str  # ROW, GROUP or VALS
    key: str | None
    toks: list[Tok]
    index: int  # prepared line index, for messages
    label: str = ""


_NON_SPACE = re.compile(r"[^ ]")


def flat_map(text: str) -> tuple[str, list[int] | range]:
    """``text`` without spaces, and for each kept character its position in ``text``."""
    if " " not in text:
        return text, range(len(text))
    return text.replace(" ", ""), [m.start() for m in _NON_SPACE.finditer(text)]


_CJK = re.compile(r"[\u4e00-\u9fff]")
NUMERIC = re.compile(r"[\d.,/+\-—]")
MAX_LEAD = 10  # characters allowed before a line's first label (「三、本 （三）不」)


def items_for(region: list[Prepared], matcher: Matcher) -> list[Item]:
    """Cut each line of a table region into label items and value items (reading order).

    A line may carry several labels (a crawler joins a whole row group onto one line, a PDF
    puts a group label before a row label): the line is cut at each label, and each piece's
    trailing cells belong to that piece.
    """
    items: list[Item] = []
    for p in region:
        if p.text.isascii() and p.text.isdigit():
            # A bare count on its own line (cell-per-line text): the common case, kept fast.
            items.append(Item(VALS, None, [Tok(NUM, int(p.text), p.text)], p.index, ""))
            continue
        cells = p.line.cells
        if cells is not None and len(cells) > 1:
            s = split_line(p.line, p.text)
            matches = matcher(s.label)
            if not matches:
                if s.toks:
                    items.append(Item(VALS, None, s.toks, p.index, s.label))
                elif s.label:
                    items.append(Item(TEXT, None, [], p.index, s.label))
                continue
            for kind, key, _, _ in matches[:-1]:
                if kind in (GROUP, ROW):
                    # A row label before the last one in the same row of cells (a converter
                    # merged two rows): found, its cells unknown (never the next row's).
                    items.append(Item(kind, key, [], p.index))
            kind, key, start, _ = matches[-1]
            items.append(Item(kind, key, s.toks, p.index, s.label[start:]))
            continue
        flat, positions = flat_map(p.text)
        matches = matcher(flat)
        if matches and len(NUMERIC.sub("", flat[: matches[0][2]])) > MAX_LEAD:
            # A label deep inside a line is a word of a sentence (「…新增公开市政府规章1件」),
            # not a row: before a row label stand at most a vertical heading character and
            # a group label.
            matches = []
        if not matches:
            s = split_text(p.text)
            if s.toks:
                items.append(Item(VALS, None, s.toks, p.index, squeeze(s.label)))
            elif s.label:
                items.append(Item(TEXT, None, [], p.index, squeeze(s.label)))
            continue
        cuts = [positions[start] for _, _, start, _ in matches] + [len(p.text)]
        lead = split_text(p.text[: cuts[0]].strip())
        if lead.toks and not _CJK.search(lead.label):
            items.append(Item(VALS, None, lead.toks, p.index, ""))
        for n, (kind, key, _, _) in enumerate(matches):
            piece: Split = split_text(p.text[cuts[n] : cuts[n + 1]].strip())
            items.append(Item(kind, key, piece.toks, p.index, squeeze(piece.label)))
    return _join_wrapped(items, matcher)


TEXT = "text"
MAX_FRAGMENT = 24  # a wrapped label's pieces are short; narrative lines are not joined


def _join_wrapped(items: list[Item], matcher: Matcher) -> list[Item]:
    """Join a label wrapped over two lines where neither piece is recognisable alone.

    「6.属于四类」 / 「过程性信息」 (a value line may stand between them): the joined text names
    the row. The row item takes the first piece's place, and the cells printed on either
    piece's line (never both).
    """
    out: list[Item] = []
    skip: set[int] = set()
    for n, item in enumerate(items):
        if n in skip:
            continue
        if item.kind in (TEXT, VALS) and item.label and len(item.label) <= MAX_FRAGMENT:
            partner = _partner(items, n)
            if partner is not None:
                other = items[partner]
                joined = matcher(item.label + other.label)
                rows = [m for m in joined if m[0] == ROW]
                if (
                    rows
                    and not matcher(item.label)
                    and not matcher(other.label)
                    and not (item.toks and other.toks)
                    and rows[0][2] < len(item.label) < rows[0][3]
                ):
                    kind, key, _, _ = rows[-1]
                    toks = item.toks or other.toks
                    out.append(Item(ROW, key, toks, item.index, item.label + other.label))
                    skip.add(partner)
                    continue
        out.append(item)
    return out


def _partner(items: list[Item], n: int) -> int | None:
    """The next label-bearing item after ``n``, past at most one bare value line."""
    between = 0
    for k in range(n + 1, min(n + 3, len(items))):
        it = items[k]
        if it.kind in (TEXT, VALS) and it.label:
            return k if len(it.label) <= MAX_FRAGMENT else None
        if it.kind == VALS and not it.label and between == 0:
            between += 1
            continue
        return None
    return None


@dataclass(slots=True)
class Assigned:
    """What a row got: its cells, or the reason it got none."""

    toks: list[Tok] | None = None
    digits: str | None = None  # run-together digits to split by arithmetic
    problem: str | None = None  # P-code of the failure
    detail: Text | str = ""  # why, for the finding's message (a phrase of ours)


def trim_padding(toks: list[Tok], width: int) -> list[Tok]:
    """Drop empty padding cells (a reader's colspan leftovers) beyond the row's width."""
    if len(toks) <= width:
        return toks
    toks = list(toks)
    while len(toks) > width and toks[-1].kind == BLANK and toks[-1].text == "":
        toks.pop()
    while len(toks) > width and toks[0].kind == BLANK and toks[0].text == "":
        toks.pop(0)
    return toks


def _fits(toks: list[Tok], width: int) -> bool:
    toks = trim_padding(toks, width)
    return len(toks) == width or (len(toks) == 1 and run_together(toks[0], width))


def _take(toks: list[Tok], width: int) -> Assigned:
    toks = trim_padding(toks, width)
    if len(toks) == width:
        return Assigned(toks=list(toks))
    if len(toks) == 1 and run_together(toks[0], width):
        return Assigned(digits=toks[0].digits)
    return Assigned(
        problem="P013",
        detail=text(gettext_noop("读到{count}个数，应为{width}个"), count=len(toks), width=width),
    )


def align(
    items: list[Item],
    width: Callable[[str], int],
    row_ok: Callable[[list[Tok]], bool] | None = None,
) -> tuple[dict[str, Assigned], int]:
    """Give each row label its cells (see the module docstring for the rules).

    ``row_ok`` tells whether cells satisfy the row's own arithmetic (table 三: 总计 = the six
    columns, reference §3.6 rule 1); it decides between rows and columns when a block of
    values follows all the labels. Also returns the number of value lines no row took
    (a sign that a row label went unrecognised).
    """
    out: dict[str, Assigned] = {}
    segment: list[Item] = []
    orphans = 0
    items = _mend(items, width)

    def flush() -> None:
        nonlocal orphans
        if not any(it.kind == ROW and it.key not in out for it in segment):
            orphans += sum(1 for it in segment if it.kind == VALS)
        _align_segment(segment, width, out, row_ok)
        segment.clear()

    for item in items:
        if item.kind == ROW and item.toks:
            flush()
            if item.key not in out:
                out[item.key] = _take(item.toks, width(item.key))
            continue
        if item.kind == GROUP and item.toks:
            flush()  # a subtotal printed for a group label: consumed, not a row
            continue
        segment.append(item)
    flush()
    return out, orphans


def _empty(toks: list[Tok]) -> bool:
    """Cells a reader found empty (a converter's row of empty cells), none printed."""
    return bool(toks) and all(t.kind == BLANK and t.text == "" for t in toks)


def _mend(items: list[Item], width: Callable[[str], int]) -> list[Item]:
    """Put back values a PDF converter separated from their row (docs/report-parsing.md).

    * A label whose cells are all empty, followed by a line of bare values of its width:
      the values are its own (「| 一、本年新收… | | | |」 then 「| | 3001 | 53 | … |」).
    * A row short of k cells, followed by a line of exactly k bare numbers, the next row
      having its own: the missing cells (「| 规章 | 1 | 0 |」 then 「| 11 |」).
    """
    out: list[Item] = []
    skip = -1
    for n, item in enumerate(items):
        if n == skip:
            continue
        nxt = items[n + 1] if n + 1 < len(items) else None
        if item.kind == ROW and nxt is not None and nxt.kind == VALS and not nxt.label:
            w = width(item.key)
            values = [t for t in nxt.toks if not (t.kind == BLANK and t.text == "")]
            after = items[n + 2] if n + 2 < len(items) else None
            next_has_own = after is None or after.kind != ROW or bool(after.toks)
            numbers = bool(values) and all(t.kind == NUM for t in values)
            if _empty(item.toks) and numbers and _fits(values, w):
                out.append(Item(ROW, item.key, values, item.index, item.label))
                skip = n + 1
                continue
            own = [t for t in item.toks if not (t.kind == BLANK and t.text == "")]
            if (
                own
                and all(t.kind == NUM for t in own)
                and numbers
                and len(own) + len(values) == w
                and next_has_own
            ):
                out.append(Item(ROW, item.key, own + values, item.index, item.label))
                skip = n + 1
                continue
        out.append(item)
    return out


def _align_segment(
    segment: list[Item],
    width: Callable[[str], int],
    out: dict[str, Assigned],
    row_ok: Callable[[list[Tok]], bool] | None,
) -> None:
    rows = [it for it in segment if it.kind == ROW and it.key not in out]
    vals = [it for it in segment if it.kind == VALS]
    if not rows:
        return
    widths = [width(r.key) for r in rows]
    # Value lines and labels pair up in order, one value line per row.
    if len(vals) == len(rows) and all(_fits(v.toks, w) for v, w in zip(vals, widths, strict=True)):
        for r, v, w in zip(rows, vals, widths, strict=True):
            out[r.key] = _take(v.toks, w)
        return
    # A row's values wrapped over two lines (「447 7 0 0」 / 「0 0 454」): consecutive value
    # lines that add up to exactly one row each, in order.
    groups = _line_groups(vals, widths)
    if groups is not None:
        for r, g in zip(rows, groups, strict=True):
            out[r.key] = Assigned(toks=g)
        return
    single = bool(vals) and all(len(v.toks) == 1 for v in vals)
    if single:
        # Cell per line: read forward from each label up to the next label.
        forward: list[list[Tok]] = []
        current: list[Tok] | None = None
        for it in segment:
            if it.kind in (ROW, GROUP):
                if current is not None:
                    forward.append(current)
                current = [] if (it.kind == ROW and it.key not in out) else None
            elif it.kind == VALS and current is not None:
                current.extend(it.toks)
        if current is not None:
            forward.append(current)
        if all(len(f) == w for f, w in zip(forward, widths, strict=False)) and len(forward) == len(
            rows
        ):
            for r, f in zip(rows, forward, strict=True):
                out[r.key] = Assigned(toks=f)
            return
    kinds = [it.kind for it in segment if it.kind in (ROW, VALS)]
    blocked = kinds == sorted(kinds, key=lambda k: k != ROW)  # every label, then every value
    block = _block(rows, vals, widths, row_ok, single and blocked) if vals else None
    if block is not None:
        for r, cells in zip(rows, block, strict=True):
            out[r.key] = cells
        return
    if single and len(forward) == len(rows):
        # Each label keeps what follows it when that is exactly one row; the rest is unread.
        for r, f, w in zip(rows, forward, widths, strict=True):
            out[r.key] = Assigned(toks=f) if len(f) == w else _take(f, w) if f else _missing()
        return
    if not vals:
        for r in rows:
            out[r.key] = _missing()
        return
    detail = text(
        gettext_noop("{labels}个行标签与{lines}行数字无法一一对应"),
        labels=len(rows),
        lines=len(vals),
    )
    for r in rows:
        out[r.key] = Assigned(problem="P016", detail=detail)


def _line_groups(vals: list[Item], widths: list[int]) -> list[list[Tok]] | None:
    """Whole value lines grouped in order into exactly ``widths``; None if they do not fit.

    Only for lines of several cells: cell-per-line text has its own rules below.
    """
    if len(vals) <= len(widths) or all(len(v.toks) == 1 for v in vals):
        return None
    groups: list[list[Tok]] = []
    current: list[Tok] = []
    for v in vals:
        if len(groups) == len(widths):
            return None
        current = current + v.toks
        need = widths[len(groups)]
        if len(current) == need:
            groups.append(current)
            current = []
        elif len(current) > need:
            return None
    return groups if not current and len(groups) == len(widths) else None


def _missing() -> Assigned:
    return Assigned(problem="P013", detail=text(gettext_noop("找到了行标签，但没有读到数字")))


def _block(
    rows: list[Item],
    vals: list[Item],
    widths: list[int],
    row_ok: Callable[[list[Tok]], bool] | None,
    blocked: bool,
) -> list[Assigned] | None:
    """A block of values for all the rows at once, read by rows or by columns.

    Cell-per-line text or a PDF read column-wise gives the cells in one run after the labels.
    When each value line holds a whole column, or the row arithmetic holds only one way, the
    order is known; when both orders give different tables that fit equally, neither is used.
    """
    flat = [t for v in vals for t in v.toks]
    n = len(rows)
    if not flat or len(flat) != sum(widths):
        return None
    w = widths[0]
    columns = len(vals) == w and all(len(v.toks) == n for v in vals) and n != w
    if not (blocked or columns):
        return None
    by_row = [flat[i * w : (i + 1) * w] for i in range(n)] if len(set(widths)) == 1 else None
    if by_row is None:
        pos, by_row = 0, []
        for width in widths:
            by_row.append(flat[pos : pos + width])
            pos += width
        return [Assigned(toks=r) for r in by_row]
    by_col = [[flat[c * n + i] for c in range(w)] for i in range(n)]
    same = all(
        a.text == b.text
        for ra, rb in zip(by_row, by_col, strict=True)
        for a, b in zip(ra, rb, strict=True)
    )
    if same or row_ok is None:
        chosen = by_col if columns and not same else by_row
        return [Assigned(toks=r) for r in chosen]
    score_row = sum(row_ok(r) for r in by_row)
    score_col = sum(row_ok(r) for r in by_col)
    if columns and score_col >= score_row or score_col > score_row:
        return [Assigned(toks=r) for r in by_col]
    if score_row > score_col and blocked:
        return [Assigned(toks=r) for r in by_row]
    detail = text(gettext_noop("数字成块排列，按行或按列读取都说得通，无法判断"))
    return [Assigned(problem="P016", detail=detail) for _ in rows]

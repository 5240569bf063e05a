"""Figures → the forms a report is published in (HTML, Markdown, scraped text, DOCX).

What gongkai writes must be re-read by what it checks: every form here goes back through
:func:`~.parsing.parse_report` to the same figures (tests/test_render.py). The tables follow
the official template layout exactly (reference §3.3–3.5): table 三's left block spans
3 columns × 3 header rows with the 勾稽关系 note, 「三、本年度办理结果」 spans the outcome
rows, each （三）–（六） group label spans its sub-rows; table 四's 行政复议 spans 5 columns and
行政诉讼 10. A ``None`` cell renders blank.

:class:`Style` carries the knobs the fixture corpus uses to imitate real publications
(label spacing and variants, full-width digits, thousands separators, page headers, rows a
body left out, crawler text whose cells run together).
"""

from __future__ import annotations

import html as html_escape
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from .figures import (
    SECTION_IDS,
    SECTION_TITLES,
    SECTION_TITLES_2019,
    TABLE2_2019,
    TABLE2_2021,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE4_GROUPS,
    TABLE4_PARTS,
    TEMPLATE_2019,
    Cell,
    Figures,
    table3_rows,
)
from .parsing.grid import take_pending

NOTE_3 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# Table 二's blocks: (heading, row keys) per template (reference §3.3, §3.9).
TABLE2_BLOCKS_2021 = (
    ("第二十条第（一）项", ("rules", "normative_documents")),
    ("第二十条第（五）项", ("licensing",)),
    ("第二十条第（六）项", ("penalty", "coercion")),
    ("第二十条第（八）项", ("fees_wan_yuan",)),
)
TABLE2_BLOCKS_2019 = (
    ("第二十条第（一）项", ("rules", "normative_documents")),
    ("第二十条第（五）项", ("licensing", "other_services")),
    ("第二十条第（六）项", ("penalty", "coercion")),
    ("第二十条第（八）项", ("fees",)),
    ("第二十条第（九）项", ("procurement",)),
)


def format_number(value: Cell) -> str:
    """A cell as printed: blank for ``None``, integers plainly, the 万元 fee as a decimal."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


@dataclass
class Style:
    """How to print: hooks for labels and numbers, and which parts to leave out."""

    number: Callable[[Cell], str] = format_number
    label: Callable[[str], str] = lambda text: text  # noqa: E731 - a default hook
    # Table 三 row ids the publication leaves out altogether.
    omit_rows: frozenset[str] = frozenset()
    # 标题/发布时间/来源 lines before the report, as portals print them.
    page_header: bool = False
    # to_text_plain only: rows whose values are run together with no separator.
    run_together: frozenset[str] = frozenset()
    # Extra lines before the title (portal furniture in text scrapes).
    preamble: list[str] = field(default_factory=list)


@dataclass
class _Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False  # a number cell (not a label)


_Row = list[_Cell]


def _title(fig: Figures) -> str:
    body = fig.body or ""
    year = f"{fig.year}年" if fig.year else ""
    return f"{body}{year}政府信息公开工作年度报告"


def _date_cn(fig: Figures) -> str:
    d = fig.published_on
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


# --- Table models ------------------------------------------------------------------------


def _table2(fig: Figures, style: Style) -> list[_Row]:
    """Table 二 on a 4-column grid (label + 3 values), reference §3.3 / §3.9."""
    old = fig.template == TEMPLATE_2019
    layout = TABLE2_2019 if old else TABLE2_2021
    blocks = TABLE2_BLOCKS_2019 if old else TABLE2_BLOCKS_2021
    rows: list[_Row] = []
    for heading, keys in blocks:
        rows.append([_Cell(style.label(heading), colspan=4)])
        columns = layout[keys[0]][1]
        header = [_Cell(style.label("信息内容"))]
        for i, name in enumerate(columns):
            span = 4 - len(columns) if i == len(columns) - 1 else 1
            header.append(_Cell(style.label(name), colspan=span))
        rows.append(header)
        for key in keys:
            label, cols = layout[key]
            value = fig.table2.get(key)
            values = value if isinstance(value, list) else [value]
            values = (list(values) + [None] * len(cols))[: len(cols)]
            row = [_Cell(style.label(label))]
            for i, v in enumerate(values):
                span = 4 - len(cols) if i == len(cols) - 1 else 1
                row.append(_Cell(style.number(v), colspan=span, value=True))
            rows.append(row)
    return rows


def _table3(fig: Figures, style: Style) -> list[_Row]:
    """Table 三 on a 10-column grid (3 label columns + 7 values), reference §3.4."""
    rows: list[_Row] = [
        [
            _Cell(style.label(NOTE_3), rowspan=3, colspan=3),
            _Cell(style.label("申请人情况"), colspan=7),
        ],
        [
            _Cell(style.label("自然人"), rowspan=2),
            _Cell(style.label("法人或其他组织"), colspan=5),
            _Cell(style.label("总计"), rowspan=2),
        ],
        [_Cell(style.label(name)) for name in TABLE3_COLUMNS[1:6]],
    ]
    present = [
        (rid, label) for rid, label in table3_rows(fig.template) if rid not in style.omit_rows
    ]
    outcome = [rid for rid, _ in present if rid.startswith("3.")]
    groups = {key: [rid for rid in outcome if rid.startswith(key + ".")] for key in TABLE3_GROUPS}
    for rid, label in present:
        values = [_Cell(style.number(v), value=True) for v in fig.row(rid)]
        row: _Row = []
        if rid.startswith("3."):
            if rid == outcome[0]:
                row.append(_Cell(style.label(TABLE3_GROUPS["3"]), rowspan=len(outcome)))
            group = rid.rsplit(".", 1)[0]
            if rid.count(".") == 2 and group in groups:
                if rid == groups[group][0]:
                    row.append(_Cell(style.label(TABLE3_GROUPS[group]), rowspan=len(groups[group])))
                row.append(_Cell(style.label(label)))
            else:
                row.append(_Cell(style.label(label), colspan=2))
        else:
            row.append(_Cell(style.label(label), colspan=3))
        rows.append(row + values)
    return rows


def _table4(fig: Figures, style: Style) -> list[_Row]:
    """Table 四 on a 15-column grid, reference §3.5."""
    parts = [style.label(p) for p in TABLE4_PARTS]
    return [
        [
            _Cell(style.label(TABLE4_GROUPS[0]), colspan=5),
            _Cell(style.label("行政诉讼"), colspan=10),
        ],
        [_Cell(p, rowspan=2) for p in parts]
        + [
            _Cell(style.label(TABLE4_GROUPS[1]), colspan=5),
            _Cell(style.label(TABLE4_GROUPS[2]), colspan=5),
        ],
        [_Cell(p) for p in parts * 2],
        [_Cell(style.number(v), value=True) for v in (list(fig.table4) + [None] * 15)[:15]],
    ]


def _grid(rows: list[_Row]) -> list[list[str]]:
    """The expanded grid (same convention as the readers, parsing/grid.py)."""
    pending: dict[int, tuple[int, str]] = {}
    out: list[list[str]] = []
    for row in rows:
        line: list[str] = []
        col = 0
        for cell in row:
            col = take_pending(pending, line, col)
            fill = "" if cell.value else cell.text
            for i in range(cell.colspan):
                text = cell.text if i == 0 else fill
                line.append(text)
                if cell.rowspan > 1:
                    pending[col] = (cell.rowspan - 1, text)
                col += 1
        take_pending(pending, line, col)
        out.append(line)
    return out


def _tables(fig: Figures, style: Style) -> dict[str, list[_Row]]:
    return {"2": _table2(fig, style), "3": _table3(fig, style), "4": _table4(fig, style)}


def _order(fig: Figures) -> list[str]:
    return list(fig.section_order) or list(SECTION_IDS)


def _heading(fig: Figures, sid: str, style: Style) -> str:
    titles = SECTION_TITLES_2019 if fig.template == TEMPLATE_2019 else SECTION_TITLES
    return style.label(titles[sid])


def _paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").splitlines() if p.strip()]


def _header_lines(fig: Figures, style: Style) -> list[str]:
    lines = list(style.preamble)
    if style.page_header:
        lines.append(f"标题：{_title(fig)}")
        if fig.published_on:
            lines.append(f"发布时间：{fig.published_on.isoformat()}")
        lines.append(f"来源：{fig.body or ''}")
    return lines


def _walk(fig: Figures, style: Style):
    """Yield ("title"|"p"|"h", text) and ("table", (section id, rows)) in reading order."""
    yield "title", _title(fig)
    for line in _header_lines(fig, style):
        yield "p", line
    tables = _tables(fig, style)
    seen: set[str] = set()
    for sid in _order(fig):
        yield "h", _heading(fig, sid, style)
        for p in _paragraphs(fig.sections.get(sid)):
            yield "p", p
        if sid in tables and sid not in seen:
            seen.add(sid)
            yield "table", (sid, tables[sid])
    if fig.body:
        yield "p", fig.body
    if fig.published_on:
        yield "p", _date_cn(fig)


# --- The forms ---------------------------------------------------------------------------


def to_html(fig: Figures, style: Style | None = None, *, charset: str = "utf-8") -> str:
    """A complete HTML page with the official table layout (rowspan/colspan)."""
    style = style or Style()
    esc = html_escape.escape
    out = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>{esc(_title(fig))}</title></head><body>',
    ]
    for kind, payload in _walk(fig, style):
        if kind == "title":
            out.append(f"<h1>{esc(payload)}</h1>")
        elif kind == "h":
            out.append(f"<p><strong>{esc(payload)}</strong></p>")
        elif kind == "p":
            out.append(f"<p>{esc(payload)}</p>")
        else:
            out.append('<table border="1" cellspacing="0">')
            for row in payload[1]:
                cells = []
                for cell in row:
                    attrs = ""
                    if cell.rowspan > 1:
                        attrs += f' rowspan="{cell.rowspan}"'
                    if cell.colspan > 1:
                        attrs += f' colspan="{cell.colspan}"'
                    cells.append(f"<td{attrs}>{esc(cell.text)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(fig: Figures, style: Style | None = None) -> str:
    """Markdown: ``#`` headings, paragraphs, pipe tables with spanned labels repeated."""
    style = style or Style()
    out: list[str] = []
    for kind, payload in _walk(fig, style):
        if kind == "title":
            out += [f"# {payload}", ""]
        elif kind == "h":
            out += [f"## {payload}", ""]
        elif kind == "p":
            out += [payload, ""]
        else:
            grid = _grid(payload[1])
            width = max(len(r) for r in grid)
            for i, row in enumerate(grid):
                row = row + [""] * (width - len(row))
                out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
                if i == 0:
                    out.append("|" + "---|" * width)
            out.append("")
    return "\n".join(out)


def to_text_cells(fig: Figures, style: Style | None = None) -> str:
    """The seed's scrape style: each physical cell on its own line ending with " |", and a
    line of bars for the grid columns a row does not print (spans). The table blocks of
    the seed are reproduced line for line (tests/test_render.py)."""
    style = style or Style()
    out: list[str] = []
    for kind, payload in _walk(fig, style):
        if kind != "table":
            out.append(payload)
            continue
        rows = payload[1]
        width = len(_grid(rows)[-1])
        for index, row in enumerate(rows):
            for cell in row:
                out.append(f"{cell.text} |")
            missing = width - len(row)
            # Crawlers print no bars after a table's last row (the seed does the same).
            if missing > 0 and index < len(rows) - 1:
                out.append("|" * missing)
    return "\n".join(out) + "\n"


def to_text_plain(fig: Figures, style: Style | None = None) -> str:
    """One table row per line, printed cells separated by spaces (as copied from a page)."""
    style = style or Style()
    out: list[str] = []
    ids = [rid for rid, _ in table3_rows(fig.template) if rid not in style.omit_rows]
    for kind, payload in _walk(fig, style):
        if kind != "table":
            out.append(payload)
            continue
        sid, rows = payload
        for index, row in enumerate(rows):
            labels = [c.text for c in row if not c.value]
            values = [c.text for c in row if c.value]
            if sid == "3":
                rid = ids[index - 3] if 3 <= index < 3 + len(ids) else None
            else:
                rid = "table4" if sid == "4" and index == 3 else None
            if rid in style.run_together:
                out.append("".join(labels) + "".join(values))
            else:
                out.append(" ".join(t for t in labels + values if t))
    return "\n".join(out) + "\n"


def to_docx(fig: Figures, style: Style | None = None) -> bytes:
    """A Word document: headings, paragraphs and the three tables with merged cells."""
    from docx import Document

    style = style or Style()
    doc = Document()
    for kind, payload in _walk(fig, style):
        if kind == "title":
            doc.add_heading(payload, level=1)
        elif kind == "h":
            doc.add_paragraph(payload)
        elif kind == "p":
            doc.add_paragraph(payload)
        else:
            _docx_table(doc, payload[1])
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _docx_table(doc, rows: list[_Row]) -> None:
    """Add a table with merged cells written straight into the XML (``w:gridSpan`` and
    ``w:vMerge``): python-docx's ``merge()`` recomputes the whole grid per call, which
    made a report take seconds."""
    from docx.table import _Cell as DocxCell

    width = len(_grid(rows)[-1])
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                first = tcs[r + dr][c]
                if cell.colspan > 1:
                    first.grid_span = cell.colspan
                    for dc in range(1, cell.colspan):
                        extra = tcs[r + dr][c + dc]
                        extra.getparent().remove(extra)
                if cell.rowspan > 1:
                    first.vMerge = "restart" if dr == 0 else "continue"
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            DocxCell(tcs[r][c], table).text = cell.text
            c += cell.colspan


# --- For exporters outside the engine ------------------------------------------------------

# A printed table cell (text, rowspan, colspan, value) in the official layout.
TableCell = _Cell


def blocks(fig: Figures, style: Style | None = None) -> list[tuple[str, object]]:
    """The report in reading order, for exporters that lay it out themselves (the
    platform's DOCX/PDF/XLSX, ``gongkai.reports.export``): ``("title"|"h"|"p", text)`` and
    ``("table", (section id, rows of TableCell))``, the same walk every form here uses."""
    return list(_walk(fig, style or Style()))


def grid(rows: list[_Row]) -> list[list[str]]:
    """A table's rows expanded on its grid, spans filled as the readers fill them."""
    return _grid(rows)


def add_docx_table(doc, rows: list[_Row]):
    """Add the table with its merged cells to a python-docx ``Document``; returns it."""
    _docx_table(doc, rows)
    return doc.tables[-1]

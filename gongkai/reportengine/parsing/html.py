"""HTML page → :class:`Line` list (issue 3 item 3, "HTML pages").

Government portals publish the report as an article inside page furniture: navigation,
breadcrumbs, a 标题/发布时间/来源 block, share buttons, a footer with the ICP number. The
report itself is ``<p>``/``<div>`` paragraphs and ``<table>``s whose labels span rows and
columns (reference §3.3–3.5: 「三、本年度办理结果」 spans 22 rows, 「（三）不予公开」 8,
申请人情况 7 columns).

Output, in reading order:

* the ``<title>`` as the first line;
* each paragraph (block element, or text between ``<br>``) as ``Line(text)``;
* each table row as ``Line(" ".join(cells), cells)`` on the expanded grid, spans filled as
  :mod:`.grid` describes (labels repeated, a value never counted twice).

Layout tables (a table that holds another table) are read as containers, not as data.
Furniture is dropped by tag (``nav``, ``footer``, ``script``…) and by class/id words
(``nav``, ``footer``, ``breadcrumb``…), never by text, so the report is never cut.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import limits
from .document import Line
from .grid import row_line, span_fill, take_pending

# Elements whose content is never part of the report.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "footer",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "button",
        "select",
        "input",
        "textarea",
        "form",
        "map",
        "audio",
        "video",
    }
)
# Elements that end a paragraph.
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
        "body",
        "html",
        "caption",
        "thead",
        "tbody",
        "tfoot",
    }
)
# class/id words of page furniture on Chinese government portals.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|bottom|breadcrumbs?|crumbs?|position|"
    r"location|dqwz|share|bdshare|sidebar|side|copyright|links?|friendlink|search|"
    r"toolbar|wza|skip|banner|topbar|login)(?:$|[\s_-])",
    re.IGNORECASE,
)


_ZERO_WIDTH = str.maketrans("", "", "\u200b\ufeff")


def _clean(text: str) -> str:
    """Collapse whitespace (incl. ``&nbsp;`` and ideographic spaces) to single spaces.

    ``str.split`` knows every Unicode space and is several times faster than a regex;
    zero-width spaces are not spaces to it, so they are deleted first.
    """
    if "\u200b" in text or "\ufeff" in text:
        text = text.translate(_ZERO_WIDTH)
    return " ".join(text.split())


_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_CELL_TAGS = ("td", "th")
_SECTION_TAGS = ("thead", "tbody", "tfoot")


def _is_furniture(el, by_class: bool = True) -> bool:
    """Hidden elements, and (``by_class``) elements whose class/id name page furniture.

    Scripts, styles, ``nav``, ``footer``… are already stripped by :func:`html_lines`.
    """
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    if style and _HIDDEN.search(style):
        return True
    if not by_class or el.tag in ("table", "tr", "td", "th", "tbody", "body", "html"):
        return False
    ident = f"{attrib.get('class') or ''} {attrib.get('id') or ''}"
    return bool(_FURNITURE.search(ident))


class _Walker:
    """Depth-first walk that turns blocks into paragraphs and tables into grid rows."""

    def __init__(self, by_class: bool = True) -> None:
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.by_class = by_class

    def flush(self) -> None:
        if self.buffer:
            text = _clean("".join(self.buffer))
            self.buffer = []
            if text:
                self.lines.append(Line(text))

    def walk(self, el) -> None:
        tag = el.tag
        if not isinstance(tag, str) or _is_furniture(el, self.by_class):
            self.add_tail(el)
            return
        if tag == "table":
            self.flush()
            self.table(el)
            self.add_tail(el)
            return
        if tag == "br":
            self.flush()
            self.add_tail(el)
            return
        block = tag in _BLOCK_TAGS or tag in ("tr", "td", "th")
        if block:
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
        if block:
            self.flush()
        self.add_tail(el)

    def add_tail(self, el) -> None:
        if el.tail:
            self.buffer.append(el.tail)

    def table(self, table) -> None:
        rows = _own_rows(table)
        if table.find(".//table") is not None:
            # A layout table: its cells are containers of paragraphs and tables.
            for row in rows:
                for cell in _own_cells(row):
                    self.flush()
                    self.walk_children(cell)
                    self.flush()
            return
        caption = table.find("caption")
        if caption is not None:
            text = _clean("".join(caption.itertext()))
            if text:
                self.lines.append(Line(text))
        for cells in _grid(rows):
            if any(cells):
                self.lines.append(row_line(cells))

    def walk_children(self, el) -> None:
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)


def _own_rows(table) -> list:
    """The table's rows, looking through thead/tbody/tfoot but not into nested tables."""
    rows = []
    for child in table:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in _SECTION_TAGS:
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _own_cells(row) -> list:
    return [c for c in row if c.tag in _CELL_TAGS]


def _cell_text(cell) -> str:
    """A cell's text; ``<br>`` and blocks inside a cell become a space (see html_lines)."""
    if len(cell) == 0:
        return _clean(cell.text or "")
    return _clean("".join(cell.itertext()))


def _span(cell, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    if not value.isdigit():
        value = re.sub(r"[^0-9]", "", value)
        if not value:
            return 1
    # A span of 0 means "to the end of the group" in HTML; huge spans are typos.
    return min(max(int(value), 1), limits.MAX_SPAN)


def _grid(rows) -> list[list[str]]:
    """Expand rowspan/colspan into a rectangular grid (HTML table model, simplified).

    rowspan repeats the text on every covered row; colspan fills as :func:`.grid.span_fill`.
    """
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    grid: list[list[str]] = []
    cells = 0
    for row in rows:
        out: list[str] = []
        col = 0
        for cell in row:
            if cell.tag not in _CELL_TAGS:
                continue
            if pending:
                col = take_pending(pending, out, col)
            text = _clean(cell.text or "") if len(cell) == 0 else _cell_text(cell)
            attrib = cell.attrib
            rowspan = _span(cell, "rowspan") if "rowspan" in attrib else 1
            colspan = _span(cell, "colspan") if "colspan" in attrib else 1
            out.append(text)
            if rowspan > 1:
                pending[col] = (rowspan - 1, text)
            col += 1
            if colspan > 1:
                fill = span_fill(text)
                for _ in range(colspan - 1):
                    out.append(fill)
                    if rowspan > 1:
                        pending[col] = (rowspan - 1, fill)
                    col += 1
        # Spans reaching past the last cell of this row.
        while pending and col <= max(pending):
            if col in pending:
                col = take_pending(pending, out, col)
            else:
                out.append("")
                col += 1
        grid.append(out)
        cells += len(out)
        limits.check_table_cells(cells)
    return grid


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode an HTML page: BOM, then ``<meta charset>``, then UTF-8, then GB18030.

    GBK and GB2312 are read as GB18030, their superset, so a page that declares GB2312 but
    uses a GBK character still decodes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312"):
        return data.decode("gb18030", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # Damaged in places: the encoding that loses least.
    return min(
        (data.decode(encoding, errors="replace") for encoding in ("utf-8", "gb18030")),
        key=lambda candidate: candidate.count("\ufffd"),
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
# Block elements that separate words inside a table cell.
_SPACED = ("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6")


def html_lines(source: str | bytes) -> list[Line]:
    """Read an HTML page (text or bytes in any of the encodings above) into Lines."""
    text = decode_html(source) if isinstance(source, bytes) else source
    # lxml refuses a str with an XML encoding declaration (already decoded) or with
    # control characters (damaged files); drop both.
    text = _CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    if not text.strip():
        return []
    try:
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    lines: list[Line] = []
    title = root.find(".//title")
    if title is not None:
        title_text = _clean("".join(title.itertext()))
        if title_text:
            lines.append(Line(title_text))
    # Whole elements that are never the report go at C speed, keeping the text after them.
    etree.strip_elements(root, *_DROP_TAGS, "head", with_tail=False)
    for el in root.iter(*_SPACED):
        el.tail = " " + el.tail if el.tail else " "
    body = root.find("body")
    start = body if body is not None else root
    walker = _Walker()
    walker.walk(start)
    walker.flush()
    if not any(line.cells for line in walker.lines) and start.find(".//table") is not None:
        # The class/id heuristics hid every table: the report sits in an element named
        # like furniture. Read again by tag alone rather than lose the report.
        walker = _Walker(by_class=False)
        walker.walk(start)
        walker.flush()
    lines.extend(walker.lines)
    return lines

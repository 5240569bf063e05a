"""DOCX → :class:`Line` list (issue 3 item 3, "DOCX").

The body is walked in document order so that paragraphs and tables interleave as printed
(python-docx's ``Document.paragraphs``/``tables`` would separate them). Merged cells are
expanded on the table grid as :mod:`.grid` describes: a vertical merge (``w:vMerge``)
repeats the text of the cell where the merge starts on every row it covers, a horizontal
merge (``w:gridSpan``) repeats a label and never a value — so each row of table 三 carries
its group labels, as the HTML reader does with rowspan/colspan.

Only the main document part is read (no headers, footers or comments).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from lxml import etree

from .. import limits
from .document import Line
from .grid import row_line, span_fill

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_P = f"{{{_W}}}p"
_TBL = f"{{{_W}}}tbl"
_TR = f"{{{_W}}}tr"
_TC = f"{{{_W}}}tc"
_SDT = f"{{{_W}}}sdt"
_VAL = f"{{{_W}}}val"
_SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")


class NotADocx(ValueError):
    """The bytes are not a Word document (no ``word/document.xml``)."""


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_T = f"{{{_W}}}t"
_DEL_TEXT = f"{{{_W}}}delText"
_TEXT_TAGS = (_T, f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr", _DEL_TEXT)
_TCPR = f"{{{_W}}}tcPr"
_TRPR = f"{{{_W}}}trPr"
_GRID_SPAN = f"{{{_W}}}gridSpan"
_GRID_BEFORE = f"{{{_W}}}gridBefore"
_VMERGE = f"{{{_W}}}vMerge"


def _paragraph_text(p) -> str:
    """Text of a ``w:p``: runs' ``w:t``, tabs and breaks as spaces (deleted text skipped)."""
    parts: list[str] = []
    for el in p.iter(_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag != _DEL_TEXT:
            parts.append(" ")
    return "".join(parts)


def _cell_text(tc) -> str:
    """A cell's paragraphs joined by spaces (nested tables read as text)."""
    return _clean(" ".join(_paragraph_text(p) for p in tc.iter(_P)))


def _int_val(props, tag: str, default: int) -> int:
    """The integer ``w:val`` of the ``tag`` child of a properties element (or ``default``)."""
    if props is None:
        return default
    found = props.find(tag)
    if found is None:
        return default
    try:
        return max(int(found.get(_VAL, default)), 0)
    except ValueError:
        return default


def _table_rows(tbl) -> list[list[str]]:
    """Expand a ``w:tbl`` into a grid (gridSpan, vMerge, gridBefore)."""
    rows: list[list[str]] = []
    merge_text: dict[int, str] = {}  # grid column -> text of the open vertical merge
    cells = 0
    for tr in tbl.iterchildren(_TR):
        # Spans are clamped before anything is expanded: a 36 KB file must not make a grid
        # of 50,000,000 columns (limits.MAX_SPAN, limits.MAX_TABLE_CELLS).
        out: list[str] = [""] * min(_int_val(tr.find(_TRPR), _GRID_BEFORE, 0), limits.MAX_SPAN)
        for tc in _row_cells(tr):
            props = tc.find(_TCPR)
            span = min(max(_int_val(props, _GRID_SPAN, 1), 1), limits.MAX_SPAN)
            cells += span
            limits.check_table_cells(cells)
            vmerge = props.find(_VMERGE) if props is not None else None
            col = len(out)
            if vmerge is not None and vmerge.get(_VAL, "continue") != "restart":
                text = merge_text.get(col, "")
            else:
                text = _cell_text(tc)
                if vmerge is not None:
                    merge_text[col] = text
                else:
                    merge_text.pop(col, None)
            out.append(text)
            if span > 1:
                out.extend([span_fill(text)] * (span - 1))
        rows.append(out)
    return rows


def _row_cells(tr):
    """The row's ``w:tc`` cells, looking through content controls (``w:sdt``)."""
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find("w:sdtContent", _NS)
            if content is not None:
                yield from content.iterchildren(_TC)


def _walk(container, lines: list[Line]) -> None:
    for child in container:
        if child.tag == _P:
            text = _clean(_paragraph_text(child))
            if text:
                lines.append(Line(text))
        elif child.tag == _TBL:
            for cells in _table_rows(child):
                if any(cells):
                    lines.append(row_line(cells))
        elif child.tag == _SDT:
            content = child.find("w:sdtContent", _NS)
            if content is not None:
                _walk(content, lines)


def docx_lines(data: bytes) -> list[Line]:
    """Read a DOCX file's body into Lines in document order.

    Parses ``word/document.xml`` directly with lxml (what python-docx does underneath),
    which is several times faster than building python-docx objects for every cell.
    Raises :class:`NotADocx` when the bytes are not a Word document.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Size and compression ratio from the zip directory before inflating (zip bombs).
            xml = limits.read_member(archive, "word/document.xml", limits.MAX_DOCX_XML_BYTES)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        EOFError,
        zlib.error,  # a damaged member
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method zipfile does not know
        ValueError,
    ) as exc:
        raise NotADocx(str(exc)) from exc
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise NotADocx(str(exc)) from exc
    body = root.find("w:body", _NS)
    lines: list[Line] = []
    if body is not None:
        _walk(body, lines)
    return lines

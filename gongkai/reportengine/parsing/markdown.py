"""Markdown → :class:`Line` list (issue 3 item 3, "Markdown tables").

Pipe-table rows become ``Line(text, cells)`` (the ``|---|`` delimiter row is dropped,
``\\|`` is a literal bar); headings lose their ``#`` marks; emphasis, inline code and
links are reduced to their text; blank lines separate paragraphs and are dropped.
Markdown has no spans, so a publication either repeats a group label on each row or leaves
the cell empty — both are passed on as printed.
"""

from __future__ import annotations

import re

from .document import Line

_DELIMITER = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(?=\S)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ESCAPED_BAR = "\x00"


_MARKUP = re.compile(r"[*`\[<&]")


def _inline(text: str) -> str:
    """Strip inline markup; keep the words. ``_`` is kept (it occurs in names)."""
    if not _MARKUP.search(text):
        return " ".join(text.split())  # the common cell: plain words or a number
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = text.replace("&nbsp;", " ")
    return _SPACES.sub(" ", text).strip()


def _row_cells(line: str) -> list[str]:
    body = line.strip().replace("\\|", _ESCAPED_BAR)
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [_inline(cell.replace(_ESCAPED_BAR, "|")) for cell in body.split("|")]


def markdown_lines(text: str) -> list[Line]:
    """Read Markdown text into Lines (tables with cells, everything else as text)."""
    lines: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if "|" in stripped.replace("\\|", "") and (
            stripped.startswith("|") or stripped.count("|") >= 2
        ):
            if _DELIMITER.match(stripped):
                continue
            cells = _row_cells(stripped)
            if any(cells):
                lines.append(Line(" ".join(c for c in cells if c), cells))
            continue
        if _SETEXT.match(stripped) and lines and lines[-1].cells is None:
            continue  # the underline of a setext heading; the heading is the line above
        heading = _HEADING.match(raw)
        if heading:
            stripped = heading.group(1)
        else:
            stripped = _QUOTE.sub("", stripped)
            stripped = _BULLET.sub("", stripped)
        text_line = _inline(stripped)
        if text_line:
            lines.append(Line(text_line))
    return lines


def looks_like_markdown(text: str) -> bool:
    """A pipe table with its delimiter row, or ATX headings: the marks of Markdown."""
    head = text[:20000]
    if re.search(r"^\s*\|?\s*:?-{3,}:?\s*\|", head, re.MULTILINE):
        return True
    return len(re.findall(r"^#{1,6}\s+\S", head, re.MULTILINE)) >= 2

"""How the structured readers (HTML, DOCX) fill a spanned table grid.

A cell that spans rows (``rowspan``, ``w:vMerge``) gives its text to every row it covers,
so each data row of table 三 carries its group labels (「三、本年度办理结果」…).

A cell that spans columns (``colspan``, ``w:gridSpan``) gives its text to every column it
covers when it is a label, and ``""`` to the extra columns when it is a value (a number, a
blank, or a placeholder such as "/", "—", "无"). So the values of a row always follow its
last label cell, in column order, and a number is never read twice: 「四、结转下年度继续办理」
spanning three label columns is followed by exactly its seven values; 「行政许可」 followed by
one value spanning three columns reads as one value.
"""

from __future__ import annotations

import re

from .document import Line

# A value cell: digits (any width), separators, signs, decimal points, or a placeholder.
_VALUE = re.compile(r"^[\s0-9０-９,，.．+\-－−—–/／无空]*$")


def is_value(text: str) -> bool:
    """True for a number, a blank or a placeholder cell; False for a label."""
    return bool(_VALUE.match(text))


def span_fill(text: str) -> str:
    """The text for the extra columns of a column-spanning cell (see module docstring)."""
    return "" if is_value(text) else text


def row_line(cells: list[str]) -> Line:
    """A table row as a Line: ``text`` joins the cells, a label repeated by a column span
    counted once (so the text reads as printed); ``cells`` keeps the full grid row."""
    parts: list[str] = []
    previous = None
    for cell in cells:
        if cell and not (cell == previous and not is_value(cell)):
            parts.append(cell)
        previous = cell
    return Line(" ".join(parts), list(cells))


def take_pending(pending: dict[int, tuple[int, str]], out: list[str], col: int) -> int:
    """Place the row-spanning cells that cover ``col`` onwards; return the next free column.

    ``pending`` maps a column to (rows still covered, text) and is updated in place.
    """
    while col in pending:
        left, text = pending[col]
        out.append(text)
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (left - 1, text)
        col += 1
    return col

"""The intermediate form every input is reduced to before the figures are assembled.

Readers (text, PDF, HTML, Markdown, DOCX) turn a publication into a list of :class:`Line`;
one assembler (:mod:`.assemble`) turns the lines into a :class:`~..figures.Figures`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    """One line of the publication in reading order.

    ``text`` is the line as a reader would read it (cells joined by a space).
    ``cells`` is set when the reader knows the cell boundaries of a table row (HTML, DOCX,
    Markdown, " |"-separated text): each string is one cell's text, with spans already
    expanded (a rowspan label is repeated on each row it covers).
    ``page`` is the 1-based page for PDFs, for messages.
    ``ocr`` is set when the text was read from an image by OCR (its numbers need the
    tables' arithmetic to confirm them, :mod:`.confirm`).
    """

    text: str
    cells: list[str] | None = None
    page: int | None = None
    ocr: bool = False

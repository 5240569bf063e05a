"""Text PDFs → lines, with pdfplumber's text layer.

``page.extract_text()`` gives one line per printed line in reading order, which is what the
assembler expects: the three sample PDFs (淮安市 2024, 洪泽区 2023/2024) print table rows as
space-separated lines, with wrapped labels, vertical headings and page numbers interleaved —
all of which the assembler handles. A PDF with no text layer is a scan: we say so.
"""

from __future__ import annotations

import io
import re

from .. import limits
from . import ReportUnreadable
from .document import Line

# A page number standing alone at the top or bottom of a page: 「3」, 「- 3 -」, 「第3页」.
_PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?\s*$|^\s*第\s*\d+\s*页.*$")


def _declared_pages(data: bytes) -> int:
    """The page tree's /Count, read without building pages (pdfplumber's open and close
    build every page object: 2 s and 100 MB for 20,000 pages)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    return int(resolve1(resolve1(document.catalog["Pages"]).get("Count", 0)))


def pdf_lines(data: bytes) -> list[Line]:
    """The PDF's text lines in reading order (page numbers dropped).

    Raises :class:`ReportUnreadable` for a file pdfplumber cannot open and for a PDF whose
    pages carry no text (a scan).
    """
    import pdfplumber  # imported here: the text path must not pay for it

    lines: list[Line] = []
    try:
        limits.check_pdf_page_count(_declared_pages(data))
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text() or ""
                page_lines = [t for t in text.splitlines() if t.strip()]
                if page_lines and _PAGE_NO.match(page_lines[-1]):
                    page_lines.pop()
                if page_lines and _PAGE_NO.match(page_lines[0]):
                    page_lines.pop(0)
                lines.extend(Line(t, page=number) for t in page_lines)
    except ReportUnreadable:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise ReportUnreadable(
            f"无法打开PDF文件（{type(exc).__name__}），文件可能已损坏或加密"
        ) from exc
    if not lines:
        raise ReportUnreadable("PDF 没有文字层（可能是扫描件），无法读取文字")
    return lines

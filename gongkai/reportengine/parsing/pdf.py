"""Text PDFs → lines: PDFium's text layer first, pdfplumber's layout where it reads more.

Two extractors give the same :class:`~.document.Line` list:

* :func:`pdfium_lines` (pypdfium2, PDFium's C++ text layer): the page's text in the order
  it was written, a line per printed line. Forty times faster than pdfplumber, and on the
  samples its order is closer to the table's rows (a wrapped label's pieces stay together).
* :func:`plumber_lines` (pdfplumber): words placed by their positions, in reading order.

:func:`pdf_lines` reads with PDFium; only when the figures it gives leave table cells unread
does it also try pdfplumber, and it keeps whichever reads more cells (docs/report-parsing.md,
"PDF"). A PDF with no text layer is a scan: :mod:`.ocr` reads it when OCR is available,
else :class:`~.ReportUnreadable` says so. The page count is checked against the engine's PDF
page limit (``limits.check_pdf_page_count``) before any page is read.
"""

from __future__ import annotations

import io
import re

from .. import limits
from . import ReportUnreadable
from .document import Line

# A page number standing alone at the top or bottom of a page: 「3」, 「- 3 -」, 「第3页」.
_PAGE_NO = re.compile(r"^\s*(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?\s*$|^\s*第\s*\d+\s*页.*$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
NO_TEXT = "PDF 没有文字层（可能是扫描件），无法读取文字"


def _page_lines(text: str, number: int) -> list[Line]:
    """A page's lines, its page number at the top or bottom dropped."""
    lines = [t.strip() for t in _LINE_BREAK.split(text)]
    lines = [t for t in lines if t]
    if lines and _PAGE_NO.match(lines[-1]):
        lines.pop()
    if lines and _PAGE_NO.match(lines[0]):
        lines.pop(0)
    return [Line(t, page=number) for t in lines]


def _declared_pages(data: bytes) -> int | None:
    """The page tree's /Count as pdfminer reads it (None when it cannot): asked only when
    PDFium has refused the file, to tell a page-less PDF from a damaged one."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        return int(resolve1(resolve1(document.catalog["Pages"]).get("Count", 0)))
    except Exception:  # any damage: the caller reports the file as unreadable
        return None


def pdfium_lines(data: bytes) -> list[Line]:
    """The text layer through PDFium, a line per printed line, page numbers dropped."""
    import pypdfium2 as pdfium  # imported here: the text path must not pay for it

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # PDFium refuses a document whose page tree is empty: say that, not "damaged".
        if _declared_pages(data) == 0:
            limits.check_pdf_page_count(0)
        raise ReportUnreadable("无法打开PDF文件（PdfiumError），文件可能已损坏或加密") from exc
    lines: list[Line] = []
    try:
        # PDFium reads the page tree's count without building pages: a 20,000-page file
        # sharing one content stream is refused here, before any work (limits.py).
        limits.check_pdf_page_count(len(doc))
        for number in range(1, len(doc) + 1):
            page = doc[number - 1]
            textpage = page.get_textpage()
            try:
                lines.extend(_page_lines(textpage.get_text_range(), number))
            finally:
                textpage.close()
                page.close()
    finally:
        doc.close()
    return lines


def plumber_lines(data: bytes) -> list[Line]:
    """The text layer through pdfplumber's ``extract_text()`` (words by position)."""
    import pdfplumber

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages[: limits.MAX_PDF_PAGES], start=1):
                lines.extend(_page_lines(page.extract_text() or "", number))
    except ReportUnreadable:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise ReportUnreadable(
            f"无法打开PDF文件（{type(exc).__name__}），文件可能已损坏或加密"
        ) from exc
    return lines


def unread_cells(lines: list[Line]) -> int:
    """How many table cells the assembler leaves empty for a reason other than the
    publication's own blanks (P010) or its old （六） layout (P012): unread or missing rows."""
    from .assemble import assemble

    try:
        fig = assemble(lines)
    except ReportUnreadable:
        return 10**6
    published = {f.where for f in fig.findings if f.code in ("P010", "P012")}
    count = 0
    for rid, row in fig.table3.items():
        count += sum(
            1
            for c, v in enumerate(row)
            if v is None and not {f"table3.{rid}[{c}]", f"table3.{rid}"} & published
        )
    count += sum(
        1 for i, v in enumerate(fig.table4) if v is None and f"table4[{i}]" not in published
    )
    for key, value in fig.table2.items():
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            if v is None and not {f"table2.{key}[{i}]", f"table2.{key}"} & published:
                count += 1
    return count


def pdf_lines(data: bytes, *, ocr: bool = True) -> list[Line]:
    """The PDF's text lines in reading order (page numbers dropped).

    PDFium first; pdfplumber too where PDFium's lines leave cells unread, the better kept.
    A PDF whose pages carry no text is read by OCR (``ocr``) or refused as a scan.
    """
    lines = pdfium_lines(data)
    if lines:
        missing = unread_cells(lines)
        if missing:
            try:
                other = plumber_lines(data)
            except ReportUnreadable:
                other = []
            if other and unread_cells(other) < missing:
                lines = other
        return lines
    if ocr:
        from .ocr import ocr_available, ocr_pdf_lines

        if ocr_available():
            from . import _looks_like_report

            lines = ocr_pdf_lines(data)
            if lines and _looks_like_report("\n".join(line.text for line in lines)):
                return lines
    raise ReportUnreadable(NO_TEXT)

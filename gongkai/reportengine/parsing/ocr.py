"""Scans → lines by OCR: Debian's tesseract with its chi_sim model (scripts/sysdeps.sh).

A scanned PDF (pages without a text layer) is rendered page by page through PDFium; an
image of a report (PNG, JPEG, TIFF…) is read as it is. Before OCR the table's ruling lines
are painted out (rows or columns that are mostly dark): tesseract reads a bordered table's
digits as 「|0|0|」 and 「o」 otherwise, and without the rules it gives the rows as lines of
space-separated numbers like a text PDF's.

OCR misreads digits (「9D」, 「3!」, 「000 00」), so every line it gives is marked
``Line.ocr``; the assembler then keeps a number only where the tables' arithmetic confirms
it (:mod:`.confirm`) and says that the report was read by OCR (docs/report-json.md,
``read_by_ocr``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache

from .document import Line

# Pixels per inch the pages are rendered at: below 300 tesseract confuses 0 and o in cells.
DPI = 300
LANGUAGE = "chi_sim"
# A page that takes longer than this is given up (a bound on work per page).
PAGE_TIMEOUT = 120
# A pixel row (column) darker than this share of the page is a table rule, not text.
ROW_RULE, COLUMN_RULE = 0.40, 0.20
# A pixel column dark over this share of a table row's band is a vertical rule; bands
# thinner than MIN_BAND pixels are the edges of one thick horizontal rule.
BAND_RULE, MIN_BAND = 0.90, 12


@cache
def ocr_available() -> bool:
    """Whether tesseract and its chi_sim model are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in out.stdout.split()


def _unruled(image):
    """The page in grey with its table rules painted white (see the module docstring).

    Horizontal rules are pixel rows darker than ``ROW_RULE``; vertical rules are found
    between two horizontal ones (a table row's band): a pixel column dark over nearly the
    whole band is a rule, since a cell's characters never touch both of its borders. Page-
    long columns darker than ``COLUMN_RULE`` are painted out too (a table's outer border).
    """
    from PIL import Image, ImageDraw

    grey = image.convert("L")
    width, height = grey.size
    ink = grey.point(lambda v: 0 if v < 160 else 255)
    rows = ink.resize((1, height), Image.Resampling.BOX).tobytes()
    columns = ink.resize((width, 1), Image.Resampling.BOX).tobytes()
    draw = ImageDraw.Draw(grey)
    rules = [y for y, v in enumerate(rows) if v < 255 * (1 - ROW_RULE)]
    for y in rules:
        draw.line([(0, y), (width, y)], fill=255)
    for x, v in enumerate(columns):
        if v < 255 * (1 - COLUMN_RULE):
            draw.line([(x, 0), (x, height)], fill=255)
    for top, bottom in zip(rules, rules[1:], strict=False):
        if bottom - top < MIN_BAND:
            continue  # the two edges of one thick rule
        band = ink.crop((0, top + 1, width, bottom)).resize((width, 1), Image.Resampling.BOX)
        for x, v in enumerate(band.tobytes()):
            if v < 255 * (1 - BAND_RULE):
                draw.line([(x, top), (x, bottom)], fill=255)
    return grey


def ocr_image_text(image) -> str:
    """The text tesseract reads on one page image (PIL), rules removed."""
    buffer = io.BytesIO()
    _unruled(image).save(buffer, format="PNG")
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "6"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.decode("utf-8", errors="replace")


def _lines(text: str, page: int) -> list[Line]:
    from .pdf import _page_lines

    lines = _page_lines(text, page)
    for line in lines:
        line.ocr = True
    return lines


def ocr_pdf_lines(data: bytes) -> list[Line]:
    """Every page of a scanned PDF rendered and read by OCR (bounded by the page limit)."""
    import pypdfium2 as pdfium

    from .. import limits

    doc = pdfium.PdfDocument(data)
    lines: list[Line] = []
    try:
        for number in range(1, min(len(doc), limits.MAX_PDF_PAGES) + 1):
            page = doc[number - 1]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            lines.extend(_lines(ocr_image_text(image), number))
    finally:
        doc.close()
    return lines


def ocr_image_lines(data: bytes) -> list[Line]:
    """An image of a report (every frame of a multi-page TIFF) read by OCR."""
    from PIL import Image, ImageSequence

    from .. import limits

    image = Image.open(io.BytesIO(data))
    lines: list[Line] = []
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if number > limits.MAX_PDF_PAGES:
            break
        lines.extend(_lines(ocr_image_text(frame.copy()), number))
    return lines

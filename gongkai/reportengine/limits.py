"""What the report checker accepts, stated once: sizes, pages, spans and per-file budgets.

Every limit is checked *before* the work it protects is done (a file's size before it is
read, a DOCX member's size and compression ratio from the zip directory before it is
inflated, a PDF's page count before its pages are read), so that a small hostile file never
costs more than the budget. The figures and why each was chosen are in
docs/report-checker.md ("Limits"); the web checker, the CLI and the background worker all
take them from here.

A refusal is :class:`LimitExceeded`, a :class:`~.parsing.ReportUnreadable` whose message is
one Chinese line, so every caller already reports it as "cannot be read" (exit 2 in the CLI).
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import BinaryIO

from .parsing import ReportUnreadable

MB = 1024 * 1024

# One report file. Published reports are 0.05–10 MB (PDFs with images at the top end).
MAX_FILE_BYTES = 20 * MB
# One DOCX's main part (word/document.xml) once inflated: a 300-page report is ~10 MB.
MAX_DOCX_XML_BYTES = 32 * MB
# Inflated ÷ compressed size of a zip member: real DOCX XML compresses 5–30×, text up to ~60×.
MAX_COMPRESSION_RATIO = 100
# A table cell spanning more rows or columns than this is a typo (report tables have <60
# rows and <10 columns); larger spans are clamped, as the HTML reader always did.
MAX_SPAN = 200
# Cells of one expanded table grid (HTML or DOCX): table 三 is 27 × 9.
MAX_TABLE_CELLS = 200_000
# PDF pages: the longest real reports run to ~300 pages (with annexes).
MAX_PDF_PAGES = 500
# Files in one upload of the web checker, and reports in one zip (web or CLI).
MAX_UPLOAD_FILES = 20
MAX_ZIP_MEMBERS = 500
# The whole request body of the web checker (a zip of up to 500 reports included).
MAX_REQUEST_BYTES = 200 * MB
# Per-file budget in the worker process (CLI and background checks): wall clock and memory.
FILE_SECONDS = 120
FILE_MEMORY_BYTES = 1024 * MB
# Per-file and per-request budget of a check done within a web request (gunicorn's timeout
# must exceed REQUEST_SECONDS; see docs/deploy.md).
WEB_FILE_SECONDS = 10
WEB_REQUEST_SECONDS = 20

REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


class LimitExceeded(ReportUnreadable):
    """An input over one of the limits above (a one-line Chinese reason)."""


def megabytes(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def too_large_message(limit: int = MAX_FILE_BYTES) -> str:
    return f"文件超过 {megabytes(limit)}，未读取"


def check_file_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(too_large_message())


def read_bounded(handle: BinaryIO, limit: int = MAX_FILE_BYTES) -> bytes:
    """At most ``limit`` bytes of ``handle``; :class:`LimitExceeded` if there are more.

    Reads ``limit + 1`` bytes at most, so that a special file (``/dev/zero``) or a file that
    grows while it is read never costs more than the limit.
    """
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(too_large_message(limit))
    return data


def read_file(path: str | os.PathLike) -> bytes:
    """A report file's bytes, its size checked before a byte is read."""
    with open(path, "rb") as handle:
        check_file_size(os.fstat(handle.fileno()).st_size)
        return read_bounded(handle)


def check_member(info: zipfile.ZipInfo, limit: int) -> None:
    """A zip member's inflated size and compression ratio, from the zip directory."""
    if info.file_size > limit:
        raise LimitExceeded(
            f"压缩包中的 {info.filename} 解压后超过 {megabytes(limit)}（可能是压缩炸弹），未读取"
        )
    if info.file_size > MB and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        raise LimitExceeded(
            f"压缩包中的 {info.filename} 压缩比超过 {MAX_COMPRESSION_RATIO} 倍（可能是压缩炸弹），未读取"
        )


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member, checked from the directory first, then read with a bounded stream (a
    directory that understates the size does not get past ``limit`` either)."""
    info = archive.getinfo(name)
    check_member(info, limit)
    with archive.open(info) as handle:
        return read_bounded(handle, limit)


def zip_reports(archive: zipfile.ZipFile, limit: int | None = MAX_ZIP_MEMBERS) -> list[str]:
    """The report members of a zip of reports (hidden files and folders skipped), in order.

    Refuses more than ``limit`` report members before any is inflated; each member is then
    read with :func:`read_member` (size and ratio checked).
    """
    names = [
        info.filename
        for info in archive.infolist()
        if not info.is_dir()
        and os.path.splitext(info.filename)[1].lower() in REPORT_SUFFIXES
        and not any(part.startswith((".", "__MACOSX")) for part in info.filename.split("/"))
    ]
    if limit is not None and len(names) > limit:
        raise LimitExceeded(f"压缩包中有 {len(names)} 份报告，超过一次 {limit} 份的上限")
    return sorted(names)


def open_zip(data_or_path: bytes | str | os.PathLike) -> zipfile.ZipFile:
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
    return zipfile.ZipFile(source)


def check_pdf_page_count(count: int) -> None:
    """A PDF's page count, before its pages are read: none, or more than MAX_PDF_PAGES.

    Call it with the page tree's count (``len(pdf)`` in pypdfium2, ``len(pdf.pages)`` in
    pdfplumber) before extracting any page.
    """
    if count <= 0:
        raise LimitExceeded("PDF 文件没有任何页面，无法读取")
    if count > MAX_PDF_PAGES:
        raise LimitExceeded(f"PDF 有 {count} 页，超过 {MAX_PDF_PAGES} 页的上限，未读取")


def check_table_cells(count: int) -> None:
    """Cells of one expanded table grid (spans included), while it is being expanded."""
    if count > MAX_TABLE_CELLS:
        raise LimitExceeded(f"表格展开后超过 {MAX_TABLE_CELLS} 个单元格（合并单元格异常），未读取")

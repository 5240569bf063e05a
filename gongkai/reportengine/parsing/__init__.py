"""Parser for published annual reports, in every form they appear.

Contract (stable): ``parse_report(path_or_bytes, *, name=None) -> Figures`` and
``ReportUnreadable`` for inputs that cannot be read as a report at all (the message is one
Chinese line naming the reason, e.g. a scanned PDF with no text layer).

The form is told by content first and by file extension second (issue 3 item 3):

* ``%PDF`` → text PDF (:mod:`.pdf`); a PDF without a text layer is unreadable;
* a ZIP holding ``word/document.xml`` → DOCX (:mod:`.docx`); one holding ``xl/workbook.xml``
  → an XLSX of the tables (:mod:`.xlsx`); any other ZIP is unreadable;
* ``<html``/``<!doctype``/``<table``… near the start → HTML page (:mod:`.html`);
* a pipe table with its ``|---|`` row, or ``#`` headings → Markdown (:mod:`.markdown`);
* anything else that decodes as text (BOM, UTF-8, GB18030) → plain text (:mod:`.text`).

Every form becomes a list of :class:`~.document.Line` and one assembler (:mod:`.assemble`)
makes the figures, so the same label and number rules apply to every form.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

from ..figures import Figures


class ReportUnreadable(Exception):
    """The input cannot be read as a report (one-line reason in Chinese)."""


# Markers of a 政府信息公开工作年度报告: section headings and table labels (reference §3.2–3.5),
# compared with all whitespace removed and brackets folded to ASCII.
_MARKERS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "行政复议",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "本年度办理结果",
    "结转下年度继续办理",
    "第二十条第(一)项",
    "予以公开",
)
_FOLD = str.maketrans({"（": "(", "）": ")", "\u3000": None, " ": None})
_WS = re.compile(r"\s+")
_HTML_START = re.compile(
    rb"<\s*(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|table[\s>]|div[\s>]|p[\s>])",
    re.IGNORECASE,
)
_TEXT_SUFFIXES = {".txt", ".text", ".csv", ".log", ""}
_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}
_MD_SUFFIXES = {".md", ".markdown", ".mdown"}

# Control bytes that text files do not contain (tab, newlines and form feed excepted).
_BINARY_BYTES = bytes([*range(0, 9), *range(14, 32), 127])

NOT_A_REPORT = "不是政府信息公开年度报告：未找到年度报告的章节标题或统计表"
EMPTY = "文件为空"
UNKNOWN_FORMAT = "无法识别的文件格式"


def _read(source: str | os.PathLike | bytes) -> tuple[bytes, str | None, str]:
    """The bytes, the display name and the lower-case suffix of ``source``."""
    from .. import limits  # imported here: limits imports this module

    if isinstance(source, (bytes, bytearray, memoryview)):
        limits.check_file_size(len(source))
        return bytes(source), None, ""
    path = Path(source)
    try:
        data = limits.read_file(path)  # the size is checked before a byte is read
    except IsADirectoryError as exc:
        raise ReportUnreadable(f"是文件夹而不是文件：{path}") from exc
    except FileNotFoundError as exc:
        raise ReportUnreadable(f"文件不存在：{path}") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReportUnreadable(f"符号链接循环，无法打开：{path}") from exc
        raise ReportUnreadable(f"无法读取文件：{exc.strerror or exc}") from exc
    return data, str(source), path.suffix.lower()


def decode_text(data: bytes) -> str:
    """Decode a text file: BOM first, then UTF-8, then GB18030 (which covers GBK/GB2312).

    A file damaged in a few places (a stray NUL, a broken byte) is still read in the
    encoding that loses least; :class:`ReportUnreadable` only for data that is mostly not
    text in either encoding.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    head = data[:8192]
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    if head.count(b"\x00") > max(len(head) // 100, 2) or controls > max(len(head) // 20, 2):
        encoding = utf16_without_bom(head)
        if encoding:
            return data.decode(encoding, errors="replace")
        raise ReportUnreadable(f"{UNKNOWN_FORMAT}（二进制文件）")
    data = data.replace(b"\x00", b"")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    text = min(
        (data.decode(encoding, errors="replace") for encoding in ("utf-8", "gb18030")),
        key=lambda candidate: candidate.count("\ufffd"),
    )
    if text.count("\ufffd") > max(len(text) // 100, 3):
        raise ReportUnreadable(f"{UNKNOWN_FORMAT}（既不是 UTF-8 也不是 GBK 编码的文字）")
    return text


def _is_text_char(ch: str) -> bool:
    """ASCII text, CJK ideographs and punctuation, full-width forms: what a report is made of."""
    code = ord(ch)
    return (
        32 <= code < 127
        or ch in "\t\r\n"
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )


def utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when ``head`` is UTF-16 text saved without a byte-order mark
    (Windows Notepad's "Unicode"), else None.

    The byte order whose decoding is at least 90 % report characters wins: digits, spaces
    and line breaks read in the wrong order fall outside them, and binary data read as
    UTF-16 is about one third CJK and so never passes.
    """
    head = head[: len(head) - len(head) % 2]
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head.decode(encoding, errors="replace")
        if not text:
            continue
        share = sum(1 for ch in text if _is_text_char(ch)) / len(text)
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= 0.9 else None


def _looks_like_report(text: str) -> bool:
    """At least two distinct markers of the annual report (headings or table labels)."""
    folded = _WS.sub("", text).translate(_FOLD)
    return sum(1 for marker in _MARKERS if marker in folded) >= 2


def _sniff(data: bytes, suffix: str) -> str:
    """The form of ``data``: "pdf", "docx", "zip", "ole", "html", "markdown" or "text"."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"  # a photo or scan of a report: read by OCR (.ocr)
    if _HTML_START.search(data[:4096]):
        return "html"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _MD_SUFFIXES:
        return "markdown"
    return "text"


def _lines_for(data: bytes, form: str, suffix: str):
    """Reduce the bytes to Lines (or, for plain text, to the decoded text)."""
    if form == "pdf":
        from .pdf import pdf_lines

        try:
            return pdf_lines(data)
        except ReportUnreadable:
            raise
        except Exception as exc:  # pdfminer raises many unrelated types on broken files
            raise ReportUnreadable("PDF 文件已损坏或加密，无法读取") from exc
    if form == "zip":
        from .docx import NotADocx, docx_lines

        if b"xl/workbook.xml" in data:  # an Excel workbook of the tables (gongkai's XLSX)
            from .xlsx import NotAnXlsx, xlsx_lines

            try:
                return xlsx_lines(data)
            except NotAnXlsx as exc:
                raise ReportUnreadable(f"{UNKNOWN_FORMAT}：Excel（.xlsx）文件已损坏") from exc
        try:
            return docx_lines(data)
        except NotADocx as exc:
            raise ReportUnreadable(f"{UNKNOWN_FORMAT}：压缩包不是 Word（.docx）文档") from exc
    if form == "ole":
        raise ReportUnreadable(f"{UNKNOWN_FORMAT}：旧版 Word/Excel 文件，请另存为 .docx 或 PDF")
    if form == "rtf":
        raise ReportUnreadable(f"{UNKNOWN_FORMAT}：RTF 文件，请另存为 .docx 或 PDF")
    if form == "image":
        from .ocr import ocr_available, ocr_image_lines

        if not ocr_available():
            raise ReportUnreadable("图片文件：本机未安装文字识别（tesseract chi_sim），无法读取")
        return ocr_image_lines(data)
    if form == "html":
        from .html import html_lines

        return html_lines(data)
    text = decode_text(data)
    if form == "text":
        from .markdown import looks_like_markdown

        if looks_like_markdown(text):
            form = "markdown"
    if form == "markdown":
        from .markdown import markdown_lines

        return markdown_lines(text)
    return text


def parse_report(source, *, name: str | None = None) -> Figures:
    """Read a published annual report (path or bytes) into :class:`Figures`.

    Raises :class:`ReportUnreadable` with a one-line Chinese reason when the input cannot
    be read as a report at all; anything partly readable gives figures with findings.
    """
    data, path_name, suffix = _read(source)
    display = name if name is not None else path_name
    if not data.strip():
        raise ReportUnreadable(EMPTY)
    form = _sniff(data, suffix)
    lines = _lines_for(data, form, suffix)
    if isinstance(lines, str):
        if not _looks_like_report(lines):
            raise ReportUnreadable(NOT_A_REPORT)
        from .assemble import parse_text

        figures = parse_text(lines, source=display)
    else:
        if not lines:
            raise ReportUnreadable(
                "PDF 没有文字层（可能是扫描件），无法读取文字" if form == "pdf" else NOT_A_REPORT
            )
        if not _looks_like_report("\n".join(line.text for line in lines)):
            raise ReportUnreadable(NOT_A_REPORT)
        from .assemble import assemble

        figures = assemble(lines, source=display)
    figures.source = display
    return figures


__all__ = ["ReportUnreadable", "parse_report", "decode_text"]

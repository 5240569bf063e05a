"""Attachments: checked by content, stored under our own names, their text extracted for search.

1. Limits first: the size (``GONGKAI_ATTACHMENT_MAX_BYTES``) is checked before the file is read.
2. The type comes from the bytes, never from the name or the browser's Content-Type: PDF
   (``%PDF-``), PNG, JPEG signatures; DOCX and XLSX are ZIP files whose directory holds
   ``word/document.xml`` or ``xl/workbook.xml``. Anything else is refused.
3. The uploader's name is only for display, neutralised: no path, no control or shell-special
   characters, bounded length, and the extension of the detected type. The stored name is a
   random token (``Attachment.token``), through Django's storage API (``MEDIA_ROOT``, outside
   the web root); the attachment view serves it only for a public item.
4. Text: pdfplumber for PDF, python-docx for DOCX (paragraphs and tables), openpyxl for XLSX
   (cell values, read-only mode), none for images (their ``alt`` text is indexed instead).
   A file that cannot be read is still attached; it only adds no text.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import secrets
import unicodedata
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from . import search
from .models import Attachment, CatalogItem, ItemEvent

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 300


class UploadRefused(Exception):
    """The file is refused; the message is one Chinese sentence for the form."""


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))


def detect_kind(head: bytes, data: bytes | None = None) -> str | None:
    """The attachment kind from the file's bytes, or None when it is none we accept."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and data is not None:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;$`&!{}\[\]\'%#~^]')


def neutral_name(name: str, kind: str) -> str:
    """A display name safe anywhere: base name only, no special characters, ≤ 80 characters,
    ending in the detected type's extension."""
    name = unicodedata.normalize("NFKC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub("_+", "_", _UNSAFE.sub("_", stem)).strip(" ._-") or _("附件")
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")[:80]
    return stem + Attachment.SUFFIXES[kind]


def read_upload(upload) -> bytes:
    """The bytes of an uploaded file, refusing an oversized one before reading it."""
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(_("文件过大（上限 %(mb)s MB）。") % {"mb": limit // (1024 * 1024)})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(_("文件过大（上限 %(mb)s MB）。") % {"mb": limit // (1024 * 1024)})
    if not data:
        raise UploadRefused(_("文件为空。"))
    return data


def extract_text(kind: str, data: bytes) -> str:
    """The file's text for the search index (best effort; never raises)."""
    try:
        if kind == "pdf":
            text = _pdf_text(data)
        elif kind == "docx":
            text = _docx_text(data)
        elif kind == "xlsx":
            text = _xlsx_text(data)
        else:
            return ""
    except Exception as exc:  # a damaged file still attaches; it only adds no text
        log.warning("no text from %s attachment: %s", kind, exc)
        return ""
    return text[:MAX_TEXT_CHARS]


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join((page.extract_text() or "") for page in pdf.pages[:MAX_PDF_PAGES])


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    try:
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None]
                if cells:
                    parts.append(" ".join(cells))
                if sum(map(len, parts)) > MAX_TEXT_CHARS:
                    break
    finally:
        book.close()
    return "\n".join(parts)


@transaction.atomic
def add_attachment(
    item: CatalogItem, *, actor, name: str, data: bytes, alt: str = ""
) -> Attachment:
    """Check, store and index one file of ``item`` (drafts and items in review only)."""
    from .workflow import check_step, record_event

    check_step(item, "attach")
    if len(data) > max_bytes():
        raise UploadRefused(
            _("文件过大（上限 %(mb)s MB）。") % {"mb": max_bytes() // (1024 * 1024)}
        )
    kind = detect_kind(data[:16], data)
    if kind is None:
        raise UploadRefused(_("只接受 PDF、DOCX、XLSX、PNG 和 JPEG 文件（按文件内容判断）。"))
    attachment = Attachment(
        item=item,
        name=neutral_name(name, kind),
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        token=secrets.token_hex(16),
        text=extract_text(kind, data),
        alt=alt.strip()[:200],
        position=item.attachments.count(),
    )
    attachment.file.save(attachment.name, ContentFile(data), save=False)
    attachment.save()
    record_event(item, ItemEvent.Kind.ATTACHED, actor, attachment.name)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor) -> None:
    from .workflow import check_step, record_event

    item = attachment.item
    check_step(item, "attach")
    name = attachment.name
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))
    record_event(item, ItemEvent.Kind.DETACHED, actor, name)
    search.index_item(item)

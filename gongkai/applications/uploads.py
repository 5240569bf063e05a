"""Attachments: limits checked on the content (not the name or the browser's claim) before
anything is stored, then saved through Django's storage API (records.attachment_storage: a
folder outside the web root, or S3-compatible object storage)."""

from __future__ import annotations

import hashlib
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# (magic bytes at offset 0, content type) — the formats applicants send: scans and documents.
MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(head: bytes, file) -> str | None:
    """The content type read from the bytes, or None when the format is not accepted."""
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            names = zipfile.ZipFile(file).namelist()
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            for prefix, content_type in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return content_type
    return None


def check_upload(file) -> str:
    """Refuse a file over the size limit or of a format not accepted; return its type."""
    limit = settings.GONGKAI_ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("附件“%(name)s”超过 %(mb)s MB。"),
            params={"name": file.name, "mb": limit // (1024 * 1024)},
            code="too_big",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    content_type = sniff(head, file)
    if content_type is None:
        raise ValidationError(
            _("附件“%(name)s”的格式不受支持：只接受 PDF、JPG、PNG、DOCX、XLSX。"),
            params={"name": file.name},
            code="type",
        )
    return content_type


def store_attachment(application, file, *, actor=None):
    """Check and store one uploaded file for ``application``; returns the Attachment."""
    from .models import Attachment, Event

    content_type = check_upload(file)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    attachment = Attachment(
        application=application,
        original_name=file.name[:200],
        content_type=content_type,
        size=file.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    attachment.file.save(file.name, file, save=False)
    attachment.save()
    application.record(Event.Kind.ATTACHMENT_ADDED, actor=actor, note=attachment.original_name)
    return attachment

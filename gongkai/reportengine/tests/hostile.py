"""Small hostile files, made on the fly: zip bombs, span bombs, a PDF of 20,000 pages.

Used by the limits tests and by ``bench/limits_bench.py``; each is the kind of file that took
the checker seconds to minutes and gigabytes before the limits of :mod:`..limits`.
"""

from __future__ import annotations

import io
import zipfile

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_with(document_xml_chunks, *, level: int = 9) -> bytes:
    """A DOCX whose word/document.xml is the concatenation of ``document_xml_chunks`` (bytes),
    streamed into the zip so that a 1 GB member never sits in memory here either."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in document_xml_chunks:
                member.write(chunk)
    return buffer.getvalue()


def _document(body_chunks):
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    yield from body_chunks
    yield b"</w:body></w:document>"


def zip_bomb_docx(inflated_bytes: int = 1100 * 1024 * 1024) -> bytes:
    """~1.1 MB of DOCX whose document.xml inflates to ``inflated_bytes`` (one huge run of
    spaces inside a paragraph: the most compressible XML there is)."""
    chunk = b" " * (8 * 1024 * 1024)

    def body():
        yield b"<w:p><w:r><w:t>"
        for _ in range(inflated_bytes // len(chunk)):
            yield chunk
        yield b"</w:t></w:r></w:p>"

    return docx_with(_document(body()))


def paragraphs_docx(inflated_bytes: int = 300 * 1024 * 1024) -> bytes:
    """A DOCX of about 1 MB holding ``inflated_bytes`` of short identical paragraphs."""
    paragraph = b"<w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:p>" * 4096

    def body():
        for _ in range(inflated_bytes // len(paragraph)):
            yield paragraph

    return docx_with(_document(body()))


def grid_span_docx(span: int = 50_000_000, rows: int = 400) -> bytes:
    """A small DOCX whose table cells each claim ``gridSpan`` ``span`` columns."""
    cell = (
        f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>'
        "<w:p><w:r><w:t>本年新收政府信息公开申请数量</w:t></w:r></w:p></w:tc>"
    ).encode()
    row = b"<w:tr>" + cell * 3 + b"</w:tr>"
    return docx_with(_document([b"<w:tbl>", row * rows, b"</w:tbl>"]))


def many_pages_pdf(pages: int = 20_000) -> bytes:
    """A PDF of ``pages`` pages that all share one content stream (~2–3 MB)."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(2024 annual report line) Tj 0 -14 Td " * 40 + b"ET"
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
    page += b" /Resources << /Font << /F1 4 0 R >> >> >>"
    objects.extend([page] * pages)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def pageless_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    return many_pages_pdf(0)

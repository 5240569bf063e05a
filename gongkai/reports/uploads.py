"""Upload limits of the report checker, enforced while the request body is still unread.

:class:`LimitingUploadHandler` goes first in the request's upload handlers: it refuses a
declared body over ``limits.MAX_REQUEST_BYTES`` before a byte is read (413), counts the bytes
actually received (a body longer than declared, or a server that passes chunked bodies on),
and skips the files after the allowed number unstored. The view turns these into
one Chinese line (JSON when JSON was asked); see docs/report-checker.md.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class RequestTooLarge(Exception):
    """The request body is over the limit (answered 413)."""


class LimitingUploadHandler(FileUploadHandler):
    def __init__(self, request, *, max_bytes: int, max_files: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.received = 0
        self.files = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.max_bytes:
            raise RequestTooLarge
        return None  # the other handlers do the work

    def new_file(self, *args, **kwargs):
        # Files past the limit are skipped unstored (the view then refuses the request), so
        # the fields after them, such as format=json, are still read.
        self.files += 1
        if self.files > self.max_files:
            raise SkipFile

    @property
    def too_many(self) -> bool:
        return self.files > self.max_files

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            raise RequestTooLarge
        return raw_data

    def file_complete(self, file_size):
        return None

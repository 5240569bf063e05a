"""Parser for published annual reports, in every form they appear.

Contract (stable): ``parse_report(path_or_bytes, *, name=None) -> Figures`` and
``ReportUnreadable`` for inputs that cannot be read as a report at all (the message is one
Chinese line naming the reason, e.g. a scanned PDF with no text layer).
"""

from __future__ import annotations


class ReportUnreadable(Exception):
    """The input cannot be read as a report (one-line reason in Chinese)."""


def parse_report(source, *, name=None):  # pragma: no cover - replaced by the parser work
    raise NotImplementedError

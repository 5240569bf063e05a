"""Keyset ("seek") paging for the workbench queue.

The queue is ordered by (queue_key, -received_on, pk), the columns of ``application_queue_idx``.
A page is fetched as "the next PAGE_SIZE rows after this row" (or before it), so page 2,000 of
100,000 costs what page 1 costs; ``OFFSET`` would read and discard every row before it
(bench/applications_bench.py, docs/applications.md § The queue's pager).

A cursor is the sort key of one row, written ``YYYY-MM-DD.YYYY-MM-DD.pk`` in the links
(``?after=`` for the next page, ``?before=`` for the previous one). A cursor that does not parse
is ignored: the first page is shown, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

SORT = ("queue_key", "-received_on", "pk")
REVERSE = ("-queue_key", "received_on", "-pk")
# The page number is only shown ("第 3 页"); it is carried in the links and clamped here.
MAX_SHOWN_PAGE = 10**6


@dataclass(frozen=True)
class Cursor:
    queue_key: date
    received_on: date
    pk: int

    def token(self) -> str:
        return f"{self.queue_key.isoformat()}.{self.received_on.isoformat()}.{self.pk}"

    @classmethod
    def of(cls, row) -> Cursor:
        return cls(row.queue_key, row.received_on, row.pk)

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """The cursor of a link, or None when absent or malformed (then: the first page)."""
        if not text or len(text) > 40:
            return None
        parts = text.split(".")
        if len(parts) != 3:
            return None
        try:
            return cls(date.fromisoformat(parts[0]), date.fromisoformat(parts[1]), int(parts[2]))
        except ValueError:
            return None

    def after(self) -> Q:
        """Rows that sort after this one: (queue_key, -received_on, pk) > the cursor.

        The redundant bounds let the database seek in the index rather than filter a scan: in
        the last block (queue_key 9999-12-31: closed, or nothing due; 80 % of a body's history)
        nothing has a greater key, so received_on bounds the range too.
        """
        same_key = Q(queue_key=self.queue_key)
        tail = (same_key & Q(received_on__lt=self.received_on)) | (
            same_key & Q(received_on=self.received_on, pk__gt=self.pk)
        )
        if self.queue_key == date.max:
            return same_key & Q(received_on__lte=self.received_on) & tail
        return Q(queue_key__gte=self.queue_key) & (Q(queue_key__gt=self.queue_key) | tail)

    def before(self) -> Q:
        same_key = Q(queue_key=self.queue_key)
        return (
            Q(queue_key__lt=self.queue_key)
            | (same_key & Q(received_on__gt=self.received_on))
            | (same_key & Q(received_on=self.received_on, pk__lt=self.pk))
        )


@dataclass
class SeekPage:
    rows: list = field(default_factory=list)
    number: int = 1
    next_cursor: Cursor | None = None
    previous_cursor: Cursor | None = None

    @property
    def is_first(self) -> bool:
        return self.number == 1 and self.previous_cursor is None

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or self.previous_cursor is not None


def _shown_number(text: str | None) -> int:
    try:
        return min(max(int(text or 1), 1), MAX_SHOWN_PAGE)
    except ValueError:
        return 1


def _before(rows, cursor: Cursor, limit: int) -> list:
    """Up to ``limit`` rows just before ``cursor``, nearest first.

    In the last block (queue_key 9999-12-31) the rows just before sort in that block, from the
    cursor's received_on on: one range seek; only the 上一页 that crosses into the cases with a
    due date needs a second query for the rest. One OR query would make the database walk the
    whole block backwards (80 ms at 100,000 cases on PostgreSQL).
    """
    if cursor.queue_key != date.max:
        return list(
            rows.filter(cursor.before(), queue_key__lte=cursor.queue_key).order_by(*REVERSE)[:limit]
        )
    got = list(
        rows.filter(
            cursor.before(), queue_key=date.max, received_on__gte=cursor.received_on
        ).order_by(*REVERSE)[:limit]
    )
    if len(got) < limit:
        got += list(rows.filter(queue_key__lt=date.max).order_by(*REVERSE)[: limit - len(got)])
    return got


def seek_page(rows, params, size: int) -> SeekPage:
    """One page of ``rows`` (a queryset) from the ``after``/``before``/``n`` of ``params``.

    Two cursors or none, or a malformed one: the first page. One query (the page plus one row
    tells whether another page follows); two for the 上一页 that crosses from the closed cases
    into those with a due date (``_before``) and when a cursor points past either end (rows
    changed since the link was drawn: then the first page).
    """
    after = Cursor.parse(params.get("after"))
    before = Cursor.parse(params.get("before"))
    if after and before:
        after = before = None
    number = _shown_number(params.get("n")) if (after or before) else 1
    if after:
        got = list(rows.filter(after.after()).order_by(*SORT)[: size + 1])
        page = SeekPage(got[:size], max(number, 2))
        has_next, has_previous = len(got) > size, True
    elif before:
        got = _before(rows, before, size + 1)
        has_previous = len(got) > size
        page = SeekPage(list(reversed(got[:size])), max(number, 2) if has_previous else 1)
        has_next = True
    else:
        got = list(rows.order_by(*SORT)[: size + 1])
        page = SeekPage(got[:size], 1)
        has_next, has_previous = len(got) > size, False
    if not page.rows and (after or before):
        return seek_page(rows, {}, size)  # a cursor past either end: the first page
    if page.rows:
        page.next_cursor = Cursor.of(page.rows[-1]) if has_next else None
        page.previous_cursor = Cursor.of(page.rows[0]) if has_previous else None
    return page

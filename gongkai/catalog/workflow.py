"""The publication workflow of a catalog item, one function per step.

    draft ──submit──▶ review ──approve (保密审查 recorded)──▶ published ──withdraw──▶ withdrawn
      ▲                  │                                      │
      └────return────────┘                                      └──correct (public note)──┐
                                                                   ▲                      │
                                                                   └──────────────────────┘

Each step checks it is allowed (``TRANSITIONS``), changes the item inside one transaction,
records an append-only ``ItemEvent`` and keeps the search index in step (``search.index_item``)
in the same transaction. 条例 Art. 17 requires the 保密审查 before publication; Art. 26 the
20-working-day clock, which a correction that changes the content restarts (``changed_on``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import pagecache, search
from .indexno import IndexScheme
from .models import CatalogItem, CatalogProfile, IndexSerial, ItemEvent, Status

# From status -> the steps allowed.
TRANSITIONS = {
    Status.DRAFT: {"edit", "submit", "attach"},
    Status.REVIEW: {"edit", "return", "approve", "attach"},
    Status.PUBLISHED: {"correct", "withdraw"},
    Status.WITHDRAWN: set(),
}

# Fields a correction may change (the 索引号 and the body never change).
CORRECTABLE_FIELDS = (
    "title",
    "summary",
    "body",
    "written_on",
    "publisher",
    "doc_no",
    "keywords",
    "category",
    "genre",
    "validity",
    "effective_on",
    "ceased_on",
    "art20_item",
    "art21_item",
)
# A change of these is a change of the information itself (Art. 26 "变更"); a change of the
# validity alone (a 规范性文件 repealed later) is not.
CONTENT_FIELDS = ("title", "summary", "body", "doc_no", "written_on")


class StepRefused(Exception):
    """The step is not allowed in the item's state; the message is Chinese, for the user."""


def check_step(item: CatalogItem, step: str) -> None:
    if step not in TRANSITIONS[Status(item.status)]:
        raise StepRefused(
            _("当前状态（%(status)s）不能执行此操作。") % {"status": item.get_status_display()}
        )


def record_event(item, kind, actor=None, note="", changes=None, at=None) -> ItemEvent:
    return ItemEvent.objects.create(
        item=item,
        kind=kind,
        actor=actor,
        note=note,
        changes=changes or {},
        at=at or timezone.now(),
    )


# -- 索引号 -------------------------------------------------------------------------------------


def scheme() -> IndexScheme:
    return IndexScheme.from_dict(getattr(settings, "GONGKAI_INDEX_SCHEME", None))


def next_index_no(agency, year: int) -> str:
    """Issue the next 索引号 of ``agency`` for ``year`` (reference §4.2, practice §2.4).

    The per-body, per-year serial only grows (row-locked), and a number already taken (an
    imported legacy number that happens to fit the scheme) is skipped: never changed, never
    reused. Call inside a transaction.
    """
    profile = CatalogProfile.objects.filter(agency=agency).first()
    prefix = scheme().prefix_for(uscc=agency.uscc, manual=profile.index_prefix if profile else "")
    if not prefix:
        prefix = agency.slug.upper()  # no code at all: the slug keeps numbers unique
    IndexSerial.objects.get_or_create(agency=agency, year=year)
    while True:
        IndexSerial.objects.filter(agency=agency, year=year).update(last=F("last") + 1)
        serial = IndexSerial.objects.select_for_update().get(agency=agency, year=year).last
        number = scheme().format(prefix, year, serial)
        if not CatalogItem.objects.filter(index_no=number).exists():
            return number


# -- steps --------------------------------------------------------------------------------------


@transaction.atomic
def create_item(*, agency, actor, index_no: str = "", **fields) -> CatalogItem:
    """A new draft item with a fresh 索引号 (or ``index_no`` as given, for legacy imports)."""
    item = CatalogItem(agency=agency, **fields)
    item.index_no = index_no or next_index_no(agency, item.written_on.year)
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(
            {"index_no": _("索引号 %(no)s 已被使用。") % {"no": item.index_no}}
        ) from None
    record_event(item, ItemEvent.Kind.IMPORTED if index_no else ItemEvent.Kind.CREATED, actor)
    return item


def _apply(item: CatalogItem, values: dict, fields) -> dict:
    changes = {}
    for name in fields:
        if name not in values:
            continue
        old, new = getattr(item, name), values[name]
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
            setattr(item, name, new)
    return changes


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value


EDITABLE_FIELDS = (*CORRECTABLE_FIELDS, "disclosure", "withheld_reason")


@transaction.atomic
def edit_item(item: CatalogItem, *, actor, **values) -> dict:
    """Change a draft (or an item in review); returns the changes recorded."""
    check_step(item, "edit")
    changes = _apply(item, values, EDITABLE_FIELDS)
    if changes:
        item.full_clean()
        item.save()
        record_event(item, ItemEvent.Kind.EDITED, actor, changes=changes)
    return changes


@transaction.atomic
def submit_item(item: CatalogItem, *, actor) -> None:
    check_step(item, "submit")
    item.status = Status.REVIEW
    item.save(update_fields=["status", "updated_at"])
    record_event(item, ItemEvent.Kind.SUBMITTED, actor)


@transaction.atomic
def return_item(item: CatalogItem, *, actor, note: str) -> None:
    check_step(item, "return")
    item.status = Status.DRAFT
    item.save(update_fields=["status", "updated_at"])
    record_event(item, ItemEvent.Kind.RETURNED, actor, note)


@transaction.atomic
def approve_item(
    item: CatalogItem, *, actor, secrecy_note: str, published_on: datetime.date | None = None
) -> None:
    """Record the 保密审查 (条例 Art. 17) and publish: the item becomes public (if 主动公开)."""
    check_step(item, "approve")
    if not secrecy_note.strip():
        raise StepRefused(_("请填写保密审查意见（条例第十七条）。"))
    item.status = Status.PUBLISHED
    item.secrecy_reviewed_by = actor
    item.secrecy_reviewed_at = timezone.now()
    item.secrecy_review_note = secrecy_note.strip()
    item.published_on = published_on or timezone.localdate()
    item.full_clean()
    item.save()
    record_event(item, ItemEvent.Kind.PUBLISHED, actor, item.secrecy_review_note)
    search.index_item(item)
    pagecache.changed()


@transaction.atomic
def correct_item(item: CatalogItem, *, actor, note: str, **values) -> dict:
    """Correct a published item: the public note and the old values are kept in the history.

    A change of the content (``CONTENT_FIELDS``) is a 变更 under 条例 Art. 26: the clock
    restarts from today and the correction is published at once.
    """
    check_step(item, "correct")
    if not note.strip():
        raise StepRefused(_("请填写更正说明（将在公开页面显示）。"))
    changes = _apply(item, values, CORRECTABLE_FIELDS)
    if not changes:
        raise StepRefused(_("没有需要更正的内容。"))
    if any(name in CONTENT_FIELDS for name in changes):
        item.changed_on = timezone.localdate()
    item.public_note = note.strip()
    item.full_clean()
    item.save()
    record_event(item, ItemEvent.Kind.CORRECTED, actor, item.public_note, changes)
    search.index_item(item)
    pagecache.changed()
    return changes


@transaction.atomic
def withdraw_item(item: CatalogItem, *, actor, note: str) -> None:
    """Take a published item down; its page stays, saying when and why (the public note)."""
    check_step(item, "withdraw")
    if not note.strip():
        raise StepRefused(_("请填写撤回说明（将在公开页面显示）。"))
    item.status = Status.WITHDRAWN
    item.public_note = note.strip()
    item.save(update_fields=["status", "public_note", "updated_at"])
    record_event(item, ItemEvent.Kind.WITHDRAWN, actor, item.public_note)
    search.index_item(item)
    pagecache.changed()

"""动态调整 (条例 Art. 18): items held back come up for 定期评估审查; the decision is recorded and
a released item enters the catalog's workflow (gongkai.catalog.workflow) for its 保密审查.

The period is the platform setting GONGKAI_REASSESSMENT_MONTHS (default 12): the 条例 says
"定期" without a number (UNCONFIRMED; docs/supervision.md). An item is due that many months
after its last review, or after its 成文日期 when it was never reviewed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import workflow
from gongkai.catalog.models import CatalogItem, Disclosure, ItemEvent, Status

from .models import Reassessment, log, reassessment_due

HELD_BACK = (Disclosure.ON_REQUEST, Disclosure.WITHHELD)


class DecisionRefused(Exception):
    """The decision cannot be recorded; the message is Chinese, for the user."""


@dataclass(frozen=True)
class Due:
    item: CatalogItem
    last: Reassessment | None
    due_on: datetime.date

    @property
    def is_due(self) -> bool:
        return self.due_on <= timezone.localdate()


def period_months() -> int:
    return int(getattr(settings, "GONGKAI_REASSESSMENT_MONTHS", 12))


def schedule(agency, today: datetime.date | None = None) -> list[Due]:
    """Every held-back item of ``agency`` with the day it comes up, soonest first."""
    items = CatalogItem.objects.filter(agency=agency, disclosure__in=HELD_BACK).exclude(
        status=Status.WITHDRAWN
    )
    rows = []
    for item in items.prefetch_related("reassessments"):
        last = next(iter(item.reassessments.all()), None)
        start = last.decided_on if last else item.written_on
        rows.append(Due(item, last, reassessment_due(start, period_months())))
    return sorted(rows, key=lambda r: (r.due_on, r.item.pk))


@transaction.atomic
def decide(item: CatalogItem, *, decision: str, reason: str, on: datetime.date, actor=None):
    """Record the 评估 of ``item``. Released: the item becomes 主动公开 and goes to review
    (a draft is submitted; an approved item is sent back to review), its Art. 26 clock counting
    from the decision (the information "变更" that day)."""
    if item.disclosure not in HELD_BACK:
        raise DecisionRefused("该条目已是主动公开，无需评估。")
    if not reason.strip():
        raise DecisionRefused("请写明评估理由。")
    if on > timezone.localdate():
        raise DecisionRefused("评估日期不能晚于今天。")
    previous = item.disclosure
    done = Reassessment.objects.create(
        item=item,
        decided_on=on,
        previous=previous,
        decision=decision,
        reason=reason.strip(),
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if decision == Reassessment.Decision.RELEASED:
        _release(item, actor=actor, on=on, reason=reason.strip())
    log(item.agency, f"reassessment.{decision}", actor=actor, obj=done, note=item.index_no)
    return done


def _release(item: CatalogItem, *, actor, on: datetime.date, reason: str) -> None:
    note = f"动态调整（条例第十八条）：转为主动公开。{reason}"
    if item.is_editable:
        workflow.edit_item(item, actor=actor, disclosure=Disclosure.PROACTIVE, withheld_reason="")
        item.changed_on = on
        item.save(update_fields=["changed_on", "updated_at"])
        if item.status == Status.DRAFT:
            workflow.submit_item(item, actor=actor)
        return
    # An approved item that was not public: back to review, where the 保密审查 is done again.
    old = {"disclosure": item.disclosure, "status": item.status}
    item.disclosure, item.withheld_reason = Disclosure.PROACTIVE, ""
    item.status, item.changed_on = Status.REVIEW, on
    item.save(update_fields=["disclosure", "withheld_reason", "status", "changed_on", "updated_at"])
    workflow.record_event(
        item,
        ItemEvent.Kind.SUBMITTED,
        actor if getattr(actor, "is_authenticated", False) else None,
        note,
        {k: [v, getattr(item, k)] for k, v in old.items()},
    )

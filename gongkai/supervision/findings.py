"""The platform's own findings about a body, turned into a self-inspection and re-checked.

Sources (each a rule with its article):

* 主动公开 items not published within 20 working days (条例 Art. 26; ``catalog.clocks``): overdue
  ones and those published late in the last year;
* 政务新媒体 accounts without an update in the check period (国办秘函〔2019〕19号, practice §5.4;
  ``channels.freshness``, period GONGKAI_CHANNEL_STALE_DAYS);
* applications past their answer date (条例 Art. 33; ``Application.next_due_on``);
* gaps in the column's four entries (国办公开办函〔2019〕61号, practice §2.2): no 制度, no
  法定主动公开内容, last year's 年报 not published after its Art. 49 deadline, no telephone in
  the 指南 (条例 Art. 12).

``start_inspection`` records them as ``Finding`` rows of a new self-inspection; ``recheck``
marks fixed (today, «复查时已整改») every finding whose key the platform no longer reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Finding, SelfInspection, log


@dataclass(frozen=True)
class Found:
    source: str
    key: str
    description: str


def _day(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def platform_findings(agency, today: datetime.date | None = None) -> list[Found]:
    today = today or timezone.localdate()
    return [
        *_catalog(agency, today),
        *_channels(agency, today),
        *_cases(agency, today),
        *_column(agency, today),
    ]


def _catalog(agency, today) -> list[Found]:
    from gongkai.catalog.clocks import attention

    found = attention(agency, today)
    rows = [
        Found(
            Finding.Source.OVERDUE_ITEM,
            f"item:{c.item.pk}",
            f"《{c.item.title}》应于{_day(c.clock.due.date)}前公开，尚未公开",
        )
        for c in found["overdue"]
    ]
    rows += [
        Found(
            Finding.Source.LATE_ITEM,
            f"late:{c.item.pk}",
            f"《{c.item.title}》迟延 {c.clock.late_days} 个工作日公开",
        )
        for c in found["late"]
    ]
    return rows


def _channels(agency, today) -> list[Found]:
    from gongkai.channels.models import Channel

    rows = []
    for channel in Channel.objects.of(agency).active().new_media().with_last_post():
        fresh = channel.freshness(today=today)
        if fresh.alert:
            rows.append(
                Found(
                    Finding.Source.STALE_CHANNEL,
                    f"channel:{channel.pk}",
                    f"{channel}：{fresh.message()}",
                )
            )
    return rows


def _cases(agency, today) -> list[Found]:
    from gongkai.applications.models import Application

    overdue = Application.objects.filter(agency=agency, next_due_on__lt=today).open()
    return [
        Found(
            Finding.Source.OVERDUE_CASE,
            f"case:{a.pk}",
            f"申请 {a.receipt_number} 的{a.next_due_label or '期限'}{_day(a.next_due_on)}已过",
        )
        for a in overdue
    ]


def _column(agency, today) -> list[Found]:
    from gongkai.catalog.models import CatalogItem, Regulation

    rows = []
    if not Regulation.objects.filter(agency=agency).exists():
        rows.append(
            Found(Finding.Source.COLUMN_ENTRY, "column:rules", "“政府信息公开制度”栏目为空")
        )
    items = CatalogItem.objects.filter(agency=agency).published()
    if not items.exclude(genre="annual_report").exists():
        rows.append(
            Found(
                Finding.Source.COLUMN_ENTRY,
                "column:items",
                "“法定主动公开内容”栏目没有已公开的信息",
            )
        )
    year = today.year - 1
    if (
        agency.report_deadline(year) < today
        and not items.annual_reports().filter(title__contains=str(year)).exists()
    ):
        rows.append(
            Found(
                Finding.Source.COLUMN_ENTRY,
                f"column:report:{year}",
                f"{year}年度政府信息公开工作年度报告未在“政府信息公开年报”栏目公开"
                f"（条例第四十九条，期限{_day(agency.report_deadline(year))}）",
            )
        )
    if not agency.phone:
        rows.append(
            Found(
                Finding.Source.COLUMN_ENTRY,
                "column:phone",
                "政府信息公开指南缺少联系电话（条例第十二条）",
            )
        )
    return rows


@transaction.atomic
def start_inspection(agency, *, actor=None, today: datetime.date | None = None) -> SelfInspection:
    """A self-inspection of today holding the platform's current findings (at least the scope:
    catalog, column and channels are what the platform checks)."""
    today = today or timezone.localdate()
    found = platform_findings(agency, today)
    inspection = SelfInspection.objects.create(
        agency=agency,
        on=today,
        checked_catalog=True,
        checked_column=True,
        checked_channels=True,
        summary="；".join(f.description for f in found) or "平台检查未发现问题",
        created_by=actor,
    )
    Finding.objects.bulk_create(
        Finding(inspection=inspection, source=f.source, key=f.key, description=f.description)
        for f in found
    )
    log(agency, "inspection.started", actor=actor, obj=inspection, note=f"{len(found)} 个问题")
    return inspection


@transaction.atomic
def recheck(inspection: SelfInspection, *, actor=None, today: datetime.date | None = None) -> int:
    """Mark fixed every open platform finding the platform no longer reports; returns how many."""
    today = today or timezone.localdate()
    current = {f.key for f in platform_findings(inspection.agency, today)}
    fixed = 0
    for finding in inspection.findings.filter(fixed_on=None).exclude(key=""):
        if finding.key not in current:
            finding.fixed_on, finding.fix_note = today, "复查时已整改"
            finding.save(update_fields=["fixed_on", "fix_note"])
            fixed += 1
    log(
        inspection.agency,
        "inspection.rechecked",
        actor=actor,
        obj=inspection,
        note=f"{fixed} 个已整改",
    )
    return fixed


@transaction.atomic
def fix_finding(finding: Finding, *, on: datetime.date, note: str, actor=None) -> None:
    finding.fixed_on, finding.fix_note = on, note
    finding.save(update_fields=["fixed_on", "fix_note"])
    log(finding.inspection.agency, "finding.fixed", actor=actor, obj=finding, note=note)

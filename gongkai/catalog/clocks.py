"""Art. 26 clocks of a body's items for the staff dashboard, each with a step-by-step sentence.

The arithmetic is ``deadlines.clock`` (pure, 条例 Art. 26); this module adds the body's calendar
(national data plus its overrides, ``get_calendar(agency)``) and says how the date was reached,
like the deadline page of the application clocks (``gongkai.holidays.explain``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.holidays.calendar import get_calendar
from gongkai.holidays.explain import explain

from .deadlines import PUBLICATION_DAYS, Clock, clock
from .models import CatalogItem, Disclosure, Status


@dataclass
class ItemClock:
    item: CatalogItem
    clock: Clock
    sentence: str


def _day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def sentence(calendar, item_clock: Clock) -> str:
    """ "成文日期 2026年3月2日；依条例第二十六条自次日起 20 个工作日内公开（期间经过 清明节 放假），
    应于 2026年3月30日前公开；至 2026年4月10日尚未公开，已逾期 8 个工作日。" """
    c = item_clock
    why = explain(calendar, c.generated_on, PUBLICATION_DAYS)
    crossed = "、".join(
        f"{'、'.join(b.names)}{_('调休上班') if b.workday else _('放假')}" for b in why.blocks
    )
    parts = [
        _("形成或变更日期 %(day)s") % {"day": _day(c.generated_on)},
        _("依条例第二十六条，自次日起 %(n)s 个工作日内公开") % {"n": PUBLICATION_DAYS}
        + (_("（期间经过%(days)s）") % {"days": crossed} if crossed else ""),
        _("应于 %(due)s 前公开") % {"due": _day(c.due.date)}
        + (_("（暂定：该年度节假日安排尚未收录）") if c.due.provisional else ""),
    ]
    if c.is_late:
        parts.append(
            _("%(day)s 才公开，迟延 %(n)s 个工作日")
            % {"day": _day(c.published_on), "n": c.late_days}
        )
    elif c.is_overdue:
        parts.append(
            _("至 %(today)s 尚未公开，已逾期 %(n)s 个工作日")
            % {"today": _day(c.today), "n": c.late_days}
        )
    elif c.published_on:
        parts.append(_("已于 %(day)s 按时公开") % {"day": _day(c.published_on)})
    else:
        parts.append(_("还剩 %(n)s 个工作日") % {"n": c.days_left})
    return "；".join(parts) + "。"


def item_clock(item: CatalogItem, today=None, calendar=None) -> ItemClock:
    calendar = calendar or get_calendar(item.agency)
    today = today or timezone.localdate()
    published = item.published_on if item.status == Status.PUBLISHED else None
    if item.changed_on and published and published < item.changed_on:
        published = item.changed_on  # a correction is published on the day it is made
    c = clock(calendar, generated_on=item.generated_on, published_on=published, today=today)
    return ItemClock(item, c, sentence(calendar, c))


def attention(agency, today=None) -> dict[str, list[ItemClock]]:
    """The body's 主动公开 items that are overdue (unpublished past the Art. 26 date) and those
    published late in the last year, each with its sentence."""
    today = today or timezone.localdate()
    calendar = get_calendar(agency)
    proactive = CatalogItem.objects.filter(agency=agency, disclosure=Disclosure.PROACTIVE)
    overdue, due_soon, late = [], [], []
    for item in proactive.unpublished().select_related("agency"):
        c = item_clock(item, today, calendar)
        (overdue if c.clock.is_overdue else due_soon).append(c)
    year_ago = today - datetime.timedelta(days=365)
    for item in proactive.filter(
        status=Status.PUBLISHED, published_on__gte=year_ago
    ).select_related("agency"):
        c = item_clock(item, today, calendar)
        if c.clock.is_late:
            late.append(c)
    return {"overdue": overdue, "pending": due_soon, "late": late}

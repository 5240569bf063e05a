"""公开时限 of a standard-catalog 事项, typed, and the freshness of a 事项: plain Python.

The forms of 公开时限 seen in the 基层政务公开标准目录 (国办发〔2019〕54号; reference practice.md
§1.4) reduce to four kinds:

* ``after_event``: a trigger and an offset, "信息形成或者变更之日起20个工作日内" (working days,
  the 条例 第二十六条 form), "本级人民代表大会或其常务委员会批准后20日内" (calendar days, the
  预算法 第十四条 form);
* ``realtime``: "实时公开", "及时公开";
* ``standing``: "长期公开（动态调整）";
* ``annual``: a fixed yearly date, "每年1月31日前".

Freshness compares the newest linked publication with that time limit (docs/standards.md).
This module imports without Django: the working-day calendar is passed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

AFTER_EVENT = "after_event"
REALTIME = "realtime"
STANDING = "standing"
ANNUAL = "annual"
KINDS = (AFTER_EVENT, REALTIME, STANDING, ANNUAL)

WORKING = "working"
CALENDAR = "calendar"
UNITS = (WORKING, CALENDAR)

# Freshness states, worst last.
FRESH = "fresh"
MISSING = "missing"
STALE = "stale"
OVERDUE = "overdue"


class Calendar(Protocol):
    def add_working_days(self, start: datetime.date, n: int): ...


@dataclass(frozen=True)
class TimeLimit:
    """One 事项's 公开时限. ``text`` keeps the template's own wording, verbatim."""

    kind: str
    text: str = ""
    trigger: str = ""
    days: int | None = None
    unit: str = WORKING
    month: int | None = None
    day: int | None = None

    def problems(self) -> list[str]:
        """What is wrong with this time limit, in Chinese (empty when it is valid)."""
        if self.kind not in KINDS:
            return [f"公开时限类型“{self.kind}”无效，应为 {'、'.join(KINDS)} 之一"]
        if self.kind == AFTER_EVENT:
            found = []
            if not self.trigger:
                found.append("起算事件（trigger）不能为空")
            if not isinstance(self.days, int) or isinstance(self.days, bool) or self.days < 1:
                found.append("天数（days）应为正整数")
            if self.unit not in UNITS:
                found.append(f"天数单位（unit）应为 {WORKING} 或 {CALENDAR}")
            return found
        if self.kind == ANNUAL:
            try:
                datetime.date(2024, int(self.month), int(self.day))  # 2024: allows 02-29
            except (TypeError, ValueError):
                return ["每年固定日期（month、day）无效"]
        return []

    def label(self) -> str:
        """The rule in one short Chinese phrase (the template's wording when it has one)."""
        if self.text:
            return self.text
        if self.kind == AFTER_EVENT:
            unit = "个工作日" if self.unit == WORKING else "日"
            return f"{self.trigger}起{self.days}{unit}内"
        if self.kind == ANNUAL:
            return f"每年{self.month}月{self.day}日前"
        return "实时公开" if self.kind == REALTIME else "长期公开（动态调整）"

    def due_after(self, event_on: datetime.date, calendar: Calendar) -> datetime.date | None:
        """The last day to publish information whose trigger event happened on ``event_on``.

        Working days are counted on ``calendar`` with the start day not counted (条例 第二十六条,
        reference regulation.md §5.1); calendar days likewise from the next day (预算法 第十四条
        "批准后二十日内"). None for the kinds without an event-based offset.
        """
        if self.kind != AFTER_EVENT:
            return None
        if self.unit == CALENDAR:
            return event_on + datetime.timedelta(days=self.days)
        return calendar.add_working_days(event_on, self.days).date

    def latest_yearly_date(self, today: datetime.date) -> datetime.date:
        """The most recent occurrence of the yearly date on or before ``today`` (annual kind)."""
        for year in (today.year, today.year - 1):
            try:
                candidate = datetime.date(year, self.month, self.day)
            except ValueError:  # 02-29 in a common year: the day before
                candidate = datetime.date(year, self.month, self.day - 1)
            if candidate <= today:
                return candidate
        raise AssertionError("unreachable: last year's date is always before today")


@dataclass(frozen=True)
class Freshness:
    state: str
    last_published: datetime.date | None
    days_since: int | None
    threshold_days: int | None
    rule: str

    @property
    def needs_attention(self) -> bool:
        return self.state != FRESH

    def message(self) -> str:
        """«95 天无更新», «尚无关联信息», …: the short Chinese status for dashboards."""
        if self.state == MISSING:
            return "尚无关联信息"
        if self.state == OVERDUE:
            return f"{self.days_since} 天无更新，已过本年度公开时限"
        if self.state == STALE:
            return f"{self.days_since} 天无更新"
        return f"{self.days_since} 天前更新" if self.days_since else "今日更新"


STALE_RULE = (
    "最新一条信息距今不超过 {days} 天（基层政务公开栏目监测规则，practice.md §5.4；"
    "天数为设置项 GONGKAI_STANDARDS_STALE_DAYS）"
)
STANDING_RULE = "长期公开（动态调整）：有关联信息即可，内容变更时更新（practice.md §1.4）"
ANNUAL_RULE = "每年{month}月{day}日前公开：上一个该日期之后应有新信息（practice.md §1.4）"


def freshness(
    limit: TimeLimit,
    last_published: datetime.date | None,
    *,
    today: datetime.date,
    stale_after_days: int,
) -> Freshness:
    """How current a 事项 is, judged by the publication date of its newest linked item.

    1. No linked item: ``missing`` (国办发〔2019〕54号 requires each catalogued 事项 to be
       published; practice.md §1.4 "coverage").
    2. ``standing`` (长期公开/动态调整): any linked item is enough.
    3. ``annual`` (每年M月D日前): fresh when an item was published after the yearly date
       preceding the latest one that has passed (so this period's publication exists).
    4. ``after_event`` and ``realtime``: new information keeps arising, so the newest item
       must be at most ``stale_after_days`` old (the 90-day rule of the local monitoring of
       基层 columns, practice.md §5.4; a setting because no national figure is confirmed).
    """
    if last_published is None:
        return Freshness(MISSING, None, None, None, "国办发〔2019〕54号：目录所列事项应予公开")
    days = (today - last_published).days
    if limit.kind == STANDING:
        return Freshness(FRESH, last_published, days, None, STANDING_RULE)
    if limit.kind == ANNUAL:
        latest = limit.latest_yearly_date(today)
        previous = limit.latest_yearly_date(latest - datetime.timedelta(days=1))
        rule = ANNUAL_RULE.format(month=limit.month, day=limit.day)
        state = FRESH if last_published > previous else OVERDUE
        return Freshness(state, last_published, days, None, rule)
    state = FRESH if days <= stale_after_days else STALE
    rule = STALE_RULE.format(days=stale_after_days)
    return Freshness(state, last_published, days, stale_after_days, rule)

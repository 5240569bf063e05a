"""A due date with its reasons: the days crossed and why it may be provisional.

Shared by ``gongkai deadline`` and the staff deadline page, so that both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from gongkai.workdays import DueDate, WorkCalendar, weekends_and_fixed_holidays

# 条例 Art. 33: "应当自收到申请之日起20个工作日内予以答复".
DEFAULT_DAYS = 20


@dataclass(frozen=True)
class Block:
    """Consecutive named days of one status: 「10-01 至 10-07 放假（国庆节）」."""

    first: date
    last: date
    workday: bool
    names: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    start: date
    days: int
    due: DueDate
    start_name: str | None  # the start day's holiday or 调休 name, if any
    start_is_workday: bool
    blocks: tuple[Block, ...]
    uncovered_years: tuple[int, ...]  # years counted without a State Council notice
    uncovered_rule: str  # how those years were counted (translatable)

    @property
    def is_statutory_answer_period(self) -> bool:
        return self.days == DEFAULT_DAYS


def _blocks(named) -> tuple[Block, ...]:
    blocks: list[list] = []
    for day in named:
        last = blocks[-1] if blocks else None
        if last and (day.date - last[1]).days == 1 and day.workday == last[2]:
            last[1] = day.date
            if day.name not in last[3]:
                last[3].append(day.name)
        else:
            blocks.append([day.date, day.date, day.workday, [day.name]])
    return tuple(Block(b[0], b[1], b[2], tuple(b[3])) for b in blocks)


def explain(calendar: WorkCalendar, start: date, days: int = DEFAULT_DAYS) -> Explanation:
    """The ``days``-th working day after ``start`` and what was crossed to reach it.

    The start day never counts (《民法典》 Art. 201); the default of 20 working days is the
    answer period of 条例 Art. 33. Raises ValueError for a period the calendar refuses.
    """
    due = calendar.add_working_days(start, days)
    rule = calendar.uncovered_rule
    return Explanation(
        start=start,
        days=days,
        due=due,
        start_name=calendar.day_name(start),
        start_is_workday=calendar.is_workday(start),
        blocks=_blocks(calendar.named_days(start, due.date)),
        uncovered_years=tuple(calendar.uncovered_years_between(start, due.date))
        if due.provisional
        else (),
        uncovered_rule=(
            _("周六、周日及元旦、劳动节、国庆节的固定日期休息")
            if rule is weekends_and_fixed_holidays
            else _("周六、周日休息")
        ),
    )

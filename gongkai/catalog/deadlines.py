"""The Art. 26 clock of proactive disclosure, as pure functions over a working-day calendar.

条例 Art. 26: "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
法律、法规对政府信息公开的期限另有规定的，从其规定。" (reference §1.2). The day of forming or
changing does not count (《民法典》 Art. 201; ``WorkCalendar.add_working_days``). The calendar
passed in carries the body's overrides (``gongkai.holidays.calendar.get_calendar(agency)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.workdays import DueDate, WorkCalendar

# 条例 Art. 26: 20 working days.
PUBLICATION_DAYS = 20


def publication_due(calendar: WorkCalendar, generated_on: date) -> DueDate:
    """The last day to publish information formed or changed on ``generated_on`` (条例 Art. 26)."""
    return calendar.add_working_days(generated_on, PUBLICATION_DAYS)


@dataclass(frozen=True)
class Clock:
    """Where an item stands against Art. 26 on a given day."""

    generated_on: date
    due: DueDate
    published_on: date | None
    today: date
    late_days: int  # working days past the due date (published late, or still unpublished)

    @property
    def is_late(self) -> bool:
        """Published, but after the due date."""
        return self.published_on is not None and self.published_on > self.due.date

    @property
    def is_overdue(self) -> bool:
        """Not yet published and the due date has passed."""
        return self.published_on is None and self.today > self.due.date

    @property
    def days_left(self) -> int | None:
        return None if self.published_on or self.is_overdue else self.late_days * -1


def clock(
    calendar: WorkCalendar, *, generated_on: date, published_on: date | None, today: date
) -> Clock:
    """The Art. 26 clock of an item (条例 Art. 26): due date and working days late or left.

    ``late_days`` counts the working days in (due, published_on] for a late publication, in
    (due, today] for an overdue item, and is negative (days left) before the due date.
    """
    due = publication_due(calendar, generated_on)
    until = published_on or today
    late = calendar.working_days_between(due.date, until).days
    return Clock(generated_on, due, published_on, today, late)

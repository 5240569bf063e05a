"""The respondent's clock in a 行政复议 about disclosure work (2023 行政复议法; practice §3.7).

Pure functions over :class:`gongkai.workdays.WorkCalendar` (the body's calendar, with its
overrides, is passed in): no database, no settings.

* Art. 48: the 被申请人 answers in writing and submits the evidence and documents on which
  the act was based **within 10 days** of receiving the copy of the application (or the
  transcript of an oral one), ordinary procedure;
* Art. 54: **within 5 days** in the 简易程序 (which government-information cases may use,
  Art. 53(四));
* Art. 88: the "三日、五日、七日、十日" of the law are **working days**; so the 10 and 5 run on
  the working-day calendar, from the day after receipt (the start day never counts);
* Art. 62: the review body decides within 60 days of accepting (natural days: Art. 88 makes
  working days only of 3/5/7/10), 30 days in the 简易程序; the 30-day extension with approval
  is not assumed.
* Art. 70: no timely answer or evidence → the act is treated as having no evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.workdays import WorkCalendar

ANSWER_DAYS_ORDINARY = 10  # 行政复议法 Art. 48
ANSWER_DAYS_SIMPLIFIED = 5  # 行政复议法 Art. 54
DECISION_DAYS_ORDINARY = 60  # 行政复议法 Art. 62 ¶1
DECISION_DAYS_SIMPLIFIED = 30  # 行政复议法 Art. 62 ¶2


@dataclass(frozen=True)
class Due:
    date: date
    working_days: int
    provisional: bool
    basis: str


def answer_due(received_copy_on: date, *, simplified: bool, calendar: WorkCalendar) -> Due:
    """The last day for the written answer and all evidence (行政复议法 Art. 48 / 54, in working
    days by Art. 88), counted from the day after the copy of the application was received."""
    days = ANSWER_DAYS_SIMPLIFIED if simplified else ANSWER_DAYS_ORDINARY
    due = calendar.add_working_days(received_copy_on, days)
    basis = (
        "《行政复议法》第五十四条、第八十八条"
        if simplified
        else "《行政复议法》第四十八条、第八十八条"
    )
    return Due(due.date, days, due.provisional, basis)


def decision_due(accepted_on: date, *, simplified: bool) -> date:
    """The review body's decision deadline (行政复议法 Art. 62; natural days), without the
    30-day extension a body may approve."""
    days = DECISION_DAYS_SIMPLIFIED if simplified else DECISION_DAYS_ORDINARY
    return accepted_on + timedelta(days=days)


def answer_days_left(due: Due, *, today: date, calendar: WorkCalendar) -> int:
    """Working days left until ``due`` (0 on the day itself, negative once late: Art. 70)."""
    if today <= due.date:
        return int(calendar.working_days_between(today, due.date))
    return -int(calendar.working_days_between(due.date, today))

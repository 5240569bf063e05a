"""The statutory clocks of an application (依申请公开), as pure functions.

No Django here: every function takes the working-day calendar (``gongkai.workdays``, the body's
own overrides already applied by ``gongkai.holidays.calendar.get_calendar(agency)``) and the
case's facts as data, and returns dates with a step-by-step Chinese explanation and the
*provisional* flag of the calendar (a counted day in a year without a State Council notice).

Sources: 《政府信息公开条例》 (2019) Art. 30-35, 国办函〔2020〕109号 (fee payment), reference
regulation.md §1.3 and §6.1. Counting: "N个工作日" is the n-th working day strictly after the
start day (《民法典》 Art. 201; ``WorkCalendar.add_working_days``).

A *pause* (征求第三方意见, 征求其他机关意见, optionally the fee wait) is an interval FROM:TO that
excludes the working days after FROM up to and including TO: the day the letter goes out still
counts, the day the answer comes back does not (条例 Art. 33 ¶2: "所需时间不计算在前款规定的期限内").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from gongkai.workdays import WorkCalendar

# -- the facts, each stated once ------------------------------------------------------------

# 条例 Art. 33 ¶2: "应当自收到申请之日起20个工作日内予以答复".
ANSWER_DAYS = 20
# 条例 Art. 33 ¶2: "延长的期限最长不得超过20个工作日" (once, with the 负责人's approval).
MAX_EXTENSION_DAYS = 20
# 条例 Art. 30: the 补正 notice goes out "自收到申请之日起7个工作日内".
SUPPLEMENT_NOTICE_DAYS = 7
# 条例 Art. 32: the third party answers "自收到征求意见书之日起15个工作日内".
THIRD_PARTY_REPLY_DAYS = 15
# 条例 Art. 34: a consulted body answers within 15 working days; no answer = 视为同意公开.
OTHER_BODY_REPLY_DAYS = 15
# 国办函〔2020〕109号: "申请人应当在收到收费通知次日起20个工作日内缴纳费用".
FEE_PAYMENT_DAYS = 20
# The 2019 条例 is in force from 2019-05-15 (Art. 56); before it the 2007 text gave 15 + 15
# working days (reference §1; §6.1.10).
REGIME_2019_FROM = date(2019, 5, 15)
ANSWER_DAYS_2007 = 15
MAX_EXTENSION_DAYS_2007 = 15

# Pause kinds and how the explanation names them.
THIRD_PARTY = "third_party"
OTHER_BODY = "other_body"
FEE_WAIT = "fee"
PAUSE_LABELS = {
    THIRD_PARTY: "征求第三方意见",
    OTHER_BODY: "征求其他机关意见",
    FEE_WAIT: "等待缴纳信息处理费",
}
PAUSE_BASIS = {
    THIRD_PARTY: "条例第三十二条、第三十三条第二款",
    OTHER_BODY: "条例第三十四条、第三十三条第二款",
    FEE_WAIT: "国办函〔2020〕109号",
}


@dataclass(frozen=True)
class Pause:
    """An interval excluded from the answer period: the working days in (start, end].

    ``end`` None: still running (the consultation letter is out, no answer yet).
    """

    kind: str
    start: date
    end: date | None = None

    def __post_init__(self):
        if self.kind not in PAUSE_LABELS:
            raise ValueError(f"unknown pause kind {self.kind!r}")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"暂停区间 {self.start}:{self.end} 的结束日期早于开始日期")


@dataclass(frozen=True)
class Due:
    """A due date (None while a pause is still running), its steps and provisional flag."""

    date: date | None
    provisional: bool
    steps: tuple[str, ...]
    summary: str = ""
    excluded_days: int = 0
    paused_since: date | None = None
    notes: tuple[str, ...] = field(default=())


def _iso(d: date) -> str:
    return d.isoformat()


def answer_days_for(received_on: date) -> tuple[int, int]:
    """(answer days, maximum extension) for an application received on ``received_on``.

    条例 Art. 33 (2019 revision, in force 2019-05-15 per Art. 56): 20 + 20 working days; the
    2007 text (reference §1, §6.1.10): 15 + 15 for applications received before that day.
    """
    if received_on < REGIME_2019_FROM:
        return ANSWER_DAYS_2007, MAX_EXTENSION_DAYS_2007
    return ANSWER_DAYS, MAX_EXTENSION_DAYS


def add_counting(
    calendar: WorkCalendar, start: date, n: int, pauses: Sequence[Pause]
) -> tuple[date | None, bool, list[tuple[Pause, int]]]:
    """The n-th working day after ``start`` that lies in no pause (条例 Art. 33 ¶2).

    Returns (date or None if a running pause is reached first, provisional, [(pause, working
    days it excluded)]). Pauses reached only after the due date exclude nothing.
    """
    current, remaining, provisional = start, n, False
    excluded: list[tuple[Pause, int]] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        if pause.end is not None and pause.end <= current:
            continue  # wholly before the counting starts (e.g. before a 补正 restart)
        begin = max(pause.start, current)
        candidate = calendar.add_working_days(current, remaining)
        if candidate.date <= begin:
            break
        before = calendar.working_days_between(current, begin)
        remaining -= before.days
        provisional |= before.provisional
        if pause.end is None:
            return None, provisional, excluded + [(pause, 0)]
        skipped = calendar.working_days_between(begin, pause.end)
        provisional |= skipped.provisional
        excluded.append((pause, skipped.days))
        current = pause.end
    due = calendar.add_working_days(current, remaining)
    return due.date, provisional or due.provisional, excluded


def answer_due(
    calendar: WorkCalendar,
    received_on: date,
    *,
    pauses: Iterable[Pause] = (),
    extension_days: int = 0,
    days: int | None = None,
    restarted_by_supplement: bool = False,
    delayed_until: date | None = None,
) -> Due:
    """The answer deadline, explained step by step.

    * 条例 Art. 33 ¶2: ``days`` (default 20) working days after ``received_on`` (the Art. 31
      receipt date, or the day the 补正 arrived: Art. 30 "答复期限自行政机关收到补正的申请之日起计算").
    * 条例 Art. 33 ¶2: the working days of each pause (third party Art. 32, other bodies Art. 34,
      the fee wait if the body's setting excludes it, 109号) do not count.
    * 条例 Art. 33 ¶2: one extension of at most 20 working days, counted on from the above.
    * 条例 Art. 35: a body-set 合理期限 (``delayed_until``) replaces the statutory deadline.
    """
    default_days, max_extension = answer_days_for(received_on)
    days = default_days if days is None else days
    if days < 1:
        raise ValueError("工作日数应为正整数")
    if not 0 <= extension_days <= max_extension:
        raise ValueError(f"延长答复期限最长不得超过{max_extension}个工作日（条例第三十三条）")
    pauses = list(pauses)
    what = "收到补正后的申请" if restarted_by_supplement else "收到申请"
    basis = "条例第三十条" if restarted_by_supplement else "条例第三十一条、第三十三条"
    steps = [f"{_iso(received_on)} {what}，当日不计入，自次日起算 {days} 个工作日（{basis}）"]
    base, provisional, excluded = add_counting(calendar, received_on, days, pauses)
    total_excluded = 0
    for pause, n in excluded:
        label = PAUSE_LABELS[pause.kind]
        if pause.end is None:
            steps.append(
                f"{_iso(pause.start)} 起{label}，尚未结束：答复期限暂停（{PAUSE_BASIS[pause.kind]}）"
            )
        else:
            steps.append(
                f"{label} {_iso(pause.start)} 至 {_iso(pause.end)}，"
                f"其间 {n} 个工作日不计（{PAUSE_BASIS[pause.kind]}）"
            )
            total_excluded += n
    if base is None:
        running = excluded[-1][0]
        return Due(None, provisional, tuple(steps), "答复期限暂停中", total_excluded, running.start)
    steps.append(f"→ 答复期限 {_iso(base)}")
    due = base
    if extension_days:
        total = days + extension_days
        extended, ext_prov, _ = add_counting(calendar, received_on, total, pauses)
        provisional |= ext_prov
        due = extended
        steps.append(
            f"经政府信息公开工作机构负责人同意延长 {extension_days} 个工作日（条例第三十三条）"
            f"→ {_iso(due)}"
        )
    if delayed_until is not None:
        due = delayed_until
        steps.append(f"大量、频繁申请，本机关确定延迟答复的合理期限（条例第三十五条）→ {_iso(due)}")
    parts = [f"{_iso(received_on)} 收到", f"{days} 个工作日"]
    for pause, n in excluded:
        parts.append(f"其间{PAUSE_LABELS[pause.kind]} {n} 个工作日不计")
    if extension_days:
        parts.append(f"延长 {extension_days} 个工作日")
    summary = "，".join(parts) + f" → {_iso(due)}"
    if delayed_until is not None:
        summary = f"延迟答复（条例第三十五条）→ {_iso(due)}"
    return Due(due, provisional, tuple(steps), summary, total_excluded)


def _simple(calendar: WorkCalendar, start: date, n: int, what: str, basis: str) -> Due:
    due = calendar.add_working_days(start, n)
    step = f"{_iso(start)} {what}，当日不计入，{n} 个工作日（{basis}）→ {_iso(due.date)}"
    return Due(due.date, due.provisional, (step,), step)


def supplement_notice_due(calendar: WorkCalendar, received_on: date) -> Due:
    """条例 Art. 30: the 补正 notice is due within 7 working days of receipt."""
    return _simple(
        calendar, received_on, SUPPLEMENT_NOTICE_DAYS, "收到申请，补正告知", "条例第三十条"
    )


def supplement_due(calendar: WorkCalendar, served_on: date, days: int) -> Due:
    """条例 Art. 30: the body-set 合理的补正期限, from the day the 补正 notice was served.

    No statutory number (reference §1.3): the body sets ``days``. When it lapses without good
    reason the application is 视为放弃 (report row 3.6.1).
    """
    if days < 1:
        raise ValueError("补正期限应为正整数个工作日")
    return _simple(
        calendar, served_on, days, "送达补正告知书", "条例第三十条，本机关确定的补正期限"
    )


def consultation_reply_due(calendar: WorkCalendar, received_on: date, kind: str) -> Due:
    """The consulted party's own clock, from its receipt of the 征求意见书: 15 working days for a
    third party (条例 Art. 32; no answer → the body decides) and for another body (Art. 34; no
    answer → 视为同意公开)."""
    if kind == THIRD_PARTY:
        return _simple(
            calendar, received_on, THIRD_PARTY_REPLY_DAYS, "第三方收到征求意见书", "条例第三十二条"
        )
    return _simple(
        calendar, received_on, OTHER_BODY_REPLY_DAYS, "被征求机关收到征求意见书", "条例第三十四条"
    )


def fee_payment_due(calendar: WorkCalendar, notice_received_on: date) -> Due:
    """国办函〔2020〕109号: payment within 20 working days from the day after the applicant received
    the fee notice; unpaid → 视为放弃申请 (report row 3.6.2). reference §6.1.7."""
    return _simple(
        calendar, notice_received_on, FEE_PAYMENT_DAYS, "申请人收到收费通知", "国办函〔2020〕109号"
    )


def extension_allowed(
    calendar: WorkCalendar, *, days: int, notice_served_on: date, original_due: date
) -> str | None:
    """Why an extension is refused, or None: at most 20 working days and the notice served on or
    before the original deadline (条例 Art. 33 ¶2; reference §6.1.4)."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        return f"延长期限应为 1 至 {MAX_EXTENSION_DAYS} 个工作日（条例第三十三条）"
    if notice_served_on > original_due:
        return f"延期告知应在原答复期限 {_iso(original_due)} 前送达（条例第三十三条）"
    return None


def parse_pause(text: str, kind: str = THIRD_PARTY) -> Pause:
    """A ``FROM:TO`` pause as typed on the command line (ISO dates)."""
    try:
        first, last = text.split(":")
        return Pause(kind, date.fromisoformat(first), date.fromisoformat(last))
    except ValueError as exc:
        reason = str(exc) if "结束日期" in str(exc) else "应为 YYYY-MM-DD:YYYY-MM-DD 格式的真实日期"
        raise ValueError(f"暂停区间无效：{text!r}，{reason}。") from None

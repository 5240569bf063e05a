"""``gongkai deadline DATE [--days N] [--pause FROM:TO ...] [--extend N] [--agency SLUG]``: the
n-th working day after DATE, explained; with pauses (征求意见, 条例 Art. 32-34: the working days
after FROM up to and including TO do not count) and an extension (Art. 33, at most 20), the
answer deadline of ``gongkai.applications.deadlines.answer_due``, step by step. ``--agency``
uses that body's calendar (its own and its superiors' overrides).

The last line is the due date in ISO form, with " (provisional)" appended when a counted day
falls in a year whose 国务院办公厅 arrangement the calendar does not have (issue 2, item 5), so
scripts can read it with ``tail -n 1``. Everything above it is the explanation, in Chinese.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.applications import deadlines
from gongkai.holidays.calendar import calendar_options, get_calendar
from gongkai.holidays.explain import DEFAULT_DAYS, Explanation, explain
from gongkai.workdays import WorkCalendar

WEEKDAYS = "一二三四五六日"


def _day(d: date, extra: str = "") -> str:
    return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}{extra}）"


def _parse_date(text: str | None) -> date:
    if text is None:
        raise CommandError("缺少日期：用法 gongkai deadline YYYY-MM-DD [--days N]", returncode=2)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"日期无效：{text!r}，应为 YYYY-MM-DD 格式的真实日期，例如 2026-02-15。", returncode=2
        ) from None


def _parse_days(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
        raise CommandError(f"工作日数无效：{text!r}，应为正整数。", returncode=2)
    return int(text)


def _parse_extension(text: str | None) -> int:
    if text is None:
        return 0
    if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= deadlines.MAX_EXTENSION_DAYS:
        raise CommandError(
            f"延长工作日数无效：{text!r}，应为 1 至 {deadlines.MAX_EXTENSION_DAYS} 的整数"
            "（条例第三十三条）。",
            returncode=2,
        )
    return int(text)


def _status(workday: bool) -> str:
    return "调休上班" if workday else "放假"


def explanation_lines(e: Explanation) -> list[str]:
    """The explanation above the ISO date, in Chinese (the CLI is not translated)."""
    extra = f"，{e.start_name}{_status(e.start_is_workday)}" if e.start_name else ""
    lines = [
        f"起算日期：{_day(e.start, extra)}。当日不计入，自次日起算（《民法典》第二百零一条）。"
    ]
    basis = "（《政府信息公开条例》第三十三条）" if e.is_statutory_answer_period else ""
    lines.append(f"期限：{e.days}个工作日{basis}。")
    if e.blocks:
        lines.append("期间经过的节假日和调休：")
        for b in e.blocks:
            when = _day(b.first) if b.first == b.last else f"{_day(b.first)} 至 {_day(b.last)}"
            lines.append(f"  {when} {_status(b.workday)}（{'、'.join(b.names)}）")
    else:
        lines.append(f"期间没有{'已知的' if e.due.provisional else ''}节假日或调休。")
    lines.append(f"截止日期：{_day(e.due.date)}。")
    if e.due.provisional:
        years = "、".join(f"{y}年" for y in e.uncovered_years)
        lines.append(
            f"注意：此日期为暂定。期间涉及{years}，该年度国务院办公厅节假日安排尚未收录，"
            f"暂按{e.uncovered_rule}计算；在管理后台“节假日调整”中录入该年度安排后，日期可能变化。"
        )
    return lines


class Command(BaseCommand):
    help = "计算某日之后第 N 个工作日（默认 20 个工作日，《政府信息公开条例》第三十三条）。"
    # A calculator: it must answer even when other apps' system checks would complain.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Both taken as text and validated here, so bad input gives one Chinese line (exit 2)
        # instead of argparse's English usage message.
        parser.add_argument("date", nargs="?", help="收到日期，YYYY-MM-DD")
        parser.add_argument("--days", default=str(DEFAULT_DAYS), help="工作日数，默认 20")
        parser.add_argument(
            "--pause", action="append", default=[], help="不计入期限的区间 FROM:TO，可重复"
        )
        parser.add_argument("--extend", help="延长的工作日数（最多 20，条例第三十三条）")
        parser.add_argument("--agency", help="机关网址标识：使用该机关的节假日调整")

    def handle(self, *args, **options):
        start = _parse_date(options["date"])
        n = _parse_days(str(options["days"]))
        extend = _parse_extension(options["extend"])
        try:
            pauses = [deadlines.parse_pause(text) for text in options["pause"]]
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        calendar = self._calendar(options["agency"])
        try:
            explanation = explain(calendar, start, n)
            clock = (
                deadlines.answer_due(calendar, start, pauses=pauses, extension_days=extend, days=n)
                if pauses or extend
                else None
            )
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        due, provisional = explanation.due.date, explanation.due.provisional

        out = self.stdout.write
        for line in explanation_lines(explanation):
            out(line)
        if clock is not None:
            out("不计入期限的区间和延期：")
            for step in clock.steps:
                out(f"  {step}")
            out(clock.summary)
            due, provisional = clock.date, provisional or clock.provisional
        out(due.isoformat() + (" (provisional)" if provisional else ""))

    def _calendar(self, slug: str | None = None) -> WorkCalendar:
        """The calendar with the admin overrides (of ``slug``'s body); library data alone if the
        table is unreadable."""
        try:
            if slug is not None:
                from gongkai.agencies.models import Agency

                agency = Agency.objects.filter(slug=slug).first()
                if agency is None:
                    raise CommandError(f"没有网址标识为 {slug!r} 的机关。", returncode=2)
                return get_calendar(agency)
            return get_calendar()
        except DatabaseError as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self.stderr.write(
                f"警告：无法读取节假日调整表（{reason}），仅按 chinesecalendar 内置数据计算。"
            )
            return WorkCalendar(**calendar_options())

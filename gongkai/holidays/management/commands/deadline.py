"""``gongkai deadline DATE [--days N]``: the n-th working day after DATE, explained.

The last line is the due date in ISO form, with " (provisional)" appended when a counted day
falls in a year whose 国务院办公厅 arrangement the calendar does not have (issue 2, item 5), so
scripts can read it with ``tail -n 1``. Everything above it is the explanation, in Chinese.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.holidays.calendar import calendar_options, get_calendar
from gongkai.workdays import WorkCalendar, weekends_and_fixed_holidays

# 条例 Art. 33: "应当自收到申请之日起20个工作日内予以答复".
DEFAULT_DAYS = 20
WEEKDAYS = "一二三四五六日"
RULE_TEXT = {
    weekends_and_fixed_holidays: "周六、周日及元旦、劳动节、国庆节的固定日期休息",
}


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


def _blocks(named) -> list[tuple[date, date, bool, list[str]]]:
    """Group consecutive named days of the same status: "10-01 至 10-08 放假（国庆节、中秋）"."""
    blocks: list[list] = []
    for day in named:
        last = blocks[-1] if blocks else None
        if last and (day.date - last[1]).days == 1 and day.workday == last[2]:
            last[1] = day.date
            if day.name not in last[3]:
                last[3].append(day.name)
        else:
            blocks.append([day.date, day.date, day.workday, [day.name]])
    return [tuple(b) for b in blocks]


def _status(workday: bool) -> str:
    return "调休上班" if workday else "放假"


class Command(BaseCommand):
    help = "计算某日之后第 N 个工作日（默认 20 个工作日，《政府信息公开条例》第三十三条）。"
    # A calculator: it must answer even when other apps' system checks would complain.
    requires_system_checks = []

    def add_arguments(self, parser):
        # Both taken as text and validated here, so bad input gives one Chinese line (exit 2)
        # instead of argparse's English usage message.
        parser.add_argument("date", nargs="?", help="收到日期，YYYY-MM-DD")
        parser.add_argument("--days", default=str(DEFAULT_DAYS), help="工作日数，默认 20")

    def handle(self, *args, **options):
        start = _parse_date(options["date"])
        n = _parse_days(str(options["days"]))
        calendar = self._calendar()
        try:
            due = calendar.add_working_days(start, n)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None

        out = self.stdout.write
        start_name = calendar.day_name(start)
        extra = f"，{start_name}{_status(calendar.is_workday(start))}" if start_name else ""
        out(f"起算日期：{_day(start, extra)}。当日不计入，自次日起算（《民法典》第二百零一条）。")
        basis = "（《政府信息公开条例》第三十三条）" if n == DEFAULT_DAYS else ""
        out(f"期限：{n}个工作日{basis}。")
        blocks = _blocks(calendar.named_days(start, due.date))
        if blocks:
            out("期间经过的节假日和调休：")
            for first, last, workday, names in blocks:
                when = _day(first) if first == last else f"{_day(first)} 至 {_day(last)}"
                out(f"  {when} {_status(workday)}（{'、'.join(names)}）")
        else:
            out(f"期间没有{'已知的' if due.provisional else ''}节假日或调休。")
        out(f"截止日期：{_day(due.date)}。")
        if due.provisional:
            years = "、".join(f"{y}年" for y in calendar.uncovered_years_between(start, due.date))
            rule = RULE_TEXT.get(calendar_options()["uncovered_rule"], "周六、周日休息")
            out(
                f"注意：此日期为暂定。期间涉及{years}，该年度国务院办公厅节假日安排尚未收录，"
                f"暂按{rule}计算；在管理后台“节假日调整”中录入该年度安排后，日期可能变化。"
            )
        out(due.date.isoformat() + (" (provisional)" if due.provisional else ""))

    def _calendar(self) -> WorkCalendar:
        """The calendar with the admin overrides; library data alone if the table is unreadable."""
        try:
            return get_calendar()
        except DatabaseError as exc:
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            self.stderr.write(
                f"警告：无法读取节假日调整表（{reason}），仅按 chinesecalendar 内置数据计算。"
            )
            return WorkCalendar(**calendar_options())

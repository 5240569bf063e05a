"""A year's State Council holiday notice, entered in one go, and the warning while it is missing.

The 国务院办公厅 notice on next year's holidays comes out in October or November (reference
§5.1: 2024-11-12 for 2025, 2025-11-04 for 2026); chinesecalendar's release follows it
"一般是每年的 11月 前后" (reference §5.2). Until either is in, every due date that reaches into
the coming year is provisional (reference §6.1.10), so staff are warned from
``GONGKAI_NEXT_YEAR_WARNING_FROM`` (default "10-01", a setting: the date is practice, not law)
and the platform administrator enters the notice's blocks here, not day by day in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from gongkai.workdays import default_calendar

from .models import DayOverride

# A 元旦 block may start in late December of the year before (the 2024 notice: 2023-12-30 to
# 2024-01-01); anything earlier belongs to the previous year's notice.
EARLIEST_CARRY_OVER = (12, 25)


@dataclass
class Block:
    """One holiday block of the notice: its days off and its 调休 working days."""

    name: str
    first: date
    last: date
    workdays: list[date] = field(default_factory=list)

    def days_off(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def warning_from(year: int) -> date:
    month, day = (int(part) for part in settings.GONGKAI_NEXT_YEAR_WARNING_FROM.split("-"))
    return date(year, month, day)


def library_covers(year: int) -> bool:
    """Does chinesecalendar hold the State Council data for ``year`` (reference §5.2)?"""
    return default_calendar().is_covered(date(year, 7, 1))


def missing_next_year(today: date) -> int | None:
    """The coming year, when staff must be warned that its holidays are unknown: from the
    warning date (``GONGKAI_NEXT_YEAR_WARNING_FROM``) while the year has neither library data
    nor national overrides (reference §5.2, §6.1.10). Else None."""
    year = today.year + 1
    if today < warning_from(today.year) or library_covers(year):
        return None
    if DayOverride.objects.national().filter(date__year=year).exists():
        return None
    return year


def block_errors(year: int, blocks: list[Block]) -> list[tuple[int | None, str]]:
    """Chinese messages for a notice's blocks, as (block index or None, message).

    Rules: a block's days lie in the year (a 元旦 block may begin in late December before it);
    blocks do not overlap; a 调休 working day is a Saturday or Sunday outside every block (a
    weekday is a working day anyway: 放假办法 Art. 6, 7; reference §5.1).
    """
    errors: list[tuple[int | None, str]] = []
    earliest = date(year - 1, *EARLIEST_CARRY_OVER)
    seen: dict[date, int] = {}
    for i, block in enumerate(blocks):
        if block.last < block.first:
            errors.append((i, "最后一天不能早于第一天。"))
            continue
        if block.last.year != year or block.first < earliest:
            errors.append((i, f"放假日期应在{year}年内（元旦假期可以从上一年12月下旬开始）。"))
        if (block.last - block.first).days >= 15:
            errors.append((i, "一个假期不能超过15天，请检查日期。"))
        for day in block.days_off():
            if day in seen:
                other = blocks[seen[day]].name
                errors.append((i, f"与“{other}”的放假日期重叠（{day.isoformat()}）。"))
                break
            seen[day] = i
    for i, block in enumerate(blocks):
        for day in block.workdays:
            if not earliest <= day <= date(year, 12, 31):
                errors.append((i, f"调休上班日 {day.isoformat()} 不在{year}年内。"))
            elif day.weekday() < 5:
                errors.append((i, f"调休上班日 {day.isoformat()} 不是周六或周日。"))
            elif day in seen:
                errors.append((i, f"调休上班日 {day.isoformat()} 在放假期间内。"))
    return errors


@transaction.atomic
def enter_notice(year: int, blocks: list[Block], *, source: str, replace: bool = False) -> int:
    """Write the notice as national ``DayOverride`` rows in one transaction: one 放假 row for
    every day of each block, one 上班 row for each 调休 day (reference §5.1, §5.2: the same
    shape as the library's data). Returns the number of rows written.

    ``replace``: first delete the year's existing national rows (a corrected notice).
    Raises ValueError when the blocks have errors (:func:`block_errors`) or when the year
    already has national rows and ``replace`` is False.
    """
    errors = block_errors(year, blocks)
    if errors:
        raise ValueError(errors[0][1])
    existing = DayOverride.objects.national().filter(date__year=year)
    if existing.exists():
        if not replace:
            raise ValueError(f"{year}年已有全国性的节假日调整，如需重新录入请选择“替换”。")
        existing.delete()
    carried = [d for b in blocks for d in (*b.days_off(), *b.workdays) if d.year != year]
    if DayOverride.objects.national().filter(date__in=carried).exists():
        raise ValueError(f"{year - 1}年12月的日期已有全国性的调整，请先在后台核对。")
    rows = []
    for block in blocks:
        rows += [
            DayOverride(date=day, kind=DayOverride.Kind.DAY_OFF, name=block.name, source=source)
            for day in block.days_off()
        ]
        rows += [
            DayOverride(
                date=day, kind=DayOverride.Kind.WORKDAY, name=f"{block.name}调休上班", source=source
            )
            for day in block.workdays
        ]
    DayOverride.objects.bulk_create(rows)
    return len(rows)

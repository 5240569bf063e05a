"""Import a year of records of one kind from CSV or XLSX (``gongkai import_supervision`` and
the staff page share this module; docs/supervision.md).

Modelled on ``gongkai.agencies.importing`` and read by the catalog's reader
(``gongkai.catalog.importing.read_table``: UTF-8 CSV or XLSX, the Chinese headers or the field
names, limits before parsing). Every row is checked on its own (the model's own rules, with
the field's label) and against the others; any problem refuses the whole file with every
problem and its line number, and nothing is written. Dates must lie between 1 January of last
year and today ("the past year" kept in spreadsheets before the platform). A row equal to a
stored record (same date and same main text) is skipped, so importing a file twice is harmless.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.importing import FileRefused, RowsRefused
from gongkai.catalog.importing import Row, _date, read_table

from .models import log
from .records import KINDS, Kind

__all__ = ["FileRefused", "RowsRefused", "ImportResult", "import_records"]

TRUE = {"是", "√", "1", "true", "yes", "y"}
FALSE = {"否", "", "0", "false", "no", "n"}
BOOLEANS = {"checked_catalog", "checked_links", "checked_column", "checked_channels"}


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0

    def __str__(self) -> str:
        return f"新增 {self.created} 条，已存在（跳过）{self.skipped} 条"


def earliest_date(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return datetime.date(today.year - 1, 1, 1)


def import_records(agency, kind_slug: str, source, *, actor=None) -> ImportResult:
    """All rows of ``source`` (a path, or (name, bytes)) as ``kind_slug`` records of ``agency``,
    or none (RowsRefused with every problem)."""
    kind = KINDS[kind_slug]
    columns = kind.columns()
    required = tuple(
        f for f in kind.fields if not kind.model._meta.get_field(f).blank and f not in BOOLEANS
    )
    rows = read_table(source, columns, required)
    objects = [_build(kind, agency, row) for row in rows]
    _check_together(kind, agency, rows, objects)
    errors = [e for row in rows for e in row.errors]
    if errors:
        raise RowsRefused(sorted(errors, key=lambda e: int(e.split(" ")[1])))
    result = ImportResult()
    with transaction.atomic():
        for row, obj in zip(rows, objects, strict=True):
            if row.obj == "duplicate":
                result.skipped += 1
                continue
            obj.created_by = actor
            obj.save()
            result.created += 1
        log(agency, f"{kind.slug}.imported", actor=actor, note=str(result))
    return result


def _build(kind: Kind, agency, row: Row):
    obj = kind.model(agency=agency)
    bad = []  # fields already refused while parsing: the model's check would repeat them
    for field_name, label in kind.columns().items():
        before = len(row.errors)
        field = kind.model._meta.get_field(field_name)
        text = row.values.get(field_name, "")
        kind_of_field = field.get_internal_type()
        if kind_of_field == "DateField":
            setattr(obj, field_name, _date(row, field_name, label))
        elif kind_of_field == "BooleanField":
            if text.lower() not in TRUE | FALSE:
                row.error(f"{label}「{text}」应填「是」或「否」")
            setattr(obj, field_name, text.lower() in TRUE)
        elif field.choices:
            setattr(obj, field_name, _choice_value(row, field, label, text))
        elif kind_of_field == "PositiveIntegerField":
            if text and not text.isdigit():
                row.error(f"{label}「{text}」应为不小于 0 的整数")
            setattr(obj, field_name, int(text) if text.isdigit() else None)
        else:
            setattr(obj, field_name, text)
        if len(row.errors) > before:
            bad.append(field_name)
    try:
        obj.full_clean(exclude=["agency", *bad], validate_unique=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = kind.columns().get(name, "")
            for message in messages:
                row.error(f"{label}：{message}" if label else message)
    except (TypeError, ValueError):
        pass  # a rule that needs a refused field; the refusal is already listed
    on = getattr(obj, kind.date_field, None)
    if on and on < earliest_date():
        row.error(f"日期 {on:%Y-%m-%d} 早于 {earliest_date():%Y-%m-%d}：只导入上一年度以来的记录")
    return obj


def _choice_value(row: Row, field, label: str, text: str) -> str:
    if not text:
        return ""
    for value, choice_label in field.choices:
        if text in (value, str(choice_label)):
            return value
    choices = "、".join(str(lb) for _, lb in field.choices)
    row.error(f"{label}「{text}」无效（可用：{choices}）")
    return ""


def _identity(kind: Kind, obj) -> tuple:
    return (getattr(obj, kind.date_field), getattr(obj, kind.identity))


def _check_together(kind: Kind, agency, rows: list[Row], objects: list) -> None:
    stored = {
        (on, text) for on, text in kind.of(agency).values_list(kind.date_field, kind.identity)
    }
    seen: dict[tuple, int] = {}
    for row, obj in zip(rows, objects, strict=True):
        if row.errors:
            continue
        key = _identity(kind, obj)
        if key in seen:
            row.error(f"与第 {seen[key]} 行重复（日期和{kind.columns()[kind.identity]}相同）")
        seen.setdefault(key, row.line)
        if key in stored:
            row.obj = "duplicate"

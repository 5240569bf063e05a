"""Import a body's catalog, or its table 二 figures, from CSV or XLSX (docs/catalog.md).

Modelled on ``gongkai.agencies.importing``: read the file (one-line refusal when it cannot be
read at all), check every row and then the rows together, collecting every problem with its
line number; any problem refuses the whole file, otherwise everything is written in one
transaction. Column headers may be the Chinese labels or the English keys. Limits (bytes,
rows) are checked before any row is parsed.

Catalog rows keep their 索引号 as they are (legacy numbers, never renumbered); a row without
one gets the next number of the platform scheme. A row with a 发布日期 is imported as
published (the other system did its review), otherwise as a draft.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.importing import FileRefused, RowsRefused

from . import pagecache, search
from .models import (
    ART20_ITEMS,
    Art21Item,
    CatalogItem,
    Category,
    Disclosure,
    Genre,
    ItemEvent,
    Status,
    Table2Input,
    Validity,
)

__all__ = ["FileRefused", "RowsRefused", "import_catalog", "import_table2", "read_table"]

# key -> Chinese header. The order is the documented column order.
CATALOG_COLUMNS = {
    "index_no": "索引号",
    "title": "名称",
    "summary": "内容概述",
    "written_on": "成文日期",
    "published_on": "发布日期",
    "publisher": "发布机构",
    "doc_no": "文号",
    "keywords": "主题词",
    "category": "主题分类",
    "genre": "体裁",
    "disclosure": "公开属性",
    "withheld_reason": "不予公开理由",
    "validity": "有效性",
    "effective_on": "实施日期",
    "ceased_on": "废止或失效日期",
    "art20_item": "第二十条事项",
    "art21_item": "第二十一条事项",
}
CATALOG_REQUIRED = ("title", "written_on")
TABLE2_COLUMNS = {
    "year": "年度",
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees_wan_yuan": "行政事业性收费（万元）",
}
TABLE2_REQUIRED = ("year",)


@dataclass
class Row:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)
    obj: object = None

    def error(self, message: str) -> None:
        self.errors.append(f"第 {self.line} 行：{message}")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"新建 {self.created}，更新 {self.updated}"


# -- reading ------------------------------------------------------------------------------------


def read_table(source, columns: dict[str, str], required: tuple[str, ...]) -> list[Row]:
    """Rows of a CSV or XLSX file (a path, or bytes with ``name``), keyed by column key."""
    name, data = _load(source)
    if data.startswith(b"PK\x03\x04"):
        header, records = _xlsx_records(data, name)
    else:
        header, records = _csv_records(data, name)
    keys = _check_header(header, columns, required)
    rows = []
    for line, cells in records:
        if not any(str(c).strip() for c in cells):
            continue
        row = Row(line=line, values={})
        if len(cells) > len(keys) and any(str(c).strip() for c in cells[len(keys) :]):
            row.error(f"有 {len(cells)} 列，多于表头的 {len(keys)} 列（是否少了引号？）")
        row.values = {k: str(c).strip() for k, c in zip(keys, cells, strict=False) if k}
        rows.append(row)
        if len(rows) > settings.GONGKAI_IMPORT_MAX_ROWS:
            raise FileRefused(f"数据行超过 {settings.GONGKAI_IMPORT_MAX_ROWS} 行，请分批导入")
    if not rows:
        raise FileRefused(f"文件只有表头，没有数据行：{name}")
    return rows


def _load(source) -> tuple[str, bytes]:
    if isinstance(source, tuple):
        name, data = source
    else:
        path = Path(source)
        if not path.is_file():
            raise FileRefused(f"找不到文件：{path}")
        if path.stat().st_size > settings.GONGKAI_IMPORT_MAX_BYTES:
            raise FileRefused(f"文件过大（上限 {settings.GONGKAI_IMPORT_MAX_BYTES // 1048576} MB）")
        name, data = str(path), path.read_bytes()
    if len(data) > settings.GONGKAI_IMPORT_MAX_BYTES:
        raise FileRefused(f"文件过大（上限 {settings.GONGKAI_IMPORT_MAX_BYTES // 1048576} MB）")
    if not data.strip():
        raise FileRefused(f"文件为空：{name}")
    return name, data


def _csv_records(data: bytes, name: str):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            f"不是 UTF-8 编码的 CSV 文件，也不是 XLSX 文件：{name}；请另存为 UTF-8 CSV 或 XLSX"
        ) from None
    if "\0" in text:
        raise FileRefused(f"不是 CSV 文本文件（含有二进制内容）：{name}")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        records = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise FileRefused(f"第 {reader.line_num} 行：CSV 格式错误：{exc}") from None
    except StopIteration:
        raise FileRefused(f"文件为空：{name}") from None
    return header, records


def _xlsx_records(data: bytes, name: str):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign ZIP
        raise FileRefused(f"不是可读取的 XLSX 文件：{name}") from None
    try:
        sheet = book.worksheets[0]
        records = []
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            records.append((line, ["" if v is None else _cell(v) for v in row]))
            if line > settings.GONGKAI_IMPORT_MAX_ROWS + 1:
                raise FileRefused(f"数据行超过 {settings.GONGKAI_IMPORT_MAX_ROWS} 行，请分批导入")
    finally:
        book.close()
    if not records:
        raise FileRefused(f"文件为空：{name}")
    return records[0][1], records[1:]


def _cell(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_header(header, columns: dict[str, str], required) -> list[str]:
    by_label = {label: key for key, label in columns.items()}
    keys = []
    for cell in header:
        cell = str(cell).strip()
        key = cell.lower() if cell.lower() in columns else by_label.get(cell)
        if cell and key is None:
            known = "、".join(columns.values())
            raise FileRefused(f"第 1 行：未知的列「{cell}」（可用的列：{known}）")
        keys.append(key or "")
    missing = [columns[k] for k in required if k not in keys]
    if missing:
        raise FileRefused(f"第 1 行缺少列：{'、'.join(missing)}")
    repeated = sorted({columns[k] for k in keys if k and keys.count(k) > 1})
    if repeated:
        raise FileRefused(f"第 1 行：列「{'、'.join(repeated)}」出现了不止一次")
    return keys


# -- values -------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_NUMERALS = {
    str(label)[1 : str(label).index("）")]: number for number, label in ART20_ITEMS.items()
}


def _date(row: Row, key: str, label: str) -> datetime.date | None:
    text = row.values.get(key, "")
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            return datetime.date(*map(int, match.groups()))
    except ValueError:
        pass
    row.error(f"{label}「{text}」不是有效日期（应为 2026-03-02 或 2026年3月2日）")
    return None


def _choice(row: Row, key: str, label: str, choices) -> str:
    text = row.values.get(key, "")
    if not text:
        return ""
    for value, choice_label in choices.choices:
        if text in (value, str(choice_label)):
            return value
    if choices is Genre and text == "命令":
        return Genre.ORDER
    row.error(f"{label}「{text}」无效（可用：{'、'.join(str(lb) for lb in choices.labels)}）")
    return ""


def _category(row: Row, categories: dict[str, Category]) -> Category | None:
    text = row.values.get("category", "").replace("/", "\\").replace("＼", "\\")
    if not text:
        return None
    found = categories.get(text)
    if found is None:
        row.error(f"主题分类「{text}」不存在（写作「一级\\二级」，如「综合政务\\政务公开」）")
    return found


def _art20(row: Row) -> int | None:
    text = row.values.get("art20_item", "").strip("（）() 第项")
    if not text:
        return None
    number = int(text) if text.isdigit() else _NUMERALS.get(text)
    if number not in ART20_ITEMS:
        row.error(f"第二十条事项「{row.values['art20_item']}」无效（应为 1–15 或（一）–（十五））")
        return None
    return number


# -- catalog ------------------------------------------------------------------------------------


def _category_lookup() -> dict[str, Category]:
    lookup = {}
    for category in Category.objects.select_related("parent"):
        lookup.setdefault(str(category), category)
        if not category.parent_id:
            lookup.setdefault(category.name, category)
    return lookup


def _catalog_row(row: Row, agency, categories) -> None:
    v = row.values
    for key in CATALOG_REQUIRED:
        if not v.get(key):
            row.error(f"{CATALOG_COLUMNS[key]}不能为空")
    item = CatalogItem(
        agency=agency,
        index_no=v.get("index_no", ""),
        title=v.get("title", ""),
        summary=v.get("summary", ""),
        written_on=_date(row, "written_on", "成文日期"),
        published_on=_date(row, "published_on", "发布日期"),
        publisher=v.get("publisher", ""),
        doc_no=v.get("doc_no", ""),
        keywords=v.get("keywords", ""),
        category=_category(row, categories),
        genre=_choice(row, "genre", "体裁", Genre) or Genre.OTHER,
        disclosure=_choice(row, "disclosure", "公开属性", Disclosure) or Disclosure.PROACTIVE,
        withheld_reason=v.get("withheld_reason", ""),
        validity=_choice(row, "validity", "有效性", Validity),
        effective_on=_date(row, "effective_on", "实施日期"),
        ceased_on=_date(row, "ceased_on", "废止或失效日期"),
        art20_item=_art20(row),
        art21_item=_choice(row, "art21_item", "第二十一条事项", Art21Item),
        legacy=bool(v.get("index_no")),
    )
    item.status = Status.PUBLISHED if item.published_on else Status.DRAFT
    if item.written_on and not row.errors:
        try:
            item.full_clean(exclude=["index_no", "agency", "status"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = CatalogItem._meta.get_field(name).verbose_name if name != "__all__" else ""
                row.errors.extend(f"第 {row.line} 行：{label}：{m}" for m in messages)
    row.obj = item


def import_catalog(agency, source, *, actor=None) -> ImportResult:
    """Import catalog items for ``agency``; all rows or none."""
    rows = read_table(source, CATALOG_COLUMNS, CATALOG_REQUIRED)
    categories = _category_lookup()
    for row in rows:
        _catalog_row(row, agency, categories)
    seen: dict[str, Row] = {}
    for row in rows:
        number = row.values.get("index_no", "")
        if number in seen:
            row.error(f"索引号 {number} 与第 {seen[number].line} 行重复")
        elif number:
            seen[number] = row
    taken = set(CatalogItem.objects.filter(index_no__in=seen).values_list("index_no", flat=True))
    for number in sorted(taken):
        seen[number].error(f"索引号 {number} 已在系统中使用（索引号不能重复）")
    errors = [e for row in rows for e in row.errors]
    if errors:
        raise RowsRefused(sorted(errors, key=lambda e: int(e.split(" ")[1])))
    from .workflow import next_index_no, record_event

    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            item = row.obj
            if not item.index_no:
                item.index_no = next_index_no(agency, item.written_on.year)
            item.save()
            record_event(item, ItemEvent.Kind.IMPORTED, actor, "从其他系统导入")
            search.index_item(item)
            result.created += 1
        pagecache.changed()
    return result


# -- table 二 -----------------------------------------------------------------------------------


def _count(row: Row, key: str) -> int:
    text = row.values.get(key, "") or "0"
    if not text.isdigit():
        row.error(f"{TABLE2_COLUMNS[key]}「{text}」应为不小于 0 的整数")
        return 0
    return int(text)


def import_table2(agency, source, *, actor=None) -> ImportResult:
    """Import table 二 figures (one row per year) for ``agency``; all rows or none."""
    rows = read_table(source, TABLE2_COLUMNS, TABLE2_REQUIRED)
    this_year = timezone.localdate().year
    years: dict[int, Row] = {}
    for row in rows:
        year_text = row.values.get("year", "").rstrip("年")
        year = int(year_text) if year_text.isdigit() else 0
        if not 2008 <= year <= this_year:
            row.error(f"年度「{row.values.get('year', '')}」无效（2008–{this_year}）")
        elif year in years:
            row.error(f"年度 {year} 与第 {years[year].line} 行重复")
        else:
            years[year] = row
        try:
            fee = Decimal(row.values.get("fees_wan_yuan", "") or "0")
            if fee < 0 or not fee.is_finite() or fee.as_tuple().exponent < -4:
                raise InvalidOperation
        except InvalidOperation:
            row.error(
                f"行政事业性收费「{row.values['fees_wan_yuan']}」应为不小于 0 的金额（万元，最多 4 位小数）"
            )
            fee = Decimal(0)
        row.obj = {
            "year": year,
            "licensing": _count(row, "licensing"),
            "penalty": _count(row, "penalty"),
            "coercion": _count(row, "coercion"),
            "fees_wan_yuan": fee,
        }
    errors = [e for row in rows for e in row.errors]
    if errors:
        raise RowsRefused(sorted(errors, key=lambda e: int(e.split(" ")[1])))
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            values = dict(row.obj)
            year = values.pop("year")
            _, created = Table2Input.objects.update_or_create(
                agency=agency, year=year, defaults={**values, "updated_by": actor, "source": "导入"}
            )
            result.created += created
            result.updated += not created
    return result

"""Import a body's 依申请公开登记台账 (XLSX or CSV): ``gongkai import_applications`` and the staff
page share this module (docs/applications.md).

Headers (order free, other columns ignored): 受理编号, 收到日期, 申请人类型 (the report's six
columns), 申请人, 申请内容, 办结日期 (empty: still open), 办理结果 (a report row's label as printed
or its id, e.g. 3.3.1), 收费金额(元). Dates as YYYY-MM-DD or Excel dates. Every row is checked
first; any problem → every problem with its line number and nothing written; otherwise all
rows in one transaction. A 受理编号 already stored for the body is skipped (idempotent).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OUTCOME_BASIS, ApplicantType, Channel, Status, outcome_row_for
from .models import Application, Event, Fee, Outcome

REQUIRED = ("受理编号", "收到日期", "申请人类型", "申请人", "申请内容")
OPTIONAL = ("办结日期", "办理结果", "收费金额(元)")
HEADER_ALIASES = {"收费金额（元）": "收费金额(元)"}
TYPES = {str(label): value for value, label in ApplicantType.choices}
EXCEL_EPOCH = date(1899, 12, 30)
MAX_ROWS = 50_000


class FileRefused(Exception):
    """The file as a whole cannot be read (one Chinese line)."""


@dataclass
class Result:
    created: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"新增 {self.created} 件，已存在（跳过）{self.skipped} 件"


class ImportForm(forms.Form):
    file = forms.FileField(label=_("台账文件（XLSX 或 CSV）"))


def _cells(name: str, data: bytes) -> list[list]:
    if name.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise FileRefused(f"无法读取 XLSX 文件：{type(exc).__name__}") from None
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused("CSV 文件不是 UTF-8 编码：请另存为 UTF-8 后再导入") from None
    return list(csv.reader(io.StringIO(text, newline="")))


def read(name: str, data: bytes) -> list[tuple[int, dict]]:
    """(line number, {header: cell}) for every non-blank row."""
    rows = _cells(name, data)
    if not rows:
        raise FileRefused("文件为空")
    header = [HEADER_ALIASES.get(str(c or "").strip(), str(c or "").strip()) for c in rows[0]]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise FileRefused(
            f"第 1 行缺少列：{'、'.join(missing)}（应有：{'、'.join(REQUIRED + OPTIONAL)}）"
        )
    if len(rows) - 1 > MAX_ROWS:
        raise FileRefused(f"数据行超过 {MAX_ROWS} 行，请分批导入")
    out = []
    for line, cells in enumerate(rows[1:], start=2):
        values = {h: cells[i] if i < len(cells) else None for i, h in enumerate(header) if h}
        if any(str(v).strip() for v in values.values() if v is not None):
            out.append((line, values))
    if not out:
        raise FileRefused("文件只有表头，没有数据行")
    return out


def parse_date(value) -> date | None:
    """YYYY-MM-DD text, an Excel date cell, or an Excel serial day number."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError
    text = str(value).strip()
    if len(text) != 10:
        raise ValueError
    return date.fromisoformat(text)


@dataclass
class Row:
    line: int
    receipt: str = ""
    received_on: date | None = None
    applicant_type: str = ""
    applicant: str = ""
    summary: str = ""
    closed_on: date | None = None
    outcome: str | None = None
    fee: int = 0


def check(rows: list[tuple[int, dict]]) -> tuple[list[Row], list[str]]:
    today = timezone.localdate()
    checked, errors, seen = [], [], {}

    def bad(line, message):
        errors.append(f"第 {line} 行：{message}")

    for line, v in rows:
        row = Row(line)
        text = {k: ("" if v.get(k) is None else str(v.get(k)).strip()) for k in REQUIRED + OPTIONAL}
        row.receipt = text["受理编号"]
        if not row.receipt:
            bad(line, "受理编号不能为空")
        elif len(row.receipt) > 60:
            bad(line, "受理编号过长（最多 60 个字符）")
        elif row.receipt in seen:
            bad(line, f"受理编号「{row.receipt}」与第 {seen[row.receipt]} 行重复")
        else:
            seen[row.receipt] = line
        for key, attr in (("收到日期", "received_on"), ("办结日期", "closed_on")):
            try:
                setattr(row, attr, parse_date(v.get(key)))
            except (ValueError, TypeError):
                bad(line, f"{key}「{text[key]}」无效，应为 YYYY-MM-DD 或 Excel 日期")
        if row.received_on is None and text["收到日期"] == "":
            bad(line, "收到日期不能为空")
        for when in (row.received_on, row.closed_on):
            if when and when > today:
                bad(line, f"日期 {when.isoformat()} 晚于今天")
        if row.received_on and row.closed_on and row.closed_on < row.received_on:
            bad(line, "办结日期早于收到日期")
        row.applicant_type = TYPES.get(text["申请人类型"], "")
        if not row.applicant_type:
            bad(line, f"申请人类型「{text['申请人类型']}」无效，应为：{'、'.join(TYPES)}")
        row.applicant, row.summary = text["申请人"][:200], text["申请内容"][:500]
        if not row.applicant:
            bad(line, "申请人不能为空")
        if text["办理结果"]:
            row.outcome = outcome_row_for(text["办理结果"])
            if row.outcome is None:
                bad(
                    line,
                    f"办理结果「{text['办理结果']}」不是年报表三的办理结果（如 予以公开 或 3.3.1）",
                )
        if row.closed_on and not row.outcome:
            bad(line, "已填办结日期，请填写办理结果")
        if row.outcome and not row.closed_on:
            bad(line, "已填办理结果，请填写办结日期")
        if text["收费金额(元)"]:
            try:
                amount = Decimal(text["收费金额(元)"])
                if amount < 0 or amount != amount.to_integral_value():
                    raise InvalidOperation
                row.fee = int(amount)
            except InvalidOperation:
                bad(line, f"收费金额「{text['收费金额(元)']}」应为不小于 0 的整数元")
        checked.append(row)
    return checked, errors


def import_ledger(agency, upload, *, actor=None) -> Result:
    """Read, check and write a ledger upload (a Django UploadedFile or an opened file)."""
    result = Result()
    try:
        rows, result.errors = check(read(getattr(upload, "name", ""), upload.read()))
    except FileRefused as exc:
        result.errors = [str(exc)]
        return result
    if result.errors:
        return result
    existing = set(
        Application.objects.filter(
            agency=agency, receipt_number__in=[r.receipt for r in rows]
        ).values_list("receipt_number", flat=True)
    )
    with transaction.atomic():
        for row in rows:
            if row.receipt in existing:
                result.skipped += 1
                continue
            _write(agency, row, actor)
            result.created += 1
    return result


def _write(agency, row: Row, actor) -> None:
    app = Application.objects.create(
        agency=agency,
        receipt_number=row.receipt,
        year=row.received_on.year,
        channel=Channel.UNRECORDED,
        arrived_on=row.received_on,
        received_on=row.received_on,
        clock_start=row.received_on,
        receipt_confirmation="台账导入",
        applicant_type=row.applicant_type,
        applicant_type_confirmed=True,
        applicant_name=row.applicant,
        summary=row.summary,
        imported=True,
        status=Status.CLOSED if row.closed_on else Status.OPEN,
        closed_on=row.closed_on,
        outcome=row.outcome or "",
    )
    app.record(Event.Kind.IMPORTED, actor=actor, on=row.received_on, public=False)
    if row.closed_on:
        Outcome.objects.create(
            application=app,
            row=row.outcome,
            legal_basis=OUTCOME_BASIS[row.outcome] or "台账记载",
            decided_on=row.closed_on,
        )
        app.record(Event.Kind.CLOSED, actor=actor, on=row.closed_on, row=row.outcome)
    if row.fee:
        on = row.closed_on or row.received_on
        Fee.objects.create(
            application=app,
            method=Fee.Method.PER_CASE,
            amount=row.fee,
            paid_amount=row.fee,
            counting_basis="台账导入",
            notice_served_on=on,
            notice_received_on=on,
            pay_due_on=on,
            paid_on=on,
        )
    app.refresh_clock()
    app.save(
        update_fields=["due_on", "due_provisional", "next_due_on", "next_due_label", "queue_key"]
    )

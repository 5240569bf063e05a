"""Import a body's 行政复议、行政诉讼 cases (XLSX or CSV), like the catalog and the ledger.

Columns (order free; Chinese header or the key): 案号, 类别 (行政复议 / 直接起诉 / 复议后起诉, or
the full labels), 申请或起诉日期; optional 本机关地位 (被申请人/被告, or 共同被告 for a review body
that is only co-defendant), 受理日期, 收到答复通知日期, 提交答复日期, 简易程序 (是/否), 审结日期, 结果 (维持 /
纠正 / 其他; empty = 尚未审结), 受理编号 (the application concerned), 申请人/原告, 复议机关/法院,
说明. Every row is checked first; any problem → every problem with its line number and nothing
written. A 案号 already stored for the body is updated, so importing the same file twice
changes nothing (idempotent).
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.importing import FileRefused, RowsRefused
from gongkai.catalog.importing import ImportResult, Row, _date, read_table

from .models import CaseOutcome, DisputeCase, Role, Route

COLUMNS = {
    "case_number": "案号",
    "route": "类别",
    "filed_on": "申请或起诉日期",
    "role": "本机关地位",
    "accepted_on": "受理日期",
    "copy_received_on": "收到答复通知日期",
    "answered_on": "提交答复日期",
    "simplified": "简易程序",
    "decided_on": "审结日期",
    "outcome": "结果",
    "receipt_number": "受理编号",
    "claimant": "申请人/原告",
    "organ": "复议机关/法院",
    "note": "说明",
}
REQUIRED = ("case_number", "route", "filed_on")

ROUTES = {
    "行政复议": Route.REVIEW,
    "复议": Route.REVIEW,
    "直接起诉": Route.DIRECT,
    "未经复议直接起诉": Route.DIRECT,
    "复议后起诉": Route.AFTER_REVIEW,
    **{str(label): value for value, label in Route.choices},
}
OUTCOMES = {
    "维持": CaseOutcome.UPHELD,
    "纠正": CaseOutcome.CORRECTED,
    "其他": CaseOutcome.OTHER,
    **{str(label): value for value, label in CaseOutcome.choices},
}
ROLES = {
    "": Role.RESPONDENT,
    "被申请人": Role.RESPONDENT,
    "被告": Role.RESPONDENT,
    "共同被告": Role.CO_DEFENDANT,
    **{str(label): value for value, label in Role.choices},
}
YES_NO = {"": False, "否": False, "是": True}

__all__ = ["FileRefused", "RowsRefused", "import_cases"]


def _pick(row: Row, key: str, table: dict, what: str):
    text = row.values.get(key, "")
    if text in table:
        return table[text]
    row.error(f"{COLUMNS[key]}「{text}」无效（可填：{'、'.join(k for k in table if k)}）")
    return None


def _case(row: Row, agency, applications: dict) -> None:
    v = row.values
    dates = {
        k: _date(row, k, COLUMNS[k])
        for k in ("filed_on", "accepted_on", "copy_received_on", "answered_on", "decided_on")
    }
    if not v.get("case_number"):
        row.error("案号不能为空")
    if dates["filed_on"] is None and not v.get("filed_on"):
        row.error("申请或起诉日期不能为空")
    outcome = _pick(row, "outcome", {"": "", **OUTCOMES}, COLUMNS["outcome"])
    if bool(outcome) != bool(dates["decided_on"]) and outcome is not None:
        row.error("审结日期和结果须同时填写（尚未审结的两者都不填）")
    if dates["decided_on"] and dates["filed_on"] and dates["decided_on"] < dates["filed_on"]:
        row.error("审结日期早于申请或起诉日期")
    receipt = v.get("receipt_number", "")
    if receipt and receipt not in applications:
        row.error(f"受理编号 {receipt} 不是本机关的申请")
    row.obj = {
        "route": _pick(row, "route", ROUTES, COLUMNS["route"]),
        "role": _pick(row, "role", ROLES, COLUMNS["role"]),
        "simplified": _pick(row, "simplified", YES_NO, COLUMNS["simplified"]),
        "outcome": outcome or "",
        "application_id": applications.get(receipt),
        "claimant": v.get("claimant", "")[:200],
        "organ": v.get("organ", "")[:200],
        "note": v.get("note", ""),
        **dates,
    }


def import_cases(agency, source) -> ImportResult:
    """Import the cases of ``agency``; all rows or none, idempotent by 案号."""
    from gongkai.applications.models import Application

    rows = read_table(source, COLUMNS, REQUIRED)
    wanted = {r.values.get("receipt_number") for r in rows} - {"", None}
    applications = dict(
        Application.objects.filter(agency=agency, receipt_number__in=wanted).values_list(
            "receipt_number", "pk"
        )
    )
    seen: dict[str, Row] = {}
    for row in rows:
        _case(row, agency, applications)
        number = row.values.get("case_number", "")
        if number in seen:
            row.error(f"案号 {number} 与第 {seen[number].line} 行重复")
        elif number:
            seen[number] = row
    errors = [e for row in rows for e in row.errors]
    if errors:
        raise RowsRefused(errors)
    result = ImportResult()
    with transaction.atomic():
        for number, row in seen.items():
            _, created = DisputeCase.objects.update_or_create(
                agency=agency, case_number=number, defaults=row.obj
            )
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result

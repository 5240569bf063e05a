"""One figures structure for an annual report (政府信息公开工作年度报告).

The same structure is filled by the parser of published reports and by the computation
from records, and read by the checks and the exporters. Its JSON form is the
machine-readable report documented in ``docs/report-json.md`` (schema version
:data:`SCHEMA_VERSION`).

Layout follows the national template exactly (reference §3):

* 国办公开办函〔2021〕30号 for report years 2021 on (``template == "2021"``);
* the 试行 template of 国办公开办函〔2019〕60号 for 2019 and 2020 (``template == "2019"``).

A cell is ``None`` when the publication leaves it blank, prints "/", "—", "无", or the
parser cannot read it; never a silent 0. Whoever sets a cell to ``None`` adds a finding.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from .messages import Translate, param_from_json, param_to_json, render, translated

SCHEMA_VERSION = 1

Number = int | float
Cell = Number | None

TEMPLATE_2021 = "2021"
TEMPLATE_2019 = "2019"
TEMPLATES = (TEMPLATE_2021, TEMPLATE_2019)


def template_for_year(year: int) -> str:
    """The template a report for ``year`` must use (reference §3.1).

    30号 (2021-09) applies from the 2021 reports on; 60号's 试行 format to 2019 and 2020.
    """
    return TEMPLATE_2019 if year <= 2020 else TEMPLATE_2021


# --- Section headings (reference §3.2, §3.9) -------------------------------------------

SECTION_IDS = ("1", "2", "3", "4", "5", "6")

SECTION_TITLES = {
    "1": "一、总体情况",
    "2": "二、主动公开政府信息情况",
    "3": "三、收到和处理政府信息公开申请情况",
    "4": "四、政府信息公开行政复议、行政诉讼情况",
    "5": "五、存在的主要问题及改进情况",
    "6": "六、其他需要报告的事项",
}
# The 2019 template words 五 differently (S11).
SECTION_TITLES_2019 = {**SECTION_TITLES, "5": "五、政府信息公开工作存在的主要问题及改进情况"}


# --- Table 三: applications received and handled (reference §3.4) -----------------------

TABLE3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
TOTAL_COLUMN = 6  # index of 总计

# (row id, exact template label). Group labels without data are not rows.
TABLE3_ROWS_2021: tuple[tuple[str, str], ...] = (
    ("1", "一、本年新收政府信息公开申请数量"),
    ("2", "二、上年结转政府信息公开申请数量"),
    ("3.1", "（一）予以公开"),
    ("3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("3.3.1", "1.属于国家秘密"),
    ("3.3.2", "2.其他法律行政法规禁止公开"),
    ("3.3.3", "3.危及“三安全一稳定”"),
    ("3.3.4", "4.保护第三方合法权益"),
    ("3.3.5", "5.属于三类内部事务信息"),
    ("3.3.6", "6.属于四类过程性信息"),
    ("3.3.7", "7.属于行政执法案卷"),
    ("3.3.8", "8.属于行政查询事项"),
    ("3.4.1", "1.本机关不掌握相关政府信息"),
    ("3.4.2", "2.没有现成信息需要另行制作"),
    ("3.4.3", "3.补正后申请内容仍不明确"),
    ("3.5.1", "1.信访举报投诉类申请"),
    ("3.5.2", "2.重复申请"),
    ("3.5.3", "3.要求提供公开出版物"),
    ("3.5.4", "4.无正当理由大量反复申请"),
    ("3.5.5", "5.要求行政机关确认或重新出具已获取信息"),
    ("3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("3.6.3", "3.其他"),
    ("3.7", "（七）总计"),
    ("4", "四、结转下年度继续办理"),
)

# The 试行 template: （六）其他处理 is one data row (reference §3.9).
TABLE3_ROWS_2019: tuple[tuple[str, str], ...] = (
    tuple(row for row in TABLE3_ROWS_2021 if not row[0].startswith("3.6."))[:20]
    + (("3.6", "（六）其他处理"),)
    + (TABLE3_ROWS_2021[-2], TABLE3_ROWS_2021[-1])
)

# Group labels printed in the table (no data of their own), for parsers.
TABLE3_GROUPS = {
    "3": "三、本年度办理结果",
    "3.3": "（三）不予公开",
    "3.4": "（四）无法提供",
    "3.5": "（五）不予处理",
    "3.6": "（六）其他处理",
}


def table3_rows(template: str) -> tuple[tuple[str, str], ...]:
    return TABLE3_ROWS_2019 if template == TEMPLATE_2019 else TABLE3_ROWS_2021


def table3_row_ids(template: str) -> tuple[str, ...]:
    return tuple(rid for rid, _ in table3_rows(template))


def outcome_row_ids(template: str) -> tuple[str, ...]:
    """Rows that add up to （七）总计 (reference §3.6 rule 2): every row under 三 but 3.7."""
    return tuple(rid for rid in table3_row_ids(template) if rid.startswith("3.") and rid != "3.7")


# --- Table 四: administrative review and litigation (reference §3.5) --------------------

TABLE4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
TABLE4_PARTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
TABLE4_COLUMNS = tuple(f"{g}·{p}" for g in TABLE4_GROUPS for p in TABLE4_PARTS)


# --- Table 二: proactive disclosure (reference §3.3, §3.9) ------------------------------

# 2021 template: key -> (label, columns). A single-column entry is stored as a number.
TABLE2_2021: dict[str, tuple[str, tuple[str, ...]]] = {
    "rules": ("规章", ("本年制发件数", "本年废止件数", "现行有效件数")),
    "normative_documents": ("行政规范性文件", ("本年制发件数", "本年废止件数", "现行有效件数")),
    "licensing": ("行政许可", ("本年处理决定数量",)),
    "penalty": ("行政处罚", ("本年处理决定数量",)),
    "coercion": ("行政强制", ("本年处理决定数量",)),
    "fees_wan_yuan": ("行政事业性收费", ("本年收费金额（单位：万元）",)),
}

# 2019 试行 template: its own columns, never mapped onto the 2021 ones (reference §6.3).
TABLE2_2019: dict[str, tuple[str, tuple[str, ...]]] = {
    "rules": ("规章", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    "normative_documents": ("规范性文件", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
    "licensing": ("行政许可", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "other_services": ("其他对外管理服务事项", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "penalty": ("行政处罚", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "coercion": ("行政强制", ("上一年项目数量", "本年增/减", "处理决定数量")),
    "fees": ("行政事业性收费", ("上一年项目数量", "本年增/减")),
    "procurement": ("政府集中采购", ("采购项目数量", "采购总金额")),
}


def table2_layout(template: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return TABLE2_2019 if template == TEMPLATE_2019 else TABLE2_2021


def empty_table2(template: str) -> dict[str, Any]:
    return {
        key: (None if len(cols) == 1 else [None] * len(cols))
        for key, (_, cols) in table2_layout(template).items()
    }


# --- Findings ---------------------------------------------------------------------------


class Severity(StrEnum):
    """How bad a finding is.

    ``error``: the published report itself is wrong. ``warning``/``notice``: weaker
    defects. ``unread``: the parser could not read a part, so the report may be right.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"
    UNREAD = "unread"


@dataclass(frozen=True)
class Finding:
    """One finding. ``message`` and ``hint`` are the Chinese text (as in the JSON); the
    message was made from ``template`` and ``params`` (:mod:`.messages`), so that
    :meth:`localized` can say it in another language. Two findings are equal when their
    code, severity, place and Chinese text are."""

    code: str  # stable, documented in docs/report-checks.md, e.g. "R101"
    severity: Severity
    where: str  # e.g. "table3.3.7[6]", "table4[4]", "section5", "meta.published_on"
    message: str  # Chinese, for people
    hint: str = ""
    # The message's template (a Chinese msgid with {name} placeholders) and its parameters;
    # "" for a finding made from a finished sentence (then the message is its own msgid).
    template: str = field(default="", compare=False)
    params: tuple[tuple[str, Any], ...] = field(default=(), compare=False)

    @classmethod
    def make(
        cls, code: str, severity: Severity, where: str, template: str, hint: str = "", **params
    ) -> Finding:
        """A finding whose message is ``template`` filled with ``params`` (in Chinese)."""
        items = tuple(params.items())
        return cls(code, severity, where, render(template, params), hint, template, items)

    def localized(self, translate: Translate) -> Finding:
        """This finding with its message and hint in the language of ``translate`` (e.g.
        Django's ``gettext``, or :func:`.messages.catalog_translate`); a text the catalog
        does not have stays Chinese."""
        message = render(self.template or self.message, dict(self.params), translate)
        return replace(self, message=message, hint=translated(self.hint, translate))

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
            "message_template": self.template or self.message,
            "params": {name: param_to_json(value) for name, value in self.params},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """Back from :meth:`to_dict`; JSON written before templates existed reads too."""
        template = data.get("message_template")
        params = data.get("params") if isinstance(data.get("params"), dict) else {}
        return cls(
            data["code"],
            Severity(data["severity"]),
            data["where"],
            data["message"],
            data.get("hint", ""),
            template if isinstance(template, str) and template != data["message"] else "",
            tuple((name, param_from_json(value)) for name, value in params.items()),
        )


# --- The structure ----------------------------------------------------------------------


@dataclass
class Figures:
    """A whole report: metadata, section texts and the three tables."""

    template: str = TEMPLATE_2021
    year: int | None = None
    body: str | None = None
    published_on: date | None = None
    # Kind of issuing body for the publication deadline (reference §1.4): one of
    # "department", "township", "county", "prefecture", "province", "vertical", or None.
    body_kind: str | None = None
    # Section id ("1".."6") -> its text as published (headings excluded).
    sections: dict[str, str] = field(default_factory=dict)
    # Section ids in the order the headings appear in the publication; an id may repeat.
    section_order: list[str] = field(default_factory=list)
    table2: dict[str, Any] = field(default_factory=dict)
    table3: dict[str, list[Cell]] = field(default_factory=dict)
    table4: list[Cell] = field(default_factory=lambda: [None] * 15)
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None  # file name or URL the figures came from
    # The text was read from images by OCR (a scan): its numbers are kept only where the
    # tables' arithmetic confirms them, and the text is not used against the tables.
    read_by_ocr: bool = False

    @classmethod
    def blank(cls, template: str = TEMPLATE_2021, **meta: Any) -> Figures:
        """A report of the given template with every cell unknown (``None``)."""
        return cls(
            template=template,
            table2=empty_table2(template),
            table3={rid: [None] * 7 for rid in table3_row_ids(template)},
            table4=[None] * 15,
            **meta,
        )

    @classmethod
    def zeros(cls, template: str = TEMPLATE_2021, **meta: Any) -> Figures:
        """A report of the given template with every cell 0, e.g. for a body with no cases."""
        fig = cls.blank(template, **meta)
        fig.table3 = {rid: [0] * 7 for rid in fig.table3}
        fig.table4 = [0] * 15
        fig.table2 = {
            key: (0 if value is None else [0] * len(value)) for key, value in fig.table2.items()
        }
        return fig

    # The small accessors checks and exporters share.
    def row(self, row_id: str) -> list[Cell]:
        return self.table3.get(row_id) or [None] * 7

    def cell(self, row_id: str, column: int) -> Cell:
        return self.row(row_id)[column]

    def add(
        self, code: str, severity: Severity, where: str, message: str, hint: str = "", **params
    ) -> None:
        """A finding; ``message`` is a template filled with ``params`` (:meth:`Finding.make`)."""
        self.findings.append(Finding.make(code, Severity(severity), where, message, hint, **params))

    @property
    def has_errors(self) -> bool:
        return any(f.severity == Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        data["published_on"] = self.published_on.isoformat() if self.published_on else None
        data["findings"] = [f.to_dict() for f in self.findings]
        return data

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figures:
        published = data.get("published_on")
        return cls(
            template=str(data.get("template", TEMPLATE_2021)),
            year=data.get("year"),
            body=data.get("body"),
            published_on=date.fromisoformat(published) if published else None,
            body_kind=data.get("body_kind"),
            sections=dict(data.get("sections") or {}),
            section_order=list(data.get("section_order") or []),
            table2=dict(data.get("table2") or {}),
            table3={k: list(v) for k, v in (data.get("table3") or {}).items()},
            table4=list(data.get("table4") or [None] * 15),
            findings=[Finding.from_dict(f) for f in data.get("findings") or []],
            source=data.get("source"),
            read_by_ocr=bool(data.get("read_by_ocr", False)),
        )

    @classmethod
    def from_json(cls, text: str) -> Figures:
        return cls.from_dict(json.loads(text))

"""Short Chinese labels for rows, columns and cells, shared by the checks' messages and the CLI.

The exact template labels live in :mod:`..figures` (the single source of the layout); these
are abbreviations short enough for a message or a terminal grid, and they keep the group
number （三）（四）… so that a reader finds the row in the printed table.
"""

from __future__ import annotations

from ..figures import TABLE4_GROUPS, TABLE4_PARTS, TEMPLATE_2019, table2_layout
from ..messages import Text, gettext_noop, text

ROW_SHORT = {
    "1": "一、本年新收申请",
    "2": "二、上年结转申请",
    "3.1": "（一）予以公开",
    "3.2": "（二）部分公开",
    "3.3.1": "（三）1.国家秘密",
    "3.3.2": "（三）2.法律法规禁止",
    "3.3.3": "（三）3.三安全一稳定",
    "3.3.4": "（三）4.第三方合法权益",
    "3.3.5": "（三）5.三类内部事务",
    "3.3.6": "（三）6.四类过程性信息",
    "3.3.7": "（三）7.行政执法案卷",
    "3.3.8": "（三）8.行政查询事项",
    "3.4.1": "（四）1.本机关不掌握",
    "3.4.2": "（四）2.需另行制作",
    "3.4.3": "（四）3.补正后仍不明确",
    "3.5.1": "（五）1.信访举报投诉",
    "3.5.2": "（五）2.重复申请",
    "3.5.3": "（五）3.公开出版物",
    "3.5.4": "（五）4.大量反复申请",
    "3.5.5": "（五）5.确认或重新出具",
    "3.6": "（六）其他处理",
    "3.6.1": "（六）1.逾期不补正",
    "3.6.2": "（六）2.逾期未缴费",
    "3.6.3": "（六）3.其他",
    "3.7": "（七）总计",
    "4": "四、结转下年度",
}

# Column names of table 三 as printed (reference §3.4); the grid uses the same words.
COLUMN_SHORT = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

TABLE4_PART_SHORT = ("维持", "纠正", "其他", "尚未审结", "总计")

SECTION_NUMERALS = {"1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六"}

BODY_KIND_LABELS = {
    "department": gettext_noop("县级以上人民政府部门"),
    "township": gettext_noop("乡（镇）人民政府"),
    "county": gettext_noop("县级人民政府"),
    "prefecture": gettext_noop("设区的市级人民政府"),
    "province": gettext_noop("省级人民政府"),
    "vertical": gettext_noop("实行垂直领导的部门"),
}


def row_label(row_id: str) -> str:
    return ROW_SHORT.get(row_id, f"行 {row_id}")


def cell_label(row_id: str, column: int) -> str:
    """E.g. ``（七）总计·自然人``."""
    return f"{row_label(row_id)}·{COLUMN_SHORT[column]}"


def table4_label(index: int) -> str:
    """E.g. ``行政复议·总计`` for ``table4[4]``."""
    return f"{TABLE4_GROUPS[index // 5]}·{TABLE4_PARTS[index % 5]}"


def table2_label(template: str, key: str, index: int | None = None) -> str:
    layout = table2_layout(template)
    if key not in layout:
        return f"表二 {key}"
    label, columns = layout[key]
    if index is None or len(columns) == 1:
        return label
    if 0 <= index < len(columns):
        return f"{label}·{columns[index]}"
    return f"{label}[{index}]"


def template_label(template: str) -> Text:
    """The template's name (a phrase of ours: translated inside a message or a title)."""
    if template == TEMPLATE_2019:
        return text(gettext_noop("2019 试行格式（国办公开办函〔2019〕60号）"))
    return text(gettext_noop("2021 格式（国办公开办函〔2021〕30号）"))

"""Build plain-text reports for the assembler tests, one part varied at a time.

The default report is consistent (every rule of reference §3.6 holds) and has non-zero cells
in several rows and columns, so that a misplaced value cannot go unnoticed.
"""

from __future__ import annotations

from gongkai.reportengine.figures import SECTION_TITLES, TABLE3_ROWS_2019, TABLE3_ROWS_2021

TRUTH_2021: dict[str, list[int]] = {rid: [0] * 7 for rid, _ in TABLE3_ROWS_2021}
TRUTH_2021.update(
    {
        "1": [20, 2, 0, 0, 1, 0, 23],
        "2": [3, 0, 0, 0, 0, 0, 3],
        "3.1": [10, 1, 0, 0, 0, 0, 11],
        "3.2": [2, 0, 0, 0, 1, 0, 3],
        "3.3.4": [1, 0, 0, 0, 0, 0, 1],
        "3.4.1": [5, 1, 0, 0, 0, 0, 6],
        "3.5.2": [1, 0, 0, 0, 0, 0, 1],
        "3.6.3": [1, 0, 0, 0, 0, 0, 1],
        "3.7": [20, 2, 0, 0, 1, 0, 23],
        "4": [3, 0, 0, 0, 0, 0, 3],
    }
)
TRUTH_2019: dict[str, list[int]] = {
    rid: ([1, 0, 0, 0, 0, 0, 1] if rid == "3.6" else TRUTH_2021.get(rid, [0] * 7))
    for rid, _ in TABLE3_ROWS_2019
}
# 2019 moves 3.6.3's application to the single row 3.6: totals are unchanged.
TABLE4 = [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
TABLE2_2021_TEXT = """第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 3 1 12
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 1,234
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 56
行政强制 7
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 12.5"""
TABLE2_2021 = {
    "rules": [0, 0, 0],
    "normative_documents": [3, 1, 12],
    "licensing": 1234,
    "penalty": 56,
    "coercion": 7,
    "fees_wan_yuan": 12.5,
}
GROUP_BEFORE = {
    "3.3.1": "（三）不予公开",
    "3.4.1": "（四）无法提供",
    "3.5.1": "（五）不予处理",
    "3.6.1": "（六）其他处理",
}


def row_line(label: str, cells) -> str:
    return label + " " + " ".join(str(c) for c in cells)


def table3_lines(truth=None, template: str = "2021", *, line=row_line, skip=()) -> list[str]:
    """Table 三 as one space-separated line per row, group labels on their own lines."""
    truth = truth or (TRUTH_2019 if template == "2019" else TRUTH_2021)
    rows = TABLE3_ROWS_2019 if template == "2019" else TABLE3_ROWS_2021
    out = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    for rid, label in rows:
        if rid == "3.1":
            out.append("三、本年度办理结果")
        if rid in GROUP_BEFORE:
            out.append(GROUP_BEFORE[rid])
        if rid in skip:
            continue
        out.append(line(label, truth[rid]))
    return out


def report(
    *,
    title: str = "某某县人民政府办公室2023年政府信息公开工作年度报告",
    head: list[str] | None = None,
    table2: str = TABLE2_2021_TEXT,
    table3: list[str] | None = None,
    table4: str | None = None,
    headings: dict[str, str] | None = None,
    signature: list[str] | None = None,
    omit: tuple[str, ...] = (),
) -> str:
    """A whole plain-text report; every part can be replaced or left out."""
    titles = dict(SECTION_TITLES)
    titles.update(headings or {})
    bodies = {
        "1": "2023年，本机关认真落实《条例》要求，全年受理政府信息公开申请23件。",
        "2": table2,
        "3": "\n".join(table3 if table3 is not None else table3_lines()),
        "4": table4
        if table4 is not None
        else "行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n"
        + " ".join(map(str, TABLE4)),
        "5": "一是公开内容不够全面。下一步将加强培训。",
        "6": "本年度未收取信息处理费。",
    }
    parts = list(head or []) + ([title] if title else [])
    for sid in "123456":
        if sid in omit:
            continue
        parts.append(titles[sid])
        parts.append(bodies[sid])
    parts += signature if signature is not None else ["某某县人民政府办公室", "2024年1月19日"]
    return "\n".join(parts) + "\n"

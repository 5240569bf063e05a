"""Recognising the template's labels in published text.

Labels are matched on normalised text with spaces removed (:func:`.numbers.squeeze`), by the
words that tell a row from every other row rather than by the exact template wording: reports
print typos (洪泽区 2023: 「2.其他法律行政止公开」), ASCII or full-width brackets, 「1、」 for
「1.」, and PDFs wrap labels over two or three lines (reference §3.4 for the rows).
"""

from __future__ import annotations

import re

# --- Table 三 rows and groups (reference §3.4) ---------------------------------------------

_SEP = r"[.、,:]"

# Row id -> (ordinal printed before the label, keywords). The ordinal is optional in the
# text; when present it is part of the label, never a number (「00000002.重复申请」).
_ROW_KEYS: dict[str, tuple[str, str]] = {
    "1": (r"一" + _SEP, r"本年(?:度)?新收|新收(?:到)?(?:的)?政府信息公开申请"),
    "2": (r"二" + _SEP, r"上年(?:度)?结转"),
    "3.1": (r"\(一\)", r"予以公开"),
    "3.2": (r"\(二\)", r"部分公开"),
    "3.3.1": (r"1" + _SEP, r"(?:属于)?国家秘密"),
    "3.3.2": (r"2" + _SEP, r"其他法律行政|法规禁止公开"),
    "3.3.3": (r"3" + _SEP, r"危及|三安全一稳定"),
    "3.3.4": (r"4" + _SEP, r"第三方合法权益"),
    "3.3.5": (r"5" + _SEP, r"三类内部事务"),
    "3.3.6": (r"6" + _SEP, r"四类过程性"),
    "3.3.7": (r"7" + _SEP, r"行政执法案卷"),
    "3.3.8": (r"8" + _SEP, r"行政查询事项"),
    "3.4.1": (r"1" + _SEP, r"不掌握"),
    "3.4.2": (r"2" + _SEP, r"另行制作|没有现成信息"),
    "3.4.3": (r"3" + _SEP, r"补正后申请|仍不明确"),
    "3.5.1": (r"1" + _SEP, r"信访举报|举报投诉"),
    "3.5.2": (r"2" + _SEP, r"重复申请"),
    "3.5.3": (r"3" + _SEP, r"公开出版物"),
    "3.5.4": (r"4" + _SEP, r"大量反复"),
    "3.5.5": (r"5" + _SEP, r"确认或重新|重新出具|要求行政机关确认"),
    "3.6.1": (r"1" + _SEP, r"逾期不补正|无正当理由逾期"),
    "3.6.2": (r"2" + _SEP, r"逾期未按|收费通知|未按收费"),
    # 「3.其他」 alone: the ordinal is required so that the 其他 column header never matches.
    "3.6.3": (r"", r"3" + _SEP + r"其他(?!法律|处理|结果)"),
    # 「（七）总计」; a bare 总计 is a row only where numbers follow (the assembler decides:
    # the column header 总计 has none).
    "3.7": (r"", r"\(七\)(?:总计|合计)|七" + _SEP + r"(?:总计|合计)"),
    "4": (r"四" + _SEP, r"结转下年度|结转下一年度|结转下年"),
}

# Group labels print no data of their own (reference §3.4) — except （六）其他处理, a data row
# in the 2019 template and in reports that print it as one row (reference §3.9).
_GROUP_KEYS: dict[str, str] = {
    "3": r"(?:三" + _SEP + r")?本年度办理结果",
    "3.3": r"\(三\)不予公开",
    "3.4": r"\(四\)无法提供",
    "3.5": r"\(五\)不予处理",
    "3.6": r"(?:\(六\))?其他处理",
}


def _alternation() -> re.Pattern[str]:
    parts = [f"(?P<r_{rid.replace('.', '_')}>{keys})" for rid, (_, keys) in _ROW_KEYS.items()]
    parts += [f"(?P<g_{gid.replace('.', '_')}>{keys})" for gid, keys in _GROUP_KEYS.items()]
    # Every alternative starts with one of these characters: checking it first makes the
    # scan of a line several times faster (tests read every template label through it).
    first = "本新上予部属国其法危三第四行不另没补仍信举重公大确要逾无收未3(七结"
    return re.compile(f"(?=[{re.escape(first)}])(?:{'|'.join(parts)})")


TABLE3_LABELS = _alternation()
# The ordinal and the words between it and the keywords (「4.保护」第三方合法权益) belong to
# the label, so that digits run together before it stay with the row above. Looked up
# backwards from the keywords only (a lazy prefix inside the big alternation is slow).
_ORDINAL_BEFORE = {
    rid: re.compile(f"{ordinal}[^\\d]{{0,6}}$")
    for rid, (ordinal, _) in _ROW_KEYS.items()
    if ordinal
}
_NAMES = {
    name: ("row" if name.startswith("r_") else "group", name[2:].replace("_", "."))
    for name in TABLE3_LABELS.groupindex
}


def table3_matches(label: str) -> list[tuple[str, str, int, int]]:
    """Every table-三 label in ``label``: (``"row"``/``"group"``, id, start, end), in order.

    Rows 3.3.x–3.6.x share ordinals and are told apart by their words; a row whose words need
    context (3.6.3 「3.其他」) carries its ordinal in the keywords.
    """
    out = []
    floor = 0
    for m in TABLE3_LABELS.finditer(label):
        kind, key = _NAMES[m.lastgroup or ""]
        start = m.start()
        before = _ORDINAL_BEFORE.get(key) if kind == "row" else None
        if before is not None and start > floor:
            lo = max(floor, start - 8)
            b = before.search(label, lo, start)
            if b:
                start = b.start()
        out.append((kind, key, start, m.end()))
        floor = m.end()
    return out


# Where table 三 starts: its header (a sentence may mention 自然人, so only at a line start).
HEADER3 = re.compile(r"申请人情况|勾稽关系|^自然人|^法人或其他组织")

# --- Table 二 (reference §3.3, §3.9) ---------------------------------------------------------

_TABLE2_KEYS: dict[str, str] = {
    "rules": r"(?<!性文件)规章",
    "normative_documents": r"(?:行政)?规范性文件",
    "licensing": r"行政许可",
    "other_services": r"其他对外管理服务事项|对外管理服务",
    "penalty": r"行政处罚",
    "coercion": r"行政强制",
    "fees": r"行政事业性收费",
    "procurement": r"政府集中采购",
}
TABLE2_LABELS = re.compile(
    "|".join(f"(?P<{key}>{pattern})" for key, pattern in _TABLE2_KEYS.items())
)
# Header words of table 二 that never carry numbers of their own (section 二 may also hold
# a sentence with numbers; those lines are not rows).
HEADER2 = re.compile(r"信息内容|第二十条|本年制发|本年新制作|上一年项目|采购项目数量|收费金额")

# Template indicators (reference §3.9 rules 1 and 2).
NEW_TABLE2 = re.compile(r"本年制发件数|本年废止件数|现行有效件数|本年制发|本年废止|现行有效")
OLD_TABLE2 = re.compile(r"本年新制作数量|对外公开总数量|本年新公开数量|上一年项目数量")
OLD_BLOCK9 = re.compile(r"第二十条第\(九\)项|政府集中采购")

# --- Table 四 (reference §3.5) ---------------------------------------------------------------

HEADER4 = re.compile(r"行政复议|行政诉讼|复议后起诉|直接起诉")

# --- Section headings (reference §3.2, §3.9) -------------------------------------------------

_ORDINAL = r"(?:第?(?P<ord>[一二三四五六七])(?:部分)?[、.,:]|(?P<num>[1-7])[、.])"
_SECTION_KEYS: dict[str, str] = {
    "1": r"总体情况|概述|基本情况|总体概况",
    "2": r"(?:政府信息)?主动公开(?:政府信息)?(?:工作)?(?:的)?情况|主动公开政府信息",
    "3": r"收到和处理|收到与处理|(?:政府信息公开)?依申请公开(?:政府信息)?(?:工作)?(?:的)?情况",
    "4": r".{0,14}?复议.{0,8}?诉讼",
    "5": r".{0,10}?存在的?(?:主要)?问题|.{0,10}?问题及改进",
    "6": r"其他需要报告|其他需报告",
}
SECTION_HEADING = re.compile(
    _ORDINAL
    + r"?(?:"
    + "|".join(f"(?P<s{sid}>{pattern})" for sid, pattern in _SECTION_KEYS.items())
    + ")"
)
_CN_ORD = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7"}


def section_heading(label: str) -> str | None:
    """The section id ("1".."6") when ``label`` (spaces removed) is a section heading.

    A heading starts the line, with or without its ordinal 「三、」; without one it must be the
    whole line (a sentence merely naming the part is not a heading). Parenthesised ordinals
    「（一）主动公开情况」 are sub-headings of section 一, never sections.
    """
    if not label or label[0] in "(（":
        return None
    m = SECTION_HEADING.match(label)
    if not m:
        return None
    sid = next(s for s in "123456" if m.group("s" + s))
    ordinal = m.group("ord") or m.group("num")
    rest = label[m.end() :]
    if ordinal is None:
        # Un-numbered: the line is the heading alone, worded like the template's titles,
        # which all end in 情况 or 事项 (「行政复议 行政诉讼」 is table 四's header).
        bare = label.rstrip(":：。. ")
        if len(label) > 24 or not bare.endswith(("情况", "事项")):
            return None
        if re.sub(r"[情况的工作事项:：。.\s]", "", rest):
            return None
        return sid
    ordinal_id = _CN_ORD.get(ordinal, ordinal)
    if ordinal_id != sid and len(rest) > 8:
        return None  # a numbered sentence that merely mentions the part
    return sid

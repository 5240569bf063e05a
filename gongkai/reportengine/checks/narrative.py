"""Numbers written in the text against the tables, and the fee report of section 六.

Free text is read conservatively: a sentence is used only when its wording is plain, and
silence is preferred over a false alarm (see docs/report-checks.md, R301).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..figures import SECTION_IDS, TEMPLATE_2021, TOTAL_COLUMN, Figures, Finding
from ..messages import Text
from .common import (
    ERROR,
    NOTICE,
    WARNING,
    all_numbers,
    finding,
    gettext_noop,
    is_number,
    text,
    total,
)
from .labels import row_label
from .tables import row_cells, table4_cells

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUM = r"(?P<n>\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万]+)"
FULLWIDTH = re.compile("[０-９]")
SPACE = re.compile(r"\s+")


def chinese_number(text: str) -> int | float | None:
    """``"21"`` → 21, ``"二十一"`` → 21, ``"一百零五"`` → 105, ``"两千三百"`` → 2300."""
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        return float(text)
    result = section = number = 0
    for char in text:
        if char in CN_DIGITS:
            number = CN_DIGITS[char]
        elif char in CN_UNITS:
            # "十二" starts with the unit: it means 一十二.
            section += (number or (1 if CN_UNITS[char] == 10 else 0)) * CN_UNITS[char]
            number = 0
        elif char == "万":
            result += (section + number) * 10000
            section = number = 0
        else:
            return None
    return result + section + number


@lru_cache(maxsize=64)
def normalise(text: str) -> str:
    """Join wrapped lines and spaced-out numbers ("申请 17 件"), full-width digits to ASCII."""
    text = SPACE.sub("", text)
    if FULLWIDTH.search(text):
        text = FULLWIDTH.sub(lambda m: str(ord(m.group()) - ord("０")), text)
    if "," in text:
        text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return text


def sentences(normalised: str) -> list[str]:
    """Sentences of an already :func:`normalise`-d text."""
    return [s for s in re.split(r"[。；;！!？?]", normalised) if s]


COUNT_TAIL = rf"(?:数量)?(?:为|是|共|共计|合计|总计|累计|计|达)*{NUM}(?P<approx>余|多)?件"

RECEIVED = re.compile(
    r"(?P<verb>收到|新收|受理|接收|接到)(?P<gap>[^，,：:（）()]{0,20}?)"
    r"(?:政府信息公开申请|信息公开申请|依申请公开申请)" + COUNT_TAIL
)
# 「全年未收到政府信息公开申请」 states 0; only when the clause ends there (not 「未收到…申请
# 引起的行政复议」).
NONE_RECEIVED = re.compile(
    r"(?:未|没有)(?P<verb>收到|受理|接到|接收)(?P<gap>[^，,：:（）()]{0,6}?)"
    r"(?:政府信息公开申请|信息公开申请|依申请公开申请|公开申请)(?=[，,。；;]|$)"
)
CARRIED = re.compile(r"上一?年度?结转(?:的)?(?:政府信息公开|依申请公开)?(?:申请)?" + COUNT_TAIL)
REVIEW = re.compile(r"行政复议(?:案件|申请)?" + COUNT_TAIL)
LITIGATION = re.compile(r"行政诉讼(?:案件)?" + COUNT_TAIL)
FEE_COLLECTED = re.compile(
    r"收取(?:了)?(?P<gap>[^，,。；]{0,10}?)信息处理费(?:共计|合计|总计|共|计|为)*"
    r"(?P<n>\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万]+)(?P<wan>万)?元"
)
FEE_DENIED = re.compile(r"(?:未|没有|无|不存在|暂无)[^，,。；]{0,10}?处理费")

# A sentence that compares with another year, or adds up several bodies, is not about this
# report's own table: skip it rather than risk a false alarm.
COMPARISON = re.compile(r"同比|环比|较上年|比上年|较去年|比去年|去年|上一年度")
# 「全市/全省…共收到」 in a government's report often counts every body of the area, while
# table 三 counts the government itself: a mismatch there is a scope, not an error.
AGGREGATE = re.compile(r"各(?!类)|所属|下属|系统内|全[省市区县州旗盟]")
GAP_OTHER_MATTER = re.compile(r"结转|咨询|热线|信访|留言|来信|投诉|政务服务")
SUBPART = re.compile(r"直接起诉|复议后|经复议")


@dataclass
class Mention:
    kind: str
    number: int | float
    quote: str


def mentions(figures: Figures) -> Iterator[Mention]:
    """Plain statements of the four figures in the text (reference §3.6; 30号 (三)(四))."""
    year = str(figures.year) if figures.year else None
    for sid in SECTION_IDS:
        text = figures.sections.get(sid)
        if not isinstance(text, str):
            continue
        for sentence in sentences(normalise(text)):
            if ("件" not in sentence and "申请" not in sentence) or COMPARISON.search(sentence):
                continue
            if year and any(y != year for y in re.findall(r"((?:19|20)\d\d)年", sentence)):
                continue
            about_disclosure = "信息公开" in sentence or sid == "4"
            for kind, pattern in (
                ("received", RECEIVED),
                ("received", NONE_RECEIVED),
                ("carried", CARRIED),
                ("review", REVIEW),
                ("litigation", LITIGATION),
            ):
                for match in pattern.finditer(sentence):
                    if "approx" in match.re.groupindex and match.group("approx"):
                        continue
                    before = sentence[: match.start()]
                    if AGGREGATE.search(before):
                        continue
                    if kind == "received" and GAP_OTHER_MATTER.search(match.group("gap")):
                        continue
                    if kind in ("review", "litigation") and not about_disclosure:
                        continue
                    if kind == "litigation" and SUBPART.search(before[-12:]):
                        continue
                    number = chinese_number(match.group("n")) if "n" in match.re.groupindex else 0
                    if number is None:
                        continue
                    # Quote from the start of the clause (at most 20 characters back).
                    start = max(before.rfind("，"), before.rfind(","), before.rfind("："))
                    start = max(start + 1, match.start() - 20)
                    quote = sentence[start : match.end()]
                    yield Mention(kind, number, quote)


def table_values(figures: Figures, kind: str) -> tuple[Text, list]:
    """What the tables say for a mention of ``kind``: a label and the accepted values."""
    t1 = row_cells(figures, "1")[TOTAL_COLUMN]
    t2 = row_cells(figures, "2")[TOTAL_COLUMN]
    t4 = table4_cells(figures)
    if kind == "received":
        # "受理…申请 N 件" often includes last year's carry-over: both readings are accepted,
        # so with the carry-over unread the text cannot be judged (None: the check is silent).
        accepted = [t1, total((t1, t2))] if all_numbers(t1, t2) else [t1, None]
        return text(TABLE3_TOTAL, row=row_label("1"), value=t1), accepted
    if kind == "carried":
        return text(TABLE3_TOTAL, row=row_label("2"), value=t2), [t2]
    if kind == "review":
        return text(gettext_noop("表四 行政复议·总计 为 {value}"), value=t4[4]), [t4[4]]
    direct, after = t4[9], t4[14]
    litigation = total((direct, after)) if all_numbers(direct, after) else None
    label = text(
        gettext_noop(
            "表四 行政诉讼总计（未经复议直接起诉 {direct} + 复议后起诉 {after}）为 {value}"
        ),
        direct=direct,
        after=after,
        value=litigation,
    )
    return label, [litigation]


TABLE3_TOTAL = gettext_noop("表三 {row}·总计 为 {value}")


KIND_HINTS = {
    "received": gettext_noop(
        "正文所写本年收到的申请数应与表三第一项“本年新收”的总计一致"
        "（如含上年结转，应写明）；统计口径不同时请在正文说明。"
    ),
    "carried": gettext_noop("正文所写上年结转数应与表三第二项“上年结转”的总计一致。"),
    "review": gettext_noop("正文所写行政复议案件数应与表四“行政复议·总计”一致。"),
    "litigation": gettext_noop("正文所写行政诉讼案件数应与表四两组行政诉讼的总计之和一致。"),
}


def check_narrative(figures: Figures) -> Iterator[Finding]:
    """R301: a number written in the text contradicts the tables.

    Fires only when no plain mention of that figure matches the table (a report may state
    one figure for several scopes) and the table value is known. Text read by OCR is not
    used: a misread digit in it would be a false alarm.
    """
    if figures.read_by_ocr:
        return
    found: dict[str, list[Mention]] = {}
    for mention in mentions(figures):
        found.setdefault(mention.kind, []).append(mention)
    for kind, items in found.items():
        label, accepted = table_values(figures, kind)
        if not all(is_number(v) for v in accepted):
            continue
        if any(m.number == v for m in items for v in accepted):
            continue
        first = items[0]
        yield finding(
            "R301",
            ERROR,
            "narrative",
            gettext_noop("正文“{quote}”写 {number} 件，而{table}"),
            KIND_HINTS[kind],
            quote=first.quote,
            number=first.number,
            table=label,
        )


def fee_amounts(normalised: str) -> list[float]:
    amounts = []
    if "处理费" not in normalised:
        return amounts
    for sentence in sentences(normalised):
        for match in FEE_COLLECTED.finditer(sentence):
            number = chinese_number(match.group("n"))
            if number is not None:
                amounts.append(number * (10000 if match.group("wan") else 1))
    return amounts


def check_fees(figures: Figures) -> Iterator[Finding]:
    """R401/R402: the 信息处理费 is reported in section 六 (30号 一(六); 国办函〔2020〕109号).

    R401 (warning): fee notices in table 三 (row （六）2 > 0, 2021 template) or a fee
    collected according to the text outside 六, but 六 does not report it (no mention of
    处理费, or it says none was collected while the text names an amount).
    R402 (notice, 2021 template): 六 says nothing at all about the 信息处理费.
    """
    six = figures.sections.get("6")
    if "6" not in figures.sections and "6" not in figures.section_order:
        return  # the missing section is R201's finding
    six_text = normalise(six if isinstance(six, str) else "")
    mentions_fee = "处理费" in six_text
    six_amounts = fee_amounts(six_text)
    six_denies = bool(FEE_DENIED.search(six_text)) or (bool(six_amounts) and max(six_amounts) == 0)

    notices = row_cells(figures, "3.6.2") if figures.template == TEMPLATE_2021 else [None] * 7
    notice_count = notices[TOTAL_COLUMN]
    if not is_number(notice_count):
        known = [v for v in notices[:TOTAL_COLUMN] if is_number(v)]
        notice_count = total(known) if known else None
    outside = [
        amount
        for sid, text in figures.sections.items()
        if sid != "6" and isinstance(text, str)
        if "费" in text
        for amount in fee_amounts(normalise(text))
    ]
    collected = max(outside, default=0)

    if not mentions_fee and is_number(notice_count) and notice_count > 0:
        yield finding(
            "R401",
            WARNING,
            "section6",
            gettext_noop(
                "表三（六）2（逾期未按收费通知缴费）为 {count} 件，说明发出过收费通知，"
                "但第六部分未报告信息处理费情况"
            ),
            gettext_noop(
                "30号要求在第六部分专门报告依据《政府信息公开信息处理费管理办法》"
                "（国办函〔2020〕109号）收取信息处理费的情况。"
            ),
            count=notice_count,
        )
    elif collected > 0 and (not mentions_fee or (six_denies and not any(six_amounts))):
        yield finding(
            "R401",
            WARNING,
            "section6",
            gettext_noop("正文写收取信息处理费 {amount} 元，但第六部分未提及信息处理费")
            if not mentions_fee
            else gettext_noop("正文写收取信息处理费 {amount} 元，但第六部分称未收取信息处理费"),
            gettext_noop(
                "30号要求在第六部分专门报告收取信息处理费的情况（国办函〔2020〕109号）；"
                "请使第六部分与正文一致。"
            ),
            amount=collected,
        )
    elif not mentions_fee and figures.template == TEMPLATE_2021:
        yield finding(
            "R402",
            NOTICE,
            "section6",
            gettext_noop("第六部分没有说明信息处理费的收取情况"),
            gettext_noop(
                "30号格式第六部分注明“收取信息处理费情况在此处报告”；没有收费的，"
                "宜写明“本年度未收取信息处理费”。"
            ),
        )

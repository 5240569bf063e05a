"""Flattened pages → lines: the "lines" stage for text that lost its line breaks.

Crawlers and some sites give a page's whole text as one line or a few very long lines: the
breadcrumb (「当前位置：首页 › 政务公开 › …」), share buttons, the report with its section
headings inline («…联系。一、总体情况2021年，我区…») and the tables' cells run together,
labels included («一、本年新收政府信息公开申请数量640020470二、上年结转…»). The later stages
(regions, tokens, alignment, figures) expect one printed line per line, so this stage cuts
such a line where the template says a new line begins:

* before a section heading (reference §3.2: an ordinal and the heading's words, the ordinal
  agreeing with the words) and after its title (up to 「情况」/「事项」);
* after each sentence (「。」), so that prose and tables part;
* inside a stretch that holds several of table 三's labels (reference §3.4), before each
  label, its ordinal included (「…00000002.其他法律…」: the 2 is the label's, the zeros the
  row above's); likewise before table 二's row labels and 第二十条 headers (§3.3);
* in the page head, before the web page's furniture (发布时间, 来源, 浏览次数, 微信 …) and
  after the title; at the end, before the signature date.

Digits run together inside a row stay together here: the tables' arithmetic splits them
later (:mod:`.split`). Only lines that are evidently flattened are touched, so a report
printed with its line breaks reads exactly as before.
"""

from __future__ import annotations

import re

from ..figures import SECTION_TITLES, SECTION_TITLES_2019
from .align import flat_map
from .document import Line
from .labels import _SECTION_KEYS, TABLE2_LABELS, table3_matches
from .numbers import norm

# A line this long, or holding two section headings, is a flattened page.
LONG_LINE = 600
SHORT_LINE = 40

_CN_ORD = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
# A heading inside running text: its ordinal must be the one its words belong to
# (「一、主动公开…」 in a sentence is not section 二).
_HEADING = re.compile(
    r"(?:第?(?P<ord>[一二三四五六])(?:部分)?[、.．])(?:"
    + "|".join(f"(?P<s{sid}>{pattern})" for sid, pattern in _SECTION_KEYS.items())
    + ")"
)
# A heading's title ends at its first 情况/事项 (all six template titles do).
_TITLE_END = re.compile(r"[^。:：]{0,40}?(?:情况|事项)[。:：]?")
_SENTENCE_END = re.compile(r"。")
# Web-page furniture in the page head (reference: docs/report-parsing.md, "Flattened pages").
_FURNITURE = re.compile(
    r"(?:当前位置|您的位置|你的位置|您当前的位置|发布时间|发布日期|成文日期|生成日期|发文日期|"
    r"信息来源|来源[:：]|浏览次数|访问次数|阅读次数|点击数|点击量|索引号|发布机构|发文机关|"
    r"文号[:：]|字号[:：]|字体[:：]?|【|\[|打印本页|打印|关闭窗口|关闭|分享到|分享|微信|微博|"
    r"QQ空间|扫一扫|[›»>]+)"
)
_TITLE = re.compile(r"(?:年度?报告|年报)(?![》”\"])")
# The signature date and the footer of the page after it.
_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FOOTER = re.compile(
    r"(?:主办单位|主办[:：]|承办单位|承办[:：]|版权所有|网站标识码|网站地图|联系我们|ICP备|"
    r"公网安备|技术支持|上一篇|下一篇|相关链接|【打印|扫一扫)"
)
# A page footer printed inside a PDF's table and joined into the text: 「— 5 —」.
_PAGE_FOOTER = re.compile(
    r"[—–]\s*\d{1,3}\s*[—–]|(?<=\s)-\s\d{1,3}\s-(?=\s)|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_ARTICLE20 = re.compile(r"第二十条")
_REVIEW = re.compile(r"行政复议")
_PREFACE = re.compile(r"根据《|按照《|依据《|本报告")
_TITLE_TAIL = re.compile(r"(?:报告|年报|情况|事项|工作|日)$")


def is_flattened(text: str) -> bool:
    """A line that holds what a printed page would put on many lines."""
    if len(text) >= LONG_LINE:
        return True
    if len(text) < SHORT_LINE:
        return False  # too short for two headings or three rows (the common case, kept fast)
    flat = text.replace(" ", "")
    heads = _headings(flat)
    if len(heads) >= 2:
        return True
    return len([m for m in table3_matches(flat) if m[0] == "row"]) >= 3


def reline(lines: list[Line]) -> list[Line]:
    """Cut the flattened lines of ``lines`` where the template says a new line begins."""
    flags = [_flattened(line) for line in lines]
    if not any(flags):
        return lines
    out: list[Line] = []
    last = len(lines) - 1
    for n, line in enumerate(lines):
        if not flags[n]:
            out.append(line)
            continue
        pieces = cut(norm(line.text), head=n == 0, tail=n == last)
        out.extend(Line(p, page=line.page) for p in pieces)
    return out


def _flattened(line: Line) -> bool:
    """A flattened line; a "row" whose cells are split at a share bar's 「|」 counts too."""
    if line.cells is None:
        return is_flattened(line.text)
    return any(is_flattened(c) for c in line.cells)


def cut(text: str, *, head: bool = True, tail: bool = True) -> list[str]:
    """The pieces of one flattened line (normalised text), in order."""
    text = _PAGE_FOOTER.sub(" ", text)
    flat, positions = flat_map(text)
    cuts: set[int] = set()
    first_heading = None
    for start, end in _headings(flat):
        first_heading = start if first_heading is None else first_heading
        cuts.add(start)
        title = _TITLE_END.match(flat, end)
        cuts.add(title.end() if title else end)
    for m in _SENTENCE_END.finditer(flat):
        cuts.add(m.end())
    _table_cuts(flat, cuts)
    if head:
        _head_cuts(flat, first_heading if first_heading is not None else len(flat), cuts)
    if tail:
        _tail_cuts(flat, cuts)
    bounds = sorted(c for c in cuts if 0 < c < len(flat))
    pieces = []
    prev = 0
    for c in [*bounds, len(flat)]:
        a = positions[prev] if prev < len(positions) else len(text)
        b = positions[c] if c < len(positions) else len(text)
        piece = text[a:b].strip()
        if piece:
            pieces.append(piece)
        prev = c
    return pieces


def _headings(flat: str) -> list[tuple[int, int]]:
    """(start, end) of the section headings standing in running text."""
    found = []
    for m in _HEADING.finditer(flat):
        sid = next(s for s in "123456" if m.group("s" + s))
        if _CN_ORD[m.group("ord")] != sid:
            continue
        before = flat[m.start() - 1 : m.start()]
        if before and not (before in '。:：;；!！?？)）"”」》 ' or before.isdigit()):
            # Mid-word ordinals (「统一、」) are not headings; after a table's digits or a
            # sentence they are.
            exact = flat.startswith(_TITLES, m.start())
            if _CJK.match(before) and not exact and not _ends_title(flat[: m.start()]):
                continue
        found.append((m.start(), m.end()))
    return found


# The template's titles (reference §3.2, §3.9): where one stands in full, it is the heading.
_TITLES = tuple(
    {norm(t).replace(" ", "") for t in (*SECTION_TITLES.values(), *SECTION_TITLES_2019.values())}
)


def _ends_title(before: str) -> bool:
    """The text before a heading ends a title, a previous section's title or furniture."""
    return bool(_TITLE_TAIL.search(before))


# Table 三's vertical heading 「三、本年度办理结果」 printed a character per line in a PDF:
# joined, its characters stand between a row's cells and the next label (「…5 年 （二）…」).
_INNER_DIGITS = re.compile(r"(?<![\d.第])\d{2,}(?=[\u4e00-\u9fff(\"“])")
_ORDINAL = re.compile(r"[一二三四五六七八九十]、")
_HEADER3_AGAIN = re.compile(r"申请人情况|自然人(?=商业企业|法人)")
_STRAY_BETWEEN = re.compile(r"\d([\u4e00-\u9fff、]{1,2})(?=\d)")
_STRAY = re.compile(r"[\u4e00-\u9fff]{1,2}$")


def _table_cuts(flat: str, cuts: set[int]) -> None:
    """Before each label of a stretch holding several of table 三's (or 二's) labels."""
    rows3 = table3_matches(flat)
    if len([m for m in rows3 if m[0] == "row"]) >= 3:
        previous = None
        for _kind, key, start, _end in rows3:
            if key != previous:  # 「其他法律行政」「法规禁止公开」: two keywords, one label
                cuts.add(_back_over_stray(flat, start))
            previous = key
        # Values inside a label (「…不4000004计其他情形)」: a PDF printed the values line
        # between the lines of a wrapped label) stand on a line of their own again, so the
        # aligner sees the layout the page had.
        lo, hi = rows3[0][2], rows3[-1][3]
        starts = {start for _, _, start, _ in rows3} | {
            _back_over_stray(flat, start) for _, _, start, _ in rows3
        }
        later = sorted(starts)
        for m in _INNER_DIGITS.finditer(flat, lo, hi + 40):
            nxt = next((s for s in later if s >= m.end()), len(flat))
            words = _DIGIT.split(flat[m.end() : nxt], maxsplit=1)[0]
            if len(words) < 3 or _ORDINAL.match(words):
                continue  # the row's cells, before the next label (or a vertical heading)
            cuts.add(m.start())
            cuts.add(m.end())
        for m in _STRAY_BETWEEN.finditer(flat, lo, hi + 40):
            cuts.add(m.start(1))  # a vertical heading's character between two rows' cells
            cuts.add(m.end(1))
        for m in _HEADER3_AGAIN.finditer(flat, lo, hi):
            cuts.add(m.start())  # the column header repeated after a page break
    rows2 = [m.start() for m in TABLE2_LABELS.finditer(flat)]
    rows2 += [m.start() for m in _ARTICLE20.finditer(flat)]
    if len(rows2) >= 3:
        for start in rows2:
            # 「行政规范性文件」: the row label starts at 行政, not at 规范性文件.
            if flat[start - 2 : start] == "行政" and flat.startswith("规范性文件", start):
                start -= 2
            cuts.add(start)
    for m in _REVIEW.finditer(flat):
        # Table 四's header starts a line (a sentence's 行政复议 follows its own words).
        if flat[m.start() - 1 : m.start()] in ("", "。") or flat[m.start() - 1].isdigit():
            cuts.add(m.start())


def _back_over_stray(flat: str, start: int) -> int:
    m = _STRAY.search(flat, max(0, start - 2), start)
    if m and m.start() > 0 and (flat[m.start() - 1].isdigit() or flat[m.start() - 1] == "/"):
        return m.start()
    return start


def _head_cuts(flat: str, limit: int, cuts: set[int]) -> None:
    """The page head: furniture words and the end of the title start new lines."""
    head_end = flat.find("。")
    limit = min(limit, head_end if head_end >= 0 else limit)
    for m in _FURNITURE.finditer(flat, 0, limit):
        cuts.add(m.start())
        if m.group(0)[0] in "›»>":
            cuts.add(m.end())
    for m in _TITLE.finditer(flat, 0, limit):
        cuts.add(m.end())
    # 「根据《中华人民共和国政府信息公开条例》…」 starts the preface.
    for m in _PREFACE.finditer(flat, 0, limit):
        cuts.add(m.start())


def _tail_cuts(flat: str, cuts: set[int]) -> None:
    """The signature: its date on a line of its own, the page footer after it."""
    last_stop = flat.rfind("。")
    tail_from = last_stop + 1 if last_stop >= 0 else max(0, len(flat) - 200)
    for m in _DATE.finditer(flat, tail_from):
        cuts.add(m.start())
        cuts.add(m.end())
    for m in _FOOTER.finditer(flat, tail_from):
        cuts.add(m.start())

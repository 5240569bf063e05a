"""Section splitting and the report's metadata (body, year, publication date).

Reference §3.2 (the six headings, and their variants §3.9); §1.4 for why the publication date
and the kind of body matter (the national deadlines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .document import Line
from .labels import section_heading
from .numbers import norm, squeeze


@dataclass(slots=True)
class Prepared:
    """A line of the publication with its normalised forms (computed once)."""

    index: int
    line: Line
    text: str  # normalised (NFKC, single spaces)
    flat: str  # normalised with every space removed


# Page furniture inside the body: 「- 3 -」, 「第3页」, 「第 3 页 共 6 页」.
_PAGE_NUMBER = re.compile(r"[-—–]\s*\d{1,3}\s*[-—–]|(?:第\d{1,3}页)?(?:[,/]?共\d{1,3}页)?")
# Web-page headers before the report (标题/来源/发布时间/字号/浏览次数 …).
_HEADER = re.compile(
    r"^(?:标题|来源|信息来源|发布时间|发布日期|发文日期|成文日期|生成日期|发布机构|发文机关|"
    r"发文机构|字号|文号|索引号|浏览次数|访问次数|阅读次数|点击数|点击量|访问量|作者|分类|"
    r"主题分类|主题词|公开方式|公开范围|有效性|生效日期|打印本页|关闭窗口|打印|关闭|"
    r"\(?字体|【|\[|分享)"
)
_HEADER_DATE = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|^日期)[:：]?")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "0000123456789")


def _cn_number(text: str) -> str:
    """「二〇二四年一月十九日」 → 「2024年1月19日」 (dates in signatures are often in words)."""

    def tens(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        return str((int(a) if a else 1) * 10 + (int(b) if b else 0))

    text = text.translate(_CN_DIGITS)
    return re.sub(r"(\d)?十(\d)?", tens, text)


def parse_date(text: str) -> date | None:
    """The first valid date in ``text`` (「2024年1月19日」, 「2024-01-19」, 「二〇二四年一月十九日」)."""
    for candidate in (text, _cn_number(text)):
        for m in _DATE.finditer(candidate):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def is_furniture(flat: str) -> bool:
    """Page numbers that interrupt the text of a PDF (「- 3 -」, 「第3页」)."""
    if flat.isdigit() or not (flat[:1] in "-—–第共," and flat[-1:] in "-—–页"):
        return False  # a bare number is a cell, never furniture here (pdf.py drops those)
    return (
        bool(flat) and _PAGE_NUMBER.fullmatch(flat) is not None and any(c.isdigit() for c in flat)
    )


def prepare(lines: list[Line]) -> list[Prepared]:
    """Normalise every line once, dropping empty lines and page numbers."""
    out: list[Prepared] = []
    for line in lines:
        text = norm(line.text)
        if not text and not line.cells:
            continue
        flat = squeeze(text)
        if is_furniture(flat):
            continue
        out.append(Prepared(len(out), line, text, flat))
    return out


@dataclass
class Layout:
    """Where each section starts and ends in the prepared lines."""

    # (section id, index of its heading line) in document order, TOC entries removed.
    headings: list[tuple[str, int]] = field(default_factory=list)

    def span(self, sid: str, total: int) -> tuple[int, int] | None:
        """[start, end) of the first section ``sid``'s body (after its heading)."""
        for pos, (s, idx) in enumerate(self.headings):
            if s == sid:
                end = self.headings[pos + 1][1] if pos + 1 < len(self.headings) else total
                return idx + 1, end
        return None

    @property
    def first(self) -> int | None:
        return self.headings[0][1] if self.headings else None


def find_sections(prepared: list[Prepared]) -> Layout:
    """The section headings (reference §3.2), dropping a table of contents at the top.

    A preface that lists the six parts as numbered lines gives each heading twice; a heading
    whose section is empty and which is repeated later is such a listing.
    """
    hits: list[tuple[str, int]] = []
    for p in prepared:
        if p.line.cells is not None and len(p.line.cells) > 1:
            continue  # a table row is never a heading (「四、结转下年度…」)
        sid = section_heading(p.flat)
        if sid is not None:
            hits.append((sid, p.index))
    # Runs of headings on consecutive lines: a listing of the parts when they come again.
    in_run = [False] * len(hits)
    start = 0
    for pos in range(1, len(hits) + 1):
        if pos == len(hits) or hits[pos][1] != hits[pos - 1][1] + 1:
            if pos - start >= 3:
                for k in range(start, pos):
                    in_run[k] = True
            start = pos
    kept: list[tuple[str, int]] = []
    for pos, (sid, idx) in enumerate(hits):
        nxt = hits[pos + 1][1] if pos + 1 < len(hits) else None
        listed = in_run[pos] or nxt == idx + 1
        again = any(hits[k][0] == sid and not in_run[k] for k in range(pos + 1, len(hits)))
        if listed and again:
            continue
        kept.append((sid, idx))
    return Layout(kept)


def section_texts(prepared: list[Prepared], layout: Layout, stop: int) -> dict[str, str]:
    """Each section's text as published (heading excluded), up to ``stop`` for the last."""
    texts: dict[str, str] = {}
    for pos, (sid, idx) in enumerate(layout.headings):
        end = layout.headings[pos + 1][1] if pos + 1 < len(layout.headings) else stop
        if sid in texts:
            continue
        body = [p.line.text.strip() for p in prepared[idx + 1 : end]]
        heading = prepared[idx]
        # A heading with text after it on the same line (crawled paragraphs run together).
        rest = section_rest(heading.flat)
        if rest:
            body.insert(0, rest)
        texts[sid] = "\n".join(t for t in body if t)
    return texts


def section_rest(flat: str) -> str:
    """Text after a heading on its own line, when a crawler joined heading and paragraph."""
    m = re.match(r"^[^。:：]{2,40}?情况[。:：]?(.+)$", flat)
    return m.group(1) if m and len(m.group(1)) > 10 else ""


# --- Metadata ------------------------------------------------------------------------------

_YEAR = r"((?:19|20)\d\d)"
_TITLE_PATTERNS = (
    # 淮安市人民政府2024年政府信息公开工作年度报告
    re.compile(
        r"^(?P<body>.+?)" + _YEAR + r"年度?的?(?:政府)?信息公开(?:工作)?年?度?(?:报告|年报)"
    ),
    # 和田县吾宗肖乡人民政府信息公开工作2023年度报告 / XX局政府信息公开工作2023年度报告
    re.compile(r"^(?P<body>.+?)(?:政府)?信息公开(?:工作)?" + _YEAR + r"年度?(?:报告|年报)"),
    # 2023年度XX局政府信息公开工作年度报告
    re.compile(r"^" + _YEAR + r"年度?(?P<body>.+?)(?:政府)?信息公开(?:工作)?年?度?(?:报告|年报)"),
)
_TITLE_LINE = re.compile(r"年度?报告|年报")
_PERIOD = re.compile(_YEAR + r"年1月1日(?:起)?(?:至|到|-|—|~)(?:" + _YEAR + r"年)?12月31日")
_SIG_BODY = re.compile(
    r"^[\u4e00-\u9fff()（）]{2,40}(?:政府|局|委员会|委|办公室|办公厅|厅|办|院|署|所|中心|"
    r"管委会|公署|事处|集团|公司|会|站|队|部)$"
)


@dataclass
class Meta:
    body: str | None = None
    year: int | None = None
    published_on: date | None = None
    title_end: int = 0  # first line after the title block
    signature_start: int | None = None  # first line of the closing signature, if any
    header_date: date | None = None


def _clean_body(body: str) -> str:
    body = re.sub(r"^(?:标题|题目)[:：]?", "", body)
    body = body.strip("《》<>\"“”'：:，,。 ")
    body = re.sub(r"^关于(?:印发|公布|发布)?", "", body)
    if body.endswith("人民"):
        body += "政府"  # 「…乡人民政府信息公开工作」: 政府 belongs to both words
    return body


def read_title(flats: list[str]) -> tuple[str | None, int | None, int]:
    """Body and year from the title block among the lines before section 一.

    The first line naming a 年度报告 that reads as a title wins; a breadcrumb 「当前位置：…年报」
    or a sentence only lends its year when no title is found.
    """
    fallback: int | None = None
    for i, flat in enumerate(flats):
        if not _TITLE_LINE.search(flat) or len(flat) > 80 or _CRUMB.match(flat):
            continue
        title = _cn_year(re.sub(r"^(?:标题|题目)[:：]", "", flat))
        start = i
        # A title set over two lines: the body stands alone on the line before.
        while start > 0 and len(title) < 60 and not _has_body_before_year(title):
            prev = flats[start - 1]
            if len(prev) > 30 or "。" in prev or _HEADER.match(prev) or _CRUMB.match(prev):
                break
            title = prev + title
            start -= 1
        years = re.findall(_YEAR + r"年", title)
        for pattern in _TITLE_PATTERNS:
            m = pattern.search(title)
            if m:
                body = _clean_body(m.group("body"))
                return (body or None), (int(years[0]) if years else None), i + 1
        if fallback is None and years:
            fallback = int(years[0])
    return None, fallback, 0


_CRUMB = re.compile(r"^(?:当前位置|您的位置|你的位置|您当前的位置|首页|位置)[:：>]?")


def _cn_year(text: str) -> str:
    return re.sub(
        r"[〇零○一二三四五六七八九]{4}(?=年)", lambda m: m.group(0).translate(_CN_DIGITS), text
    )


def _has_body_before_year(title: str) -> bool:
    m = re.search(_YEAR, title)
    head = title[: m.start()] if m else title
    head = re.sub(r"^(?:标题|题目)[:：]", "", head)
    return bool(re.sub(r"(?:政府)?信息公开(?:工作)?", "", head))


def read_meta(prepared: list[Prepared], first_heading: int | None) -> Meta:
    """Body, year and publication date (reference §1.4): title, header lines, signature."""
    meta = Meta()
    head_end = first_heading if first_heading is not None else min(len(prepared), 15)
    head = prepared[:head_end]
    for p in head:
        m = _HEADER_DATE.search(p.flat)
        if m:
            meta.header_date = meta.header_date or parse_date(p.flat[m.end() :])
    flats = [p.flat for p in head if not _HEADER.match(p.flat) or p.flat.startswith("标题")]
    meta.body, meta.year, _ = read_title(flats)
    # The signature: the body's name and a date on the last lines.
    tail = prepared[-4:]
    for back, p in enumerate(reversed(tail)):
        d = _full_date(p.flat)
        if d is None:
            continue
        meta.published_on = d
        idx = len(prepared) - 1 - back
        meta.signature_start = idx
        if idx > 0 and _SIG_BODY.match(prepared[idx - 1].flat):
            meta.signature_start = idx - 1
            if meta.body is None:
                meta.body = prepared[idx - 1].flat
        break
    if meta.published_on is None:
        meta.published_on = meta.header_date
    if meta.year is None:
        for p in prepared[: (first_heading or 0) + 40]:
            m = _PERIOD.search(p.flat)
            if m:
                meta.year = int(m.group(1))
                break
    return meta


def _full_date(flat: str) -> date | None:
    """A line that is only a date (the signature line)."""
    text = _cn_number(flat) if not any(c.isdigit() for c in flat) else flat
    m = re.fullmatch(r"((?:19|20)\d\d)[年./-](\d{1,2})[月./-](\d{1,2})日?", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def body_kind(body: str | None) -> str | None:
    """Kind of body for the publication deadline (reference §1.4), when the name tells it.

    A 「市人民政府」 may be a prefecture or a county-level city, so it stays unknown.
    """
    if not body:
        return None
    if re.search(r"(?:乡|镇|苏木)人民政府$|街道办事处$|街道$", body):
        return "township"
    if re.search(r"(?:省|自治区)人民政府$", body):
        return "province"
    if re.search(r"(?:自治州|盟)人民政府$|行政公署$|(?:北京|天津|上海|重庆)市人民政府$", body):
        return "province" if body.startswith(("北京", "天津", "上海", "重庆")) else "prefecture"
    if re.search(r"(?:县|区|旗)人民政府$", body):
        return "county"
    if re.search(r"人民政府$", body):
        return None
    if re.search(r"(?:局|委员会|委|办公室|办公厅|厅|办|院|署|所|中心|管委会)$", body):
        return "department"
    return None

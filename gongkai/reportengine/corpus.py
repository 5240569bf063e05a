"""A seeded generator of realistic annual reports with their true figures (issue 3 Figures).

``generate(n, seed)`` yields :class:`Sample`s: random but consistent reports (both
templates, realistic magnitudes, random bodies and years, section texts in the seed's
wording) rendered in every form with the noise real publications carry — spaces inside
labels, full-width digits, thousands separators, 标题/发布时间 headers, label variants
(「规范性文件」/「行政规范性文件」, 「…行政复议及行政诉讼情况」), a row left out, portal furniture
and GBK encoding for HTML, crawler text whose cells run together for the plain-text form —
together with the truth. The benchmark (bench/report_bench.py) and tests/test_corpus.py
measure the parser against it with :func:`score`.

Consistency follows reference §3.6: every row's 总计 is the sum of its six columns, 3.7 is
the sum of the outcome rows, rows 1 + 2 = 3.7 + 4 per column, each table-四 group's 总计 is
the sum of its parts; all counts non-negative whole numbers, the 万元 fee decimal.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from .figures import (
    SECTION_IDS,
    TEMPLATE_2019,
    Cell,
    Figures,
    outcome_row_ids,
    table2_layout,
    template_for_year,
)
from .parsing.document import Line
from .render import (
    Style,
    format_number,
    to_docx,
    to_html,
    to_markdown,
    to_text_cells,
    to_text_plain,
)

FORMS = ("text-cells", "text-plain", "markdown", "html", "docx")
SUFFIX = {
    "text-cells": ".txt",
    "text-plain": ".txt",
    "markdown": ".md",
    "html": ".html",
    "docx": ".docx",
}

_PROVINCES = ("江苏省", "浙江省", "四川省", "河南省", "湖南省", "新疆维吾尔自治区")
_CITIES = ("淮安市", "南通市", "绵阳市", "洛阳市", "怀化市", "和田地区")
_COUNTIES = ("洪泽区", "如皋市", "江油市", "孟津区", "沅陵县", "和田县", "盱眙县")
_TOWNS = ("吾宗肖乡", "岔河镇", "城关镇", "高良涧街道", "马厂镇", "老子山镇")
_DEPARTMENTS = (
    "财政局",
    "自然资源和规划局",
    "生态环境局",
    "市场监督管理局",
    "教育局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
)

# Section texts in the seed's wording ({body}, {year}, {n} filled in).
_TEXT_1 = (
    "{year}年度，{body}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实"
    "《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。\n"
    "（一）主动公开工作情况\n"
    "通过政府门户网站、政务新媒体等渠道及时发布政策文件、工作动态等信息。\n"
    "（二）依申请公开工作情况\n"
    "{year}年共收到政府信息公开申请{n}件，均在法定期限内依法答复。\n"
    "（三）政府信息管理工作情况\n"
    "严格落实公开前审查机制，动态调整主动公开基本目录。\n"
    "（四）政府信息公开平台建设情况\n"
    "持续优化政府信息公开专栏，确保栏目内容及时更新。\n"
    "（五）政府信息公开监督保障机制建设情况\n"
    "成立政务公开工作领导小组，定期开展自查，未发生责任追究情况。"
)
_TEXT_5 = (
    "（一）人员力量配备还不够充分，负责信息公开的人员还承担其他业务工作。\n"
    "（二）公开载体还比较滞后，主要通过公示栏、会议等传统方式公开。\n"
    "下一步，将加强业务培训，拓展公开渠道，提升政府信息公开工作质量。"
)
_TEXT_6_NONE = (
    "本机关按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》"
    "（国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。"
)
_TEXT_6_FEE = "{year}年，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费共计{fee}元。"

# How applications split across applicants and outcomes (weights, from real reports).
_COLUMN_WEIGHTS = (80, 8, 1, 2, 3, 6)
_OUTCOME_WEIGHTS = {
    "3.1": 40,
    "3.2": 8,
    "3.3.1": 1,
    "3.3.2": 1,
    "3.3.3": 1,
    "3.3.4": 2,
    "3.3.5": 1,
    "3.3.6": 2,
    "3.3.7": 1,
    "3.3.8": 1,
    "3.4.1": 25,
    "3.4.2": 4,
    "3.4.3": 2,
    "3.5.1": 4,
    "3.5.2": 3,
    "3.5.3": 1,
    "3.5.4": 1,
    "3.5.5": 1,
    "3.6": 3,
    "3.6.1": 2,
    "3.6.2": 1,
    "3.6.3": 1,
}

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Sample:
    """One generated publication and the figures it truly holds."""

    name: str
    form: str
    data: bytes
    truth: Figures
    # Where the truth itself is None because the publication leaves the part out.
    omitted: set[str] = field(default_factory=set)


def _split(rng: random.Random, total: int, weights) -> list[int]:
    """Split ``total`` into len(weights) non-negative parts, roughly by weight."""
    parts = [0] * len(weights)
    left = total
    remaining = sum(weights)
    for i, w in enumerate(weights):
        if i == len(weights) - 1 or left == 0:
            parts[i] = left
            break
        share = left * w / remaining if remaining else 0
        take = min(left, max(0, round(share * rng.uniform(0.3, 1.7))))
        parts[i] = take
        left -= take
        remaining -= w
    return parts


def _magnitude(rng: random.Random) -> int:
    """Applications a body receives in a year: many none, most few, some thousands."""
    if rng.random() < 0.3:
        return 0
    return int(math.exp(rng.uniform(0, math.log(6000))))


def random_body(rng: random.Random) -> tuple[str, str]:
    """A body name and its kind (reference §1.4 deadline classes)."""
    kind = rng.choice(("township", "department", "department", "county", "prefecture", "province"))
    city, county = rng.choice(_CITIES), rng.choice(_COUNTIES)
    if kind == "township":
        return f"{county}{rng.choice(_TOWNS)}人民政府", kind
    if kind == "department":
        return f"{rng.choice((city, county))}{rng.choice(_DEPARTMENTS)}", kind
    if kind == "county":
        return f"{county}人民政府", kind
    if kind == "prefecture":
        return f"{city}人民政府", kind
    return f"{rng.choice(_PROVINCES)}人民政府", kind


def random_figures(rng: random.Random, year: int | None = None) -> Figures:
    """A consistent report (reference §3.6 rules 1–4) for a random body and year."""
    year = year or rng.randint(2019, 2025)
    template = template_for_year(year)
    body, kind = random_body(rng)
    fig = Figures.zeros(template, year=year, body=body, body_kind=kind)
    fig.published_on = date(year + 1, 1, 8) + timedelta(days=rng.randint(0, 20))
    outcomes = outcome_row_ids(template)
    weights = [_OUTCOME_WEIGHTS[rid] for rid in outcomes]
    new = _split(rng, _magnitude(rng), _COLUMN_WEIGHTS)
    for c in range(6):
        carried_in = rng.randint(0, max(new[c] // 10, 0)) if rng.random() < 0.4 else 0
        carried_out = (
            rng.randint(0, max((new[c] + carried_in) // 8, 0)) if rng.random() < 0.4 else 0
        )
        handled = new[c] + carried_in - carried_out
        fig.table3["1"][c] = new[c]
        fig.table3["2"][c] = carried_in
        fig.table3["4"][c] = carried_out
        for rid, value in zip(outcomes, _split(rng, handled, weights), strict=True):
            fig.table3[rid][c] = value
        fig.table3["3.7"][c] = handled
    for row in fig.table3.values():
        row[6] = sum(row[:6])
    table4 = []
    for _ in range(3):
        parts = [rng.choice((0, 0, 0, 1, 2, 3, 5)) for _ in range(4)]
        table4 += parts + [sum(parts)]
    fig.table4 = table4
    fig.table2 = _random_table2(rng, template)
    fig.section_order = list(SECTION_IDS)
    n = fig.table3["1"][6]
    fee = rng.choice((0, 0, 0, 100, 400, 1250))
    fig.sections = {
        "1": _TEXT_1.format(year=year, body=body, n=n),
        "2": "",
        "3": "",
        "4": "",
        "5": _TEXT_5,
        "6": (_TEXT_6_FEE.format(year=year, fee=fee) if fee else _TEXT_6_NONE),
    }
    return fig


def _random_table2(rng: random.Random, template: str) -> dict:
    table2: dict = {}
    for key, (_, cols) in table2_layout(template).items():
        if key in ("fees_wan_yuan",):
            table2[key] = rng.choice((0, 0, round(rng.uniform(0, 9000), 2), rng.randint(1, 900)))
        elif key == "procurement":
            table2[key] = [rng.randint(0, 60), round(rng.uniform(0, 5000), 2)]
        elif len(cols) == 1:
            table2[key] = rng.choice((0, rng.randint(0, 50), rng.randint(0, 20000)))
        elif key in ("rules", "normative_documents"):
            made = rng.randint(0, 12)
            table2[key] = [made, rng.randint(0, made), made + rng.randint(0, 80)]
        else:
            values = [rng.randint(0, 300), rng.randint(0, 20), rng.randint(0, 5000)]
            table2[key] = values[: len(cols)]
    return table2


# --- Noise -------------------------------------------------------------------------------


def _spaced(rng: random.Random, text: str) -> str:
    """「三、 本年 度办 理结 果」: spaces inside a label, as crawlers leave them."""
    if len(text) < 4:
        return text
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        i = rng.randint(1, len(chars) - 1)
        chars.insert(i, " ")
    return "".join(chars)


def noisy_style(rng: random.Random, fig: Figures, form: str) -> tuple[Style, set[str]]:
    """A random :class:`Style` for one sample, and the table-三 rows it leaves out."""
    spaces = rng.random() < 0.3
    full_width = rng.random() < 0.2
    thousands = rng.random() < 0.3
    variant_norm = rng.random() < 0.4
    variant_four = rng.random() < 0.2

    def label(text: str) -> str:
        if variant_norm:
            if fig.template == TEMPLATE_2019 and text == "规范性文件":
                text = "行政规范性文件"
            elif text == "行政规范性文件":
                text = "规范性文件"
        if variant_four and text == "四、政府信息公开行政复议、行政诉讼情况":
            text = "四、政府信息公开行政复议及行政诉讼情况"
        if spaces and rng.random() < 0.15:
            text = _spaced(rng, text)
        return text

    def number(value: Cell) -> str:
        text = format_number(value)
        if thousands and isinstance(value, int) and value >= 1000:
            text = f"{value:,}".replace(",", rng.choice((",", "，")))
        if full_width and rng.random() < 0.5:
            text = text.translate(_FULL_WIDTH)
        return text

    omit: set[str] = set()
    if rng.random() < 0.1:
        zero_rows = [
            rid
            for rid in outcome_row_ids(fig.template)
            if rid not in ("3.1", "3.2") and not any(fig.table3[rid])
        ]
        if zero_rows:
            omit.add(rng.choice(zero_rows))
    run_together: set[str] = set()
    if form == "text-plain" and rng.random() < 0.3:
        run_together = set(rng.sample(("1", "2", "3.1", "3.4.1", "3.7", "4", "table4"), 2))
    style = Style(
        number=number,
        label=label,
        omit_rows=frozenset(omit),
        page_header=rng.random() < 0.5,
        run_together=frozenset(run_together),
    )
    return style, omit


_FURNITURE_TOP = (
    '<div class="top-bar">无障碍浏览 | 长者模式 | 登录</div>\n'
    '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>'
    "<li>政府信息公开年报</li></ul></div>\n"
    '<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>\n'
    '<script>var _hmt = _hmt || []; document.write("2024");</script>\n'
    "<style>.content td {{ border: 1px solid #000; }}</style>\n"
    '<div class="info">发布时间：{date}&nbsp;&nbsp;来源：{body}&nbsp;&nbsp;浏览次数：1024</div>\n'
)
_FURNITURE_BOTTOM = (
    '<div class="share">分享到：微信 微博</div>\n'
    '<div class="footer">主办单位：{body} 网站标识码：3208130001 '
    "苏ICP备05001234号-1 联系电话：0517-87654321</div>\n"
)


def wrap_page(page: str, fig: Figures) -> str:
    """Put a rendered report inside a portal page's furniture."""
    date_text = fig.published_on.isoformat() if fig.published_on else ""
    top = _FURNITURE_TOP.format(date=date_text, body=fig.body or "")
    bottom = _FURNITURE_BOTTOM.format(body=fig.body or "")
    page = page.replace("<body>", "<body>\n" + top + '<div class="content" id="zoom">', 1)
    return page.replace("</body>", "</div>\n" + bottom + "</body>", 1)


def render_sample(fig: Figures, form: str, rng: random.Random, name: str) -> Sample:
    """Render ``fig`` in ``form`` with random noise; the truth reflects left-out rows."""
    style, omit = noisy_style(rng, fig, form)
    if form == "text-cells":
        data = to_text_cells(fig, style).encode(rng.choice(("utf-8", "utf-8", "gb18030")))
    elif form == "text-plain":
        data = to_text_plain(fig, style).encode("utf-8")
    elif form == "markdown":
        data = to_markdown(fig, style).encode("utf-8")
    elif form == "html":
        gbk = rng.random() < 0.4
        page = wrap_page(to_html(fig, style, charset="gbk" if gbk else "utf-8"), fig)
        data = page.encode("gb18030" if gbk else "utf-8")
    elif form == "docx":
        data = to_docx(fig, style)
    else:
        raise ValueError(form)
    truth = Figures.from_dict(fig.to_dict())
    for rid in omit:
        truth.table3[rid] = [None] * 7
    return Sample(name, form, data, truth, {f"table3.{rid}" for rid in omit})


def generate(n: int, seed: int = 0, forms=FORMS) -> Iterator[Sample]:
    """``n`` reports per form, reproducible from ``seed``."""
    rng = random.Random(seed)
    for i in range(n):
        for form in forms:
            fig = random_figures(rng)
            yield render_sample(fig, form, rng, f"gen_{form}_{i:05d}{SUFFIX[form]}")


# --- Scoring ----------------------------------------------------------------------------


@dataclass
class Score:
    """Cells read against the truth over a corpus (issue 3 Figures: share read correctly)."""

    cells: int = 0
    correct: int = 0
    wrong: int = 0  # a number different from the truth: must be 0
    none_with_finding: int = 0
    none_without_finding: int = 0
    wrong_where: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.correct / self.cells if self.cells else 0.0

    def add(self, other: Score) -> None:
        self.cells += other.cells
        self.correct += other.correct
        self.wrong += other.wrong
        self.none_with_finding += other.none_with_finding
        self.none_without_finding += other.none_without_finding
        self.wrong_where += other.wrong_where


def _cells(fig: Figures) -> Iterator[tuple[str, str, Cell]]:
    """(where, row where, value) for every cell of tables 二, 三 and 四 of the truth layout."""
    for key, (_, cols) in table2_layout(fig.template).items():
        value = fig.table2.get(key)
        if len(cols) == 1:
            yield f"table2.{key}", f"table2.{key}", value if not isinstance(value, list) else None
        else:
            values = value if isinstance(value, list) else [None] * len(cols)
            for i in range(len(cols)):
                yield f"table2.{key}[{i}]", f"table2.{key}", values[i] if i < len(values) else None
    for rid, row in fig.table3.items():
        for c in range(7):
            yield f"table3.{rid}[{c}]", f"table3.{rid}", row[c] if c < len(row) else None
    for i in range(15):
        yield f"table4[{i}]", "table4", fig.table4[i] if i < len(fig.table4) else None


def score(parsed: Figures, truth: Figures, name: str = "") -> Score:
    """Compare every cell of ``parsed`` with ``truth``; a None must carry a finding at the
    cell, its row or its table."""
    result = Score()
    wheres = {f.where for f in parsed.findings}
    got = {where: value for where, _, value in _cells(parsed)}
    for where, row_where, expected in _cells(truth):
        result.cells += 1
        value = got.get(where)
        if value is None:
            if expected is None:
                result.correct += 1
            elif where in wheres or row_where in wheres or row_where.split(".")[0] in wheres:
                result.none_with_finding += 1
            else:
                result.none_without_finding += 1
        elif expected is not None and value == expected:
            result.correct += 1
        else:
            result.wrong += 1
            result.wrong_where.append(f"{name}:{where} {value!r}≠{expected!r}")
    return result


# --- Flattened variants (docs/report-parsing.md, "Flattened pages") -----------------------

_SEPARATORS = str.maketrans({" ": None, "\t": None, "|": None, "\u3000": None})


def flatten(lines: list[Line], *, strip: bool = False) -> str:
    """A report's lines as a crawler gives them: one line, cells run together.

    ``strip`` also removes every space and cell separator, so that a row's cells become one
    run of digits (「…申请数量640020470二、上年结转…」).
    """
    texts = [" ".join(c for c in line.cells if c) if line.cells else line.text for line in lines]
    text = "".join(texts)
    return text.translate(_SEPARATORS) if strip else text


def reader_lines(data: bytes, suffix: str = "") -> list[Line]:
    """The lines a reader gives for ``data`` (the stage before the assembler)."""
    from .parsing import _lines_for, _sniff
    from .parsing.text import text_lines

    lines = _lines_for(data, _sniff(data, suffix), suffix)
    return text_lines(lines) if isinstance(lines, str) else lines

"""The assembler: publication lines → :class:`~..figures.Figures`.

Every reader reduces its input to :class:`.document.Line` objects in reading order; this one
function turns them into the figures structure: sections and metadata
(:mod:`.sections`), the template (reference §3.9), and tables 二, 三 and 四 (:mod:`.tables`).
It never invents a number: a cell it cannot read is None with a P-finding
(docs/report-parsing.md).
"""

from __future__ import annotations

from ..figures import TEMPLATE_2019, TEMPLATE_2021, Figures, Severity, template_for_year
from ..messages import gettext_noop
from . import ReportUnreadable
from .document import Line
from .labels import HEADER4, NEW_TABLE2, OLD_BLOCK9, OLD_TABLE2, TABLE2_LABELS
from .relines import reline
from .sections import Layout, Prepared, body_kind, find_sections, prepare, read_meta, section_texts
from .tables import (
    fill_table2,
    fill_table3,
    fill_table4,
    has_subrows6,
    table3_items,
    table3_region,
)


class NotAReport(ReportUnreadable):
    """Nothing in the lines looks like an annual report (no heading, no table)."""


def _first(prepared: list[Prepared], start: int, end: int, test) -> int | None:
    for p in prepared[start:end]:
        if test(p):
            return p.index
    return None


def _next_heading(layout: Layout, after: int, total: int) -> int:
    for _, idx in layout.headings:
        if idx > after:
            return idx
    return total


def _regions(prepared: list[Prepared], layout: Layout):
    """[start, end) of the table regions, from the headings or, without them, from anchors."""
    n = len(prepared)
    s2, s3, s4 = layout.span("2", n), layout.span("3", n), layout.span("4", n)

    if s3 is not None:
        t3 = s3
    else:
        from .labels import HEADER3, table3_matches

        start = _first(
            prepared, 0, n, lambda p: bool(HEADER3.search(p.flat) or table3_matches(p.flat))
        )
        t3 = (start, _next_heading(layout, start, n)) if start is not None else (n, n)
    table3_start = table3_region(prepared, *t3)
    t3_first = table3_start[0].index if table3_start else t3[0]

    if s4 is not None:
        t4 = s4
        t3 = (t3[0], min(t3[1], s4[0] - 1))
    else:
        start = _first(prepared, t3_first, n, lambda p: bool(HEADER4.search(p.flat)))
        if start is not None:
            t4 = (start, _next_heading(layout, start, n))
            t3 = (t3[0], min(t3[1], start))
        else:
            t4 = (n, n)

    if s2 is not None:
        t2 = (s2[0], min(s2[1], t3[0]) if s3 is None and t3[0] > s2[0] else s2[1])
    else:
        start = _first(prepared, 0, t3_first, lambda p: "第二十条" in p.flat)
        if start is None:
            start = _first(prepared, 0, t3_first, lambda p: bool(TABLE2_LABELS.match(p.flat)))
        t2 = (start, min(t3[0], t3_first)) if start is not None else (0, 0)
    return t2, t3, t4


def detect_template(region2_text: str, items3, year: int | None) -> tuple[str, str]:
    """The template by reference §3.9, in priority order; returns (template, evidence)."""
    new, old = NEW_TABLE2.search(region2_text), OLD_TABLE2.search(region2_text)
    if new and not old:
        return TEMPLATE_2021, "table2"
    if old and not new:
        return TEMPLATE_2019, "table2"
    if OLD_BLOCK9.search(region2_text):
        return TEMPLATE_2019, "block9"
    if has_subrows6(items3):
        return TEMPLATE_2021, "table3"
    if year is not None:
        return template_for_year(year), "year"
    return TEMPLATE_2021, "default"


def assemble(lines: list[Line], *, source: str | None = None) -> Figures:
    """Turn a publication's lines into its figures (issue 3 item 3).

    Raises :class:`NotAReport` when nothing in the lines looks like a report.
    """
    prepared = prepare(reline(lines))
    n = len(prepared)
    layout = find_sections(prepared)
    meta = read_meta(prepared, layout.first)
    t2, t3, t4 = _regions(prepared, layout)

    region3 = table3_region(prepared, *t3)
    items3 = table3_items(region3)
    region2 = prepared[t2[0] : t2[1]]
    template, evidence = detect_template("".join(p.flat for p in region2), items3, meta.year)
    if not layout.headings and not region2 and not items3 and t4[0] >= n:
        raise NotAReport("未能识别为政府信息公开工作年度报告：找不到章节标题，也找不到任何统计表")

    fig = Figures(
        template=template,
        year=meta.year,
        body=meta.body,
        published_on=meta.published_on,
        body_kind=body_kind(meta.body),
        source=source,
    )
    stop = meta.signature_start if meta.signature_start is not None else n
    fig.sections = section_texts(prepared, layout, stop)
    fig.section_order = [sid for sid, _ in layout.headings]
    fill_table2(fig, region2)
    fill_table3(fig, items3)
    fill_table4(fig, prepared[t4[0] : t4[1]])

    if any(line.ocr for line in lines):
        from .confirm import confirm_ocr

        fig.read_by_ocr = True
        confirm_ocr(fig)
        fig.add(
            "P031",
            Severity.NOTICE,
            "meta.read_by_ocr",
            gettext_noop(
                "报告是扫描件（图像），文字由 OCR 识别读出；只采用了表内勾稽关系能核实的数字"
            ),
            gettext_noop("扫描件无法逐字核对；请尽量发布带文字层的 PDF 或网页。"),
        )
    if evidence == "default":
        fig.add(
            "P020",
            Severity.NOTICE,
            "meta.template",
            gettext_noop("无法从表格或年度判断报告格式，按2021年格式读取"),
        )
    if fig.year is None:
        fig.add(
            "P021", Severity.UNREAD, "meta.year", gettext_noop("未能从标题或统计期限中读出报告年度")
        )
    if fig.body is None:
        fig.add(
            "P023", Severity.NOTICE, "meta.body", gettext_noop("未能从标题或落款中读出发布机关")
        )
    if fig.published_on is None:
        fig.add(
            "P022",
            Severity.NOTICE,
            "meta.published_on",
            gettext_noop("报告中未找到发布日期（落款日期或发布时间），无法核对是否按期公布"),
        )
    return fig


def parse_text(text: str, *, source: str | None = None) -> Figures:
    """Plain text (the " |" scrape, or text without separators) → figures."""
    from .text import text_lines

    return assemble(text_lines(text), source=source)

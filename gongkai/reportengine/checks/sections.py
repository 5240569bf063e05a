"""The report's outline: its six sections and its template (R2xx codes)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..figures import SECTION_IDS, SECTION_TITLES, TEMPLATES, Figures, Finding, template_for_year
from .common import ERROR, WARNING, finding
from .labels import SECTION_NUMERALS, template_label


def present_sections(figures: Figures) -> set[str]:
    """Section ids whose heading the report carries (from the order list or the texts)."""
    return set(figures.section_order) | {k for k in figures.sections}


def check_required_sections(figures: Figures) -> Iterator[Finding]:
    """R201: each of the six sections 一…六 is present (条例 Art. 50; 30号 一、报告内容).

    A section that an earlier finding already concerns (e.g. the parser could not read it)
    is not reported again.
    """
    present = present_sections(figures)
    known = {f.where for f in figures.findings}
    for sid in SECTION_IDS:
        if sid in present or f"section{sid}" in known:
            continue
        yield finding(
            "R201",
            ERROR,
            f"section{sid}",
            f"缺少第{SECTION_NUMERALS[sid]}部分“{SECTION_TITLES[sid]}”",
            "年度报告应包括条例第五十条规定、30号格式列出的全部六个部分，不能遗漏；"
            "没有内容的部分也应保留标题并说明情况。",
        )


def check_extra_sections(figures: Figures) -> Iterator[Finding]:
    """R202: a section heading printed twice, or a section outside 一…六 (30号 格式)."""
    counts = Counter(figures.section_order)
    for sid in SECTION_IDS:
        if counts[sid] > 1:
            yield finding(
                "R202",
                WARNING,
                f"section{sid}",
                f"第{SECTION_NUMERALS[sid]}部分的标题出现了 {counts[sid]} 次",
                "每个部分只应出现一次；请检查是否重复粘贴或标题编号有误。",
            )
    extra = [s for s in dict.fromkeys([*figures.section_order, *figures.sections])]
    for sid in extra:
        if sid in SECTION_IDS:
            continue
        yield finding(
            "R202",
            WARNING,
            f"section{sid}",
            f"报告含有格式之外的第 {sid} 部分",
            "30号格式只有一至六六个部分；其他需要报告的事项应写入第六部分。",
        )


def check_section_order(figures: Figures) -> Iterator[Finding]:
    """R203: the six sections appear in the template's order 一, 二, …, 六 (30号 格式)."""
    seen = [s for s in dict.fromkeys(figures.section_order) if s in SECTION_IDS]
    if seen == sorted(seen):
        return
    first_wrong = next(a for a, b in zip(seen, sorted(seen), strict=True) if a != b)
    shown = "、".join(SECTION_NUMERALS[s] for s in seen)
    yield finding(
        "R203",
        WARNING,
        f"section{first_wrong}",
        f"各部分的顺序为 {shown}，应为一至六依次排列",
        "请按30号格式的顺序排列六个部分。",
    )


def check_template(figures: Figures) -> Iterator[Finding]:
    """R204: the template fits the report year (reference §3.1).

    2019 and 2020 reports use the 试行 format of 国办公开办函〔2019〕60号; reports for 2021
    on use 国办公开办函〔2021〕30号. Earlier years had no national template: not checked.
    """
    if figures.template not in TEMPLATES:
        yield finding(
            "R204",
            ERROR,
            "meta.template",
            f"未知的报告格式“{figures.template}”",
            "格式只能是 2021（30号）或 2019（60号试行）。",
        )
        return
    if not isinstance(figures.year, int) or isinstance(figures.year, bool):
        return
    if figures.year < 2019:
        return  # before the 2019 条例 there was no national template to match
    expected = template_for_year(figures.year)
    if figures.template != expected:
        yield finding(
            "R204",
            ERROR,
            "meta.template",
            f"{figures.year} 年度报告使用了{template_label(figures.template)}，"
            f"应使用{template_label(expected)}",
            "2019、2020 年度报告用60号试行格式；2021 年度起用30号格式（表二、表三（六）不同）。",
        )

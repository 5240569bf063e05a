"""The report's outline: its six sections and its template (R2xx codes)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..figures import SECTION_IDS, SECTION_TITLES, TEMPLATES, Figures, Finding, template_for_year
from .common import ERROR, WARNING, finding, gettext_noop, is_number
from .labels import SECTION_NUMERALS, template_label


def present_sections(figures: Figures) -> set[str]:
    """Section ids whose heading the report carries (from the order list or the texts)."""
    return set(figures.section_order) | {k for k in figures.sections}


# Words that show a section's content is in the report although its heading was not found
# (the reader may have missed a heading printed in an odd way; reference §3.2 for what each
# section holds). Tables 二, 三 and 四 are sections 二, 三 and 四's content.
_CONTENT_WORDS = {
    "1": re.compile(r"总体情况"),
    "2": re.compile(r"第二十条|主动公开政府信息情况"),
    "3": re.compile(r"本年新收|收到和处理政府信息公开申请|依申请公开"),
    "4": re.compile(r"结果维持|尚未审结|复议后起诉"),
    "5": re.compile(r"存在的?(?:主要)?问题|问题及改进|改进情况"),
    "6": re.compile(r"其他需要报告|信息处理费"),
}
# Fewer headings than this found: the reader did not get the report's outline at all.
MIN_SECTIONS_READ = 3


def _table_read(figures: Figures, sid: str) -> bool:
    """Whether the table of section ``sid`` (二, 三, 四) has a number that was read."""
    if sid == "2":
        values = figures.table2.values() if isinstance(figures.table2, dict) else []
        return any(
            is_number(v) or (isinstance(v, list) and any(is_number(x) for x in v)) for v in values
        )
    if sid == "3":
        rows = figures.table3.values() if isinstance(figures.table3, dict) else []
        return any(is_number(v) for row in rows if isinstance(row, list) for v in row)
    if sid == "4":
        return any(is_number(v) for v in (figures.table4 or []))
    return False


def content_evident(figures: Figures, sid: str) -> bool:
    """A section whose heading is missing but whose content is evidently there: its table
    was read, or its words stand in the text of another section."""
    if _table_read(figures, sid):
        return True
    text = "".join(t for t in figures.sections.values() if isinstance(t, str))
    return bool(_CONTENT_WORDS[sid].search(text))


def check_required_sections(figures: Figures) -> Iterator[Finding]:
    """R201/R205/R206: each of the six sections 一…六 is present (条例 Art. 50; 30号 一).

    An error (R201) only when the report's outline was read and the section's content is
    nowhere: where fewer than three headings were found the outline was not read (R205,
    one warning); where the heading is missing but the content is evidently there, its table
    read or its words in the text, the heading may be printed in a way we did not recognise
    (R206, warning). A section that an earlier finding already concerns is not reported.
    """
    present = present_sections(figures)
    known = {f.where for f in figures.findings}
    missing = [s for s in SECTION_IDS if s not in present and f"section{s}" not in known]
    if not missing:
        return
    if len(present & set(SECTION_IDS)) < MIN_SECTIONS_READ or figures.read_by_ocr:
        # (OCR may garble a heading past recognition: a scan's outline is not judged.)
        shown = "、".join(SECTION_NUMERALS[s] for s in missing)
        yield finding(
            "R205",
            WARNING,
            f"section{missing[0]}",
            gettext_noop(
                "未能读出报告的章节结构（未找到第{parts}部分的标题），无法核对六个部分是否齐全"
            ),
            gettext_noop("可能是网页或转换后的文字丢失了标题格式；请对照原件核对六个部分。"),
            parts=shown,
        )
        return
    for sid in missing:
        if content_evident(figures, sid):
            yield finding(
                "R206",
                WARNING,
                f"section{sid}",
                gettext_noop("未找到第{part}部分“{title}”的标题，但报告中有该部分的内容"),
                gettext_noop("标题可能印法特殊或被并入上一段；请确认标题完整、单独成行。"),
                part=SECTION_NUMERALS[sid],
                title=SECTION_TITLES[sid],
            )
            continue
        yield finding(
            "R201",
            ERROR,
            f"section{sid}",
            gettext_noop("缺少第{part}部分“{title}”"),
            gettext_noop(
                "年度报告应包括条例第五十条规定、30号格式列出的全部六个部分，不能遗漏；"
                "没有内容的部分也应保留标题并说明情况。"
            ),
            part=SECTION_NUMERALS[sid],
            title=SECTION_TITLES[sid],
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
                gettext_noop("第{part}部分的标题出现了 {count} 次"),
                gettext_noop("每个部分只应出现一次；请检查是否重复粘贴或标题编号有误。"),
                part=SECTION_NUMERALS[sid],
                count=counts[sid],
            )
    extra = [s for s in dict.fromkeys([*figures.section_order, *figures.sections])]
    for sid in extra:
        if sid in SECTION_IDS:
            continue
        yield finding(
            "R202",
            WARNING,
            f"section{sid}",
            gettext_noop("报告含有格式之外的第 {part} 部分"),
            gettext_noop("30号格式只有一至六六个部分；其他需要报告的事项应写入第六部分。"),
            part=sid,
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
        gettext_noop("各部分的顺序为 {order}，应为一至六依次排列"),
        gettext_noop("请按30号格式的顺序排列六个部分。"),
        order=shown,
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
            gettext_noop("未知的报告格式“{template}”"),
            gettext_noop("格式只能是 2021（30号）或 2019（60号试行）。"),
            template=str(figures.template),
        )
        return
    if not isinstance(figures.year, int) or isinstance(figures.year, bool):
        return
    if figures.read_by_ocr:
        return  # a year read by OCR may be misread; a scan's template is not judged
    if figures.year < 2019:
        return  # before the 2019 条例 there was no national template to match
    expected = template_for_year(figures.year)
    if figures.template != expected:
        yield finding(
            "R204",
            ERROR,
            "meta.template",
            gettext_noop("{year} 年度报告使用了{used}，应使用{expected}"),
            gettext_noop(
                "2019、2020 年度报告用60号试行格式；2021 年度起用30号格式（表二、表三（六）不同）。"
            ),
            year=str(figures.year),
            used=template_label(figures.template),
            expected=template_label(expected),
        )

"""Checks across two reports of one body for consecutive years (R5xx, R7xx)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..figures import Figures, Finding
from .common import NOTICE, WARNING, all_numbers, finding, gettext_noop, text
from .labels import COLUMN_SHORT
from .tables import row_cells

# Section 五 texts at least this similar (difflib ratio, after dropping years, numbers and
# punctuation) and at least this long are "nearly identical".
SIMILARITY = 0.9
MIN_LENGTH = 60


def check_pair(earlier: Figures, later: Figures) -> list[Finding]:
    """Findings for ``later`` given the same body's report for the year before.

    R501 (warning): row 二 (上年结转) of the later report equals row 四 (结转下年度) of the
    earlier one, per column (reference §3.6 rule 5; a plausibility check, not a printed rule).
    R701 (notice): section 五 is nearly identical to last year's (30号 一(五): 不得出现…
    年年雷同现象).
    Returns nothing when both years are known and not consecutive.
    """
    if isinstance(earlier.year, int) and isinstance(later.year, int):
        if later.year != earlier.year + 1:
            return []
    findings: list[Finding] = []
    previous = (
        text(gettext_noop("{year} 年度报告"), year=str(earlier.year))
        if earlier.year
        else text(gettext_noop("上年度报告"))
    )
    carried = row_cells(later, "2")
    left = row_cells(earlier, "4")
    for column in range(7):
        if not all_numbers(carried[column], left[column]):
            continue
        if carried[column] != left[column]:
            findings.append(
                finding(
                    "R501",
                    WARNING,
                    f"table3.2[{column}]",
                    gettext_noop(
                        "表三 二、上年结转·{column} 为 {carried}，"
                        "而{previous}的 四、结转下年度·{column} 为 {left}"
                    ),
                    gettext_noop(
                        "本年的“上年结转”应等于上年报告的“结转下年度继续办理”；"
                        "如上年数字有误或口径调整，宜在正文说明。"
                    ),
                    column=COLUMN_SHORT[column],
                    carried=carried[column],
                    previous=previous,
                    left=left[column],
                )
            )
    ratio = similarity(later.sections.get("5"), earlier.sections.get("5"))
    if ratio is not None:
        if ratio >= SIMILARITY:
            findings.append(
                finding(
                    "R701",
                    NOTICE,
                    "section5",
                    gettext_noop("第五部分与{previous}的第五部分几乎相同（相似度 {ratio}）"),
                    gettext_noop(
                        "30号要求第五部分实事求是、明确具体，不得出现敷衍了事甚至年年雷同现象。"
                    ),
                    previous=previous,
                    ratio=f"{ratio:.0%}",
                )
            )
    return findings


def similarity(text: object, other: object) -> float | None:
    """How alike two section texts are (difflib ratio of their :func:`_plain` forms, 0…1);
    None when either is shorter than ``MIN_LENGTH`` characters (too short to judge)."""
    a, b = _plain(text), _plain(other)
    if min(len(a), len(b)) < MIN_LENGTH:
        return None
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _plain(text: object) -> str:
    """Text without whitespace, punctuation, digits and year words, for comparison."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"[\s\d０-９\W_]|年度?", "", text)

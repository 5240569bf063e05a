"""The 救济 paragraph of an outgoing letter, computed from the outcome, the body and the date.

Plain Python (no Django): the Django side (``gongkai.letters.bodies``) turns an ``Agency`` and
its relief profile into :class:`BodyFacts`, and passes the 复议前置 policy in from settings.

The rules, all from the 2023 revision of the 行政复议法 (in force 2024-01-01; reference
practice.md §3.7, whose table quotes the full text):

* Art. 20 ¶1: review may be applied for within **60 days** of knowing the act; ¶3: a letter
  that does not state the right, the 复议机关 and the period lets the period run from when the
  person learns them (up to one year), so every decision carries a complete paragraph.
* 行政诉讼法 Art. 46: litigation within **6 months** of knowing the act (practice.md §3.7).
* Art. 23 ¶1(四): "申请政府信息公开，行政机关不予公开" must go to review first (复议前置), and
  ¶2 obliges the body to say so in the letter. Which outcome rows count as "不予公开" is
  UNCONFIRMED beyond the 不予公开 rows themselves (practice.md §3.7): the caller passes the
  set (setting ``GONGKAI_RELIEF_REVIEW_FIRST``, default :data:`DEFAULT_REVIEW_FIRST`).
* The 复议机关 (Art. 24, 27, 28):
  - Art. 24 ¶1(一): a 县级以上地方人民政府 department → 本级人民政府;
  - Art. 24 ¶1(二): a 下一级人民政府 (a 乡镇, a county, a prefecture) → the government above;
  - Art. 24 ¶1(三): a 派出机关 (街道办事处) → the government that set it up;
  - Art. 24 ¶4: a department's 派出机构 acting in its own name → 本级人民政府;
  - Art. 24 ¶2: a province's own act → the province itself;
  - Art. 27: 海关、金融、外汇管理 and other 垂直领导 bodies, 税务 and 国家安全 → 上一级主管部门;
  - Art. 28: a 司法行政部门 acting as the review office → 本级人民政府 *or* the 上一级司法行政部门.
* Art. 22 ¶2: a decision served through the internet must name an internet channel for
  filing the review application.

Decisions made before 2024-01-01 fell under the 1999 law ("上一级主管部门或者本级人民政府"):
this module refuses them rather than print the old sentence (practice.md §3.4).
"""

from __future__ import annotations

import enum
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from gongkai.reportengine.figures import TEMPLATE_2021, outcome_row_ids

# Each fact once (practice.md §3.7).
REVIEW_DAYS = 60  # 行政复议法 Art. 20 ¶1
LITIGATION_MONTHS = 6  # 行政诉讼法 Art. 46
LAW_IN_FORCE = date(2024, 1, 1)  # 行政复议法 Art. 90

OUTCOMES: tuple[str, ...] = outcome_row_ids(TEMPLATE_2021)  # 3.1 … 3.6.3

# Rows that are "不予公开" under 行政复议法 Art. 23 ¶1(四) for certain: 部分公开 (a partial
# refusal is a refusal of the part, practice.md §3.7: "Any (even partial) 不予公开") and the
# eight 不予公开 rows. Whether 无法提供 / 不予处理 rows count is UNCONFIRMED: configurable.
DEFAULT_REVIEW_FIRST: frozenset[str] = frozenset(
    {"3.2", *(row for row in OUTCOMES if row.startswith("3.3."))}
)


class BodyKind(enum.StrEnum):
    """What the body is, as the 行政复议法 distinguishes it (Art. 24, 27, 28)."""

    PROVINCE = "province"  # 省级人民政府: Art. 24 ¶2
    PREFECTURE = "prefecture"  # 设区的市级人民政府: Art. 24 ¶1(二)
    COUNTY = "county"  # 县级人民政府: Art. 24 ¶1(二)
    TOWNSHIP = "township"  # 乡镇人民政府 (not 县级以上): Art. 24 ¶1(二)
    DEPARTMENT = "department"  # 县级以上地方人民政府工作部门: Art. 24 ¶1(一)
    SUBDISTRICT = "subdistrict"  # 派出机关 (街道办事处): Art. 24 ¶1(三)
    AGENCY_OFFICE = "agency_office"  # 部门的派出机构: Art. 24 ¶4


class ReliefError(ValueError):
    """The paragraph cannot be computed; the message (Chinese) says what data is missing."""


@dataclass(frozen=True)
class BodyFacts:
    """What the relief rules need to know about the answering body.

    ``government``: the people's government the body belongs to (本级人民政府) when the body is
    not itself a government, else the government immediately above it; empty for a province.
    ``superior_department``: the 上一级主管部门 of a vertically managed body (Art. 27), or the
    上一级司法行政部门 of a 司法行政部门 (Art. 28). ``review_body``: a name entered by the body
    that replaces the computed one (a local arrangement the rules above do not foresee).
    ``online_channel``: the review body's internet filing address (Art. 22 ¶2).
    """

    name: str
    kind: BodyKind
    government: str = ""
    superior_department: str = ""
    vertical: bool = False
    judicial_admin: bool = False
    review_body: str = ""
    online_channel: str = ""


@dataclass(frozen=True)
class Relief:
    review_bodies: tuple[str, ...]
    review_first: bool
    articles: tuple[str, ...]
    text: str


def review_bodies(body: BodyFacts) -> tuple[tuple[str, ...], str]:
    """The 复议机关 (one, or two to choose from under Art. 28) and the article that names them
    (行政复议法 Art. 24, 27, 28; practice.md §3.7)."""
    if body.review_body:
        return (body.review_body,), "本机关登记的复议机关"
    if body.vertical:
        if not body.superior_department:
            raise ReliefError(
                f"{body.name}实行垂直领导，但未登记上一级主管部门，无法确定行政复议机关"
                "（行政复议法第二十七条）。"
            )
        return (body.superior_department,), "行政复议法第二十七条"
    if body.kind is BodyKind.PROVINCE:
        return (body.name,), "行政复议法第二十四条第二款"
    if not body.government:
        raise ReliefError(
            f"{body.name}未登记所属人民政府，无法确定行政复议机关（行政复议法第二十四条）。"
        )
    if body.judicial_admin:
        if not body.superior_department:
            raise ReliefError(
                f"{body.name}为司法行政部门，但未登记上一级司法行政部门（行政复议法第二十八条）。"
            )
        return (body.government, body.superior_department), "行政复议法第二十八条"
    article = {
        BodyKind.DEPARTMENT: "行政复议法第二十四条第一款第（一）项",
        BodyKind.PREFECTURE: "行政复议法第二十四条第一款第（二）项",
        BodyKind.COUNTY: "行政复议法第二十四条第一款第（二）项",
        BodyKind.TOWNSHIP: "行政复议法第二十四条第一款第（二）项",
        BodyKind.SUBDISTRICT: "行政复议法第二十四条第一款第（三）项",
        BodyKind.AGENCY_OFFICE: "行政复议法第二十四条第四款",
    }[body.kind]
    return (body.government,), article


def relief(
    outcome: str,
    body: BodyFacts,
    decided_on: date,
    *,
    review_first_outcomes: Collection[str] = DEFAULT_REVIEW_FIRST,
    document: str = "本答复",
    online: bool = False,
) -> Relief:
    """The relief paragraph for a decision ``outcome`` (a report row 3.1 … 3.6.3) of ``body``
    made on ``decided_on`` (行政复议法 Art. 20, 22 ¶2, 23, 24, 27, 28; 行政诉讼法 Art. 46;
    practice.md §3.7).

    ``online``: the letter is served through the internet, so the review body's online channel
    must be named (Art. 22 ¶2); without one on record the paragraph cannot be computed.
    """
    if outcome not in OUTCOMES:
        raise ReliefError(f"办理结果 {outcome} 不是年度报告表三的办理结果行（3.1 至 3.6.3）。")
    if decided_on < LAW_IN_FORCE:
        raise ReliefError(
            "2024年1月1日以前作出的决定适用修订前的行政复议法，本系统不生成其救济告知。"
        )
    names, article = review_bodies(body)
    review_first = outcome in review_first_outcomes
    where = "或者".join(names)
    articles = ["行政复议法第二十条", article]
    if review_first:
        articles.append("行政复议法第二十三条第一款第（四）项、第二款")
        text = (
            f"如对{document}不服，应当自收到{document}之日起{REVIEW_DAYS}日内先向{where}"
            "申请行政复议；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        )
    else:
        articles.append("行政诉讼法第四十六条")
        text = (
            f"如对{document}不服，可以自收到{document}之日起{REVIEW_DAYS}日内向{where}"
            f"申请行政复议，也可以自收到{document}之日起{LITIGATION_MONTHS}个月内"
            "依法向人民法院提起行政诉讼。"
        )
    if online:
        if not body.online_channel:
            raise ReliefError(
                f"本文书通过互联网送达，但未登记{names[0]}的互联网行政复议申请渠道"
                "（行政复议法第二十二条第二款）。"
            )
        articles.append("行政复议法第二十二条第二款")
        text += f"行政复议申请也可以通过互联网提交：{body.online_channel}。"
    return Relief(names, review_first, tuple(articles), text)

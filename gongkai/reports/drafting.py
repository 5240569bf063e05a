"""Drafts of the report's free-text sections 一, 五 and 六 from the records (国办公开办函
〔2021〕30号: section 一 reports 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障; 五
the problems and their improvement; 六 other matters, among them the 信息处理费).

The writers are pure: they take the engine's ``Figures`` (tables 三, 四) and the
:class:`~.draft_facts.RecordFacts`, and every number goes through :func:`.textcheck.say`,
whose phrase the check reads back (R302/R303). What the records cannot state is left as a
〔…〕 placeholder for the clerk (R304 until it is completed). The clerk edits everything.
"""

from __future__ import annotations

from dataclasses import replace

from gongkai.reportengine.figures import Figures

from .draft_facts import RecordFacts, record_facts
from .textcheck import _row_total, say

# The headings of section 一's five parts (reference §3.2, the national template's wording).
PART_PROACTIVE = "（一）主动公开"
PART_ON_REQUEST = "（二）依申请公开"
PART_MANAGEMENT = "（三）政府信息管理"
PART_PLATFORM = "（四）平台建设"
PART_SUPERVISION = "（五）监督保障"

DRAFTED = ("1", "5", "6")


def _names(lines, limit: int = 6) -> str:
    shown = [f"{c.kind}“{c.name}”" if c.name != c.kind else c.kind for c in lines[:limit]]
    return "、".join(shown) + ("等" if len(lines) > limit else "")


def draft_proactive(fig: Figures, f: RecordFacts) -> str:
    """一(一): catalog items published in the year (条例 Art. 19-21) and the channels'
    posts (the seed's «共计…各类稿件300余篇» style; gongkai.channels.counting)."""
    parts = []
    if f.published_items:
        text = f"{f.year}年度，{f.body}在政府信息公开目录中{say('items', f.published_items)}"
        sup = f.extra.get("supervision")
        if sup is not None and sup.new_kinds:
            text += f"，新增{'、'.join(sup.new_kinds)}等内容"
        parts.append(text)
    else:
        parts.append(f"{f.year}年度，{f.body}未在政府信息公开目录中发布政府信息")
    posting = [c for c in f.channels if c.count]
    if posting:
        count = say("posts", f.posts_total, approximate=f.posts_approximate)
        parts.append(f"通过{_names(posting)}等渠道{count}")
    return "；".join(parts) + "。"


def draft_on_request(fig: Figures, f: RecordFacts) -> str:
    """一(二): applications received, carried over, closed by outcome and carried forward
    (table 三, 30号; reference §3.4), and the review and litigation cases (table 四)."""
    received, carried = _row_total(fig, "1"), _row_total(fig, "2")
    head = f"{f.year}年，{f.body}"
    if not received and not carried:
        text = head + "未收到政府信息公开申请，无上年结转的政府信息公开申请"
    else:
        text = (
            f"{head}本年新收政府信息公开申请{received}件，"
            f"上年结转政府信息公开申请{carried}件；{say('closed', _row_total(fig, '3.7'))}"
        )
        outcomes = [
            ("open", "3.1"),
            ("partly", "3.2"),
            ("withheld", "3.3"),
            ("unable", "3.4"),
            ("not_handled", "3.5"),
            ("other", "3.6"),
        ]
        said = [say(key, _row_total(fig, rid)) for key, rid in outcomes if _row_total(fig, rid)]
        if said:
            text += "，其中" + "、".join(said)
        text += f"；{say('forward', _row_total(fig, '4'))}"
    t4 = fig.table4
    review, litigation = t4[4], (t4[9] or 0) + (t4[14] or 0)
    if review or litigation:
        cases = (
            f"。因政府信息公开工作被申请行政复议{review}件、被提起行政诉讼{litigation}件"
            "（详见第四部分）"
        )
    else:
        cases = "。本年度未发生因政府信息公开工作引起的行政复议、行政诉讼"
    return text + cases + "。"


def draft_platform(fig: Figures, f: RecordFacts) -> str:
    """一(四): the portal column, 政务新媒体 and offline points from the channels register
    (国办发〔2017〕47号, 国办发〔2018〕123号; practice §5.5)."""
    active = [c for c in f.channels if c.active]
    portals = [c for c in active if c.portal]
    media = [c for c in active if c.new_media]
    offline = [c for c in active if c.offline]
    parts = []
    if portals:
        parts.append(f"{f.body}依托{_names(portals)}开设政府信息公开专栏，作为公开的第一平台")
    elif f.column_url:
        # A body without a website of its own (seed report, section 五) still has its column
        # of four entries on this platform (条例 Art. 23, practice §5).
        parts.append(
            f"{f.body}通过政府信息公开平台开设本机关政府信息公开专栏（{f.column_url}），"
            "发布政府信息公开指南、制度、法定主动公开内容和年度报告，作为公开的第一平台"
        )
    else:
        parts.append(f"{f.body}〔请写明政府信息公开的主要平台（本级或上级政府门户网站专栏）〕")
    if media:
        parts.append(f"运行{_names(media)}等政务新媒体")
    if offline:
        parts.append(f"设置{_names(offline)}等线下公开渠道")
    if f.stale_channels:
        parts.append(f"其中{'、'.join(f.stale_channels)}更新不及时，已列入整改")
    return "；".join(parts) + "。"


def section_one(fig: Figures, f: RecordFacts) -> str:
    """Section 一 in its five parts; (三) and (五) from gongkai.supervision.facts."""
    from gongkai.supervision.facts import draft_management, draft_supervision

    sup = f.extra.get("supervision")
    # 一(一) already states the items published and the new kinds: (三) keeps the rest.
    management = draft_management(replace(sup, published=0)) if sup else "〔请填写〕"
    return "\n".join(
        [
            PART_PROACTIVE,
            draft_proactive(fig, f),
            PART_ON_REQUEST,
            draft_on_request(fig, f),
            PART_MANAGEMENT,
            management,
            PART_PLATFORM,
            draft_platform(fig, f),
            PART_SUPERVISION,
            draft_supervision(sup) if sup else "〔请填写〕",
        ]
    )


def section_five(fig: Figures, f: RecordFacts) -> str:
    """五 存在的主要问题及改进情况: a skeleton from the facts (late answers, Art. 33; stale
    accounts, 国办秘函〔2019〕19号; self-inspection problems not yet fixed) that the clerk
    completes. 30号: specific, "不得出现敷衍了事甚至年年雷同现象"."""
    problems = []
    late = f.overdue_closed + f.overdue_open
    if late:
        problems.append(
            f"依申请公开答复时效有待提高，本年超过法定期限答复或至年底仍{say('late', late)}"
            "（条例第三十三条）。〔请说明原因〕"
        )
    if f.stale_channels:
        problems.append(
            f"政务新媒体管理不够规范，{'、'.join(f.stale_channels)}"
            f"存在{f.extra.get('stale_days', 14)}天以上未更新的情况。"
        )
    unfixed = f.problems_found - f.problems_fixed
    if unfixed > 0:
        problems.append(
            f"政务公开{say('problems', f.problems_found)}，截至年底尚有{unfixed}个未整改到位。"
            "〔请写明问题〕"
        )
    if not problems:
        problems.append("〔请据实写明本年政府信息公开工作存在的具体问题〕")
    numerals = "一二三四五六七八九十"
    lines = ["（一）存在的主要问题"]
    lines += [f"{i + 1}.{p}" for i, p in enumerate(problems)]
    lines += [
        "（二）改进情况",
        "〔请针对上述问题逐项写明已采取和将采取的改进措施，做到实事求是、明确具体〕",
    ]
    if f.government:
        account = (
            f"本年度对政府信息公开工作责任追究{f.accountability}人次。"
            if f.accountability
            else "本年度未产生政府信息公开工作责任追究。"
        )
        lines += [
            f"（{numerals[2]}）工作考核、社会评议和责任追究结果情况",
            f"〔请填写工作考核和社会评议结果〕{account}",
        ]
    return "\n".join(lines)


FEE_BASIS = (
    "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"
)


def section_six(fig: Figures, f: RecordFacts) -> str:
    """六 其他需要报告的事项: the 信息处理费 (30号: "收取信息处理费情况在此处报告"; the
    seed's sentence when none was charged) from the fee records (国办函〔2020〕109号)."""
    if f.fees_collected:
        text = (
            f"本机关按照{FEE_BASIS}规定的按件、按量收费标准，本年度{say('fee_notices', f.fee_notices)}，"
            f"{say('fees', f.fees_collected)}。"
        )
    elif f.fee_notices:
        text = (
            f"本机关按照{FEE_BASIS}规定的按件、按量收费标准，本年度{say('fee_notices', f.fee_notices)}，"
            "申请人均未缴费，未实际收取信息处理费。"
        )
    else:
        text = f"本机关按照{FEE_BASIS}规定的按件、按量收费标准，本年度没有产生信息公开处理费。"
    return text + "\n本年度无其他需要报告的事项。"


WRITERS = {"1": section_one, "5": section_five, "6": section_six}


def draft_sections(agency, year: int, fig: Figures, sids=DRAFTED) -> dict[str, str]:
    """The drafts of ``sids`` for ``agency``'s report on ``year``; ``fig`` is the report's
    figures (overrides included) so the text and the tables say the same."""
    facts = record_facts(agency, year)
    return {sid: WRITERS[sid](fig, facts) for sid in sids}


def draft_section_one(agency, year: int) -> str:
    """Section 一 drafted from the records (kept for callers of the first version)."""
    from .compute import report_figures

    return draft_sections(agency, year, report_figures(agency, year), ("1",))["1"]

"""The facts of annual-report section 一(三) 政府信息管理 and 一(五) 监督保障, and their draft text.

国办公开办函〔2021〕30号 一(一) (reference §3.1): 总体情况 covers 主动公开, 依申请公开,
政府信息管理, 政府信息公开平台建设 and 监督保障; for 各级人民政府 监督保障 includes the
工作考核、社会评议和责任追究结果情况 (条例 Art. 50(四)). 30号 asks for "实事求是、明确具体".

``section_one_facts(agency, year)`` reads the records once and returns plain values;
``draft_management(facts)`` and ``draft_supervision(facts)`` are pure and write Chinese
sentences in the conventional style from those values only. They say «未收到…投诉» and
«未产生…责任追究» only when the records hold none. ``draft_section_one(agency, year)`` is what
the annual report's draft calls (docs/supervision.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# 条例 Art. 20 items as reports name the kind of information (for «新增规划信息、统计信息…»).
ART20_KINDS = {
    1: "规范性文件",
    2: "机构职能信息",
    3: "规划信息",
    4: "统计信息",
    5: "行政许可等办理结果",
    6: "行政处罚和行政强制信息",
    7: "财政预决算信息",
    8: "行政事业性收费信息",
    9: "政府集中采购信息",
    10: "重大建设项目信息",
    11: "扶贫、教育、医疗、社会保障、促进就业信息",
    12: "突发公共事件应对信息",
    13: "监督检查信息",
    14: "公务员招考信息",
    15: "其他应主动公开的信息",
}


@dataclass(frozen=True)
class SectionOneFacts:
    body: str  # the short name reports use («吾宗肖乡»)
    year: int
    leading_group: bool = False
    leading_group_leader: str = ""
    leading_group_new: bool = False  # established in the year
    office: str = ""
    staff_dedicated: int = 0
    staff_part_time: int = 0
    rules: tuple[str, ...] = ()  # titles of the rules in force at year end
    rules_new: tuple[str, ...] = ()  # adopted in the year
    trainings: int = 0
    training_attendance: int = 0  # 人次
    training_topics: tuple[str, ...] = ()
    inspections: int = 0
    problems_found: int = 0
    problems_fixed: int = 0
    corrections: tuple[str, ...] = ()  # what was put right, as recorded
    consultations: int = 0
    consultations_by_channel: tuple[tuple[str, int], ...] = ()  # (channel label, count)
    consultations_applied: int = 0
    complaints: int = 0
    complaints_by_finding: tuple[tuple[str, int], ...] = ()  # (成立/不成立/部分成立/办理中, n)
    complaints_corrected: int = 0
    accountability: int = 0
    accountability_measures: tuple[tuple[str, int], ...] = ()
    reassessed: int = 0
    released: int = 0
    new_kinds: tuple[str, ...] = ()  # Art. 20 kinds published this year, none before
    published: int = 0


def _counted(values) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def section_one_facts(agency, year: int) -> SectionOneFacts:
    """The counts and facts of ``agency``'s records dated in ``year`` (国办公开办函〔2021〕30号
    一(一); 条例 Art. 3, 4, 18, 46-48, 51-53). No personal data: names of callers, complainants
    and persons held accountable never leave the records."""
    from gongkai.catalog.models import CatalogItem, Regulation

    from .models import (
        Accountability,
        Complaint,
        Consultation,
        Finding,
        LeadingGroup,
        OfficeStaff,
        Reassessment,
        SelfInspection,
        Training,
    )

    end = datetime.date(year, 12, 31)
    group = LeadingGroup.objects.filter(agency=agency, established_on__lte=end).first()
    staff = [s for s in OfficeStaff.objects.filter(agency=agency) if s.serves_in(year)]
    rules = Regulation.objects.filter(agency=agency).exclude(adopted_on__gt=end)
    trainings = list(Training.objects.filter(agency=agency).of_year(year))
    inspections = SelfInspection.objects.filter(agency=agency).of_year(year)
    findings = Finding.objects.filter(inspection__in=inspections)
    # An inspection whose problems are typed as text only counts its 整改 text as one fix.
    text_only = [i for i in inspections if i.corrected and not i.findings.exists()]
    consultations = list(Consultation.objects.filter(agency=agency).of_year(year))
    complaints = list(Complaint.objects.filter(agency=agency).of_year(year))
    accountability = list(Accountability.objects.filter(agency=agency).of_year(year))
    reassessed = Reassessment.objects.filter(item__agency=agency, decided_on__year=year)
    published = CatalogItem.objects.filter(agency=agency).published()
    this_year = set(
        published.of_year(year).exclude(art20_item=None).values_list("art20_item", flat=True)
    )
    before = set(
        published.filter(published_on__lt=datetime.date(year, 1, 1))
        .exclude(art20_item=None)
        .values_list("art20_item", flat=True)
    )
    return SectionOneFacts(
        body=agency.short_name or agency.name,
        year=year,
        leading_group=group is not None,
        leading_group_leader=group.leader if group else "",
        leading_group_new=bool(group and group.established_on.year == year),
        office=agency.office_name,
        staff_dedicated=sum(1 for s in staff if s.kind == OfficeStaff.Kind.DEDICATED),
        staff_part_time=sum(1 for s in staff if s.kind == OfficeStaff.Kind.PART_TIME),
        rules=tuple(r.title for r in rules),
        rules_new=tuple(r.title for r in rules if r.adopted_on and r.adopted_on.year == year),
        trainings=len(trainings),
        training_attendance=sum(t.participant_count for t in trainings),
        training_topics=tuple(t.topic for t in sorted(trainings, key=lambda t: t.on)),
        inspections=inspections.count(),
        problems_found=findings.count() + len(text_only),
        problems_fixed=findings.exclude(fixed_on=None).count() + len(text_only),
        corrections=tuple(
            i.corrected for i in sorted(inspections, key=lambda i: i.on) if i.corrected
        ),
        consultations=len(consultations),
        consultations_by_channel=_counted(c.get_channel_display() for c in consultations),
        consultations_applied=sum(1 for c in consultations if c.application_id),
        complaints=len(complaints),
        complaints_by_finding=_counted(
            c.get_finding_display() if c.finding else "办理中" for c in complaints
        ),
        complaints_corrected=sum(1 for c in complaints if c.correction),
        accountability=len(accountability),
        accountability_measures=_counted(a.measure for a in accountability),
        reassessed=reassessed.count(),
        released=reassessed.filter(decision=Reassessment.Decision.RELEASED).count(),
        new_kinds=tuple(ART20_KINDS[n] for n in sorted(this_year - before)),
        published=published.of_year(year).count(),
    )


def _list(pairs, unit: str) -> str:
    return "、".join(f"{label}{n}{unit}" for label, n in pairs)


def _titles(titles) -> str:
    return "、".join(f"《{t}》" for t in titles)


def draft_management(f: SectionOneFacts) -> str:
    """一(三) 政府信息管理: what was published, what became public after review (条例 Art. 18),
    what self-inspections put right in the catalog."""
    parts = []
    if f.published:
        text = f"{f.year}年度，{f.body}在政府信息公开目录中主动公开政府信息{f.published}条"
        if f.new_kinds:
            text += f"，新增{'、'.join(f.new_kinds)}等内容"
        parts.append(text)
    if f.reassessed:
        text = f"对依申请公开和不予公开的政府信息开展定期评估审查{f.reassessed}件"
        text += (
            f"，其中因情势变化转为主动公开{f.released}件"
            if f.released
            else "，经审查均维持原公开属性"
        )
        parts.append(text)
    else:
        parts.append("本年度未对不予公开的政府信息开展定期评估审查")
    return "；".join(parts) + "。"


def draft_supervision(f: SectionOneFacts) -> str:
    """一(五) 监督保障: organisation, rules, self-inspections, trainings, consultations,
    complaints (条例 Art. 47, 51) and accountability (Art. 53), in that conventional order."""
    parts = []
    if f.leading_group:
        group = "成立政务公开工作领导小组" if f.leading_group_new else "政务公开工作领导小组"
        leader = f"，由{f.leading_group_leader}任组长" if f.leading_group_leader else ""
        parts.append(f"{f.body}{group}{leader}")
    staff = f.staff_dedicated + f.staff_part_time
    if staff:
        office = f"{f.office}具体负责政府信息公开日常工作，" if f.office else ""
        split = f"（专职{f.staff_dedicated}名、兼职{f.staff_part_time}名）"
        parts.append(f"{office}配备工作人员{staff}名{split}")
    if f.rules_new:
        parts.append(f"制定{_titles(f.rules_new)}")
    elif f.rules:
        parts.append(f"执行{_titles(f.rules)}")
    if f.inspections:
        text = f"开展政务公开信息自查{f.inspections}次"
        if f.problems_found:
            text += f"，发现问题{f.problems_found}个，已整改{f.problems_fixed}个"
        else:
            text += "，未发现问题"
        parts.append(text)
    if f.trainings:
        parts.append(f"组织业务人员培训{f.trainings}次、参训{f.training_attendance}人次")
    if f.consultations:
        text = f"做好政府信息公开咨询的接听与登记工作，全年登记咨询{f.consultations}次"
        if f.consultations_by_channel:
            text += f"（{_list(f.consultations_by_channel, '次')}）"
        if f.consultations_applied:
            text += f"，其中{f.consultations_applied}次转为政府信息公开申请办理"
        parts.append(text)
    lead = "；".join(parts) + "。" if parts else ""
    close = [f"{f.year}年度，{f.body}"]
    if f.complaints:
        outcome = _list(f.complaints_by_finding, "件")
        text = f"收到针对政府信息公开工作的投诉、举报{f.complaints}件（{outcome}）"
        if f.complaints_corrected:
            text += f"，已督促整改{f.complaints_corrected}件"
        close.append(text)
    else:
        close.append("未收到针对政府信息公开工作的投诉、举报")
    if f.accountability:
        close.append(
            f"，对政府信息公开工作责任追究{f.accountability}人次"
            f"（{_list(f.accountability_measures, '人次')}）。"
        )
    else:
        close.append("，未产生政府信息公开工作责任追究问题。")
    return lead + "".join(close)


@dataclass(frozen=True)
class SectionOneDraft:
    facts: SectionOneFacts
    management: str  # 一(三) 政府信息管理
    supervision: str  # 一(五) 监督保障


def draft_section_one(agency, year: int) -> SectionOneDraft:
    """The draft of section 一(三) and 一(五) of ``agency``'s report on ``year``."""
    facts = section_one_facts(agency, year)
    return SectionOneDraft(facts, draft_management(facts), draft_supervision(facts))

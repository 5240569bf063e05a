"""Demo records of 和田县吾宗肖乡人民政府 for 2023, matching what its published report says in
section 一(五) (the seed report): a leading group, a 工作细则, periodic self-inspections with
corrections, trainings, phone consultations logged, no complaint, no accountability; its
section 五(一): no dedicated staff. Idempotent: a record already there is left alone."""

from __future__ import annotations

from datetime import date as D

DEMO_BODY = "wuzongxiao"

CONSULTATIONS = [
    (
        D(2023, 3, 14),
        "最低生活保障申请条件和公示结果在哪里查看",
        "告知乡政务公开栏和县政府网站专栏的公示位置",
    ),
    (D(2023, 5, 9), "耕地地力保护补贴发放标准", "告知补贴标准已在公开栏公布，并说明发放时间"),
    (D(2023, 7, 20), "宅基地使用审核办理流程", "告知办事指南的公开位置和所需材料"),
    (D(2023, 9, 5), "村级公益性岗位招聘公告", "告知公告在政务微信群和公开栏发布"),
    (D(2023, 11, 28), "城乡居民医保缴费时间", "告知缴费通知的公开位置和截止时间"),
]
TRAININGS = [
    (
        D(2023, 4, 12),
        "《政府信息公开条例》和政务公开业务培训",
        "党政办、各站所信息员",
        8,
        "和田县人民政府办公室",
    ),
    (D(2023, 8, 16), "政务新媒体发布和保密审查培训", "党政办、宣传干事", 6, "吾宗肖乡人民政府"),
]
# (date, what was found, what was put right, fixed on)
INSPECTIONS = [
    (D(2023, 3, 28), "低保公示未写明公示期限", "补充公示期限后重新张贴", D(2023, 3, 30)),
    (D(2023, 6, 27), "一条惠民政策信息发布日期填写错误", "更正发布日期并说明", D(2023, 6, 28)),
    (D(2023, 9, 26), "", "", None),
    (
        D(2023, 12, 26),
        "公开栏有过期公示未及时撤下",
        "撤下过期公示，明确专人每月清理",
        D(2023, 12, 27),
    ),
]


def load_supervision_demo(agencies: dict) -> int:
    """Create the 2023 records of the demo township that are missing; returns how many."""
    from gongkai.catalog.models import Regulation

    from .models import (
        Consultation,
        Finding,
        LeadingGroup,
        OfficeStaff,
        SelfInspection,
        Training,
    )

    agency = agencies.get(DEMO_BODY)
    if agency is None:
        return 0
    changed = 0
    _, created = LeadingGroup.objects.get_or_create(
        agency=agency,
        defaults={
            "established_on": D(2023, 2, 15),
            "leader": "乡党委副书记、乡长",
            "members": "分管副乡长（副组长），党政办、财政所、社会保障服务站负责人",
        },
    )
    changed += created
    for name, post in (("古丽米拉·买买提", "党政办干事"), ("艾克拜尔·吐尔洪", "宣传干事")):
        _, created = OfficeStaff.objects.get_or_create(
            agency=agency,
            name=name,
            defaults={"post": post, "kind": "part_time", "since": D(2022, 9, 1)},
        )
        changed += created
    _, created = Regulation.objects.get_or_create(
        agency=agency,
        title=f"{agency.short_name}政务公开工作细则",
        defaults={
            "summary": "明确公开责任、公开流程、自查和培训安排。",
            "adopted_on": D(2023, 3, 10),
        },
    )
    changed += created
    for on, topic, answer in CONSULTATIONS:
        _, created = Consultation.objects.get_or_create(
            agency=agency,
            on=on,
            topic=topic,
            defaults={"channel": "phone", "answer": answer, "answered_by": "党政办值班人员"},
        )
        changed += created
    for on, topic, who, count, organiser in TRAININGS:
        _, created = Training.objects.get_or_create(
            agency=agency,
            on=on,
            topic=topic,
            defaults={"participants": who, "participant_count": count, "organiser": organiser},
        )
        changed += created
    for on, problem, fix, fixed_on in INSPECTIONS:
        inspection, created = SelfInspection.objects.get_or_create(
            agency=agency,
            on=on,
            defaults={
                "checked_catalog": True,
                "checked_column": True,
                "other_scope": "公开栏",
                "participants": "党政办",
                "summary": problem or "未发现问题",
                "corrected": fix,
            },
        )
        if created and problem:
            Finding.objects.create(
                inspection=inspection,
                source="manual",
                description=problem,
                fixed_on=fixed_on,
                fix_note=fix,
            )
        changed += created
    changed += _held_back_item(agency)
    return changed


def _held_back_item(agency) -> int:
    """One 不予公开 item, to come up for 动态调整 (条例 Art. 18) in 2026."""
    from gongkai.catalog.models import CatalogItem
    from gongkai.catalog.workflow import create_item

    title = f"{agency.short_name}2025年高标准农田建设项目选址论证意见（过程稿）"
    if CatalogItem.objects.filter(agency=agency, title=title).exists():
        return 0
    create_item(
        agency=agency,
        actor=None,
        title=title,
        written_on=D(2025, 6, 10),
        disclosure="withheld",
        withheld_reason="过程性信息，可以不予公开（条例第十六条第二款）",
    )
    return 1

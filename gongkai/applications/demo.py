"""A few demo cases in 和田县教育局 so that ``make run`` shows a working queue (DEMO DATA: the
people, numbers and addresses are made up). Idempotent: each case has a fixed idempotency key,
so a second run finds them and changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .services import submit_application

DEMO_BODY = "hotan-edu"


def _ric(serial: str) -> str:
    from stdnum.cn import ric

    base = "653221" + "19850315" + serial
    return base + ric.calc_check_digit(base + "0")  # stdnum expects a placeholder check digit


CASES = [
    # key, days ago received, applicant, item, then what happens to it
    ("demo-1", 27, "阿卜杜拉·买买提", "2026年义务教育阶段学校布局调整方案", "open"),
    ("demo-2", 12, "李红（演示）", "县第一中学食堂招标文件", "supplement"),
    ("demo-3", 8, "和田县某建筑公司（演示）", "县第二小学教学楼维修工程验收报告", "consultation"),
    ("demo-4", 40, "王强（演示）", "2025年度教育经费执行情况", "closed"),
    ("demo-5", 2, "古丽娜尔（演示）", "幼儿园收费标准的批复文件", "open"),
]


def load_demo_applications(agencies) -> int:
    """Create the demo cases that are missing; returns how many were created."""
    agency = agencies.get(DEMO_BODY)
    if agency is None:
        return 0
    today = timezone.localdate()
    created = 0
    for key, days_ago, name, item, path in CASES:
        received = today - timedelta(days=days_ago)
        is_company = "公司" in name
        applicant = {
            "applicant_type": "business" if is_company else "natural",
            "applicant_type_confirmed": True,
            "applicant_name": name,
            "id_type": "uscc" if is_company else "ric",
            "id_number": _demo_uscc() if is_company else _ric(f"{int(key[-1]):03d}"),
            "phone": "0903-0000099",
            "address": "新疆维吾尔自治区和田地区和田县（演示地址）",
            "form_wanted": "paper",
            "delivery": "post",
        }
        done = submit_application(
            agency=agency,
            channel="in_person",
            applicant=applicant,
            items=[{"title": item}],
            arrived_on=received,
            received_on=received,
            idempotency_key=key,
        )
        if not done.created:
            continue
        created += 1
        app = done.application
        if path == "supplement":
            app.request_supplement(
                served_on=received + timedelta(days=1), items="请写明招标文件的年份", period_days=15
            )
        elif path == "consultation":
            app.start_consultation(
                kind="third_party", sent_on=received + timedelta(days=1), party="和田县某建筑公司"
            )
        elif path == "closed":
            app.close(
                row="3.1", legal_basis="条例第三十六条第（二）项", on=received + timedelta(days=10)
            )
    return created


def _demo_uscc() -> str:
    from stdnum.cn import uscc

    base = "91653221DM0000001"
    return base + uscc.calc_check_digit(base)

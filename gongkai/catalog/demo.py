"""Demo catalog for ``gongkai demo``: a browsable, searchable column for the demo bodies.

DEMO DATA: titles follow real township practice, but every document, number and figure is made
up. Idempotent: an item is found by its body and title and never created twice; the PDFs are
generated (``samplepdf``), so the demo needs no files of its own.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from .attachments import add_attachment
from .models import CatalogItem, CatalogProfile, Category, Genre, Regulation, Table2Input, Validity
from .samplepdf import make_pdf
from .workflow import approve_item, create_item, submit_item

D = datetime.date


def _category(path: str) -> Category | None:
    top, _, sub = path.partition("\\")
    found = Category.objects.filter(name=sub or top, parent__name=top if sub else None)
    if not sub:
        found = Category.objects.filter(name=top, parent=None)
    return found.first()


# (title, fields, PDF lines or None, publish?)
TOWNSHIP_ITEMS = [
    (
        "{short}2026年农村最低生活保障工作实施方案",
        {
            "summary": "明确2026年农村低保的申请条件、审核审批程序、保障标准和动态管理要求。",
            "written_on": D(2026, 2, 27),
            "published_on": D(2026, 3, 4),
            "doc_no": "{abbr}政发〔2026〕3号",
            "category": "民政、扶贫、救灾\\社会福利",
            "genre": Genre.NOTICE,
            "art20_item": 11,
            "art21_item": "social_assistance",
        },
        [
            "{short}2026年农村最低生活保障工作实施方案",
            "一、保障对象：共同生活的家庭成员人均收入低于当地农村低保标准的家庭。",
            "二、审核程序：申请、入户调查、民主评议、公示、审批。",
            "三、动态管理：对保障对象实行分类管理，定期复核。",
        ],
        True,
    ),
    (
        "{short}关于2026年高效节水灌溉项目建设情况的公告",
        {
            "summary": "公告2026年高效节水灌溉项目的建设地点、规模、资金和实施进度。",
            "written_on": D(2026, 5, 11),
            "published_on": D(2026, 5, 20),
            "category": "农业、林业、水利\\水利、水务",
            "genre": Genre.ANNOUNCEMENT,
            "art20_item": 10,
            "art21_item": "irrigation",
        },
        [
            "关于2026年高效节水灌溉项目建设情况的公告",
            "项目建设滴灌面积3200亩，总投资480万元，由县水利局组织实施。",
            "施工期间如有问题，请向乡人民政府反映。",
        ],
        True,
    ),
    (
        "{short}村规民约管理办法（试行）",
        {
            "summary": "规范各村村规民约的制定、备案和监督，属行政规范性文件。",
            "written_on": D(2025, 6, 1),
            "published_on": D(2025, 6, 10),
            "doc_no": "{abbr}政规〔2025〕1号",
            "category": "综合政务\\其他",
            "genre": Genre.NORMATIVE,
            "validity": Validity.VALID,
            "effective_on": D(2025, 7, 1),
            "art20_item": 1,
        },
        None,
        True,
    ),
    (
        "{short}农村集体经济组织财务公开暂行办法",
        {
            "summary": "已被新的财务公开办法替代，自2026年1月1日起废止。",
            # 2024, not 2023: the seed township's 2023 report has no 规范性文件 (reports/demo.py).
            "written_on": D(2024, 3, 15),
            "published_on": D(2024, 3, 20),
            "doc_no": "{abbr}政规〔2024〕2号",
            "category": "财政、金融、审计\\财政",
            "genre": Genre.NORMATIVE,
            "validity": Validity.REPEALED,
            "ceased_on": D(2026, 1, 1),
            "art20_item": 1,
        },
        None,
        True,
    ),
    (
        "{short}2026年部门预算公开说明",
        {
            "summary": "2026年收支预算总表、财政拨款支出表及“三公”经费预算说明。",
            "written_on": D(2026, 2, 2),
            "published_on": D(2026, 2, 12),
            "category": "财政、金融、审计\\财政",
            "genre": Genre.OTHER,
            "art20_item": 7,
        },
        [
            "2026年部门预算公开说明",
            "一般公共预算财政拨款支出合计856.3万元，其中“三公”经费4.2万元。",
        ],
        True,
    ),
    (
        "{short}2025年政府信息公开工作年度报告",
        {
            "summary": "依照条例第四十九条、第五十条编制的2025年度报告。",
            "written_on": D(2026, 1, 20),
            "published_on": D(2026, 1, 26),
            "category": "综合政务\\政务公开",
            "genre": Genre.ANNUAL_REPORT,
            "art20_item": 15,
        },
        [
            "{short}2025年政府信息公开工作年度报告",
            "一、总体情况：本年主动公开政府信息86条，通过公开栏、微信公众号同步发布。",
            "二、主动公开政府信息情况：制发行政规范性文件1件。",
            "三、收到和处理政府信息公开申请情况：本年新收申请2件。",
        ],
        True,
    ),
    (
        # A draft formed weeks ago and never published: overdue under Art. 26 on the dashboard.
        "{short}关于秋冬季农田水利基本建设的通知",
        {
            "summary": "部署秋冬季农田水利基本建设和冬灌工作。",
            "written_on": D(2026, 10, 9),
            "category": "农业、林业、水利\\水利、水务",
            "genre": Genre.NOTICE,
            "art20_item": 11,
        },
        None,
        False,
    ),
]

TOWNSHIP_REGULATIONS = [
    ("政府信息公开保密审查制度", "公开前由经办人初审、党政办复审、分管领导审签。"),
    ("政府信息主动公开工作制度", "明确公开范围、时限（条例第二十六条）和公开栏更新要求。"),
    ("依申请公开政府信息办理制度", "规定申请的接收、登记、办理、答复和归档。"),
]

ABBREVIATIONS = {"wuzongxiao": "吾乡", "layika": "拉乡", "bagqi": "巴镇", "chengqu": "城街"}


def _fmt(value, agency, abbr):
    return (
        value.format(short=agency.short_name or agency.name, abbr=abbr)
        if isinstance(value, str)
        else value
    )


def load_catalog_demo(agencies: dict, actor=None) -> int:
    """Create the demo items, 制度 and table 二 figures that are missing; returns how many."""
    changed = 0
    for slug, abbr in ABBREVIATIONS.items():
        agency = agencies.get(slug)
        if agency is None:
            continue
        CatalogProfile.objects.get_or_create(agency=agency)
        for title, fields, pdf_lines, publish in TOWNSHIP_ITEMS:
            title = _fmt(title, agency, abbr)
            if CatalogItem.objects.filter(agency=agency, title=title).exists():
                continue
            values = {k: _fmt(v, agency, abbr) for k, v in fields.items()}
            published_on = values.pop("published_on", None)
            values["category"] = _category(values.get("category", ""))
            item = create_item(agency=agency, actor=actor, title=title, **values)
            if pdf_lines:
                lines = [_fmt(line, agency, abbr) for line in pdf_lines]
                add_attachment(
                    item, actor=actor, name=f"{title}.pdf", data=make_pdf(lines, title=title)
                )
            if publish:
                submit_item(item, actor=actor)
                approve_item(
                    item,
                    actor=actor,
                    secrecy_note="演示数据：经审查，不涉及国家秘密、商业秘密、个人隐私。",
                    published_on=published_on,
                )
            changed += 1
        for position, (title, summary) in enumerate(TOWNSHIP_REGULATIONS, start=1):
            _, created = Regulation.objects.get_or_create(
                agency=agency,
                title=f"{agency.short_name}{title}",
                defaults={"summary": summary, "adopted_on": D(2024, 3, 1), "position": position},
            )
            changed += created
        _, created = Table2Input.objects.get_or_create(
            agency=agency,
            year=2025,
            defaults={
                "licensing": 12,
                "penalty": 3,
                "coercion": 0,
                "fees_wan_yuan": Decimal("0"),
                "source": "演示数据",
            },
        )
        changed += created
    return changed

"""A small, realistic demo world for ``gongkai demo`` (and ``make run``).

DEMO DATA. The bodies are real names, but every code, telephone number, address detail, e-mail
and website below is made up. The 统一社会信用代码 are valid codes (the check character is
computed with python-stdnum) on invented bases: "11" (机构编制 / 机关) + the real administrative
division code + an organisation code starting with "DM" (for "demo"), which no real 组织机构代码
uses. The e-mail and web addresses use the reserved ".invalid" domain.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from stdnum.cn import uscc as stdnum_uscc

from .models import Agency, Membership, Role, User

DEMO_PASSWORD = "gongkai-demo-2026"

# Office hours in southern Xinjiang follow local daylight although clocks show Beijing time.
XJ_HOURS = "周一至周五 10:00–14:00，16:00–19:30（北京时间；法定节假日除外）"


def demo_uscc(division: str, serial: int) -> str:
    base = f"11{division}DM{serial:07d}"
    return base + stdnum_uscc.calc_check_digit(base)


# slug, name, short name, kind, parent slug, USCC, guide data
BODIES = [
    (
        "xinjiang",
        "新疆维吾尔自治区人民政府",
        "自治区人民政府",
        Agency.Kind.PROVINCE,
        None,
        demo_uscc("650000", 1),
        {
            "office_name": "新疆维吾尔自治区人民政府办公厅（政务公开办公室）",
            "address": "新疆维吾尔自治区乌鲁木齐市天山区（演示地址）",
            "office_hours": XJ_HOURS,
            "phone": "0991-0000001",
            "email": "zwgk@xinjiang.demo.invalid",
            "website": "https://xinjiang.demo.invalid/",
        },
    ),
    (
        # A 地区行政公署 is the province's agency at prefecture level; it reports like a 设区的市.
        "hotan-prefecture",
        "和田地区行政公署",
        "和田地区",
        Agency.Kind.PREFECTURE,
        "xinjiang",
        demo_uscc("653200", 2),
        {
            "office_name": "和田地区行政公署办公室（政务公开办公室）",
            "address": "新疆维吾尔自治区和田地区和田市（演示地址）",
            "office_hours": XJ_HOURS,
            "phone": "0903-0000002",
            "email": "zwgk@hotan.demo.invalid",
            "website": "https://hotan.demo.invalid/",
        },
    ),
    (
        "hotan-county",
        "和田县人民政府",
        "和田县",
        Agency.Kind.COUNTY,
        "hotan-prefecture",
        demo_uscc("653221", 3),
        {
            "office_name": "和田县人民政府办公室（政务公开办公室）",
            "address": "新疆维吾尔自治区和田地区和田县人民政府大院（演示地址）",
            "office_hours": XJ_HOURS,
            "phone": "0903-0000003",
            "fax": "0903-0000004",
            "email": "zwgk@hotan-county.demo.invalid",
            "website": "https://hotan-county.demo.invalid/",
        },
    ),
]
for _serial, (_slug, _name, _short, _office) in enumerate(
    [
        ("hotan-fgw", "和田县发展和改革委员会", "县发改委", "和田县发展和改革委员会办公室"),
        ("hotan-zrzy", "和田县自然资源局", "县自然资源局", "和田县自然资源局办公室"),
        ("hotan-edu", "和田县教育局", "县教育局", "和田县教育局办公室"),
    ],
    start=10,
):
    BODIES.append(
        (
            _slug,
            _name,
            _short,
            Agency.Kind.DEPARTMENT,
            "hotan-county",
            demo_uscc("653221", _serial),
            {
                "office_name": _office,
                "address": "新疆维吾尔自治区和田地区和田县（演示地址）",
                "office_hours": XJ_HOURS,
                "phone": f"0903-00000{_serial}",
                "email": f"{_slug}@hotan-county.demo.invalid",
            },
        )
    )
# 乡镇 and 街道: no website of their own; their public column lives on this platform.
for _serial, (_slug, _name, _short, _kind) in enumerate(
    [
        ("wuzongxiao", "和田县吾宗肖乡人民政府", "吾宗肖乡", Agency.Kind.TOWNSHIP),
        ("layika", "和田县拉依喀乡人民政府", "拉依喀乡", Agency.Kind.TOWNSHIP),
        ("bagqi", "和田县巴格其镇人民政府", "巴格其镇", Agency.Kind.TOWNSHIP),
        ("chengqu", "和田县城区街道办事处", "城区街道", Agency.Kind.SUBDISTRICT),
    ],
    start=20,
):
    BODIES.append(
        (
            _slug,
            _name,
            _short,
            _kind,
            "hotan-county",
            demo_uscc("653221", _serial),
            {
                "office_name": f"{_short}党政综合办公室",
                "address": f"新疆维吾尔自治区和田地区和田县{_short}（演示地址）",
                "office_hours": XJ_HOURS,
                "phone": f"0903-00000{_serial}",
            },
        )
    )

# username, full name, role (None: platform administrator), body slug
USERS = [
    ("admin", "平台管理员", None, None),
    ("wzx-jingban", "阿依古丽·买买提", Role.OFFICER, "wuzongxiao"),
    ("wzx-fuzeren", "艾尔肯·吐尔逊", Role.HEAD, "wuzongxiao"),
    ("layika-jingban", "古丽米热·阿不都", Role.OFFICER, "layika"),
    ("county-jingban", "李娜", Role.OFFICER, "hotan-county"),
    ("county-fuzeren", "王建国", Role.HEAD, "hotan-county"),
    ("county-jiandu", "张伟", Role.SUPERVISOR, "hotan-county"),
    ("edu-jingban", "刘洋", Role.OFFICER, "hotan-edu"),
    ("zrzy-fuzeren", "陈志强", Role.HEAD, "hotan-zrzy"),  # signs the busy demo year (reports)
]


@dataclass
class DemoLogin:
    username: str
    role: str
    body: str
    password: str = DEMO_PASSWORD


@dataclass
class DemoResult:
    logins: list[DemoLogin]
    changed: int  # objects created or changed by this run (0 on a re-run)


def _put(obj, **values) -> bool:
    """Set the values that differ; return True when something changed (idempotence)."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return bool(changed)


@transaction.atomic
def load_demo() -> DemoResult:
    changed = 0
    agencies: dict[str, Agency] = {}
    for slug, name, short, kind, parent_slug, code, guide in BODIES:
        # Found by slug, else by code or name (a body imported earlier from a CSV file).
        agency = (
            Agency.objects.filter(slug=slug).first()
            or Agency.objects.filter(uscc=code).first()
            or Agency.objects.filter(name=name).first()
            or Agency(slug=slug)
        )
        values = {
            "name": name,
            "short_name": short,
            "kind": kind,
            "parent": agencies.get(parent_slug),
            "uscc": code,
            **{field: guide.get(field, "") for field in Agency.GUIDE_FIELDS},
        }
        if _put(agency, **values) or agency.pk is None:
            agency.full_clean()
            agency.save()
            changed += 1
        agencies[slug] = agency

    logins = []
    for username, full_name, role, slug in USERS:
        user = User.objects.filter(username=username).first() or User(username=username)
        dirty = _put(
            user,
            first_name=full_name,
            is_superuser=role is None,
            is_staff=role is None,
            is_active=True,
        )
        # The printed password must work: reset it when someone changed it.
        if user.pk is None or not user.check_password(DEMO_PASSWORD):
            validate_password(DEMO_PASSWORD, user)
            user.set_password(DEMO_PASSWORD)
            dirty = True
        if dirty:
            user.save()
            changed += 1
        if role is None:
            logins.append(DemoLogin(username, "平台管理员", "全部"))
            continue
        _, created = Membership.objects.get_or_create(user=user, agency=agencies[slug], role=role)
        changed += created
        logins.append(DemoLogin(username, str(role.label), agencies[slug].name))
    # The public column of the township bodies (gongkai.catalog).
    from gongkai.catalog.demo import load_catalog_demo

    changed += load_catalog_demo(agencies)

    # The demo township's standard catalogs (linked to its items) and channels.
    from gongkai.channels.demo import load_demo_channels
    from gongkai.standards.demo import load_demo_standards

    changed += load_demo_standards(agencies) + load_demo_channels(agencies)

    from gongkai.applications.demo import load_demo_applications

    changed += load_demo_applications(agencies)
    # The demo township's 2023 监督保障 records (gongkai.supervision).
    from gongkai.supervision.demo import load_supervision_demo

    changed += load_supervision_demo(agencies)
    # The seed township's 2023 report and a busy 2025 of 县自然资源局 (gongkai.reports).
    from gongkai.reports.demo import load_reports_demo

    changed += load_reports_demo(agencies)
    return DemoResult(logins=logins, changed=changed)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_logins(logins: list[DemoLogin]) -> str:
    """A plain-text table whose columns line up in a terminal, Chinese included."""
    header = DemoLogin("用户名", "角色", "行政机关", "密码")
    rows = [header, *logins]
    columns = ["username", "role", "body", "password"]
    widths = {c: max(_width(getattr(r, c)) for r in rows) for c in columns}
    lines = []
    for index, row in enumerate(rows):
        cells = [getattr(row, c) + " " * (widths[c] - _width(getattr(row, c))) for c in columns]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * widths[c] for c in columns))
    return "\n".join(lines)

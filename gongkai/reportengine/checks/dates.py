"""The publication deadline (条例 Art. 49; 30号 二、报告方式及时间) and the kind of body."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date

from ..figures import Figures, Finding
from .common import WARNING, finding, gettext_noop, text
from .labels import BODY_KIND_LABELS

# National upper bounds, as (month, day) of the year after the report year (reference §1.4).
# Art. 49: departments by 01-31; 30号: 乡镇 like departments; the 主管部门 publish the
# county report by 02-20, the prefecture report by 03-10, the provincial one by 03-31;
# vertically led systems by 03-31. Local rules may be earlier: pass ``deadlines``.
NATIONAL_DEADLINES: dict[str, tuple[int, int]] = {
    "department": (1, 31),
    "township": (1, 31),
    "county": (2, 20),
    "prefecture": (3, 10),
    "province": (3, 31),
    "vertical": (3, 31),
}

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Vertically led systems whose names are unmistakable; other 垂直/双重管理 bodies (气象, 烟草 …)
# are left unguessed rather than given a deadline that may be too early.
VERTICAL = re.compile(r"^国家税务总局|海关$|调查队$|^中国人民银行|国家金融监督管理总局.+监管")
UNSURE_VERTICAL = re.compile(r"气象|烟草|邮政管理|海事|外汇|地震|证监|银保监|金融监管|通信管理")
DEPARTMENT_SUFFIX = re.compile(r"(局|委员会|办公室|办公厅|厅|中心|署|委|办)$")
ZONE = re.compile(r"开发区|高新区|新区|园区|试验区|合作区")


def guess_body_kind(name: str | None) -> str | None:
    """The kind of body from its name, for the deadline of 条例 Art. 49 / 30号; None if unsure.

    Conservative on purpose: a wrong guess would give a wrong deadline. A ``…市人民政府`` may
    be a prefecture (设区的市) or a county-level city and is not guessed, except the four
    municipalities (provincial level) and names that say 县级市.
    """
    if not name:
        return None
    name = re.sub(r"\s+", "", name)
    if re.search(r"(乡|镇|苏木)(人民)?政府$|街道办事处$|街道办$", name):
        return "township"
    if re.search(r"(省|自治区)(人民)?政府$", name) or name in (
        *(f"{m}人民政府" for m in MUNICIPALITIES),
        *(f"{m}政府" for m in MUNICIPALITIES),
    ):
        return "province"
    if re.search(r"(自治州|地区行政公署|盟行政公署)(人民政府)?$", name):
        return "prefecture"
    if "县级市" in name or re.search(r"(县|区|旗)(人民)?政府$", name):
        return "county"
    if VERTICAL.search(name):
        return "vertical"
    if UNSURE_VERTICAL.search(name):
        return None
    if ZONE.search(name) and re.search(r"(管委会|管理委员会)$", name):
        return None  # a development zone's committee may act at county or prefecture level
    if re.search(r"人民政府办公(室|厅)$", name) or DEPARTMENT_SUFFIX.search(name):
        return "department"
    return None


def deadline_for(
    kind: str, year: int, deadlines: Mapping[str, tuple[int, int] | date] | None = None
) -> date | None:
    """Last publication day for a ``year`` report of a ``kind`` body (reference §1.4).

    ``deadlines`` overrides the national bounds per kind, as (month, day) of year + 1 or as
    a full date.
    """
    rule = (deadlines or {}).get(kind, NATIONAL_DEADLINES.get(kind))
    if rule is None:
        return None
    if isinstance(rule, date):
        return rule
    month, day = rule
    return date(year + 1, month, day)


def check_publication_date(
    figures: Figures,
    *,
    deadlines: Mapping[str, tuple[int, int] | date] | None = None,
    today: date | None = None,
) -> Iterator[Finding]:
    """R601: published after the deadline (条例 Art. 49; 30号 二); R602/R603: implausible dates.

    R601 is skipped when the date, the year or the kind of body is unknown; the kind is
    ``figures.body_kind`` or, failing that, :func:`guess_body_kind` of the body's name.
    """
    published = figures.published_on
    if not isinstance(published, date) or not isinstance(figures.year, int):
        return
    if published < date(figures.year, 12, 31):
        yield finding(
            "R603",
            WARNING,
            "meta.published_on",
            gettext_noop("发布日期 {published} 早于 {year} 年度结束"),
            gettext_noop("年度报告统计期限到12月31日，应在次年发布；请核对发布日期或报告年度。"),
            published=published.isoformat(),
            year=str(figures.year),
        )
    if today is not None and published > today:
        yield finding(
            "R602",
            WARNING,
            "meta.published_on",
            gettext_noop("发布日期 {published} 晚于今天（{today}）"),
            gettext_noop("请核对发布日期。"),
            published=published.isoformat(),
            today=today.isoformat(),
        )
    kind = figures.body_kind or guess_body_kind(figures.body)
    if not kind:
        return
    last_day = deadline_for(kind, figures.year, deadlines)
    if last_day is None or published <= last_day:
        return
    days = (published - last_day).days
    yield finding(
        "R601",
        WARNING,
        "meta.published_on",
        gettext_noop("发布日期 {published} 晚于{kind}年度报告的期限 {deadline}（晚 {days} 天）"),
        gettext_noop(
            "条例第四十九条及30号规定：部门、乡镇1月31日前，县级2月20日前，设区的市级3月10日前，"
            "省级和垂直管理部门3月31日前公布；地方规定更早的以地方规定为准。"
        ),
        published=published.isoformat(),
        kind=text(BODY_KIND_LABELS.get(kind, kind)),
        deadline=last_day.isoformat(),
        days=days,
    )

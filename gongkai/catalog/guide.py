"""The 政府信息公开指南 of a body, generated from its data and editable (条例 Art. 12).

Art. 12 lists what a guide contains: 政府信息的分类、编排体系、获取方式 and the 工作机构's
名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式. Its current form has three parts
(practice §2.1): 一、主动公开 / 二、依申请公开 / 三、监督和救济. The generated text never asks for
the applicant's purpose (the 2019 条例 has no purpose test; practice §2.1). Each part may be
replaced by the body's own text (``CatalogProfile``); blank means generated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import CatalogProfile

PARTS = ("proactive", "on_request", "remedy")


@dataclass
class Guide:
    agency: object
    office: list[tuple[str, str]]  # (label, value) of the 工作机构, Art. 12
    parts: list[tuple[str, str, bool]]  # (heading, text, edited by staff)
    updated_on: object


def contact_rows(agency) -> list[tuple[str, str]]:
    """The Art. 12 contact data of the 工作机构; missing ones are said to be missing."""
    none = _("暂无")
    return [
        (_("工作机构"), agency.office_name or agency.name),
        (_("办公地址"), agency.address or none),
        (_("办公时间"), agency.office_hours or none),
        (_("联系电话"), agency.phone or none),
        (_("传真号码"), agency.fax or none),
        (_("互联网联系方式"), agency.email or agency.website or _("本平台“依申请公开”栏目")),
    ]


def default_texts(agency) -> dict[str, str]:
    """The generated text of each part, from the body's data."""
    name = agency.name
    office = agency.office_name or name
    return {
        "proactive": _(
            "（一）公开范围。本机关依照《中华人民共和国政府信息公开条例》第十九条、第二十条"
            "和第二十一条的规定，主动公开本机关的政府信息，具体见本栏目“法定主动公开内容”。\n\n"
            "（二）公开方式。主动公开的政府信息通过本平台“政府信息公开”栏目发布，并视情况通过"
            "公开栏、政务新媒体等渠道公开。每条信息列明索引号、名称、内容概述、生成日期等，"
            "按主题分类、条例第二十条所列事项和年度编排。\n\n"
            "（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内"
            "及时公开；法律、法规对公开期限另有规定的，从其规定（条例第二十六条）。"
        ),
        "on_request": _(
            "（一）受理机构。%(office)s负责受理向%(name)s提出的政府信息公开申请。\n\n"
            "（二）申请方式。申请人可以通过本平台在线提交，也可以通过信函、传真或者当面提交"
            "书面申请。申请应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息"
            "的名称、文号或者便于行政机关查询的其他特征性描述，以及获取信息的方式、途径"
            "（条例第二十九条）。申请人无需说明申请用途。\n\n"
            "（三）办理时限。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内"
            "予以答复；需要延长答复期限的，经负责人同意并告知申请人，延长期限最长不超过20个工作日"
            "（条例第三十三条）。\n\n"
            "（四）收费。行政机关依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、"
            "频次明显超过合理范围的，可以按照国务院办公厅《政府信息公开信息处理费管理办法》"
            "收取信息处理费（条例第四十二条）。"
        )
        % {"office": office, "name": name},
        "remedy": _(
            "公民、法人或者其他组织认为%(name)s在政府信息公开工作中侵犯其合法权益的，可以向上一级"
            "行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起"
            "行政诉讼（条例第五十一条）。"
        )
        % {"name": name},
    }


def headings() -> dict[str, str]:
    return {
        "proactive": _("一、主动公开"),
        "on_request": _("二、依申请公开"),
        "remedy": _("三、监督和救济"),
    }


def guide_for(agency) -> Guide:
    profile = CatalogProfile.objects.filter(agency=agency).first()
    generated = default_texts(agency)
    titles = headings()
    parts = []
    for part in PARTS:
        own = getattr(profile, f"guide_{part}", "") if profile else ""
        parts.append((titles[part], own or generated[part], bool(own)))
    return Guide(agency, contact_rows(agency), parts, profile.guide_updated_on if profile else None)

"""From an ``Agency`` and its relief profile to the pure relief rules' ``BodyFacts``.

The hierarchy gives the 复议机关 (行政复议法 Art. 24: the government a department belongs to,
the government above a 乡镇 or a county); the profile adds what the hierarchy cannot know
(垂直领导 Art. 27, 司法行政部门 Art. 28, an online channel Art. 22 ¶2). Settings:
``GONGKAI_RELIEF_REVIEW_FIRST`` (the outcome rows that need 复议前置, UNCONFIRMED beyond 3.2 and
3.3.x, practice.md §3.7) and ``GONGKAI_RELIEF_KINDS`` (the notice kinds that carry the
paragraph). docs/letters.md.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from gongkai.agencies.models import Agency

from .kinds import Kind
from .models import ReliefProfile
from .relief import DEFAULT_REVIEW_FIRST, BodyFacts, BodyKind, Relief, relief

GOVERNMENT_KINDS = (Agency.Kind.PROVINCE, Agency.Kind.PREFECTURE, Agency.Kind.COUNTY)

BODY_KINDS = {
    Agency.Kind.PROVINCE: BodyKind.PROVINCE,
    Agency.Kind.PREFECTURE: BodyKind.PREFECTURE,
    Agency.Kind.COUNTY: BodyKind.COUNTY,
    Agency.Kind.TOWNSHIP: BodyKind.TOWNSHIP,
    Agency.Kind.DEPARTMENT: BodyKind.DEPARTMENT,
    Agency.Kind.SUBDISTRICT: BodyKind.SUBDISTRICT,
    Agency.Kind.AGENCY_OFFICE: BodyKind.AGENCY_OFFICE,
    Agency.Kind.OTHER: BodyKind.DEPARTMENT,  # docs/letters.md: register a review body
}


def profile_on(agency: Agency, on: date) -> ReliefProfile | None:
    """The profile in force on ``on`` (the newest row effective on or before it)."""
    return (
        ReliefProfile.objects.filter(agency=agency, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


def government_of(agency: Agency) -> str:
    """The nearest 县级以上人民政府 above the body (its own government for a department, the
    government above for a 乡镇, county or prefecture: Art. 24 ¶1)."""
    for ancestor in reversed(list(agency.ancestors())):
        if ancestor.kind in GOVERNMENT_KINDS:
            return ancestor.name
    return ""


def body_facts(agency: Agency, on: date) -> BodyFacts:
    profile = profile_on(agency, on)
    return BodyFacts(
        name=agency.name,
        kind=BODY_KINDS[agency.kind],
        government=government_of(agency),
        superior_department=profile.superior_department if profile else "",
        vertical=bool(profile and profile.vertical),
        judicial_admin=bool(profile and profile.judicial_admin),
        review_body=profile.review_body if profile else "",
        online_channel=profile.online_channel if profile else "",
    )


def review_first_outcomes() -> frozenset[str]:
    value = getattr(settings, "GONGKAI_RELIEF_REVIEW_FIRST", None)
    return DEFAULT_REVIEW_FIRST if value is None else frozenset(value)


def needs_relief(kind: Kind) -> bool:
    return kind.value in getattr(settings, "GONGKAI_RELIEF_KINDS", ("answer",))


def relief_for(
    agency: Agency, kind: Kind, outcome: str, on: date, *, online: bool = False
) -> Relief:
    """The paragraph of a notice of ``kind`` with ``outcome`` signed on ``on`` (relief.py).
    A notice that is not an 答复书 (a fee notice, when GONGKAI_RELIEF_KINDS names it) is no
    refusal: it gets the text of row 3.6.3 (其他处理). Raises ``ReliefError``."""
    document = "本答复" if kind is Kind.ANSWER else "本告知书"
    row = outcome or "3.6.3"
    return relief(
        row,
        body_facts(agency, on),
        on,
        review_first_outcomes=review_first_outcomes(),
        document=document,
        online=online,
    )

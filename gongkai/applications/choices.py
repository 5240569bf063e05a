"""The fixed vocabularies of an application, each stated once.

The applicant columns and outcome rows are the annual report's own (reference §3.4), taken from
the report engine so that a case's outcome and the report's row are one id
(``gongkai.reportengine.figures``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.reportengine.figures import TABLE3_COLUMNS, TABLE3_ROWS_2021, outcome_row_ids


class Channel(models.TextChoices):
    """How the application came in (条例 Art. 29); the receipt date follows from it (Art. 31)."""

    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_MAIL = "registered_mail", _("挂号信/EMS")
    ORDINARY_MAIL = "ordinary_mail", _("平信")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上申请")
    ORAL = "oral", _("口头提出（工作人员代为填写）")
    UNRECORDED = "unrecorded", _("台账未记载")


# 条例 Art. 31: how the legal receipt date is fixed, per channel.
RECEIPT_RULES = {
    Channel.IN_PERSON: _("提交之日（条例第三十一条第一项）"),
    Channel.ORAL: _("提出之日，工作机构代为填写（条例第二十九条、第三十一条第一项）"),
    Channel.REGISTERED_MAIL: _("行政机关签收之日（条例第三十一条第二项）"),
    Channel.ORDINARY_MAIL: _("收到信件当日与申请人确认之日（条例第三十一条第二项）"),
    Channel.FAX: _("双方确认之日（条例第三十一条第三项）"),
    Channel.EMAIL: _("双方确认之日（条例第三十一条第三项）"),
    Channel.ONLINE: _("双方确认之日（条例第三十一条第三项）"),
    Channel.UNRECORDED: _("台账记载的收到日期"),
}
# Channels whose receipt date is the arrival itself; the others wait for a confirming event.
RECEIVED_ON_ARRIVAL = frozenset({Channel.IN_PERSON, Channel.ORAL})


class ApplicantType(models.TextChoices):
    """The six applicant columns of report table 三 (reference §3.4), labels as printed there."""

    NATURAL = "natural", TABLE3_COLUMNS[0]
    BUSINESS = "business", TABLE3_COLUMNS[1]
    RESEARCH = "research", TABLE3_COLUMNS[2]
    NONPROFIT = "nonprofit", TABLE3_COLUMNS[3]
    LEGAL_SERVICE = "legal_service", TABLE3_COLUMNS[4]
    OTHER = "other", TABLE3_COLUMNS[5]


ORGANISATION_TYPES = frozenset(ApplicantType.values) - {ApplicantType.NATURAL}

# practice.md §3.3 (DERIVED from GB 32100-2015 positions 1-2): the USCC prefix proposes a column,
# staff confirm it. 51-53 and 12 depend on the body or the name, so they propose 其他.
USCC_PREFIX_TYPES = {
    "91": ApplicantType.BUSINESS,
    "92": ApplicantType.BUSINESS,
    "93": ApplicantType.BUSINESS,
    "31": ApplicantType.LEGAL_SERVICE,
    "32": ApplicantType.LEGAL_SERVICE,
    "33": ApplicantType.LEGAL_SERVICE,
}


def proposed_type_for_uscc(code: str) -> str:
    """The column a 统一社会信用代码 proposes (practice.md §3.3); 其他 when the prefix says nothing."""
    return USCC_PREFIX_TYPES.get((code or "")[:2], ApplicantType.OTHER)


class IdType(models.TextChoices):
    RIC = "ric", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    PERMANENT_RESIDENT = "permanent_resident", _("外国人永久居留身份证")
    USCC = "uscc", _("统一社会信用代码")
    OTHER = "other", _("其他证件")


class FormWanted(models.TextChoices):
    """条例 Art. 29(三), Art. 40: the form in which the information is wanted."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    INSPECT = "inspect", _("查阅")


class Delivery(models.TextChoices):
    """条例 Art. 29(三): how the applicant obtains it."""

    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    PICKUP = "pickup", _("当面领取")
    ONLINE = "online", _("网上获取")


class Status(models.TextChoices):
    AWAITING_RECEIPT = "awaiting_receipt", _("待确认收到")
    OPEN = "open", _("办理中")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("待补正")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    CLOSED = "closed", _("已办结")


# Outcomes: the report's rows 3.1 … 3.6.3 (reference §3.4), labels exactly as printed.
OUTCOME_ROWS = {rid: label for rid, label in TABLE3_ROWS_2021 if rid in outcome_row_ids("2021")}
OUTCOME_CHOICES = [(rid, f"{rid} {label}") for rid, label in OUTCOME_ROWS.items()]

# The legal basis each row stands on (reference §3.8), proposed to staff when closing.
OUTCOME_BASIS = {
    "3.1": "条例第三十六条第（一）、（二）项",
    "3.2": "条例第三十七条",
    "3.3.1": "条例第十四条",
    "3.3.2": "条例第十四条",
    "3.3.3": "条例第十四条",
    "3.3.4": "条例第十五条、第三十二条",
    "3.3.5": "条例第十六条第一款",
    "3.3.6": "条例第十六条第二款",
    "3.3.7": "条例第十六条第二款",
    "3.3.8": "条例第三十六条第（七）项",
    "3.4.1": "条例第三十六条第（四）、（五）项",
    "3.4.2": "条例第三十八条",
    "3.4.3": "条例第三十条",
    "3.5.1": "条例第三十九条第一款",
    "3.5.2": "条例第三十六条第（六）项",
    "3.5.3": "条例第三十九条第二款",
    "3.5.4": "条例第三十五条",
    "3.5.5": "",
    "3.6.1": "条例第三十条",
    "3.6.2": "国办函〔2020〕109号",
    "3.6.3": "",
}
PARTIAL = "3.2"  # Art. 37: 部分公开 wins over the other parts of one case
NOT_HELD = "3.4.1"  # needs a recorded search (guiding case 101) and names the holder (Art. 36)
SUPPLEMENT_LAPSED = "3.6.1"
FEE_UNPAID = "3.6.2"
EXCESSIVE = "3.5.4"
DISCLOSED = "3.1"


def outcome_row_for(text: str) -> str | None:
    """A row id from its id ("3.3.1") or its label as printed ("1.属于国家秘密", "属于国家秘密")."""
    text = (text or "").strip()
    if text in OUTCOME_ROWS:
        return text
    for rid, label in OUTCOME_ROWS.items():
        bare = label.split(".", 1)[-1].lstrip("（一二三四五六七）")
        if text in (label, bare, bare.split("（", 1)[0]):
            return rid
    return None

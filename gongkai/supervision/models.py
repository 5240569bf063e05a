"""监督保障 and 政府信息管理 records of a body (docs/supervision.md).

What section 一(三) and 一(五) of the annual report describe (国办公开办函〔2021〕30号 一(一);
reference §3.1), kept during the year instead of written from memory in January:

* ``Consultation``   咨询登记: calls, visits, e-mails, messages about disclosure (条例 Art. 9);
* ``Complaint``      投诉、举报 about the body's disclosure work (条例 Art. 47 ¶2, Art. 51);
* ``Accountability`` 责任追究 (条例 Art. 46, 52, 53);
* ``Training``       培训 (条例 Art. 48);
* ``SelfInspection`` 自查 with its ``Finding`` rows (what was checked, what was put right);
* ``LeadingGroup`` and ``OfficeStaff``: the 领导小组 and the 工作机构's staff (条例 Art. 3, 4);
* ``Reassessment``   动态调整 of items held back (条例 Art. 18).

The body's rules (工作细则, 保密审查制度 …) are ``gongkai.catalog.models.Regulation``, shown in
the column's 政府信息公开制度 entry; this app links to them and never keeps a second list.

Callers' and complainants' names and contacts are personal data (PIPL): only the body's own
staff see them in full; everyone else, every export and every report see ``masked``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


def mask(value: str) -> str:
    """A name or contact with all but its first character hidden («买**», «1**********»)."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1) if value else ""


class RecordQuerySet(models.QuerySet):
    def of_year(self, year: int):
        return self.filter(**{f"{self.model.DATE_FIELD}__year": year})


class Record(models.Model):
    """Fields and rules shared by every dated record of a body."""

    DATE_FIELD = "on"
    PERSONAL_FIELDS: tuple[str, ...] = ()

    agency = models.ForeignKey(Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE)
    on = models.DateField(_("日期"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-on", "-pk"]

    def clean(self) -> None:
        if self.on and self.on > timezone.localdate():
            raise ValidationError({"on": _("日期不能晚于今天。")})

    def masked(self, field: str) -> str:
        return mask(getattr(self, field))


class ConsultationChannel(models.TextChoices):
    PHONE = "phone", _("电话")
    VISIT = "visit", _("来访")
    EMAIL = "email", _("电子邮件")
    LETTER = "letter", _("信函")
    MESSAGE = "message", _("网上留言")
    WECHAT = "wechat", _("微信")
    OTHER = "other", _("其他")


class Consultation(Record):
    """One 咨询 about disclosure (not an application, 条例 Art. 29): what was asked, what was
    answered, by whom. ``application`` is set when the person went on to apply."""

    PERSONAL_FIELDS = ("caller_name", "caller_contact")

    channel = models.CharField(_("渠道"), max_length=10, choices=ConsultationChannel.choices)
    topic = models.CharField(_("咨询事项"), max_length=300)
    answer = models.TextField(_("答复内容"), blank=True)
    answered_by = models.CharField(_("答复人"), max_length=60)
    caller_name = models.CharField(_("咨询人姓名"), max_length=60, blank=True)
    caller_contact = models.CharField(_("咨询人联系方式"), max_length=100, blank=True)
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("转为申请"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta(Record.Meta):
        verbose_name = _("咨询登记")
        verbose_name_plural = _("咨询登记")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_channel_display()} {self.topic}"


class Complaint(Record):
    """A 投诉 or 举报 about the body's disclosure work, received by the body itself or by its
    上一级行政机关 / 政府信息公开工作主管部门 (条例 Art. 47 ¶2, Art. 51)."""

    PERSONAL_FIELDS = ("complainant_name", "complainant_contact")

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("投诉")
        REPORT = "report", _("举报")

    class Receiver(models.TextChoices):
        SELF = "self", _("本机关")
        SUPERVISOR = "supervisor", _("上一级行政机关或主管部门")

    class Finding(models.TextChoices):
        UPHELD = "upheld", _("成立")
        REJECTED = "rejected", _("不成立")
        PARTLY = "partly", _("部分成立")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    receiver = models.CharField(_("受理机关"), max_length=12, choices=Receiver.choices)
    subject = models.TextField(_("投诉举报事项"))
    complainant_name = models.CharField(_("投诉举报人姓名"), max_length=60, blank=True)
    complainant_contact = models.CharField(_("投诉举报人联系方式"), max_length=100, blank=True)
    handled_by = models.CharField(_("承办人"), max_length=60, blank=True)
    finding = models.CharField(_("查处结论"), max_length=10, choices=Finding.choices, blank=True)
    correction = models.TextField(_("整改情况"), blank=True)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("投诉举报")
        verbose_name_plural = _("投诉举报")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.closed_on and not self.finding:
            errors["finding"] = _("办结的投诉举报应当写明查处结论。")
        if self.closed_on and self.on and self.closed_on < self.on:
            errors["closed_on"] = _("办结日期不能早于收到日期。")
        if self.finding in (self.Finding.UPHELD, self.Finding.PARTLY) and not self.correction:
            errors["correction"] = _("查证属实的，应当写明督促整改的情况（条例第四十七条）。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class Accountability(Record):
    """A 责任追究 for disclosure work (条例 Art. 46, 52, 53): whom, why, what was decided."""

    PERSONAL_FIELDS = ("person",)

    class Ground(models.TextChoices):
        DUTY = "art53_1", _("不依法履行政府信息公开职能（条例第五十三条第一项）")
        NOT_UPDATED = "art53_2", _("不及时更新公开内容、指南和目录（条例第五十三条第二项）")
        OTHER = "art53_3", _("违反条例规定的其他情形（条例第五十三条第三项）")
        NO_RULES = "art52", _("未建立健全有关制度、机制（条例第五十二条）")

    ground = models.CharField(_("追究事由"), max_length=10, choices=Ground.choices)
    person = models.CharField(_("被追究人员"), max_length=100)
    measure = models.CharField(
        _("处理方式"), max_length=100, help_text=_("如：通报批评、诫勉谈话、处分")
    )
    facts = models.TextField(_("事实经过"), blank=True)
    decided_by = models.CharField(_("作出决定的机关"), max_length=100, blank=True)
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("来源投诉举报"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Record.Meta):
        verbose_name = _("责任追究")
        verbose_name_plural = _("责任追究")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.measure}"


class Training(Record):
    """A 培训 of disclosure staff (条例 Art. 48), given or attended."""

    topic = models.CharField(_("培训主题"), max_length=200)
    participants = models.CharField(_("参加人员"), max_length=300, blank=True)
    participant_count = models.PositiveIntegerField(_("参加人数"))
    organiser = models.CharField(_("组织单位"), max_length=100, blank=True)

    class Meta(Record.Meta):
        verbose_name = _("培训")
        verbose_name_plural = _("培训")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.topic}"

    def clean(self) -> None:
        super().clean()
        if self.participant_count == 0:
            raise ValidationError({"participant_count": _("参加人数至少为 1。")})


class SelfInspection(Record):
    """A 自查: what was checked, what was found and what was put right (practice §5.4)."""

    checked_catalog = models.BooleanField(_("目录及时性（条例第二十六条）"), default=False)
    checked_links = models.BooleanField(_("链接可用性"), default=False)
    checked_column = models.BooleanField(_("专栏四个栏目"), default=False)
    checked_channels = models.BooleanField(_("政务新媒体更新"), default=False)
    other_scope = models.CharField(_("其他检查内容"), max_length=200, blank=True)
    participants = models.CharField(_("参加人员"), max_length=300, blank=True)
    summary = models.TextField(_("发现的问题"), blank=True)
    corrected = models.TextField(_("整改情况"), blank=True)

    SCOPE_FIELDS = ("checked_catalog", "checked_links", "checked_column", "checked_channels")

    class Meta(Record.Meta):
        verbose_name = _("自查")
        verbose_name_plural = _("自查")

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {_('自查')}"

    def clean(self) -> None:
        super().clean()
        if not any(getattr(self, f) for f in self.SCOPE_FIELDS) and not self.other_scope:
            raise ValidationError({"other_scope": _("请至少选择或填写一项检查内容。")})

    def scope_labels(self) -> list[str]:
        labels = [str(self._meta.get_field(f).verbose_name) for f in self.SCOPE_FIELDS]
        chosen = [lb for f, lb in zip(self.SCOPE_FIELDS, labels, strict=True) if getattr(self, f)]
        return chosen + ([self.other_scope] if self.other_scope else [])


class Finding(models.Model):
    """One problem found by a self-inspection, typed by staff or taken from the platform's own
    findings (``findings.py``), and its fixing."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("人工检查")
        OVERDUE_ITEM = "overdue_item", _("逾期未公开的目录条目（条例第二十六条）")
        LATE_ITEM = "late_item", _("迟延公开的目录条目（条例第二十六条）")
        STALE_CHANNEL = "stale_channel", _("未按期更新的政务新媒体（国办秘函〔2019〕19号）")
        OVERDUE_CASE = "overdue_case", _("超期未答复的申请（条例第三十三条）")
        COLUMN_ENTRY = "column_entry", _("专栏栏目缺项（国办公开办函〔2019〕61号）")

    inspection = models.ForeignKey(
        SelfInspection, on_delete=models.CASCADE, related_name="findings"
    )
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    key = models.CharField(max_length=60, blank=True)  # "item:12": what a recheck looks for
    description = models.CharField(_("问题"), max_length=300)
    fixed_on = models.DateField(_("整改日期"), null=True, blank=True)
    fix_note = models.CharField(_("整改情况"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("自查发现的问题")
        verbose_name_plural = _("自查发现的问题")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class LeadingGroup(models.Model):
    """The body's 政务公开工作领导小组 (条例 Art. 3: 加强组织领导)."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="leading_group"
    )
    established_on = models.DateField(_("成立日期"))
    document = models.CharField(_("成立文件"), max_length=100, blank=True)
    leader = models.CharField(_("组长"), max_length=100)
    members = models.TextField(_("成员"), blank=True)

    class Meta:
        verbose_name = _("领导小组")
        verbose_name_plural = _("领导小组")

    def __str__(self) -> str:
        return f"{self.agency} {_('领导小组')}"


class OfficeStaff(models.Model):
    """A member of the 政府信息公开工作机构 (条例 Art. 4), dedicated or part-time: the seed
    report's problem (一) is staff doing disclosure beside other duties."""

    class Kind(models.TextChoices):
        DEDICATED = "dedicated", _("专职")
        PART_TIME = "part_time", _("兼职")

    agency = models.ForeignKey(
        Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="office_staff"
    )
    name = models.CharField(_("姓名"), max_length=60)
    post = models.CharField(_("职务"), max_length=100, blank=True)
    kind = models.CharField(_("专职或兼职"), max_length=10, choices=Kind.choices)
    since = models.DateField(_("起始日期"))
    until = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作机构人员")
        verbose_name_plural = _("工作机构人员")
        ordering = ["kind", "since", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"

    def clean(self) -> None:
        if self.until and self.since and self.until < self.since:
            raise ValidationError({"until": _("结束日期不能早于起始日期。")})

    def serves_in(self, year: int) -> bool:
        return self.since.year <= year and (self.until is None or self.until.year >= year)


class Reassessment(models.Model):
    """One 定期评估审查 of an item held back (依申请公开 or 不予公开), 条例 Art. 18: kept as it is,
    or released for proactive disclosure (the item then enters the catalog's review)."""

    class Decision(models.TextChoices):
        KEPT = "kept", _("维持原公开属性")
        RELEASED = "released", _("转为主动公开")

    item = models.ForeignKey(
        "catalog.CatalogItem",
        verbose_name=_("目录条目"),
        on_delete=models.CASCADE,
        related_name="reassessments",
    )
    decided_on = models.DateField(_("评估日期"))
    previous = models.CharField(_("原公开属性"), max_length=20)
    decision = models.CharField(_("评估结论"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("动态调整评估")
        verbose_name_plural = _("动态调整评估")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.decided_on} {self.get_decision_display()}"


class Event(models.Model):
    """Append-only log of the app's changes (house rule): who did what to which record."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=40)  # "consultation.created", "finding.fixed" …
    object_pk = models.PositiveIntegerField(null=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.object_pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Event is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Event is append-only")


def log(agency, kind: str, *, actor=None, obj=None, note: str = "") -> Event:
    return Event.objects.create(
        agency=agency,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        kind=kind,
        object_pk=getattr(obj, "pk", None),
        note=note[:300],
    )


def reassessment_due(last: datetime.date, months: int) -> datetime.date:
    """The day an item comes up again: ``months`` after its last 评估 (条例 Art. 18 "定期";
    the period is the platform setting GONGKAI_REASSESSMENT_MONTHS, docs/supervision.md)."""
    month = last.month - 1 + months
    year, month = last.year + month // 12, month % 12 + 1
    import calendar

    return datetime.date(year, month, min(last.day, calendar.monthrange(year, month)[1]))

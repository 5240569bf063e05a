"""Notices (告知书) of an application: drafted (拟办), reviewed with the 保密审查 (审核), signed
by the body's 负责人 (签发, which fixes the number, the relief paragraph and the DOCX), served
(送达). Every step appends an ``applications.Event`` (the case's one append-only log); the rules
live in ``services.py``. docs/letters.md.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, Kind
from .setup_models import (  # noqa: F401  (Django finds the models through this module)
    KIND_CHOICES,
    BodyTemplate,
    NumberCounter,
    NumberingScheme,
    ReliefProfile,
)


def notice_path(instance, filename: str) -> str:
    return f"letters/notices/{instance.agency_id}/{secrets.token_hex(16)}-{filename}"


class Notice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("拟办")
        REVIEWED = "reviewed", _("已审核")
        ISSUED = "issued", _("已签发")
        SERVED = "served", _("已送达")
        CANCELLED = "cancelled", _("已作废")

    class Secrecy(models.TextChoices):
        """The 保密审查 conclusion recorded at 审核 (条例 Art. 17: 公开前依照保密法 审查)."""

        CLEAR = "clear", _("不涉及国家秘密，可以发出")
        NOT_CLEAR = "not_clear", _("涉及国家秘密或不宜公开的内容，须修改")

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("申请"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    # The body, copied from the application: the access helper's path and the number's owner.
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("行政机关"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=KIND_CHOICES)
    outcome = models.CharField(_("办理结果"), max_length=10, blank=True)
    addressee = models.CharField(_("抬头"), max_length=200)
    paragraphs = models.JSONField(_("正文"), default=list)
    # Kind-specific values (items, supplement_days, reason, extension_days, amount, …).
    extra = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    secrecy = models.CharField(
        _("保密审查结论"), max_length=20, choices=Secrecy.choices, blank=True
    )
    secrecy_note = models.TextField(_("保密审查意见"), blank=True)
    # 条例 Art. 33 ¶2: the extension itself needs the 工作机构负责人's approval.
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    extension_approved_at = models.DateTimeField(null=True, blank=True)

    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    number = models.CharField(_("文号"), max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    serial = models.PositiveIntegerField(null=True, blank=True)
    relief_text = models.TextField(_("救济途径"), blank=True)
    relief_articles = models.JSONField(default=list, blank=True)
    template = models.ForeignKey(
        BodyTemplate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    docx = models.FileField(upload_to=notice_path, max_length=200, blank=True)
    pdf = models.FileField(upload_to=notice_path, max_length=200, blank=True)

    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("作废理由"), max_length=200, blank=True)

    class Meta:
        ordering = ["drafted_at", "pk"]
        verbose_name = _("告知书")
        verbose_name_plural = _("告知书")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=~models.Q(number=""),
                name="letters_notice_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()}（{self.get_status_display()}）"

    @property
    def kind_enum(self) -> Kind:
        return Kind(self.kind)

    @property
    def title(self) -> str:
        return KINDS[self.kind_enum].title

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REVIEWED)

    def file_name(self, ext: str) -> str:
        return f"{self.number or self.title}.{ext}"


class Service(models.Model):
    """How and when a notice reached its addressee (送达; 国办公开办函〔2016〕235号,
    regulation.md §1.3; practice.md §3.5).

    ``served_on`` is the addressee's receipt: the signature date in person, the date on the
    signed return receipt for mail, the confirmed receipt for e-mail and online. ``posted_on`` is
    the day a mailed notice was handed to the post (交邮之日), the time point 235号 uses for the
    body's own deadlines.
    """

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("直接送达（签收）")
        ENTRUSTED = "entrusted", _("委托其他行政机关代为送达")
        REGISTERED_MAIL = "registered_mail", _("挂号信邮寄（回执）")
        EMS = "ems", _("EMS 邮寄（回执）")
        EMAIL = "email", _("电子邮件")
        ONLINE = "online", _("网上送达")

    MAIL = frozenset({Method.REGISTERED_MAIL, Method.EMS})

    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="service")
    method = models.CharField(_("送达方式"), max_length=20, choices=Method.choices)
    served_on = models.DateField(_("送达（签收）日期"))
    posted_on = models.DateField(_("交邮日期"), null=True, blank=True)
    tracking_number = models.CharField(_("邮件号码"), max_length=40, blank=True)
    signed_by = models.CharField(_("签收人"), max_length=100, blank=True)
    address = models.CharField(_("送达地址或邮箱"), max_length=300, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")

    def __str__(self) -> str:
        return f"{self.notice} · {self.get_method_display()} · {self.served_on}"

    @property
    def deadline_point(self):
        """The date that counts for the body's own deadlines: 交邮之日 for mail, the
        addressee's signature otherwise (235号)."""
        return self.posted_on if self.method in self.MAIL else self.served_on


class Reminder(models.Model):
    """The last due date each kind of reminder was sent for, per application: a claim made
    with ``filter(...).update(...)`` (one winner even if two runs overlap), so that running
    ``send_reminders`` twice sends nothing twice (gongkai/letters/reminders.py)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="reminder"
    )
    due_soon_for = models.DateField(null=True, blank=True)
    overdue_for = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.application} · {self.due_soon_for} · {self.overdue_for}"

"""The append-only event log of an application, and the error a refused transition raises.
Imported by ``models.py`` (Django finds the model there)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionError(ValidationError):
    """A transition refused, with the reason in Chinese (shown at the form, never a 500)."""


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(public=True)

    def update(self, **kwargs):
        raise TypeError("events are append-only")

    def delete(self):
        raise TypeError("events are append-only")


class Event(models.Model):
    """One step of a case; append-only (never updated or deleted: the audit trail)."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交申请")
        RECEIVED = "received", _("确认收到申请")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("告知补正")
        SUPPLEMENT_RECEIVED = "supplement_received", _("收到补正")
        SUPPLEMENT_LAPSED = "supplement_lapsed", _("逾期未补正")
        CONSULTATION_STARTED = "consultation_started", _("征求意见")
        CONSULTATION_ENDED = "consultation_ended", _("征求意见结束")
        EXTENDED = "extended", _("延长答复期限")
        FEE_NOTICE = "fee_notice", _("发出收费通知")
        FEE_PAID = "fee_paid", _("缴纳信息处理费")
        FEE_WAIVED = "fee_waived", _("减免信息处理费")
        FEE_LAPSED = "fee_lapsed", _("逾期未缴费")
        REASONS_REQUESTED = "reasons_requested", _("要求说明理由")
        DEADLINE_DELAYED = "deadline_delayed", _("确定延迟答复期限")
        CLOSED = "closed", _("办结")
        ASSIGNED = "assigned", _("分配经办人")
        NOTE = "note", _("内部备注")
        TYPE_CONFIRMED = "type_confirmed", _("确认申请人类型")
        SEARCHED = "searched", _("检索记录")
        PROACTIVE_PROPOSED = "proactive_proposed", _("建议转为主动公开")
        ATTACHMENT_ADDED = "attachment_added", _("添加附件")
        PERSONAL_DATA_VIEWED = "personal_data_viewed", _("查看个人信息")
        IMPORTED = "imported", _("从台账导入")
        # Notices (gongkai.letters): drafted (拟办), reviewed (审核, 保密审查), issued (签发), served.
        NOTICE_DRAFTED = "notice_drafted", _("拟办告知书")
        NOTICE_REVIEWED = "notice_reviewed", _("审核告知书")
        NOTICE_ISSUED = "notice_issued", _("签发告知书")
        NOTICE_SERVED = "notice_served", _("送达告知书")

    # Shown to the applicant on the status page; everything else is internal.
    PUBLIC_KINDS = frozenset(
        {
            Kind.SUBMITTED,
            Kind.RECEIVED,
            Kind.SUPPLEMENT_REQUESTED,
            Kind.SUPPLEMENT_RECEIVED,
            Kind.SUPPLEMENT_LAPSED,
            Kind.CONSULTATION_STARTED,
            Kind.CONSULTATION_ENDED,
            Kind.EXTENDED,
            Kind.FEE_NOTICE,
            Kind.FEE_PAID,
            Kind.FEE_WAIVED,
            Kind.FEE_LAPSED,
            Kind.REASONS_REQUESTED,
            Kind.DEADLINE_DELAYED,
            Kind.CLOSED,
            Kind.NOTICE_SERVED,
        }
    )

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("事项"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("记录时间"), default=timezone.now)
    on = models.DateField(_("日期"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("events are append-only")

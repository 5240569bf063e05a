"""Records behind the annual report that the other apps do not hold.

* :class:`DisputeCase` — a 行政复议 or 行政诉讼 about the body's disclosure work, where the body
  is 被申请人 or 被告 (条例 Art. 50(三); table 四, reference §3.5);
* :class:`AnnualReport` and :class:`ReportVersion` — a body's report for a year, drafted, then
  published as immutable versions with a content hash; a correction is a new version with its
  public 更正说明 (practice §4.3 consequence 2: "changed after publication");
* :class:`ReportCheck` — a background check of uploaded published reports (its own module,
  :mod:`.checkjobs`).
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import review_clock


class Route(models.TextChoices):
    """Table 四's three groups (reference §3.5), in the template's order."""

    REVIEW = "review", _("行政复议")
    DIRECT = "direct", _("行政诉讼（未经复议直接起诉）")
    AFTER_REVIEW = "after_review", _("行政诉讼（复议后起诉）")


ROUTE_GROUP = {Route.REVIEW: 0, Route.DIRECT: 1, Route.AFTER_REVIEW: 2}


class CaseOutcome(models.TextChoices):
    """Table 四's result columns (reference §3.5); empty = 尚未审结."""

    UPHELD = "upheld", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")


OUTCOME_PART = {CaseOutcome.UPHELD: 0, CaseOutcome.CORRECTED: 1, CaseOutcome.OTHER: 2}
PENDING_PART = 3  # 尚未审结


class Role(models.TextChoices):
    """The body's place in the case. 国办公开办函〔2016〕201号 and 〔2021〕30号: a 行政复议机关 that
    is only 共同被告 does not count the case; the original acting body does."""

    RESPONDENT = "respondent", _("被申请人/被告（原行为机关）")
    CO_DEFENDANT = "co_defendant", _("复议机关作为共同被告（不计入本机关年报）")


class DisputeCaseQuerySet(models.QuerySet):
    def counted(self):
        """Cases the body reports in table 四 (30号: not those where it is only co-defendant)."""
        return self.filter(role=Role.RESPONDENT)


class DisputeCase(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="dispute_cases"
    )
    case_number = models.CharField(_("案号"), max_length=80)
    route = models.CharField(_("类别"), max_length=20, choices=Route.choices)
    role = models.CharField(
        _("本机关地位"), max_length=20, choices=Role.choices, default=Role.RESPONDENT
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("涉及的申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dispute_cases",
    )
    claimant = models.CharField(_("申请人/原告"), max_length=200, blank=True)
    organ = models.CharField(_("复议机关/法院"), max_length=200, blank=True)
    filed_on = models.DateField(_("申请或起诉日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    copy_received_on = models.DateField(_("收到申请书副本或答复通知日期"), null=True, blank=True)
    simplified = models.BooleanField(_("适用简易程序"), default=False)
    answered_on = models.DateField(_("提交答复和证据日期"), null=True, blank=True)
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=CaseOutcome.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DisputeCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        ordering = ["-filed_on", "case_number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "case_number"], name="dispute_case_number")
        ]

    def __str__(self) -> str:
        return self.case_number

    def clean(self):
        if bool(self.outcome) != bool(self.decided_on):
            raise ValidationError(_("审结日期和结果须同时填写（尚未审结的两者都不填）。"))
        if self.decided_on and self.decided_on < self.filed_on:
            raise ValidationError({"decided_on": _("审结日期不能早于申请或起诉日期。")})

    # -- the respondent's clock (行政复议法 2023 Art. 48, 54, 62, 88; practice §3.7) -----------

    @property
    def calendar(self):
        from gongkai.holidays.calendar import get_calendar

        return get_calendar(self.agency)

    def answer_due(self) -> review_clock.Due | None:
        """When the written answer and all evidence are due (Art. 48 / 54), for reviews."""
        if self.route != Route.REVIEW or not self.copy_received_on:
            return None
        return review_clock.answer_due(
            self.copy_received_on, simplified=self.simplified, calendar=self.calendar
        )

    def decision_due(self) -> datetime.date | None:
        """The review body's decision period (Art. 62), for 尚未审结 at year end."""
        if self.route != Route.REVIEW or not self.accepted_on:
            return None
        return review_clock.decision_due(self.accepted_on, simplified=self.simplified)

    def is_pending_on(self, day: datetime.date) -> bool:
        return self.decided_on is None or self.decided_on > day


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已公开")


class AnnualReport(models.Model):
    """A body's annual report for a year: sections' texts as drafted, then its versions."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    status = models.CharField(
        _("状态"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Section id ("1", "5", "6") -> text as drafted (the others are the tables).
    sections = models.JSONField(_("正文"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="report_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def current(self) -> ReportVersion | None:
        return self.versions.order_by("-number").first()

    @transaction.atomic
    def publish(
        self, *, figures, actor=None, on: datetime.date | None = None, correction: str = ""
    ):
        """Freeze ``figures`` as the next version (条例 Art. 49: published to the public).

        The first publication needs no note; every later one is a correction and must say
        what changed (its 更正说明 is public). A version is never changed afterwards.
        """
        report = AnnualReport.objects.select_for_update().get(pk=self.pk)
        number = report.versions.count() + 1
        if number > 1 and not correction.strip():
            raise ValidationError({"correction": _("更正已公开的报告须填写更正说明。")})
        on = on or timezone.localdate()
        figures.published_on = figures.published_on or on
        data = figures.to_dict()
        latest = report.versions.order_by("-number").first()
        if latest is not None and content_hash(data) == latest.content_hash:
            raise ValidationError({"correction": _("内容与现行版本相同，无需更正。")})
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            published_on=on,
            figures=data,
            content_hash=content_hash(data),
            correction=correction.strip(),
            published_by=actor,
        )
        report.status = ReportStatus.PUBLISHED
        report.save(update_fields=["status", "updated_at"])
        self.status = report.status
        return version


def content_hash(data: dict) -> str:
    """SHA-256 of the figures' canonical JSON (sorted keys, UTF-8): the published identity."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReportVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("published report versions are immutable")

    def delete(self):
        raise ValidationError("published report versions are immutable")


class ReportVersion(models.Model):
    """One published, frozen version of a report (never changed; a correction adds one)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    published_on = models.DateField(_("公开日期"))
    figures = models.JSONField(_("报告数据"))
    content_hash = models.CharField(_("内容摘要（SHA-256）"), max_length=64)
    correction = models.TextField(_("更正说明"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度报告版本")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("published report versions are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("published report versions are immutable")

    def as_figures(self):
        from gongkai.reportengine.figures import Figures

        return Figures.from_dict(self.figures)

    def verify(self) -> bool:
        """The stored figures still hash to the published digest."""
        return content_hash(self.figures) == self.content_hash


from .checkjobs import ReportCheck, check_storage  # noqa: E402, F401  (one models module)
from .records import FigureOverride, ImportedReport  # noqa: E402, F401

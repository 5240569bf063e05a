"""Records the report page keeps besides the texts: figure overrides and imported reports.

* :class:`FigureOverride` — a computed cell of table 二/三/四 replaced by another value, only
  with a recorded reason (issue 10 §3: "records kept outside the system"). Append-only: a
  row is never changed or deleted; the newest row of a cell wins, and a row without a value
  restores the computed one. The check lists every difference (R801, docs/report-checks.md).
* :class:`ImportedReport` — a body's published report of an earlier year read from the
  published file by the engine's parser, for the carry-over check (R501) and the section 五
  comparison (R702) when that year was not published on the platform.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("figure overrides are append-only")

    def delete(self):
        raise ValidationError("figure overrides are append-only")


class FigureOverride(models.Model):
    """One override of one cell (``where`` in the engine's convention: ``table3.1[0]``,
    ``table4[4]``, ``table2.licensing``, ``table2.rules[0]``)."""

    report = models.ForeignKey(
        "reports.AnnualReport", on_delete=models.PROTECT, related_name="overrides"
    )
    cell = models.CharField(_("单元格"), max_length=40)
    # None: back to the computed value (the earlier override stays in the record).
    value = models.DecimalField(_("填报值"), max_digits=14, decimal_places=4, null=True, blank=True)
    reason = models.TextField(_("理由"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("报告数字调整")
        ordering = ["report", "made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.cell}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("figure overrides are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("figure overrides are append-only")

    def number(self) -> int | float | None:
        """The value as a report cell holds it: 3, not Decimal('3.0000')."""
        if self.value is None:
            return None
        return int(self.value) if self.value == int(self.value) else float(self.value)


class ImportedReport(models.Model):
    """A published report of ``year`` read from its file (the engine's parser), kept whole."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="imported_reports"
    )
    year = models.PositiveSmallIntegerField(_("报告年度"))
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("文件摘要（SHA-256）"), max_length=64)
    figures = models.JSONField(_("读出的报告数据"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("导入的已公开年度报告")
        ordering = ["agency", "-year", "-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} ({self.file_name})"

    def as_figures(self):
        from gongkai.reportengine.figures import Figures

        return Figures.from_dict(self.figures)

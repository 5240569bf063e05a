"""The admin-edited override table of the working-day calendar (issue 2, item 5).

Staff enter here what chinesecalendar does not know (reference §5.1, §5.2): a new year's
国务院办公厅 notice before the library has it, a 少数民族 holiday (放假办法 Art. 4), a one-off
closure. ``gongkai.holidays.calendar.get_calendar()`` turns the rows into a
``gongkai.workdays.WorkCalendar``; the calendar itself never reads the database.
"""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from gongkai.workdays import Override


def _overrides_changed() -> None:
    """Drop this process's cached calendar now, and again once the change is committed.

    Now: so the rest of this request (and a test) sees the change. On commit: so a calendar
    that another thread rebuilt from the pre-commit rows in between is dropped too. Other
    processes notice through the periodic stamp check in ``calendar.get_calendar``.
    """
    from gongkai.holidays.calendar import invalidate

    invalidate()
    transaction.on_commit(invalidate)


class DayOverrideQuerySet(models.QuerySet):
    # Bulk changes (the admin's "delete selected", a data import) bypass Model.save/delete;
    # they invalidate the cache here instead of through signals (house style: no signals).
    def update(self, **kwargs):
        count = super().update(**kwargs)
        _overrides_changed()
        return count

    def delete(self):
        result = super().delete()
        _overrides_changed()
        return result

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        _overrides_changed()
        return created

    def national(self) -> DayOverrideQuerySet:
        """Rows that apply to every body on the platform."""
        return self.filter(agency=None)

    def as_overrides(self) -> list[Override]:
        """The rows as the pure calendar's ``Override`` objects (the caller picks the rows:
        two rows of one date for different bodies would contradict each other)."""
        return [row.as_override() for row in self.order_by("date")]


class DayOverride(models.Model):
    """One day whose working status differs from the library data or the weekday rule."""

    class Kind(models.TextChoices):
        WORKDAY = "workday", _("上班（工作日）")
        DAY_OFF = "day_off", _("放假（休息日）")

    date = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(
        _("名称"),
        max_length=60,
        blank=True,
        help_text=_("例如：春节、调休上班、古尔邦节、临时闭馆。"),
    )
    source = models.CharField(
        _("依据"),
        max_length=200,
        blank=True,
        help_text=_(
            "文件名称和文号，例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）。"
        ),
    )
    # A 少数民族 holiday set by a local government (放假办法 Art. 4) or a closure of one office:
    # it applies to that body and every body below it. Empty: the whole platform.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("适用机关"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="day_overrides",
        help_text=_("留空：适用于本平台所有机关。填写：适用于该机关及其全部下级机关。"),
    )
    note = models.TextField(_("备注"), blank=True)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    changed = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = DayOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        constraints = [
            # One row per day for the platform, and one per day for each body.
            models.UniqueConstraint(
                fields=["date"],
                condition=models.Q(agency=None),
                name="holidays_override_national_date_unique",
                violation_error_message=_("该日期已有适用于所有机关的调整。"),
            ),
            models.UniqueConstraint(
                fields=["agency", "date"],
                name="holidays_override_agency_date_unique",
                violation_error_message=_("该机关在该日期已有调整。"),
            ),
        ]

    def __str__(self) -> str:
        text = f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".strip()
        return f"{text}（{self.agency}）" if self.agency_id else text

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _overrides_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _overrides_changed()
        return result

    def as_override(self) -> Override:
        return Override(self.date, self.kind == self.Kind.WORKDAY, self.name)

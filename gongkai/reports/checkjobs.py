"""A background check of a zip of reports (docs/report-checker.md).

The uploaded zip is kept through the ``report_checks`` storage (outside the web root) only
until the check has run; the results are kept until ``expires_at`` and then deleted with
the row (:meth:`ReportCheck.purge_expired`, run on every new upload and by
``gongkai purge_report_checks``). Nobody logs in: the random id in the URL is the only key.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def check_storage():
    return storages["report_checks"]


class ReportCheck(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("等待检查")
        RUNNING = "running", _("正在检查")
        DONE = "done", _("已完成")
        FAILED = "failed", _("检查失败")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("文件名"), max_length=255)
    upload = models.FileField(storage=check_storage, upload_to="uploads/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    results = models.JSONField(default=list, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            hours = getattr(settings, "REPORT_CHECK_KEEP_HOURS", 24)
            self.expires_at = self.created_at + timedelta(hours=hours)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reports:progress", kwargs={"check_id": self.pk})

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0

    def discard_upload(self) -> None:
        """Delete the stored zip (the results do not need it)."""
        if self.upload:
            self.upload.delete(save=False)
            self.upload = ""

    @classmethod
    def purge_expired(cls, now=None) -> int:
        """Delete expired checks and whatever of their uploads is left; returns how many."""
        expired = list(cls.objects.filter(expires_at__lte=now or timezone.now()))
        for check in expired:
            check.discard_upload()
            check.delete()
        return len(expired)

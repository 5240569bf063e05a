"""The records hanging off an application: items sought, attachments, pauses, the 补正, the
extension, the fee, the outcome and the searches. Imported by ``models.py`` (Django finds them
there); rules that change state live on ``Application`` in models.py.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import deadlines
from .choices import OUTCOME_CHOICES


class ApplicationStorage(Storage):
    """Forwards to the STORAGES alias of settings.GONGKAI_APPLICATION_STORAGE at each call, so
    the backend (a private folder, or S3-compatible object storage) is a setting, read late."""

    def _target(self) -> Storage:
        from django.core.files.storage import storages

        return storages[getattr(settings, "GONGKAI_APPLICATION_STORAGE", "applications")]

    def _open(self, name, mode="rb"):
        return self._target().open(name, mode)

    def _save(self, name, content):
        return self._target().save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._target().get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self._target().generate_filename(filename)

    def delete(self, name):
        return self._target().delete(name)

    def exists(self, name):
        return self._target().exists(name)

    def size(self, name):
        return self._target().size(name)

    def path(self, name):
        return self._target().path(name)

    def url(self, name):
        return self._target().url(name)


_STORAGE = ApplicationStorage()


def attachment_storage() -> Storage:
    """The storage for uploads: a folder outside the web root by default, S3-compatible object
    storage when configured (settings: GONGKAI_S3_BUCKET)."""
    return _STORAGE


def attachment_path(instance, filename: str) -> str:
    # A random name: the original name is kept in the row, never trusted as a path.
    import secrets

    return f"applications/{instance.application.agency_id}/{secrets.token_hex(16)}"


class Item(models.Model):
    """One piece of information sought (条例 Art. 29(二): 名称、文号 or a description)."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("信息名称"), max_length=300, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    description = models.TextField(_("特征性描述"), blank=True)

    class Meta:
        ordering = ["application", "position"]
        verbose_name = _("申请公开的信息")
        verbose_name_plural = _("申请公开的信息")

    def __str__(self) -> str:
        return self.title or self.document_number or self.description[:40]


class Attachment(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=attachment_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


class Pause(models.Model):
    """An interval excluded from the answer period (条例 Art. 32-34; 109号 when configured):
    the working days after ``started_on`` up to and including ``ended_on`` do not count."""

    class Kind(models.TextChoices):
        THIRD_PARTY = deadlines.THIRD_PARTY, _("征求第三方意见")
        OTHER_BODY = deadlines.OTHER_BODY, _("征求其他机关意见")
        FEE = deadlines.FEE_WAIT, _("等待缴纳信息处理费")

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="pauses"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    party = models.CharField(_("被征求意见方"), max_length=200, blank=True)
    party_received_on = models.DateField(_("对方收到征求意见书日期"), null=True, blank=True)
    reply_due_on = models.DateField(_("对方答复期限"), null=True, blank=True)
    reply = models.TextField(_("对方意见"), blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("期限暂停")
        verbose_name_plural = _("期限暂停")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}–{self.ended_on or ''}"

    def as_pause(self) -> deadlines.Pause:
        return deadlines.Pause(self.kind, self.started_on, self.ended_on)


class SupplementRequest(models.Model):
    """The one 补正 notice of a case (条例 Art. 30: "一次性告知")."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="supplement"
    )
    served_on = models.DateField(_("补正告知书送达日期"))
    period_days = models.PositiveSmallIntegerField(_("补正期限（工作日）"))
    due_on = models.DateField(_("补正截止日期"))
    items = models.TextField(_("需要补正的事项"))
    received_on = models.DateField(_("收到补正日期"), null=True, blank=True)
    lapsed_on = models.DateField(_("逾期未补正日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正")
        verbose_name_plural = _("补正")

    def __str__(self) -> str:
        return f"补正 {self.served_on}"


class Extension(models.Model):
    """The one extension (条例 Art. 33 ¶2): ≤ 20 working days, the 负责人's approval, a notice
    served before the original deadline."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="extension"
    )
    days = models.PositiveSmallIntegerField(_("延长工作日数"))
    reason = models.TextField(_("延期理由"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    notice_served_on = models.DateField(_("延期告知书送达日期"))
    original_due_on = models.DateField(_("原答复期限"))
    new_due_on = models.DateField(_("延长后答复期限"))

    class Meta:
        verbose_name = _("延期答复")
        verbose_name_plural = _("延期答复")

    def __str__(self) -> str:
        return f"延长 {self.days}"


class Fee(models.Model):
    """信息处理费 of one case (国办函〔2020〕109号; reference §2, §6.2): one method, never both."""

    class Method(models.TextChoices):
        PER_CASE = "per_case", _("按件计收")
        PER_VOLUME = "per_volume", _("按量计收")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="fee"
    )
    method = models.CharField(_("计收方式"), max_length=20, choices=Method.choices)
    units = models.PositiveIntegerField(_("本申请件数（一事一申请拆分后）"), default=0)
    prior_units = models.PositiveIntegerField(_("同一申请人本月已申请件数"), default=0)
    pages = models.PositiveIntegerField(_("页数"), default=0)
    counting_basis = models.CharField(_("页数计算方式"), max_length=200, blank=True)
    amount = models.PositiveIntegerField(_("收费金额（元）"))
    notice_served_on = models.DateField(_("收费通知发出日期"))
    notice_received_on = models.DateField(_("申请人收到收费通知日期"))
    pay_due_on = models.DateField(_("缴费截止日期"))
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("实收金额（元）"), default=0)
    waived = models.BooleanField(_("减免"), default=False)
    waiver_reason = models.TextField(_("减免理由"), blank=True)
    lapsed_on = models.DateField(_("逾期未缴日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount}"


class Outcome(models.Model):
    """The one outcome of a closed case: a report row 3.1 … 3.6.3 with its legal basis."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="outcome_record"
    )
    row = models.CharField(_("办理结果"), max_length=10, choices=OUTCOME_CHOICES)
    legal_basis = models.CharField(_("法律依据"), max_length=200)
    decided_on = models.DateField(_("办结日期"))
    reasons = models.TextField(_("理由"), blank=True)
    # 条例 Art. 37: what was withheld in a 部分公开 and why.
    withheld = models.TextField(_("不予公开的部分"), blank=True)
    withheld_reason = models.TextField(_("不予公开的理由"), blank=True)
    # 条例 Art. 36(五): the body that holds the information, where known.
    holder_body = models.CharField(_("负责公开该信息的机关"), max_length=200, blank=True)
    holder_contact = models.CharField(_("该机关联系方式"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("办理结果")
        verbose_name_plural = _("办理结果")

    def __str__(self) -> str:
        return self.row


class Search(models.Model):
    """One search for the information (guiding case 101: a "充分、合理" search backs 3.4.1)."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="searches"
    )
    searched_on = models.DateField(_("检索日期"))
    searched_by = models.CharField(_("检索人"), max_length=100)
    places = models.TextField(_("检索范围（档案、系统、科室）"))
    terms = models.CharField(_("检索词"), max_length=300, blank=True)
    result = models.TextField(_("检索结果"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["searched_on", "pk"]
        verbose_name = _("检索记录")
        verbose_name_plural = _("检索记录")

    def __str__(self) -> str:
        return f"{self.searched_on} {self.searched_by}"


class ReceiptCounter(models.Model):
    """The last 受理编号 serial of one body in one year; bumped with an UPDATE … + 1 so two
    simultaneous submissions never get one number (the row lock serialises them)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="receipt_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"

"""A body's letter setup: its 复议机关 data, its numbering schemes and its own Word templates.

Imported by ``models.py`` (Django finds the models there).
"""

from __future__ import annotations

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS, OUTCOME_LABELS, Kind

KIND_CHOICES = [(kind.value, info.label) for kind, info in KINDS.items()]


class ReliefProfile(models.Model):
    """What the 救济 paragraph needs beyond the hierarchy (行政复议法 Art. 22 ¶2, 24, 27, 28;
    practice.md §3.7: "store per body its 复议机关 (name, address, online channel), effective
    from a date"). A new row from a date replaces the old one for decisions from that date;
    rows are never edited, so a letter's paragraph can always be recomputed."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("行政机关"),
        on_delete=models.CASCADE,
        related_name="relief_profiles",
    )
    effective_from = models.DateField(_("生效日期"))
    vertical = models.BooleanField(
        _("实行垂直领导"),
        default=False,
        help_text=_("海关、金融、外汇管理、税务、国家安全等机关（行政复议法第二十七条）。"),
    )
    judicial_admin = models.BooleanField(
        _("司法行政部门"), default=False, help_text=_("行政复议法第二十八条。")
    )
    superior_department = models.CharField(
        _("上一级主管部门"),
        max_length=100,
        blank=True,
        help_text=_("垂直领导机关的上一级主管部门，或司法行政部门的上一级司法行政部门。"),
    )
    review_body = models.CharField(
        _("行政复议机关（指定）"),
        max_length=100,
        blank=True,
        help_text=_("留空：按行政复议法第二十四条由上级人民政府确定。"),
    )
    online_channel = models.CharField(
        _("互联网申请行政复议渠道"),
        max_length=200,
        blank=True,
        help_text=_("网址；通过互联网送达的文书必须载明（行政复议法第二十二条第二款）。"),
    )
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("救济告知设置")
        verbose_name_plural = _("救济告知设置")
        ordering = ["agency", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "effective_from"], name="letters_relief_profile_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.effective_from}"


PATTERN_FIELDS = {"prefix", "word", "year", "serial"}
DEFAULT_PATTERN = "{prefix}{word}〔{year}〕{serial}号"


def validate_pattern(value: str) -> None:
    """A numbering pattern uses only {prefix} {word} {year} {serial}, and {year} and {serial}."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError:
        raise ValidationError(_("编号格式中的花括号不成对。")) from None
    if not fields <= PATTERN_FIELDS or not {"year", "serial"} <= fields:
        raise ValidationError(
            _(
                "编号格式只能使用 {prefix}、{word}、{year}、{serial}，且必须包含 {year} 和 {serial}。"
            )
        )


class NumberingScheme(models.Model):
    """How one body numbers one kind of notice (practice.md §3.4: 机关代字 + 类型字 + 〔年〕 +
    序号). Without a row, the body's short name, the kind's default 字 and DEFAULT_PATTERN."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=KIND_CHOICES)
    prefix = models.CharField(_("机关代字"), max_length=20, blank=True)
    word = models.CharField(_("类型字"), max_length=20)
    pattern = models.CharField(
        _("编号格式"), max_length=60, default=DEFAULT_PATTERN, validators=[validate_pattern]
    )

    class Meta:
        verbose_name = _("文书编号规则")
        verbose_name_plural = _("文书编号规则")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind"], name="letters_scheme_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_kind_display()}"

    @classmethod
    def for_kind(cls, agency, kind: Kind) -> NumberingScheme:
        scheme = cls.objects.filter(agency=agency, kind=kind).first()
        if scheme is None:
            scheme = cls(agency=agency, kind=kind, word=KINDS[kind].word)
        if not scheme.prefix:
            scheme.prefix = agency.short_name or agency.name
        return scheme

    def format(self, year: int, serial: int) -> str:
        return self.pattern.format(prefix=self.prefix, word=self.word, year=year, serial=serial)


class NumberCounter(models.Model):
    """The last serial issued per body, 字 and year. Kinds that share a 字 share the series,
    so two notices can never carry the same number; a serial is never given twice, even when
    its notice is later cancelled (docs/letters.md)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    prefix = models.CharField(max_length=20)
    word = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "prefix", "word", "year"], name="letters_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}{self.word}〔{self.year}〕{self.last}"

    @classmethod
    def allocate(cls, agency, kind: Kind, year: int) -> tuple[int, str]:
        """The next (serial, number) for a notice of ``kind`` signed in ``year``.

        Row-locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers) inside the
        caller's transaction, so concurrent signings get distinct serials and a rolled-back
        signing gives its serial back rather than leaving a hole.
        """
        scheme = NumberingScheme.for_kind(agency, kind)
        key = {"agency": agency, "prefix": scheme.prefix, "word": scheme.word, "year": year}
        with transaction.atomic():
            cls.objects.get_or_create(**key)  # get_or_create retries the get on a race
            counter = cls.objects.select_for_update().get(**key)
            counter.last += 1
            counter.save(update_fields=["last"])
        return counter.last, scheme.format(year, counter.last)


def template_path(instance, filename: str) -> str:
    import secrets

    return f"letters/templates/{instance.agency_id}/{instance.kind}-{secrets.token_hex(8)}.docx"


class BodyTemplate(models.Model):
    """A body's own Word template for one kind (and optionally one outcome of an 答复书).
    The newest active one is used; older ones stay for the record of what was sent."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("文书种类"), max_length=20, choices=KIND_CHOICES)
    outcome = models.CharField(_("办理结果"), max_length=10, blank=True)
    file = models.FileField(upload_to=template_path, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    active = models.BooleanField(default=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_kind_display()} · {self.original_name}"

    @property
    def outcome_label(self) -> str:
        """The 办理结果 an 答复书 template is for (表三 row label), "" for every outcome."""
        return OUTCOME_LABELS.get(self.outcome, "")

    @classmethod
    def current(cls, agency, kind: Kind, outcome: str = "") -> BodyTemplate | None:
        """The body's template for ``kind`` (an outcome's own first), or None: the default."""
        rows = cls.objects.filter(agency=agency, kind=kind, active=True)
        if outcome:
            own = rows.filter(outcome=outcome).first()
            if own:
                return own
        return rows.filter(outcome="").first()

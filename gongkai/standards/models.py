"""基层政务公开标准目录 as data (国办发〔2019〕54号; reference practice.md §1.3–1.4).

A ``StandardTemplate`` is one area's template (领域, e.g. 社会救助) in one version, imported
from a file (``gongkai import_standard``; docs/standards.md). Its ``Matter`` rows are the
事项, up to three levels, each with its 要素 (``Element``), 依据, typed 公开时限, 主体, channels
(■ required / □ optional), 对象, 方式 and 层级. A body ``Adoption`` of a template makes it the
body's catalog for that area; the body trims 事项 that do not apply (``MatterExclusion``, with a
reason) and states the areas it does not cover at all (``AreaExclusion``, with a reason), as
the 胡集镇 catalog's "未涉及领域事项说明" does (practice.md §1.3).

An adopted version is never rewritten: a changed template is imported under a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from . import timelimits

MAX_LEVEL = 3  # 一级、二级、三级事项 (practice.md §1.4)

# The channel checklist of the ministry templates (practice.md §1.4), in their order; a
# template may name other channels (a specific platform, "其他：…"), kept as written.
CHECKLIST_CHANNELS = (
    "政府网站",
    "政府公报",
    "两微一端",
    "发布会/听证会",
    "广播电视",
    "纸质媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "其他",
)


class Audience(models.TextChoices):
    PUBLIC = "public", _("全社会")
    SPECIFIC = "specific", _("特定群体")


class Mode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class Tier(models.TextChoices):
    """公开层级 (practice.md §1.4: 县级/乡级, or 乡、村级, or 市级/县级/乡级 by province)."""

    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")
    VILLAGE = "village", _("村级")


class TimeLimitKind(models.TextChoices):
    AFTER_EVENT = timelimits.AFTER_EVENT, _("自某事件起若干日内")
    REALTIME = timelimits.REALTIME, _("实时公开")
    STANDING = timelimits.STANDING, _("长期公开（动态调整）")
    ANNUAL = timelimits.ANNUAL, _("每年固定日期前")


class TimeLimitUnit(models.TextChoices):
    WORKING = timelimits.WORKING, _("工作日")
    CALENDAR = timelimits.CALENDAR, _("日")


class StandardTemplate(models.Model):
    """One area's standard catalog template in one version (never rewritten once adopted)."""

    key = models.SlugField(_("模板标识"), max_length=60)
    version = models.CharField(_("版本"), max_length=40)
    area = models.CharField(_("领域"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    issuer = models.CharField(_("发布机关"), max_length=200, blank=True)
    basis = models.TextField(_("依据文件"), blank=True)
    sources = models.TextField(_("来源"), blank=True, help_text=_("每行一个来源（网址或文献）"))
    partial = models.BooleanField(_("部分转录"), default=False)
    partial_note = models.TextField(_("部分转录说明"), blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("标准目录模板")
        verbose_name_plural = _("标准目录模板")
        ordering = ["area", "key", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="standard_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.version}）"

    def is_adopted(self) -> bool:
        return self.adoptions.exists()

    def source_list(self) -> list[str]:
        return [line for line in self.sources.splitlines() if line.strip()]


class Matter(models.Model):
    """A 公开事项 of a template: 一级、二级 or 三级事项 (``level``)."""

    template = models.ForeignKey(StandardTemplate, on_delete=models.CASCADE, related_name="matters")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("层级"))
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(_("序号"), max_length=20, blank=True)
    name = models.CharField(_("事项名称"), max_length=200)
    basis = models.TextField(_("公开依据"), blank=True)
    tl_kind = models.CharField(
        _("公开时限类型"), max_length=20, choices=TimeLimitKind.choices, blank=True
    )
    tl_text = models.CharField(_("公开时限"), max_length=300, blank=True)
    tl_trigger = models.CharField(_("起算事件"), max_length=100, blank=True)
    tl_days = models.PositiveIntegerField(_("天数"), null=True, blank=True)
    tl_unit = models.CharField(
        _("天数单位"), max_length=10, choices=TimeLimitUnit.choices, blank=True
    )
    tl_month = models.PositiveSmallIntegerField(null=True, blank=True)
    tl_day = models.PositiveSmallIntegerField(null=True, blank=True)
    subject = models.CharField(_("公开主体"), max_length=200, blank=True)
    # [{"name": "政府网站", "required": true}, …]: ■ required, □ optional.
    channels = models.JSONField(_("公开渠道和载体"), default=list, blank=True)
    audience = models.CharField(_("公开对象"), max_length=10, choices=Audience.choices, blank=True)
    audience_note = models.CharField(_("公开对象说明"), max_length=200, blank=True)
    modes = models.JSONField(_("公开方式"), default=list, blank=True)
    tiers = models.JSONField(_("公开层级"), default=list, blank=True)

    class Meta:
        verbose_name = _("公开事项")
        verbose_name_plural = _("公开事项")
        ordering = ["template", "position"]

    def __str__(self) -> str:
        return self.name

    @property
    def time_limit(self) -> timelimits.TimeLimit | None:
        if not self.tl_kind:
            return None
        return timelimits.TimeLimit(
            kind=self.tl_kind,
            text=self.tl_text,
            trigger=self.tl_trigger,
            days=self.tl_days,
            unit=self.tl_unit or timelimits.WORKING,
            month=self.tl_month,
            day=self.tl_day,
        )

    @property
    def is_leaf(self) -> bool:
        """A 事项 that content is published under (it has a time limit of its own)."""
        return bool(self.tl_kind)

    def path_names(self) -> list[str]:
        names, node = [], self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return names[::-1]

    def full_name(self) -> str:
        """«社会救助·最低生活保障·审核信息»: the area and the 事项 path."""
        return "·".join([self.template.area, *self.path_names()])

    def tier_labels(self) -> list[str]:
        return [str(Tier(t).label) for t in self.tiers if t in Tier.values]

    def mode_labels(self) -> list[str]:
        return [str(Mode(m).label) for m in self.modes if m in Mode.values]


class Element(models.Model):
    """A 公开内容(要素) of a 事项, required (●) or optional (〇)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="elements")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("要素"), max_length=300)
    required = models.BooleanField(_("必须公开"), default=True)

    class Meta:
        verbose_name = _("公开要素")
        verbose_name_plural = _("公开要素")
        ordering = ["matter", "position"]

    def __str__(self) -> str:
        return self.name


class AdoptionQuerySet(models.QuerySet):
    def of(self, agency: Agency) -> AdoptionQuerySet:
        return self.filter(agency=agency).select_related("template")


class Adoption(models.Model):
    """A body's adoption of one template version as its catalog for that area."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="standard_adoptions")
    template = models.ForeignKey(
        StandardTemplate, on_delete=models.PROTECT, related_name="adoptions"
    )
    key = models.SlugField(max_length=60, editable=False)  # one version per area per body
    adopted_at = models.DateTimeField(_("采用时间"), default=timezone.now)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("采用的标准目录")
        verbose_name_plural = _("采用的标准目录")
        ordering = ["agency", "template__area"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="one_adoption_per_template")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.template}"

    def excluded_ids(self) -> set[int]:
        return set(self.exclusions.values_list("matter_id", flat=True))

    def applicable_matters(self):
        """The template's 事项 that carry a time limit, less those the body trimmed (and those
        under a trimmed parent)."""
        excluded = self.excluded_ids()
        result = []
        for matter in self.template.matters.select_related("parent", "parent__parent"):
            chain = {
                matter.pk,
                matter.parent_id,
                matter.parent.parent_id if matter.parent else None,
            }
            if matter.is_leaf and not (chain & excluded):
                result.append(matter)
        return result

    @transaction.atomic
    def exclude(self, matter: Matter, *, reason: str, actor=None) -> MatterExclusion:
        """Mark a 事项 as not applicable to the body, with its reason (54号: "避免一刀切")."""
        if matter.template_id != self.template_id:
            raise ValidationError(_("该事项不属于本模板。"))
        if not reason.strip():
            raise ValidationError({"reason": _("请填写不适用的理由。")})
        exclusion, _created = MatterExclusion.objects.update_or_create(
            adoption=self, matter=matter, defaults={"reason": reason.strip(), "by": actor}
        )
        StandardEvent.record(
            self.agency, StandardEvent.Kind.TRIMMED, actor, matter.full_name(), reason
        )
        return exclusion

    @transaction.atomic
    def restore(self, matter: Matter, *, actor=None) -> bool:
        deleted, _ = self.exclusions.filter(matter=matter).delete()
        if deleted:
            StandardEvent.record(
                self.agency, StandardEvent.Kind.RESTORED, actor, matter.full_name()
            )
        return bool(deleted)


class MatterExclusion(models.Model):
    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="exclusions")
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("不适用理由"), max_length=500)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("不适用事项")
        verbose_name_plural = _("不适用事项")
        constraints = [
            models.UniqueConstraint(fields=["adoption", "matter"], name="one_exclusion_per_matter")
        ]

    def __str__(self) -> str:
        return f"{self.matter}: {self.reason}"


class AreaExclusion(models.Model):
    """An area (领域) the body does not cover, with its reason ("未涉及领域事项说明")."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="area_exclusions")
    area = models.CharField(_("领域"), max_length=40)
    reason = models.CharField(_("未涉及理由"), max_length=500)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("未涉及领域")
        verbose_name_plural = _("未涉及领域")
        ordering = ["agency", "area"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "area"], name="one_exclusion_per_area")
        ]

    def __str__(self) -> str:
        return self.area


class MatterItemQuerySet(models.QuerySet):
    def of(self, agency: Agency) -> MatterItemQuerySet:
        return self.filter(item__agency=agency)


class MatterItem(models.Model):
    """A catalog item that fulfils a 事项 for its body (the item's own body)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="links")
    item = models.ForeignKey(
        "catalog.CatalogItem", on_delete=models.CASCADE, related_name="standard_links"
    )
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MatterItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("事项关联信息")
        verbose_name_plural = _("事项关联信息")
        constraints = [
            models.UniqueConstraint(fields=["matter", "item"], name="one_link_per_matter_item")
        ]

    def __str__(self) -> str:
        return f"{self.matter} ← {self.item}"


class StandardEvent(models.Model):
    """Append-only log of a body's catalog decisions (adopt, trim, restore, areas, links)."""

    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("采用模板")
        TRIMMED = "trimmed", _("标记事项不适用")
        RESTORED = "restored", _("恢复事项")
        AREA_EXCLUDED = "area_excluded", _("说明未涉及领域")
        AREA_RESTORED = "area_restored", _("撤销未涉及说明")
        LINKED = "linked", _("关联信息")
        UNLINKED = "unlinked", _("取消关联")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="standard_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=300)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("标准目录记录")
        verbose_name_plural = _("标准目录记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @classmethod
    def record(cls, agency, kind, actor, subject, note=""):
        return cls.objects.create(
            agency=agency, kind=kind, actor=actor, subject=subject[:300], note=note[:500]
        )


@transaction.atomic
def adopt(agency: Agency, template: StandardTemplate, *, actor=None) -> Adoption:
    """Adopt ``template`` as the body's catalog for its area (idempotent for the same version).

    A body holds one version of a template key; adopting a newer version moves the adoption
    and keeps the trims of 事项 whose code is unchanged.
    """
    current = Adoption.objects.filter(agency=agency, key=template.key).first()
    if current and current.template_id == template.pk:
        return current
    if AreaExclusion.objects.filter(agency=agency, area=template.area).exists():
        raise ValidationError(_("本机关已说明不涉及该领域；请先撤销该说明。"))
    if current is None:
        adoption = Adoption.objects.create(
            agency=agency, template=template, key=template.key, adopted_by=actor
        )
    else:
        old = {e.matter.code: e.reason for e in current.exclusions.select_related("matter")}
        current.exclusions.all().delete()
        current.template, current.adopted_by, current.adopted_at = template, actor, timezone.now()
        current.save(update_fields=["template", "adopted_by", "adopted_at"])
        adoption = current
        for matter in template.matters.filter(code__in=[c for c in old if c]):
            MatterExclusion.objects.create(
                adoption=adoption, matter=matter, reason=old[matter.code], by=actor
            )
    StandardEvent.record(agency, StandardEvent.Kind.ADOPTED, actor, str(template))
    return adoption


@transaction.atomic
def exclude_area(agency: Agency, area: str, *, reason: str, actor=None) -> AreaExclusion:
    """State that the body does not cover ``area`` (practice.md §1.3, 胡集镇 "未涉及领域")."""
    area, reason = area.strip(), reason.strip()
    if not area:
        raise ValidationError({"area": _("请填写领域。")})
    if not reason:
        raise ValidationError({"reason": _("请填写未涉及的理由。")})
    if Adoption.objects.filter(agency=agency, template__area=area).exists():
        raise ValidationError({"area": _("本机关已采用该领域的标准目录，不能同时说明未涉及。")})
    exclusion, _created = AreaExclusion.objects.update_or_create(
        agency=agency, area=area, defaults={"reason": reason, "by": actor}
    )
    StandardEvent.record(agency, StandardEvent.Kind.AREA_EXCLUDED, actor, area, reason)
    return exclusion

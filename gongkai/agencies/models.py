"""Who acts: the bodies (行政机关) that do disclosure work, their staff and their roles.

The hierarchy is held twice on purpose: ``parent`` is the truth, ``path`` is a materialised copy
("/1/4/9/": the pks from the root down to the body itself) so that "this body and everything
below it" is one indexed ``startswith`` query, whatever the depth (a supervisor's read scope).
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from gongkai.reportengine.checks.dates import deadline_for


class User(AbstractUser):
    """The platform's own user model, from day one.

    A platform administrator is ``is_superuser``: there is no platform-level Role row, so Django's
    admin, ``createsuperuser`` and our access rule agree on one flag (docs/agencies.md).
    """

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")


def validate_uscc(value: str) -> None:
    """Validate a 统一社会信用代码 (GB 32100-2015) with python-stdnum, in Chinese."""
    try:
        stdnum_uscc.validate(value)
    except InvalidLength:
        reason = _("应为 18 位")
    except InvalidFormat:
        reason = _("前 8 位应为数字，其余只能是数字或大写字母（不含 I、O、S、V、Z）")
    except InvalidChecksum:
        reason = _("校验位不正确")
    except Exception:  # any other stdnum ValidationError
        reason = _("格式无效")
    else:
        return
    raise ValidationError(
        _("统一社会信用代码校验失败：%(reason)s（%(value)s）"),
        code="invalid_uscc",
        params={"reason": reason, "value": value},
    )


class ReportDeadline(models.TextChoices):
    """Deadline class of the annual report (条例 Art. 49; 国办公开办函〔2021〕30号, reference §1.4).

    The value is the month-day of the national deadline in the year after the report year.
    """

    DEPARTMENT = "01-31", _("部门及乡镇：1月31日前")
    COUNTY = "02-20", _("县级人民政府：2月20日前")
    PREFECTURE = "03-10", _("设区的市级人民政府：3月10日前")
    PROVINCE = "03-31", _("省级人民政府：3月31日前")


class AgencyQuerySet(models.QuerySet):
    def descendants_of(self, agency: Agency, *, include_self: bool = True) -> AgencyQuerySet:
        """The body and every body below it, at any depth, in one query (materialised path)."""
        qs = self.filter(path__startswith=agency.path)
        return qs if include_self else qs.exclude(pk=agency.pk)

    def subtrees_of(self, agencies) -> AgencyQuerySet:
        """Union of the subtrees of several bodies (one OR-ed query; a supervisor's scope)."""
        query = models.Q(pk__in=[])
        for agency in agencies:
            query |= models.Q(path__startswith=agency.path)
        return self.filter(query)

    def roots(self) -> AgencyQuerySet:
        return self.filter(parent=None)

    def by_hierarchy(self) -> AgencyQuerySet:
        """Order as a tree walk would (parents before children), by path then name."""
        return self.order_by("path", "name")


class Agency(models.Model):
    """A 行政机关 that does 政府信息公开 work, with its Art. 12 guide data."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("省级人民政府")
        PREFECTURE = "prefecture", _("设区的市级人民政府")
        COUNTY = "county", _("县级人民政府")
        DEPARTMENT = "department", _("人民政府部门")
        TOWNSHIP = "township", _("乡镇人民政府")
        SUBDISTRICT = "subdistrict", _("街道办事处")
        AGENCY_OFFICE = "agency_office", _("派出机构")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # "/<root pk>/…/<own pk>/": kept by save(); never edited by hand.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    slug = models.SlugField(_("网址标识"), max_length=40, unique=True, blank=True)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_uscc],
        help_text=_("18 位，含校验位"),
    )

    # Guide data, 条例 Art. 12 (政府信息公开指南). Blank allowed: many 乡镇 have no website and
    # share a telephone with the 党政办.
    office_name = models.CharField(_("政府信息公开工作机构名称"), max_length=100, blank=True)
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)

    objects = AgencyQuerySet.as_manager()

    GUIDE_FIELDS = ("office_name", "address", "office_hours", "phone", "fax", "email", "website")

    class Meta:
        verbose_name = _("行政机关")
        verbose_name_plural = _("行政机关")
        ordering = ["path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~models.Q(uscc=""), name="agency_uscc_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.uscc = stdnum_uscc.compact(self.uscc or "")
        if not self.slug:
            self.slug = self.default_slug()
        with transaction.atomic():
            old_path = self.path
            if self.pk is None:
                super().save(*args, **kwargs)
                # The second save is an update of the path (it needs the new pk).
                kwargs = {"using": kwargs["using"]} if kwargs.get("using") else {}
            new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
            if new_path != old_path:
                self.path = new_path
                if "update_fields" in kwargs:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
            super().save(*args, **kwargs)
            if old_path and new_path != old_path:
                self._move_descendants(old_path, new_path)

    # -- codes ------------------------------------------------------------------------------

    @property
    def org_code(self) -> str:
        """The 9-character 组织机构代码: characters 9–17 of the USCC (GB 32100-2015).

        It is the 前段码 of a 索引号 under the national catalogue guidance (reference §4.2).
        Empty when the body has no USCC.
        """
        return self.uscc[8:17] if len(self.uscc) == 18 else ""

    # -- hierarchy --------------------------------------------------------------------------

    def subtree(self, *, include_self: bool = True) -> AgencyQuerySet:
        return Agency.objects.descendants_of(self, include_self=include_self)

    def ancestors(self) -> AgencyQuerySet:
        """Bodies above this one, root first (pks read from the path: one query)."""
        pks = [int(pk) for pk in self.path.strip("/").split("/") if pk][:-1]
        return Agency.objects.filter(pk__in=pks).order_by("path")

    def report_deadline_kind(self) -> ReportDeadline:
        """The annual-report deadline class of this body (条例 Art. 49; reference §1.4).

        Departments report by 01-31; 乡镇 "参照县级以上人民政府部门" (30号) and so do 街道 and
        派出机构, which report to the county like a township; the county 主管部门 publishes the
        county's own report by 02-20, a prefecture by 03-10, a province by 03-31.
        """
        return {
            self.Kind.PROVINCE: ReportDeadline.PROVINCE,
            self.Kind.PREFECTURE: ReportDeadline.PREFECTURE,
            self.Kind.COUNTY: ReportDeadline.COUNTY,
        }.get(self.kind, ReportDeadline.DEPARTMENT)

    @property
    def report_body_kind(self) -> str:
        """This body's kind in the report engine's terms (``Figures.body_kind``).

        The engine holds the national deadlines (reportengine.checks.dates), so a computed
        report of this body is checked against the same dates this page shows.
        """
        return {
            self.Kind.PROVINCE: "province",
            self.Kind.PREFECTURE: "prefecture",
            self.Kind.COUNTY: "county",
            self.Kind.TOWNSHIP: "township",
            self.Kind.SUBDISTRICT: "township",
            self.Kind.AGENCY_OFFICE: "township",
        }.get(self.kind, "department")

    def report_deadline(self, report_year: int) -> datetime.date:
        """The national deadline for the report on ``report_year`` (条例 Art. 49; 30号 二;
        reference §1.4), from the report engine's table."""
        return deadline_for(self.report_body_kind, report_year)

    # -- validation and saving --------------------------------------------------------------

    def clean(self) -> None:
        self.uscc = stdnum_uscc.compact(self.uscc or "")
        if self.parent_id and self.pk:
            if self.parent_id == self.pk or (self.path and self.parent.path.startswith(self.path)):
                raise ValidationError({"parent": _("上级机关不能是本机关或其下级机关。")})

    def default_slug(self) -> str:
        """A stable ASCII slug: the USCC when there is one, else a hash of the name."""
        if self.uscc:
            return self.uscc.lower()
        return "body-" + hashlib.sha1(self.name.encode()).hexdigest()[:10]

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        """Rewrite the paths below a body that changed parent (rare: an admin action)."""
        moved = list(Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk))
        for agency in moved:
            agency.path = new_path + agency.path[len(old_path) :]
        Agency.objects.bulk_update(moved, ["path"])

    def update_guide(self, **values) -> list[str]:
        """Set the Art. 12 guide data; returns the names of the fields that changed."""
        changed = [f for f in self.GUIDE_FIELDS if f in values and getattr(self, f) != values[f]]
        for field in changed:
            setattr(self, field, values[field])
        if changed:
            self.full_clean()
            self.save(update_fields=changed)
        return changed


class Role(models.TextChoices):
    """A user's role in one body. Platform administrators are ``User.is_superuser``."""

    OFFICER = "officer", _("经办人")
    HEAD = "head", _("负责人")
    SUPERVISOR = "supervisor", _("监督")


# Roles that may change a body's records (cases, items); 负责人 additionally approves.
WRITE_ROLES = (Role.OFFICER, Role.HEAD)
APPROVE_ROLES = (Role.HEAD,)


class Membership(models.Model):
    """One role of one user in one body; a user may hold roles in several bodies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"

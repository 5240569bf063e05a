"""The 政府信息公开目录 as data: items with their standard metadata, attachments and events.

Metadata follow 条例 Art. 12 (索引、名称、内容概述、生成日期) and the 目录系统实施指引 with what
real sites show (reference §4, practice §2.3–2.4). The workflow (draft → review with the
保密审查 recorded → published; correction and withdrawal with a public note) lives in
``workflow.py`` as small functions over these models; every step writes an append-only
``ItemEvent``. The search index (``SearchEntry``) is rewritten in the same transaction as every
publish, correction and withdrawal (``search.py``), never by a signal.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class Category(models.Model):
    """主题分类: the www.gov.cn two-level list (22 top classes, practice §2.3), editable data.

    Shipped by the data migration 0002 from ``fixtures/categories.json``; staff may add, rename
    or reorder in the admin. Items point at a second-level class, or at a top class that has
    none (国务院组织机构, 国防, 其他).
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("名称"), max_length=60)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["parent__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        # gov.cn item pages print "一级\二级" (practice §2.3).
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name

    @property
    def top(self) -> Category:
        return self.parent if self.parent_id else self


class Genre(models.TextChoices):
    """体裁: 规章, 行政规范性文件, the 15 公文 types named by 公开属性 rules (practice §2.3),
    the annual report (its own column entry, 国办公开办函〔2019〕61号) and other."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")
    ORDER = "order", _("命令（令）")
    COMMUNIQUE = "communique", _("公报")
    ANNOUNCEMENT = "announcement", _("公告")
    NOTICE_PUBLIC = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    BULLETIN = "bulletin", _("通报")
    REPORT = "report", _("报告")
    REQUEST = "request", _("请示")
    REPLY = "reply", _("批复")
    MOTION = "motion", _("议案")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    ANNUAL_REPORT = "annual_report", _("政府信息公开工作年度报告")
    OTHER = "other", _("其他")


# Genres whose validity is recorded: table 二 counts 规章 and 规范性文件 issued, repealed and in
# force (国办公开办函〔2021〕30号; reference §3.3, §4.3).
VALIDITY_GENRES = (Genre.RULE, Genre.NORMATIVE)


class Disclosure(models.TextChoices):
    """公开属性, marked at drafting (practice §2.5); 不予公开 needs a legal reason."""

    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    REPEALED = "repealed", _("废止")
    EXPIRED = "expired", _("失效")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审核")
    PUBLISHED = "published", _("已公开")
    WITHDRAWN = "withdrawn", _("已撤回")


# 条例 Art. 20 items (一)–(十五) (reference §1.2): number -> short label for lists and filters.
ART20_ITEMS = {
    1: _("（一）行政法规、规章和规范性文件"),
    2: _("（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"),
    3: _("（三）国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    4: _("（四）国民经济和社会发展统计信息"),
    5: _("（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"),
    6: _("（六）实施行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定"),
    7: _("（七）财政预算、决算信息"),
    8: _("（八）行政事业性收费项目及其依据、标准"),
    9: _("（九）政府集中采购项目的目录、标准及实施情况"),
    10: _("（十）重大建设项目的批准和实施情况"),
    11: _("（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"),
    12: _("（十二）突发公共事件的应急预案、预警信息及应对情况"),
    13: _("（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    14: _("（十四）公务员招考的职位、名额、报考条件等事项以及录用结果"),
    15: _("（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"),
}


class Art21Item(models.TextChoices):
    """条例 Art. 21 fields (reference §1.2): 县级 governments and 乡(镇) governments."""

    MUNICIPAL = "municipal", _("市政建设")
    PUBLIC_SERVICE = "public_service", _("公共服务")
    PUBLIC_WELFARE = "public_welfare", _("公益事业")
    LAND_EXPROPRIATION = "land_expropriation", _("土地征收")
    HOUSE_EXPROPRIATION = "house_expropriation", _("房屋征收")
    PUBLIC_SECURITY = "public_security", _("治安管理")
    SOCIAL_ASSISTANCE = "social_assistance", _("社会救助")
    RURAL_POLICY = "rural_policy", _("农业农村政策")
    IRRIGATION = "irrigation", _("农田水利工程建设运营")
    LAND_TRANSFER = "land_transfer", _("农村土地承包经营权流转")
    HOMESTEAD = "homestead", _("宅基地使用情况审核")
    FUNDRAISING = "fundraising", _("筹资筹劳")


class CatalogProfile(models.Model):
    """A body's catalog settings and its editable 指南 texts (条例 Art. 12; practice §2.1).

    Blank guide parts are generated from the body's data (``guide.py``); staff may replace any
    part with their own text.
    """

    agency = models.OneToOneField(
        Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="catalog"
    )
    index_prefix = models.CharField(
        _("索引号前段码（手工）"),
        max_length=40,
        blank=True,
        help_text=_("平台方案为手工前段码时使用，或本机关没有统一社会信用代码时使用"),
    )
    guide_proactive = models.TextField(_("指南：一、主动公开"), blank=True)
    guide_on_request = models.TextField(_("指南：二、依申请公开"), blank=True)
    guide_remedy = models.TextField(_("指南：三、监督和救济"), blank=True)
    guide_updated_on = models.DateField(_("指南更新日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("目录设置")
        verbose_name_plural = _("目录设置")

    def __str__(self) -> str:
        return str(self.agency)


class IndexSerial(models.Model):
    """The last serial issued per body and year: it only grows, so no number is reused."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="index_serial_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class CatalogItemQuerySet(models.QuerySet):
    def published(self) -> CatalogItemQuerySet:
        """Items the public sees: published and not withdrawn, 主动公开 only."""
        return self.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE)

    def unpublished(self) -> CatalogItemQuerySet:
        return self.filter(status__in=(Status.DRAFT, Status.REVIEW))

    def of_year(self, year: int) -> CatalogItemQuerySet:
        return self.filter(published_on__year=year)

    def annual_reports(self) -> CatalogItemQuerySet:
        return self.filter(genre=Genre.ANNUAL_REPORT)


class CatalogItem(models.Model):
    """One catalogued piece of government information (条例 Art. 12, reference §4)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("行政机关"), on_delete=models.PROTECT, related_name="catalog_items"
    )
    index_no = models.CharField(_("索引号"), max_length=60, unique=True)
    title = models.CharField(_("名称"), max_length=300)
    # 条例 Art. 44: the application whose information is being made public proactively. Staff
    # only: public pages, feeds and the API never show it (the applicant's identity, PIPL).
    from_application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("据以转为主动公开的申请（条例第四十四条）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proactive_items",
        editable=False,
    )
    summary = models.TextField(_("内容概述"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    written_on = models.DateField(_("成文（生成）日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    publisher = models.CharField(_("发布机构"), max_length=200, blank=True)
    doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    keywords = models.CharField(_("主题词"), max_length=200, blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("主题分类"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    genre = models.CharField(_("体裁"), max_length=20, choices=Genre.choices, default=Genre.OTHER)
    disclosure = models.CharField(
        _("公开属性"), max_length=20, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    withheld_reason = models.TextField(_("不予公开理由"), blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, blank=True)
    effective_on = models.DateField(_("实施日期"), null=True, blank=True)
    ceased_on = models.DateField(_("废止或失效日期"), null=True, blank=True)
    art20_item = models.PositiveSmallIntegerField(
        _("条例第二十条所列事项"),
        choices=sorted(ART20_ITEMS.items()),
        null=True,
        blank=True,
    )
    art21_item = models.CharField(
        _("条例第二十一条所列事项"), max_length=30, choices=Art21Item.choices, blank=True
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Art. 26 counts from the day the information was formed or changed: written_on at first,
    # then the day of the last correction that changed its content.
    changed_on = models.DateField(_("变更日期"), null=True, blank=True)
    # The 保密审查 (条例 Art. 17) recorded at approval.
    secrecy_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("保密审查人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    secrecy_reviewed_at = models.DateTimeField(_("保密审查时间"), null=True, blank=True)
    secrecy_review_note = models.TextField(_("保密审查意见"), blank=True)
    public_note = models.TextField(_("公开说明"), blank=True)  # the last correction/withdrawal
    legacy = models.BooleanField(_("从其他系统导入"), default=False)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录条目")
        verbose_name_plural = _("目录条目")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The lists' order, id included, so a seek page is read from the index and stops
            # after a page (views_public.seek_page) instead of sorting a body's every item.
            models.Index(
                fields=["agency", "status", "-published_on", "-id"], name="item_agency_list"
            ),
            models.Index(fields=["status", "-published_on", "-id"], name="item_list"),
        ]

    def __str__(self) -> str:
        return f"{self.index_no} {self.title}"

    # -- rules ------------------------------------------------------------------------------

    def clean(self) -> None:
        errors = {}
        if self.disclosure == Disclosure.WITHHELD and not self.withheld_reason.strip():
            errors["withheld_reason"] = _(
                "不予公开的，应当写明法定理由（条例第十四条至第十六条）。"
            )
        if self.genre in VALIDITY_GENRES:
            if not self.validity:
                errors["validity"] = _("规章和行政规范性文件应当标明有效性。")
            elif self.validity != Validity.VALID and not self.ceased_on:
                errors["ceased_on"] = _("已废止或失效的，应当填写废止或失效日期。")
        elif self.validity or self.ceased_on:
            errors["validity"] = _("只有规章和行政规范性文件记录有效性。")
        if self.ceased_on and self.written_on and self.ceased_on < self.written_on:
            errors["ceased_on"] = _("废止或失效日期不能早于成文日期。")
        if self.validity == Validity.VALID and self.ceased_on:
            errors["ceased_on"] = _("有效的文件不应有废止或失效日期。")
        if self.published_on and self.written_on and self.published_on < self.written_on:
            # On written_on: the forms that edit an item hold it (published_on is set by the
            # workflow when the item is approved, which reports the message itself).
            errors["written_on"] = _("成文日期不能晚于发布日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def generated_on(self) -> datetime.date:
        """The day the Art. 26 clock starts: formed (成文) or last changed."""
        return self.changed_on or self.written_on

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.disclosure == Disclosure.PROACTIVE

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.REVIEW)

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.agency.name

    def art20_label(self) -> str:
        return str(ART20_ITEMS.get(self.art20_item, "")) if self.art20_item else ""


def attachment_path(instance: Attachment, filename: str) -> str:
    # Stored under a name we make: never the uploader's (hostile names, clashes).
    return f"catalog/{instance.item.agency_id}/{instance.item_id}/{instance.token}{instance.suffix}"


class Attachment(models.Model):
    """A file of an item, stored through Django's storage API (MEDIA_ROOT, outside the web
    root; served only by the attachment view for a public item). Its text is extracted for
    search (``attachments.py``)."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        XLSX = "xlsx", "XLSX"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"

    item = models.ForeignKey(
        CatalogItem,
        verbose_name=_("目录条目"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=120)  # neutralised display name
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    token = models.CharField(max_length=32, unique=True)
    text = models.TextField(_("提取的文字"), blank=True)
    alt = models.CharField(_("图片说明"), max_length=200, blank=True)  # alt text for images
    position = models.PositiveSmallIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now)

    SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "png": ".png", "jpeg": ".jpg"}
    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png",
        "jpeg": "image/jpeg",
    }

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def suffix(self) -> str:
        return self.SUFFIXES[self.kind]

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.kind]

    @property
    def is_image(self) -> bool:
        return self.kind in ("png", "jpeg")


class ItemEvent(models.Model):
    """Append-only history of an item (house style lesson 3): created, submitted, reviewed,
    published, corrected, withdrawn, attachment added/removed. ``public`` events (publication,
    correction, withdrawal) with their notes appear on the public item page."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建")
        IMPORTED = "imported", _("导入")
        EDITED = "edited", _("修改草稿")
        SUBMITTED = "submitted", _("提交审核")
        RETURNED = "returned", _("退回修改")
        PUBLISHED = "published", _("审核通过并公开")
        CORRECTED = "corrected", _("更正")
        WITHDRAWN = "withdrawn", _("撤回")
        ATTACHED = "attached", _("添加附件")
        DETACHED = "detached", _("删除附件")

    PUBLIC_KINDS = (Kind.PUBLISHED, Kind.CORRECTED, Kind.WITHDRAWN)

    item = models.ForeignKey(CatalogItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    # Field name -> [old, new] for edits and corrections (the history).
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("目录条目事件")
        verbose_name_plural = _("目录条目事件")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("ItemEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("ItemEvent is append-only")

    @property
    def is_public(self) -> bool:
        return self.kind in self.PUBLIC_KINDS


class SearchEntry(models.Model):
    """The search row of a public item: pre-segmented text plus the filter columns.

    On PostgreSQL a GIN index over ``to_tsvector('simple', terms)`` serves the query; on SQLite
    the FTS5 table ``catalog_fts`` (rowid = item pk) mirrors ``terms``. Both are created by the
    migration for the database in use and written only by ``search.index_item``.
    """

    item = models.OneToOneField(
        CatalogItem, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    top_category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True)
    validity = models.CharField(max_length=10, blank=True)
    published_on = models.DateField(null=True)
    terms = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["agency", "-published_on"], name="search_agency"),
            # Broad queries are answered newest first from this index (search.RANK_CAP).
            models.Index(fields=["-published_on", "-item"], name="search_recent"),
        ]

    def __str__(self) -> str:
        return f"search entry of item {self.item_id}"


class Table2Input(models.Model):
    """Table 二 figures that come from other systems, per body and year (国办公开办函〔2021〕30号;
    reference §3.3): decisions on 行政许可, 行政处罚 and 行政强制 (counting published and
    unpublished decisions alike, as of 12-31) and the 行政事业性收费 amount in 万元."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("行政机关"), on_delete=models.CASCADE, related_name="table2_inputs"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing = models.PositiveIntegerField(_("行政许可处理决定数量"), default=0)
    penalty = models.PositiveIntegerField(_("行政处罚处理决定数量"), default=0)
    coercion = models.PositiveIntegerField(_("行政强制处理决定数量"), default=0)
    fees_wan_yuan = models.DecimalField(
        _("行政事业性收费金额（万元）"), max_digits=14, decimal_places=4, default=0
    )
    source = models.CharField(_("来源"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("表二录入数据")
        verbose_name_plural = _("表二录入数据")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="table2_input_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class Regulation(models.Model):
    """One of the body's 政府信息公开制度 (the column's second entry, 国办公开办函〔2019〕61号):
    a title, what it governs and, where published, the catalog item holding the document."""

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("行政机关"),
        on_delete=models.CASCADE,
        related_name="disclosure_rules",
    )
    title = models.CharField(_("制度名称"), max_length=200)
    summary = models.TextField(_("主要内容"), blank=True)
    adopted_on = models.DateField(_("制定日期"), null=True, blank=True)
    item = models.ForeignKey(
        CatalogItem,
        verbose_name=_("对应的目录条目"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("政府信息公开制度")
        verbose_name_plural = _("政府信息公开制度")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

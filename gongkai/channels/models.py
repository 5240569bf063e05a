"""The channels register: where a body publishes (reference practice.md §5).

A body's 政务新媒体 accounts (微信公众号, 抖音, 学习强国, news apps such as 石榴云 …) with their
备案 data (国办发〔2018〕123号: one account per platform, registered), and its other channels:
the county portal that carries a township's column (国办发〔2017〕47号), 公开栏 boards, 广播,
meetings, 微信群. Posts are recorded one by one (``ChannelPost``, optionally linked to the
catalog item they carry) or, where they are not itemised, as an entered yearly count
(``YearCount``: «300余篇» is 300 with the approximate flag). Counts per channel and year feed
the annual report's 一(四) paragraph (``counting.post_counts``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency

from .freshness import account_freshness


class Kind(models.TextChoices):
    WECHAT_ACCOUNT = "wechat_account", _("微信公众号")
    WECHAT_CHANNELS = "wechat_channels", _("微信视频号")
    WEIBO = "weibo", _("微博")
    DOUYIN = "douyin", _("抖音")
    XUEXI = "xuexi", _("学习强国")
    NEWS_APP = "news_app", _("新闻客户端")
    OTHER_NEW_MEDIA = "other_new_media", _("其他政务新媒体")
    PORTAL = "portal", _("政府网站")
    WECHAT_GROUP = "wechat_group", _("微信群")
    BOARD = "board", _("公开栏")
    SCREEN = "screen", _("电子屏")
    READING_POINT = "reading_point", _("公开查阅点")
    BROADCAST = "broadcast", _("广播")
    MEETING = "meeting", _("会议")
    OTHER = "other", _("其他")


# 政务新媒体 (国办发〔2018〕123号): accounts on third-party platforms and apps, checked under
# 国办秘函〔2019〕19号 for updates. A 微信群 is not an account on the 信息报送系统.
NEW_MEDIA_KINDS = frozenset(
    {
        Kind.WECHAT_ACCOUNT,
        Kind.WECHAT_CHANNELS,
        Kind.WEIBO,
        Kind.DOUYIN,
        Kind.XUEXI,
        Kind.NEWS_APP,
        Kind.OTHER_NEW_MEDIA,
    }
)
OFFLINE_KINDS = frozenset(
    {Kind.BOARD, Kind.SCREEN, Kind.READING_POINT, Kind.BROADCAST, Kind.MEETING}
)


class Status(models.TextChoices):
    ACTIVE = "active", _("正常运行")
    CLOSED = "closed", _("已关停")
    DEREGISTERED = "deregistered", _("已注销")


class ChannelQuerySet(models.QuerySet):
    def of(self, agency: Agency) -> ChannelQuerySet:
        return self.filter(agency=agency)

    def active(self) -> ChannelQuerySet:
        return self.filter(status=Status.ACTIVE)

    def new_media(self) -> ChannelQuerySet:
        return self.filter(kind__in=NEW_MEDIA_KINDS)

    def with_last_post(self) -> ChannelQuerySet:
        return self.annotate(last_itemised_on=models.Max("posts__posted_on"))


class Channel(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, help_text=_("账号名称、栏目或公开栏位置"))
    platform = models.CharField(
        _("平台"), max_length=60, blank=True, help_text=_("如：石榴云、抖音")
    )
    account_id = models.CharField(_("账号 ID"), max_length=100, blank=True)
    url = models.URLField(_("网址"), blank=True)
    host_unit = models.CharField(_("主办单位"), max_length=100, blank=True)
    operator_unit = models.CharField(_("运营单位"), max_length=100, blank=True)
    filing_no = models.CharField(_("备案编号"), max_length=60, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    has_interaction = models.BooleanField(_("有互动功能"), default=False)
    # For accounts whose posts are not itemised here: the date of the newest post, as entered.
    last_post_entered_on = models.DateField(_("最近发布日期（手工填写）"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        verbose_name = _("公开渠道")
        verbose_name_plural = _("公开渠道")
        ordering = ["agency", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "name"], name="channel_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}·{self.name}"

    @property
    def is_new_media(self) -> bool:
        return self.kind in NEW_MEDIA_KINDS

    @property
    def is_offline(self) -> bool:
        return self.kind in OFFLINE_KINDS

    def host_mismatch(self) -> bool:
        """主办单位 differs from the body: 账号主体与开办单位不一致 costs points under
        国办秘函〔2019〕19号 (practice.md §5.4). Not refused: a township's news also goes out on
        the county 融媒体中心's accounts, which are listed with their own 主办单位."""
        return bool(self.host_unit) and self.host_unit != self.agency.name

    def clean(self) -> None:
        if self.filed_on and self.filed_on > timezone.localdate():
            raise ValidationError({"filed_on": _("备案日期不能晚于今天。")})

    def last_post_on(self) -> datetime.date | None:
        """The newest post: itemised posts and the entered date, whichever is later."""
        itemised = getattr(self, "last_itemised_on", None)
        if itemised is None and not hasattr(self, "last_itemised_on"):
            itemised = self.posts.aggregate(m=models.Max("posted_on"))["m"]
        dates = [d for d in (itemised, self.last_post_entered_on) if d]
        return max(dates) if dates else None

    def freshness(self, *, today: datetime.date | None = None):
        """国办秘函〔2019〕19号 two-week update check (period: GONGKAI_CHANNEL_STALE_DAYS)."""
        return account_freshness(
            self.last_post_on(),
            today=today or timezone.localdate(),
            period_days=settings.GONGKAI_CHANNEL_STALE_DAYS,
        )


class ChannelPost(models.Model):
    """One publication on a channel: a post, a 公开栏 posting (up and down dates), a broadcast.

    ``item`` links the catalog item it carries (the item ↔ channel post link)."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="posts")
    posted_on = models.DateField(_("发布日期"))
    taken_down_on = models.DateField(_("撤下日期"), null=True, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    url = models.URLField(_("链接"), blank=True)
    item = models.ForeignKey(
        "catalog.CatalogItem",
        verbose_name=_("对应的目录条目"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="channel_posts",
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("发布记录")
        verbose_name_plural = _("发布记录")
        ordering = ["-posted_on", "-pk"]
        indexes = [models.Index(fields=["channel", "posted_on"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.taken_down_on and self.posted_on and self.taken_down_on < self.posted_on:
            raise ValidationError({"taken_down_on": _("撤下日期不能早于发布日期。")})


class YearCount(models.Model):
    """Posts of one year entered as a number where they are not itemised («300余篇»).

    ``channel`` empty: a total the body gives for several channels together (the seed report's
    «通过学习强国等各类软件平台……300余篇» names no split)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="channel_counts")
    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, null=True, blank=True, related_name="year_counts"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    count = models.PositiveIntegerField(_("篇数"))
    approximate = models.BooleanField(_("约数（“余篇”）"), default=False)
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("年度发布篇数")
        verbose_name_plural = _("年度发布篇数")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "channel", "year"], name="one_count_per_channel_year"
            ),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(channel=None),
                name="one_unattributed_count_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"

    def clean(self) -> None:
        if self.channel_id and self.agency_id and self.channel.agency_id != self.agency_id:
            raise ValidationError({"channel": _("渠道不属于本机关。")})

"""The records behind the drafted sections 一, 五 and 六 that are not in the tables.

Read once per report (a handful of queries) into plain values; :mod:`.drafting` writes the
text from them and from the engine's ``Figures`` only, and :mod:`.textcheck` compares the
numbers of a saved text with the same values. No personal data: applicants' names never
leave the records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.urls import reverse


@dataclass(frozen=True)
class ChannelLine:
    kind: str  # 微信公众号, 抖音 …
    name: str
    count: int
    label: str  # «300篇» / «300余篇»
    new_media: bool
    offline: bool
    portal: bool
    active: bool


@dataclass(frozen=True)
class RecordFacts:
    body: str
    year: int
    government: bool  # 各级人民政府 (条例 Art. 50(四): 考核、评议和责任追究)
    published_items: int = 0  # catalog items published in the year (主动公开)
    items_by_genre: tuple[tuple[str, int], ...] = ()
    channels: tuple[ChannelLine, ...] = ()
    posts_total: int = 0
    posts_approximate: bool = False
    fee_notices: int = 0  # 收费通知 served in the year
    fees_paid: int = 0  # applications whose fee was paid in the year
    fees_collected: int = 0  # 元 actually paid in the year
    overdue_closed: int = 0  # closed in the year after the answer was due
    overdue_open: int = 0  # open at 12-31 and already past due
    stale_channels: tuple[str, ...] = ()  # active 政务新媒体 not updated at year end
    column_url: str = ""  # the body's own column on this platform (/xxgk/<slug>/)
    problems_found: int = 0
    problems_fixed: int = 0
    accountability: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def posts_label(self) -> str:
        from gongkai.channels.counting import format_count

        return format_count(self.posts_total, approximate=self.posts_approximate)


GOVERNMENT_KINDS = frozenset({"township", "county", "prefecture", "province"})


def _channels(agency, year: int) -> tuple[list[ChannelLine], int, bool]:
    """政务新媒体 and other channels with the year's posts (gongkai.channels.counting)."""
    from gongkai.channels.counting import post_counts

    counts = post_counts(agency, year)
    lines = []
    for row in counts.rows:
        ch = row.channel
        if ch is None:
            continue
        lines.append(
            ChannelLine(
                kind=ch.get_kind_display(),
                name=ch.name,
                count=row.count,
                label=row.label,
                new_media=ch.is_new_media,
                offline=ch.is_offline,
                portal=ch.kind == "portal",
                active=ch.status == "active",
            )
        )
    return lines, counts.total, counts.approximate


def _stale(agency, year: int, counted: dict[str, int]) -> tuple[str, ...]:
    """Active 政务新媒体 not updated in the period before 12-31 of ``year`` (or today, if
    earlier): 国办秘函〔2019〕19号, period GONGKAI_CHANNEL_STALE_DAYS (practice §5.4)."""
    from django.utils import timezone

    from gongkai.channels.freshness import NEVER, STALE
    from gongkai.channels.models import Channel

    day = min(datetime.date(year, 12, 31), timezone.localdate())
    names = []
    for ch in Channel.objects.of(agency).active().new_media().with_last_post():
        last = ch.last_post_on()
        if last is None and counted.get(ch.name):
            continue  # posts entered as a yearly count: their dates are not known
        if last is not None and last > day:
            continue  # posted after the day: judge on what was known then is not possible
        if ch.freshness(today=day).state in (STALE, NEVER):
            names.append(f"{ch.get_kind_display()}“{ch.name}”")
    return tuple(names)


def record_facts(agency, year: int) -> RecordFacts:
    """The counts of ``agency``'s records for report ``year`` (条例 Art. 50; 30号 一(一)):
    catalog items published in the year (Art. 20/21), channel posts, 信息处理费 (国办函
    〔2020〕109号) notices and payments, applications answered late (Art. 33), stale
    accounts (国办秘函〔2019〕19号), self-inspection problems and accountability."""
    from gongkai.applications.models import Application
    from gongkai.applications.records import Fee
    from gongkai.catalog.models import CatalogItem
    from gongkai.supervision.facts import section_one_facts

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    items = CatalogItem.objects.filter(agency=agency).published().of_year(year)
    by_genre = [
        (row["genre"], row["n"])
        for row in items.values("genre").annotate(n=Count("pk")).order_by("-n", "genre")
    ]
    from gongkai.catalog.models import Genre

    genre_labels = dict(Genre.choices)
    fees = Fee.objects.filter(application__agency=agency)
    notices = fees.filter(notice_served_on__gte=start, notice_served_on__lte=end).count()
    paid = fees.filter(paid_on__gte=start, paid_on__lte=end).aggregate(
        n=Count("pk", filter=Q(paid_amount__gt=0)), total=Sum("paid_amount")
    )
    apps = Application.objects.filter(agency=agency)
    late = apps.filter(
        closed_on__gte=start, closed_on__lte=end, due_on__isnull=False, closed_on__gt=F("due_on")
    ).count()
    open_late = (
        apps.filter(received_on__lte=end, due_on__lt=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .count()
    )
    lines, total, approx = _channels(agency, year)
    sup = section_one_facts(agency, year)
    return RecordFacts(
        body=agency.short_name or agency.name,
        year=year,
        government=agency.report_body_kind in GOVERNMENT_KINDS,
        published_items=items.count(),
        items_by_genre=tuple((str(genre_labels.get(g, g)), n) for g, n in by_genre),
        channels=tuple(lines),
        posts_total=total,
        posts_approximate=approx,
        fee_notices=notices,
        fees_paid=paid["n"] or 0,
        fees_collected=paid["total"] or 0,
        overdue_closed=late,
        overdue_open=open_late,
        stale_channels=_stale(agency, year, {c.name: c.count for c in lines}),
        column_url=settings.GONGKAI_SITE_URL + reverse("column:body", kwargs={"slug": agency.slug}),
        problems_found=sup.problems_found,
        problems_fixed=sup.problems_fixed,
        accountability=sup.accountability,
        extra={"supervision": sup, "stale_days": settings.GONGKAI_CHANNEL_STALE_DAYS},
    )

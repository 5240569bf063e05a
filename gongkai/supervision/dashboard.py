"""The supervisor's dashboard across a body's subtree (docs/supervision.md; practice §4.4 item 6).

Per body, as at ``today``:

* applications past their next due date (条例 Art. 33; ``Application.objects.overdue``);
* 主动公开 items unpublished past their Art. 26 date, and those published late in the last
  365 days (``catalog.clocks.item_clock`` on the body's calendar);
* 政务新媒体 accounts not updated within ``GONGKAI_CHANNEL_STALE_DAYS`` (国办秘函〔2019〕19号;
  ``Channel.freshness``; an account never posted counts too);
* the annual report of ``year``: its state against the deadline (条例 Art. 49) and the
  findings of the engine on the current published version (:func:`gongkai.reports.rollup`).

Only the bodies the user may read are listed (``agencies_for_user``: a 监督 reads the
whole subtree, an 经办人 only their own body); each source is one query over all of them.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.reports.rollup import BodyReport, Rollup, rollup


@dataclass
class Stale:
    channel: object  # channels.Channel
    message: str


@dataclass
class BodyRow:
    report: BodyReport
    overdue_applications: int = 0
    overdue_items: int = 0
    late_items: int = 0
    stale_channels: list[Stale] = field(default_factory=list)

    @property
    def body(self):
        return self.report.body

    @property
    def problems(self) -> int:
        """How many kinds of problem the body has (for ordering and the 通报)."""
        return sum(
            1
            for flag in (
                self.overdue_applications,
                self.overdue_items or self.late_items,
                self.stale_channels,
                self.report.state in ("late", "overdue"),
                self.report.errors,
            )
            if flag
        )


@dataclass
class Dashboard:
    agency: object
    year: int
    today: datetime.date
    rollup: Rollup
    rows: list[BodyRow]  # the readable bodies of the subtree, the agency first
    hidden: int  # bodies of the subtree the user may not read (not listed)
    channel_posts: list[tuple[str, int]]  # (channel kind label, posts in the year)

    @property
    def total_overdue_applications(self) -> int:
        return sum(r.overdue_applications for r in self.rows)

    @property
    def total_overdue_items(self) -> int:
        return sum(r.overdue_items for r in self.rows)

    @property
    def total_late_items(self) -> int:
        return sum(r.late_items for r in self.rows)

    @property
    def total_stale_channels(self) -> int:
        return sum(len(r.stale_channels) for r in self.rows)

    @property
    def failing(self) -> list[BodyRow]:
        return [r for r in self.rows if r.report.errors]

    @property
    def subordinates(self) -> list[BodyRow]:
        return [r for r in self.rows if r.body.pk != self.agency.pk]


def _items(ids, today, calendars) -> tuple[Counter, Counter]:
    """条例 Art. 26: unpublished past the 20-working-day date; published late in the last year."""
    from gongkai.catalog.clocks import item_clock
    from gongkai.catalog.models import CatalogItem, Disclosure, Status

    year_ago = today - datetime.timedelta(days=365)
    items = CatalogItem.objects.filter(agency_id__in=ids, disclosure=Disclosure.PROACTIVE).filter(
        Q(status__in=(Status.DRAFT, Status.REVIEW))
        | Q(status=Status.PUBLISHED, published_on__gte=year_ago)
    )
    overdue, late = Counter(), Counter()
    for item in items.select_related("agency"):
        c = item_clock(item, today, calendars[item.agency_id]).clock
        if item.status == Status.PUBLISHED:
            late[item.agency_id] += bool(c.is_late)
        else:
            overdue[item.agency_id] += bool(c.is_overdue)
    return overdue, late


def _channels(ids, today) -> dict[int, list[Stale]]:
    """国办秘函〔2019〕19号: an account without an update in the period fails (单项否决)."""
    from gongkai.channels.freshness import NEVER, STALE
    from gongkai.channels.models import Channel

    stale = defaultdict(list)
    accounts = Channel.objects.filter(agency_id__in=ids).active().new_media().with_last_post()
    for channel in accounts.select_related("agency"):
        fresh = channel.freshness(today=today)
        if fresh.state in (STALE, NEVER):
            stale[channel.agency_id].append(Stale(channel, fresh.message()))
    return stale


def channel_posts(ids, year: int) -> list[tuple[str, int]]:
    """Posts in ``year`` per kind of channel over the bodies (the rule of
    ``channels.counting.post_counts``: an entered yearly count replaces the itemised posts)."""
    from gongkai.channels.models import Channel, YearCount

    entered = {
        (yc.agency_id, yc.channel_id): yc.count
        for yc in YearCount.objects.filter(agency_id__in=ids, year=year)
    }
    totals: Counter = Counter()
    channels = Channel.objects.filter(agency_id__in=ids).annotate(
        itemised=Count("posts", filter=Q(posts__posted_on__year=year))
    )
    for channel in channels:
        count = entered.get((channel.agency_id, channel.pk), channel.itemised)
        totals[channel.get_kind_display()] += count
    unnamed = sum(n for (_a, c), n in entered.items() if c is None)
    if unnamed:
        totals["未分渠道"] += unnamed
    return [(label, n) for label, n in totals.most_common() if n]


def dashboard(agency, year: int, *, user, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of ``agency``'s subtree for ``user`` (report year ``year``)."""
    from gongkai.agencies.access import agencies_for_user
    from gongkai.applications.models import Application
    from gongkai.holidays.calendar import get_calendar

    today = today or timezone.localdate()
    result = rollup(agency, year, today=today)
    readable = set(
        agencies_for_user(user)
        .filter(pk__in=[b.body.pk for b in result.everyone])
        .values_list("pk", flat=True)
    )
    reports = [b for b in result.everyone if b.body.pk in readable]
    ids = [b.body.pk for b in reports]
    late_apps = dict(
        Application.objects.filter(agency_id__in=ids)
        .overdue(on=today)
        .values_list("agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    calendars = {b.body.pk: get_calendar(b.body) for b in reports}
    overdue_items, late_items = _items(ids, today, calendars)
    stale = _channels(ids, today)
    rows = [
        BodyRow(
            report=b,
            overdue_applications=late_apps.get(b.body.pk, 0),
            overdue_items=overdue_items[b.body.pk],
            late_items=late_items[b.body.pk],
            stale_channels=stale.get(b.body.pk, []),
        )
        for b in reports
    ]
    return Dashboard(
        agency=agency,
        year=year,
        today=today,
        rollup=result,
        rows=rows,
        hidden=len(result.everyone) - len(reports),
        channel_posts=channel_posts(ids, year),
    )

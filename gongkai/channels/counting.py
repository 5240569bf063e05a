"""Posts counted per channel and year, for the annual report's narrative.

The 年报 一(四) 政府信息公开平台建设 paragraph describes a body's website, new-media matrix and
offline points in free text (国办公开办函〔2021〕30号 topics; reference practice.md §5.5), and
the 一(一) paragraph of the seed report counts its posts («300余篇»). ``post_counts(agency,
year)`` gives the figures: for each channel, the entered count when there is one (posts not
itemised), else the itemised posts of that year; plus a body-level count that names no
channel. A count is approximate when its source says «余» (more than).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Channel, YearCount


@dataclass(frozen=True)
class ChannelCount:
    channel: Channel | None  # None: the body-level count that names no channel
    year: int
    itemised: int
    entered: int | None
    approximate: bool

    @property
    def count(self) -> int:
        """The figure used: an entered count replaces the itemised one (it covers the posts
        that were not recorded one by one)."""
        return self.entered if self.entered is not None else self.itemised

    @property
    def label(self) -> str:
        return format_count(self.count, approximate=self.approximate)


@dataclass(frozen=True)
class BodyCounts:
    year: int
    rows: list[ChannelCount]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    @property
    def approximate(self) -> bool:
        return any(r.approximate and r.count for r in self.rows)

    @property
    def label(self) -> str:
        return format_count(self.total, approximate=self.approximate)


def format_count(count: int, *, approximate: bool) -> str:
    """«300篇», or «300余篇» for a count its source gives as "more than"."""
    return f"{count}余篇" if approximate else f"{count}篇"


def post_counts(agency, year: int) -> BodyCounts:
    """Posts per channel of ``agency`` in calendar ``year`` (the report year, 条例 第五十条).

    Every channel of the body appears, closed ones included (they may have posted before
    closing), in register order; the body-level count, if entered, comes last.
    """
    channels = Channel.objects.of(agency).annotate(
        itemised=Count("posts", filter=Q(posts__posted_on__year=year))
    )
    entered = {yc.channel_id: yc for yc in YearCount.objects.filter(agency=agency, year=year)}
    rows = []
    for channel in channels:
        yc = entered.get(channel.pk)
        rows.append(
            ChannelCount(
                channel=channel,
                year=year,
                itemised=channel.itemised,
                entered=yc.count if yc else None,
                approximate=bool(yc and yc.approximate),
            )
        )
    if None in entered:
        yc = entered[None]
        rows.append(ChannelCount(None, year, 0, yc.count, yc.approximate))
    return BodyCounts(year=year, rows=rows)

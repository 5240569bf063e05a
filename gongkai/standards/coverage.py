"""Coverage and freshness of a body's adopted standard catalogs (docs/standards.md).

Each applicable 事项 of each adoption gets the number of linked published items, the newest
publication date and the ``timelimits.freshness`` verdict; the page lists the 事项 that need
attention first («社会救助·最低生活保障·办事指南 — 95 天无更新»).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max

from gongkai.catalog.models import CatalogItem

from . import timelimits
from .models import Adoption, AreaExclusion, Matter, MatterItem


@dataclass
class MatterRow:
    adoption: Adoption
    matter: Matter
    links: int
    last_published: datetime.date | None
    freshness: timelimits.Freshness


@dataclass
class AdoptionCoverage:
    adoption: Adoption
    rows: list[MatterRow]
    trimmed: int

    @property
    def covered(self) -> int:
        return sum(1 for r in self.rows if r.links)

    @property
    def attention(self) -> list[MatterRow]:
        return [r for r in self.rows if r.freshness.needs_attention]


@dataclass
class BodyCoverage:
    adoptions: list[AdoptionCoverage]
    area_exclusions: list[AreaExclusion]

    @property
    def attention(self) -> list[MatterRow]:
        rows = [r for a in self.adoptions for r in a.attention]
        order = {timelimits.OVERDUE: 0, timelimits.STALE: 1, timelimits.MISSING: 2}
        return sorted(
            rows, key=lambda r: (order.get(r.freshness.state, 3), -(r.freshness.days_since or 0))
        )

    @property
    def matters(self) -> int:
        return sum(len(a.rows) for a in self.adoptions)

    @property
    def covered(self) -> int:
        return sum(a.covered for a in self.adoptions)


def last_publications(agency, matter_ids) -> dict[int, tuple[int, datetime.date | None]]:
    """{matter pk: (published linked items, newest 发布日期)} for ``agency``'s own items."""
    rows = (
        MatterItem.objects.of(agency)
        .filter(matter_id__in=matter_ids, item__in=CatalogItem.objects.published())
        .values("matter_id")
        .annotate(n=Count("pk"), last=Max("item__published_on"))
    )
    return {r["matter_id"]: (r["n"], r["last"]) for r in rows}


def body_coverage(agency, *, today: datetime.date) -> BodyCoverage:
    """Coverage of every adoption of ``agency`` on ``today`` (the stale threshold is
    GONGKAI_STANDARDS_STALE_DAYS; practice.md §5.4)."""
    stale_days = settings.GONGKAI_STANDARDS_STALE_DAYS
    result = []
    for adoption in Adoption.objects.of(agency):
        matters = adoption.applicable_matters()
        published = last_publications(agency, [m.pk for m in matters])
        rows = []
        for matter in matters:
            n, last = published.get(matter.pk, (0, None))
            verdict = timelimits.freshness(
                matter.time_limit, last, today=today, stale_after_days=stale_days
            )
            rows.append(MatterRow(adoption, matter, n, last, verdict))
        trimmed = adoption.exclusions.count()
        result.append(AdoptionCoverage(adoption, rows, trimmed))
    return BodyCoverage(result, list(AreaExclusion.objects.filter(agency=agency)))

"""Table 二 of the annual report (主动公开政府信息情况), as far as the platform holds the data.

国办公开办函〔2021〕30号 fixes the table (reference §3.3): for 第二十条第（一）项, 规章 and
行政规范性文件 with 本年制发件数, 本年废止件数 and 现行有效件数; for （五）（六） the 行政许可,
行政处罚 and 行政强制 处理决定数量 (published and unpublished decisions alike, as of 12-31);
for （八） the 行政事业性收费 amount in 万元. The first two rows come from the catalog; the others
from other systems, entered or imported per body and year (``Table2Input``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from gongkai.reportengine.figures import TEMPLATE_2021, empty_table2

from .models import CatalogItem, Genre, Status, Table2Input, Validity


def ceased_validities() -> tuple[str, ...]:
    """What counts as 废止 in 本年废止件数: 废止, and 失效 unless the setting says otherwise
    (UNCONFIRMED: 30号 names only 废止; docs/catalog.md)."""
    if getattr(settings, "GONGKAI_TABLE2_COUNT_EXPIRED_AS_REPEALED", True):
        return (Validity.REPEALED, Validity.EXPIRED)
    return (Validity.REPEALED,)


def document_counts(items, year: int) -> list[int]:
    """[本年制发件数, 本年废止件数, 现行有效件数] of ``items`` for ``year`` (30号; reference §3.3).

    * 制发: 成文日期 in the year.
    * 废止: a ceased validity (``ceased_validities``) with its date in the year.
    * 现行有效: formed by 12-31 and not ceased by 12-31 of the year ("all figures as of
      12-31", 30号), whatever has happened since.
    Withdrawn and unpublished items do not count: they are not in the catalog.
    """
    year_end = datetime.date(year, 12, 31)
    items = items.filter(status=Status.PUBLISHED)
    issued = items.filter(written_on__year=year).count()
    repealed = items.filter(validity__in=ceased_validities(), ceased_on__year=year).count()
    in_force = (
        items.filter(written_on__lte=year_end)
        .filter(Q(ceased_on__isnull=True) | Q(ceased_on__gt=year_end))
        .count()
    )
    return [issued, repealed, in_force]


def table2(agency, year: int) -> dict:
    """Table 二 of ``agency`` for ``year`` in the report engine's figures shape
    (``Figures.table2``, template 2021; 国办公开办函〔2021〕30号, reference §3.3).

    Entered figures missing for the year stay ``None`` (unknown), never a silent 0.
    """
    result = empty_table2(TEMPLATE_2021)
    items = CatalogItem.objects.filter(agency=agency)
    result["rules"] = document_counts(items.filter(genre=Genre.RULE), year)
    result["normative_documents"] = document_counts(items.filter(genre=Genre.NORMATIVE), year)
    entered = Table2Input.objects.filter(agency=agency, year=year).first()
    if entered is not None:
        result["licensing"] = entered.licensing
        result["penalty"] = entered.penalty
        result["coercion"] = entered.coercion
        result["fees_wan_yuan"] = float(Decimal(entered.fees_wan_yuan).normalize())
    return result

"""The read-only JSON API of the public catalog (django-ninja router, mounted at /api/catalog/).

Only public data: bodies' names and guide contacts, public items' metadata and attachment
links. Pages by ``page`` with a ``next_page`` (one row fetched beyond the page; no total count,
which would scan the whole catalog). Published annual reports will be added by the reports app.
"""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from gongkai.agencies.models import Agency

from .links import column_url
from .models import CatalogItem, Category
from .views_public import filtered, page_of, public_items

router = Router(tags=["catalog"])
PER_PAGE = 50
MAX_PAGE = 2000


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int
    sha256: str
    url: str


class ItemOut(Schema):
    id: int
    index_no: str
    title: str
    summary: str
    body: str
    written_on: datetime.date
    published_on: datetime.date | None
    publisher: str
    doc_no: str
    keywords: str
    category: str | None
    genre: str
    genre_label: str
    validity: str
    effective_on: datetime.date | None
    ceased_on: datetime.date | None
    art20_item: int | None
    art21_item: str
    agency: str
    url: str


class ItemDetailOut(ItemOut):
    attachments: list[AttachmentOut]


class ItemPage(Schema):
    items: list[ItemOut]
    page: int
    next_page: int | None


class BodyOut(Schema):
    slug: str
    name: str
    kind: str
    parent: str | None
    office_name: str
    address: str
    office_hours: str
    phone: str
    fax: str
    email: str
    website: str
    column_url: str


class ItemFilters(Schema):
    body: str | None = None
    category: int | None = None
    art20: int | None = None
    year: int | None = None
    page: int = 1


def _item(item: CatalogItem) -> dict:
    return {
        **{
            f: getattr(item, f)
            for f in ItemOut.model_fields
            if hasattr(item, f) and f != "category"
        },
        "category": str(item.category) if item.category_id else None,
        "genre_label": item.get_genre_display(),
        "publisher": item.publisher_name,
        "agency": item.agency.name,
        "url": column_url("item", slug=item.agency.slug, item_pk=item.pk),
    }


def _body(agency: Agency) -> dict:
    return {
        **{
            f: getattr(agency, f) for f in BodyOut.model_fields if f not in ("parent", "column_url")
        },
        "parent": agency.parent.slug if agency.parent_id else None,
        "column_url": column_url("body", slug=agency.slug),
    }


@router.get("/items", response=ItemPage, summary="主动公开目录条目（分页）")
def list_items(request, filters: Query[ItemFilters]):
    if not 1 <= filters.page <= MAX_PAGE:
        raise HttpError(400, f"page 应在 1 到 {MAX_PAGE} 之间")
    agency = get_object_or_404(Agency, slug=filters.body) if filters.body else None
    found = {"art20": filters.art20, "year": filters.year}
    if filters.category:
        found["category"] = get_object_or_404(Category, pk=filters.category)
    rows, has_next = page_of(filtered(public_items(agency), found), filters.page, PER_PAGE)
    return {
        "items": [_item(i) for i in rows],
        "page": filters.page,
        "next_page": filters.page + 1 if has_next else None,
    }


@router.get("/items/{item_id}", response=ItemDetailOut, summary="一条主动公开目录条目")
def get_item(request, item_id: int):
    item = get_object_or_404(public_items(), pk=item_id)
    files = [
        {
            "name": a.name,
            "kind": a.kind,
            "size": a.size,
            "sha256": a.sha256,
            "url": column_url(
                "attachment", slug=item.agency.slug, item_pk=item.pk, attachment_pk=a.pk
            ),
        }
        for a in item.attachments.all()
    ]
    return {**_item(item), "attachments": files}


@router.get("/bodies", response=list[BodyOut], summary="行政机关及其政府信息公开工作机构")
def list_bodies(request):
    return [_body(a) for a in Agency.objects.select_related("parent").by_hierarchy()]


@router.get("/bodies/{slug}", response=BodyOut, summary="一个行政机关")
def get_body(request, slug: str):
    return _body(get_object_or_404(Agency.objects.select_related("parent"), slug=slug))

"""RSS 2.0 and Atom feeds of a body's public items, whole or by 主题分类 (Django syndication).

Feeds carry only public metadata (title, summary, dates, 索引号); never a person's data.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency

from .links import column_url
from .models import CatalogItem, Category

FEED_ITEMS = 30


class BodyRss(Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Agency, slug=slug), None

    def title(self, obj):
        agency, category = obj
        name = f"{agency.name} 政府信息公开"
        return f"{name} · {category}" if category else name

    def link(self, obj):
        return column_url("items", slug=obj[0].slug, category=obj[1].pk if obj[1] else None)

    def description(self, obj):
        return f"{obj[0].name}主动公开的政府信息（法定主动公开内容）"

    def items(self, obj):
        agency, category = obj
        items = CatalogItem.objects.published().filter(agency=agency).select_related("agency")
        if category is not None:
            items = items.filter(Q(category=category) | Q(category__parent=category))
        return items.order_by("-published_on", "-pk")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return column_url("item", slug=item.agency.slug, item_pk=item.pk)

    def item_guid(self, item):
        return item.index_no

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        day = item.published_on
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day)) if day else None

    def item_categories(self, item):
        return [str(item.category)] if item.category_id else []


class BodyAtom(BodyRss):
    feed_type = Atom1Feed
    subtitle = BodyRss.description


class CategoryRss(BodyRss):
    def get_object(self, request, slug, category_pk):
        return get_object_or_404(Agency, slug=slug), get_object_or_404(Category, pk=category_pk)


class CategoryAtom(CategoryRss):
    feed_type = Atom1Feed
    subtitle = BodyRss.description

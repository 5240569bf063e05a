"""The sitemap of the public column: bodies' column pages and every public item."""

from django.contrib.sitemaps import Sitemap

from gongkai.agencies.models import Agency

from .links import column_url
from .models import CatalogItem


class BodySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Agency.objects.order_by("pk")

    def location(self, agency):
        return column_url("body", slug=agency.slug)


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000  # pages of the sitemap index stay small on a large platform

    def items(self):
        return CatalogItem.objects.published().select_related("agency").order_by("pk")

    def location(self, item):
        return column_url("item", slug=item.agency.slug, item_pk=item.pk)

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"bodies": BodySitemap, "items": ItemSitemap}

"""The public 政府信息公开 column (namespace ``column``, mounted at /xxgk/): no login.

Fixed names come before ``<slug>/`` so that no body slug can shadow them. Link to these pages
from templates only through ``{% col_url %}`` (``links.py``), so a static export can switch them.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds
from . import views_public as views
from .sitemaps import SITEMAPS

app_name = "column"

body = "<slug:slug>/"
urlpatterns = [
    path("", views.platform, name="platform"),
    path("items/", views.platform_items, name="platform-items"),
    path("reports/", views.platform_reports, name="platform-reports"),
    path("search/", views.search, name="search"),
    path("text-size/", views.text_size, name="text-size"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(body, views.body, name="body"),
    path(body + "guide/", views.guide, name="guide"),
    path(body + "rules/", views.rules, name="rules"),
    path(body + "items/", views.items, name="items"),
    path(body + "items/<int:item_pk>/", views.item, name="item"),
    path(
        body + "items/<int:item_pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"
    ),
    path(body + "reports/", views.reports, name="reports"),
    path(body + "feed/rss/", feeds.BodyRss(), name="feed-rss"),
    path(body + "feed/atom/", feeds.BodyAtom(), name="feed-atom"),
    path(
        body + "category/<int:category_pk>/feed/rss/", feeds.CategoryRss(), name="category-feed-rss"
    ),
    path(
        body + "category/<int:category_pk>/feed/atom/",
        feeds.CategoryAtom(),
        name="category-feed-atom",
    ),
]

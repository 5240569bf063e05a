"""A URLconf with the column but without the applications app (test_column.py)."""

from django.urls import include, path

urlpatterns = [
    path("xxgk/", include("gongkai.catalog.public_urls")),
    path("", include("gongkai.public.urls")),
    path("staff/", include("gongkai.agencies.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

from django.contrib import admin
from django.urls import include, path

from gongkai.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("staff/", include("gongkai.agencies.urls")),
    path("staff/", include("gongkai.holidays.urls")),
    path("staff/", include("gongkai.letters.urls")),
    path("staff/", include("gongkai.standards.urls")),
    path("staff/", include("gongkai.channels.urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("nianbao/", include("gongkai.reports.public_urls")),
    path("staff/", include("gongkai.catalog.urls")),
    path("xxgk/", include("gongkai.catalog.public_urls")),
    path("staff/", include("gongkai.applications.urls")),
    path("", include("gongkai.applications.public_urls")),
    path("", include("gongkai.letters.public_urls")),
    path("staff/", include("gongkai.supervision.urls")),
    path("", include("gongkai.public.urls")),
]

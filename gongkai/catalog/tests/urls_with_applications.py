"""The column plus stand-ins for the applications app's pages (test_column.py)."""

from django.http import HttpResponse
from django.urls import include, path

from .urls_without_applications import urlpatterns as base


def stand_in(request, **kwargs):
    return HttpResponse("")


applications = (
    [
        path("apply/<slug:slug>/", stand_in, name="submit"),
        path("status/", stand_in, name="status"),
    ],
    "applications",
)
urlpatterns = [*base, path("", include(applications))]

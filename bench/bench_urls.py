"""The project's URLconf plus the baseline of the catalog bench: the least a Django view does."""

from django.http import HttpResponse
from django.urls import path

from gongkai.urls import urlpatterns as project


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal, name="bench-minimal"), *project]

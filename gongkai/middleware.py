"""Requests refused before any view: a NUL character in the path.

PostgreSQL text cannot hold NUL (0x00) and no legitimate address carries one, so a path with
one gets a clear 400 here rather than a database error in whichever view or API operation
passes a path parameter on. Query strings and forms are the views' own: Django's form fields
refuse NUL at the field, and the catalog search simply drops it.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            message = _("请求地址中含有不允许的空字符（NUL）。")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

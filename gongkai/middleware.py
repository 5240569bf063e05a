"""Requests refused before any view: a NUL character in the path or the query string.

PostgreSQL text cannot hold NUL (0x00), and no legitimate address or query carries one, so a
request with one gets a clear 400 here rather than a database error in whichever view or API
operation passes the text on (Django's form fields already refuse NUL in submitted forms).
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or "%00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for value in request.GET.values())
        ):
            message = _("请求地址中含有不允许的空字符（NUL）。")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

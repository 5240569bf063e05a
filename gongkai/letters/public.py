"""The applicant's side of notices: the served ones, listed on the status page and downloaded
with the receipt number and query code that open the status page (no login)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse

from gongkai.ratelimit import is_limited

from .models import Notice


@dataclass
class ServedNotice:
    title: str
    served_on: date
    url: str


def served_notices(application) -> list[ServedNotice]:
    """The notices served on the applicant of ``application``, oldest first, each with a
    download URL that carries the receipt number and query code (the status page's own key)."""
    query = urlencode({"receipt": application.receipt_number, "code": application.query_code})
    rows = (
        Notice.objects.filter(application=application, status=Notice.Status.SERVED)
        .select_related("service")
        .order_by("service__served_on", "pk")
    )
    return [
        ServedNotice(
            title=notice.title,
            served_on=notice.service.served_on,
            url=reverse("notices-public:download", kwargs={"notice_pk": notice.pk}) + "?" + query,
        )
        for notice in rows
    ]


def download(request, notice_pk: int) -> HttpResponse:
    """A served notice as PDF for its applicant: the receipt number and query code must both
    match its application; rate-limited like the status lookup (one budget per address)."""
    from gongkai.applications.forms import StatusLookupForm
    from gongkai.applications.views_public import lookup

    from . import services
    from .views import _file

    form = StatusLookupForm(request.GET or None)
    if not form.is_valid():
        raise Http404
    if is_limited(
        request,
        "applications-status",
        limit=settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR,
        window=3600,
    ):
        return HttpResponse(status=429)
    application = lookup(form.cleaned_data["receipt"], form.cleaned_data["code"])
    notice = (
        Notice.objects.filter(
            pk=notice_pk, application=application, status=Notice.Status.SERVED
        ).first()
        if application
        else None
    )
    if notice is None or not notice.docx:
        raise Http404
    return _file(services.pdf_bytes(notice), notice.file_name("pdf"), "application/pdf")

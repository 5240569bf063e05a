"""Public pages: the online application form of each body, the 受理回执, and the applicant's
status lookup by receipt number and query code. No applicant data is ever shown here."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from gongkai.agencies.models import Agency
from gongkai.ratelimit import is_limited

from . import forms
from .choices import Channel
from .hooks import served_notices
from .models import Application
from .services import submit_application

SESSION_KEY = "applications_receipts"  # {agency slug: application pk} of this browser
SUBMISSIONS_PER_HOUR = 20


def apply(request, slug):
    """The online form (条例 Art. 29); its hidden token makes a double submission one case."""
    agency = get_object_or_404(Agency, slug=slug)
    form = forms.ApplicationForm(request.POST or None)
    items = forms.ItemFormSet(request.POST or None, prefix="items")
    files = forms.AttachmentForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST" and form.is_valid() and items.is_valid() and files.is_valid():
        limited = is_limited(
            request, "applications-submit", limit=SUBMISSIONS_PER_HOUR, window=3600
        )
        if not limited:
            with transaction.atomic():
                done = submit_application(
                    agency=agency,
                    channel=Channel.ONLINE,
                    applicant=form.applicant(),
                    items=items.items(),
                    idempotency_key="form:" + form.cleaned_data["token"]
                    if form.cleaned_data["token"]
                    else "",
                    attachments=files.cleaned_data["attachments"],
                )
            request.session.setdefault(SESSION_KEY, {})[agency.slug] = done.application.pk
            request.session.modified = True
            return redirect("apply:receipt", slug=agency.slug)
    ctx = {"agency": agency, "form": form, "items": items, "files": files, "limited": limited}
    status = 429 if limited else 400 if request.method == "POST" else 200
    return render(request, "applications/apply.html", ctx, status=status)


def receipt(request, slug):
    """The 受理回执 of the application this browser just submitted (shown again on reload)."""
    agency = get_object_or_404(Agency, slug=slug)
    pk = request.session.get(SESSION_KEY, {}).get(agency.slug)
    application = Application.objects.filter(pk=pk, agency=agency).first() if pk else None
    ctx = {"agency": agency, "app": application, "due": application and application.answer_due()}
    return render(request, "applications/receipt.html", ctx)


def lookup(receipt_number: str, code: str) -> Application | None:
    """The application with this receipt number and query code (both must match)."""
    return (
        Application.objects.select_related("agency")
        .filter(receipt_number=receipt_number.strip(), query_code=code.strip().upper())
        .first()
    )


def status(request):
    """Status by receipt number + query code, rate-limited per address across app servers."""
    form = forms.StatusLookupForm(request.GET or None)
    application, limited = None, False
    if form.is_valid():
        limited = is_limited(
            request,
            "applications-status",
            limit=settings.GONGKAI_STATUS_LOOKUPS_PER_HOUR,
            window=3600,
        )
        if not limited:
            application = lookup(form.cleaned_data["receipt"], form.cleaned_data["code"])
            if application is None:
                form.add_error(None, _("受理编号或查询码不正确。"))
    ctx = {
        "form": form,
        "app": application,
        "limited": limited,
        "events": application.events.public() if application else [],
        "notices": served_notices(application) if application else [],
    }
    return render(request, "applications/status.html", ctx, status=429 if limited else 200)

"""Staff pages with their own steps: a consultation becoming an application, self-inspections
started from the platform's findings, and the 动态调整 of held-back items (条例 Art. 18)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.agencies.access import (
    get_agency_for_user,
    get_finding_for_user,
    get_item_for_user,
    get_supervision_record_for_user,
)
from gongkai.applications import forms as application_forms
from gongkai.applications.services import submit_application

from . import findings, reassess
from .forms import DecisionForm, FindingForm, FixForm
from .models import Consultation, ConsultationChannel, Finding, SelfInspection, log
from .records import KINDS
from .views import can_write

# How a consultation's channel becomes an application's (条例 Art. 29: an oral request is
# written down by the 工作机构); staff may change it on the form.
APPLICATION_CHANNEL = {
    ConsultationChannel.PHONE: "oral",
    ConsultationChannel.VISIT: "in_person",
    ConsultationChannel.EMAIL: "email",
    ConsultationChannel.LETTER: "ordinary_mail",
    ConsultationChannel.MESSAGE: "online",
    ConsultationChannel.WECHAT: "oral",
    ConsultationChannel.OTHER: "oral",
}

# The intake form's own channel and receipt fields (条例 Art. 31), shown above the applicant.
RECEIPT_FIELDS = (
    "channel",
    "arrived_on",
    "received_on",
    "receipt_confirmation",
    "applicant_type_confirmed",
)


@login_required
def apply(request, slug, consultation_pk):
    """Turn a consultation into an application in one step: the intake form, filled from the
    consultation; on success the consultation points at the new application."""
    consultation = get_supervision_record_for_user(
        request, Consultation, slug, consultation_pk, write=True
    )
    agency = consultation.agency
    if consultation.application_id:
        messages.info(request, _("该咨询已转为申请。"))
        return redirect(
            "applications:detail", slug=agency.slug, receipt=consultation.application.receipt_number
        )
    initial = {
        "channel": APPLICATION_CHANNEL[consultation.channel],
        "arrived_on": consultation.on.isoformat(),  # the date input reads ISO only
        "applicant_name": consultation.caller_name,
        "phone": consultation.caller_contact,
        "summary": consultation.topic,
    }
    form = application_forms.IntakeForm(request.POST or None, initial=initial)
    items = application_forms.ItemFormSet(
        request.POST or None, prefix="items", initial=[{"title": consultation.topic}]
    )
    files = application_forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and items.is_valid() and files.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            done = submit_application(
                agency=agency,
                channel=data["channel"],
                applicant=form.applicant()
                | {"applicant_type_confirmed": data["applicant_type_confirmed"]},
                items=items.items(),
                arrived_on=data["arrived_on"],
                received_on=data["received_on"],
                receipt_confirmation=data["receipt_confirmation"],
                idempotency_key=data["token"],
                actor=request.user,
                attachments=files.cleaned_data["attachments"],
            )
            consultation.application = done.application
            consultation.save(update_fields=["application"])
            log(agency, "consultation.applied", actor=request.user, obj=consultation)
        receipt = done.application.receipt_number
        messages.success(request, _("已转为申请，受理编号 %(n)s。") % {"n": receipt})
        return redirect("applications:detail", slug=agency.slug, receipt=receipt)
    ctx = {
        "agency": agency,
        "consultation": consultation,
        "form": form,
        "receipt_fields": [form[name] for name in RECEIPT_FIELDS],
        "items": items,
        "files": files,
    }
    status = 400 if form.errors or items.non_form_errors() else 200
    return render(request, "supervision/apply.html", ctx, status=status)


@login_required
@require_POST
def start_inspection(request, slug):
    """A self-inspection of today holding the platform's findings (``findings.py``)."""
    agency = get_agency_for_user(request, slug, write=True)
    inspection = findings.start_inspection(agency, actor=request.user)
    messages.success(
        request, _("已开始自查，平台发现 %(n)s 个问题。") % {"n": inspection.findings.count()}
    )
    return redirect("supervision:inspection", slug=agency.slug, inspection_pk=inspection.pk)


@login_required
def inspection(request, slug, inspection_pk):
    """A self-inspection with its findings: add one, record a fix, or re-check the platform."""
    found = get_supervision_record_for_user(request, SelfInspection, slug, inspection_pk)
    agency = found.agency
    add_form, fix_form = FindingForm(), None
    if request.method == "POST":
        found = get_supervision_record_for_user(
            request, SelfInspection, slug, inspection_pk, write=True
        )
        action = request.POST.get("action")
        if action == "recheck":
            n = findings.recheck(found, actor=request.user)
            messages.success(request, _("复查完成：%(n)s 个问题已整改。") % {"n": n})
            return redirect("supervision:inspection", slug=slug, inspection_pk=found.pk)
        if action == "fix":
            fix_form = FixForm(request.POST)
            if fix_form.is_valid():
                finding = get_finding_for_user(
                    request, slug, fix_form.cleaned_data["finding"], write=True
                )
                if finding.inspection_id == found.pk:
                    findings.fix_finding(
                        finding,
                        on=fix_form.cleaned_data["on"],
                        note=fix_form.cleaned_data["note"],
                        actor=request.user,
                    )
                    return redirect("supervision:inspection", slug=slug, inspection_pk=found.pk)
        else:
            add_form = FindingForm(
                request.POST, instance=Finding(inspection=found, source="manual")
            )
            if add_form.is_valid():
                add_form.save()
                log(agency, "finding.added", actor=request.user, obj=add_form.instance)
                return redirect("supervision:inspection", slug=slug, inspection_pk=found.pk)
    ctx = {
        "agency": agency,
        "inspection": found,
        "findings": found.findings.all(),
        "add_form": add_form,
        "fix_form": fix_form,
        "today": timezone.localdate(),
        "can_write": can_write(request, agency),
    }
    bad = add_form.errors or (fix_form is not None and fix_form.errors)
    return render(request, "supervision/inspection.html", ctx, status=400 if bad else 200)


@login_required
def reassessments(request, slug):
    """The held-back items of the body, each with the day it comes up (条例 Art. 18)."""
    agency = get_agency_for_user(request, slug)
    rows = reassess.schedule(agency)
    ctx = {
        "agency": agency,
        "rows": rows,
        "due": sum(1 for r in rows if r.is_due),
        "months": reassess.period_months(),
        "kinds_nav": KINDS.values(),
        "can_write": can_write(request, agency),
    }
    return render(request, "supervision/reassess.html", ctx)


@login_required
def reassess_item(request, slug, item_pk):
    """Record the 评估 of one item; 负责人 decide (a 公开属性 decision, like a publication)."""
    item = get_item_for_user(request, slug, item_pk)
    form = DecisionForm(request.POST or None, initial={"on": timezone.localdate()})
    error = ""
    if request.method == "POST":
        item = get_item_for_user(request, slug, item_pk, approve=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                done = reassess.decide(
                    item,
                    decision=data["decision"],
                    reason=data["reason"],
                    on=data["on"],
                    actor=request.user,
                )
            except reassess.DecisionRefused as exc:
                error = str(exc)
            else:
                messages.success(
                    request, _("已记录评估结论：%(d)s。") % {"d": done.get_decision_display()}
                )
                return redirect("supervision:reassess", slug=slug)
    ctx = {
        "agency": item.agency,
        "item": item,
        "form": form,
        "error": error,
        "history": item.reassessments.all(),
        "held_back": item.disclosure in reassess.HELD_BACK,
    }
    return render(
        request, "supervision/reassess_item.html", ctx, status=400 if form.errors or error else 200
    )

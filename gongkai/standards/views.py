"""Staff pages of a body's standard catalogs: overview (coverage and freshness), one adopted
template (trim / restore 事项), one 事项 (link the items that fulfil it).

Reading needs READ on the body; adopting, trimming and stating areas need APPROVE (负责人:
the catalog is the body's decision, 国办发〔2019〕54号); linking items needs WRITE.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.agencies.access import agencies_for_user, get_adoption_for_user, get_agency_for_user
from gongkai.catalog.models import CatalogItem
from gongkai.holidays.calendar import get_calendar

from . import timelimits
from .coverage import body_coverage, last_publications
from .forms import AdoptForm, AreaExclusionForm, ExclusionForm, LinkForm
from .models import AreaExclusion, MatterItem, StandardEvent, StandardTemplate, adopt, exclude_area


def _may(request, agency, **level) -> bool:
    return agencies_for_user(request.user, **level).filter(pk=agency.pk).exists()


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


@login_required
def catalog(request, slug):
    """The body's standard catalogs with coverage and freshness; adopt or state areas."""
    agency = get_agency_for_user(request, slug)
    adopted_keys = agency.standard_adoptions.values("key")
    available = StandardTemplate.objects.exclude(key__in=adopted_keys).order_by(
        "area", "-imported_at"
    )
    adopt_form = AdoptForm(templates=available)
    area_form = AreaExclusionForm()
    if request.method == "POST":
        agency = get_agency_for_user(request, slug, approve=True)
        action = request.POST.get("action")
        if action == "adopt":
            adopt_form = AdoptForm(request.POST, templates=available)
            if adopt_form.is_valid():
                try:
                    adopt(agency, adopt_form.cleaned_data["template"], actor=request.user)
                except ValidationError as exc:
                    _errors_to_form(adopt_form, exc)
                else:
                    messages.success(request, _("已采用标准目录模板。"))
                    return redirect("standards:catalog", slug=agency.slug)
        elif action == "exclude_area":
            area_form = AreaExclusionForm(request.POST)
            if area_form.is_valid():
                try:
                    exclude_area(agency, actor=request.user, **area_form.cleaned_data)
                except ValidationError as exc:
                    _errors_to_form(area_form, exc)
                else:
                    messages.success(request, _("已记录未涉及领域。"))
                    return redirect("standards:catalog", slug=agency.slug)
        elif action == "restore_area":
            with transaction.atomic():
                deleted = AreaExclusion.objects.filter(
                    agency=agency, pk=request.POST.get("pk") or 0
                )
                for exclusion in deleted:
                    StandardEvent.record(
                        agency, StandardEvent.Kind.AREA_RESTORED, request.user, exclusion.area
                    )
                if deleted.delete()[0]:
                    messages.success(request, _("已撤销未涉及说明。"))
                    return redirect("standards:catalog", slug=agency.slug)
            messages.error(request, _("没有找到该说明。"))
        else:
            messages.error(request, _("未知操作。"))
    ctx = {
        "agency": agency,
        "coverage": body_coverage(agency, today=timezone.localdate()),
        "adopt_form": adopt_form,
        "area_form": area_form,
        "has_templates": available.exists(),
        "can_approve": _may(request, agency, approve=True),
        "events": agency.standard_events.select_related("actor")[:10],
    }
    return render(request, "standards/catalog.html", ctx, status=200)


@login_required
def adoption_detail(request, slug, adoption_pk):
    """The adopted template in full, as the standard table; trim or restore 事项."""
    adoption = get_adoption_for_user(request, slug, adoption_pk)
    form = None
    if request.method == "POST":
        adoption = get_adoption_for_user(request, slug, adoption_pk, approve=True)
        matter = adoption.template.matters.filter(pk=request.POST.get("matter") or 0).first()
        if request.POST.get("action") == "restore" and matter:
            adoption.restore(matter, actor=request.user)
            messages.success(request, _("已恢复该事项。"))
            return redirect("standards:adoption", slug=slug, adoption_pk=adoption.pk)
        form = ExclusionForm(request.POST)
        if form.is_valid() and matter:
            adoption.exclude(matter, reason=form.cleaned_data["reason"], actor=request.user)
            messages.success(request, _("已标记该事项不适用。"))
            return redirect("standards:adoption", slug=slug, adoption_pk=adoption.pk)
        if form.is_valid():
            form.add_error(None, _("没有找到该事项。"))
    exclusions = {e.matter_id: e for e in adoption.exclusions.all()}
    rows = []
    for matter in adoption.template.matters.prefetch_related("elements"):
        chain = [matter.parent_id, matter.parent.parent_id if matter.parent else None]
        rows.append(
            {
                "matter": matter,
                "exclusion": exclusions.get(matter.pk),
                "inherited": any(pk in exclusions for pk in chain if pk),
            }
        )
    ctx = {
        "agency": adoption.agency,
        "adoption": adoption,
        "template": adoption.template,
        "rows": rows,
        "form": form,
        "failed_matter": int(request.POST.get("matter") or 0) if form is not None else None,
        "can_approve": _may(request, adoption.agency, approve=True),
    }
    return render(request, "standards/adoption.html", ctx)


@login_required
def matter_detail(request, slug, adoption_pk, matter_pk):
    """One 事项 of the body: its rule, the items linked to it and their timeliness."""
    adoption = get_adoption_for_user(request, slug, adoption_pk)
    matter = adoption.template.matters.filter(pk=matter_pk).select_related("parent").first()
    if matter is None or not matter.is_leaf:
        # Only a 事项 with a time limit of its own is published under (and linked to).
        raise Http404("no such 事项 in this template")
    agency = adoption.agency
    form = LinkForm()
    if request.method == "POST":
        if not _may(request, agency, write=True):
            raise PermissionDenied
        if request.POST.get("action") == "unlink":
            link = MatterItem.objects.of(agency).filter(
                matter=matter, pk=request.POST.get("pk") or 0
            )
            for row in link.select_related("item"):
                StandardEvent.record(
                    agency,
                    StandardEvent.Kind.UNLINKED,
                    request.user,
                    matter.full_name(),
                    row.item.index_no,
                )
            if link.delete()[0]:
                messages.success(request, _("已取消关联。"))
                return redirect(
                    "standards:matter", slug=slug, adoption_pk=adoption.pk, matter_pk=matter.pk
                )
        else:
            form = LinkForm(request.POST)
            if form.is_valid():
                item = CatalogItem.objects.filter(
                    agency=agency, index_no=form.cleaned_data["index_no"].strip()
                ).first()
                if item is None:
                    form.add_error("index_no", _("本机关没有该索引号的条目。"))
                else:
                    _link, created = MatterItem.objects.get_or_create(
                        matter=matter, item=item, defaults={"linked_by": request.user}
                    )
                    if created:
                        StandardEvent.record(
                            agency,
                            StandardEvent.Kind.LINKED,
                            request.user,
                            matter.full_name(),
                            item.index_no,
                        )
                    messages.success(request, _("已关联该条目。"))
                    return redirect(
                        "standards:matter", slug=slug, adoption_pk=adoption.pk, matter_pk=matter.pk
                    )
    calendar = get_calendar(agency)
    limit = matter.time_limit
    links = []
    for link in MatterItem.objects.of(agency).filter(matter=matter).select_related("item"):
        item = link.item
        due = limit.due_after(item.generated_on, calendar) if limit else None
        late = (
            (item.published_on - due).days
            if due and item.published_on and item.published_on > due
            else 0
        )
        links.append({"link": link, "item": item, "due": due, "late": late})
    n, last = last_publications(agency, [matter.pk]).get(matter.pk, (0, None))
    verdict = (
        timelimits.freshness(
            limit,
            last,
            today=timezone.localdate(),
            stale_after_days=settings.GONGKAI_STANDARDS_STALE_DAYS,
        )
        if limit
        else None
    )
    ctx = {
        "agency": agency,
        "adoption": adoption,
        "matter": matter,
        "links": links,
        "freshness": verdict,
        "form": form,
        "can_write": _may(request, agency, write=True),
    }
    return render(request, "standards/matter.html", ctx)

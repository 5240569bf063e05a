"""The access rule: the ONLY way a view obtains a body-scoped object.

One rule, three levels (docs/agencies.md):

* READ: 经办人 and 负责人 read their own bodies; a 监督 reads its body and every body below it;
  a platform administrator (``is_superuser``) reads everything.
* WRITE (handle cases and catalogue items): 经办人 and 负责人 of the body; platform admins.
  Supervisors never write through their supervision.
* APPROVE (extensions, answers, publications, the body's guide data): 负责人 of the body;
  platform admins.

An object the user may not READ is answered with 404, so that its existence is not revealed;
an object the user may read but not change is answered with 403.

Later apps add ``get_<thing>_for_user`` here, each one call: :func:`get_of_body_for_user` for
an object of a body page (``…/<slug>/…/<pk>/``), else :func:`get_scoped_for_user` with the path
from the thing to its body, e.g.::

    def get_channel_for_user(request, slug, pk, *, write=False, approve=False):
        return get_of_body_for_user(
            request, Channel.objects.all(), slug, pk, write=write, approve=approve
        )
"""

from __future__ import annotations

import enum

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import APPROVE_ROLES, WRITE_ROLES, Agency, Role


class Level(enum.IntEnum):
    READ = 1
    WRITE = 2
    APPROVE = 3


def _level(*, write: bool, approve: bool) -> Level:
    if approve:
        return Level.APPROVE
    return Level.WRITE if write else Level.READ


def agencies_for_user(user, *, write: bool = False, approve: bool = False) -> QuerySet[Agency]:
    """The bodies ``user`` may read (default), write (``write=True``) or approve in."""
    level = _level(write=write, approve=approve)
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    memberships = user.memberships.all()
    if level is Level.APPROVE:
        return Agency.objects.filter(
            pk__in=memberships.filter(role__in=APPROVE_ROLES).values("agency")
        )
    own = Agency.objects.filter(pk__in=memberships.filter(role__in=WRITE_ROLES).values("agency"))
    if level is Level.WRITE:
        return own
    supervised = Agency.objects.filter(
        pk__in=memberships.filter(role=Role.SUPERVISOR).values("agency")
    ).only("path")
    if not supervised:
        return own
    return Agency.objects.filter(pk__in=own.values("pk")) | Agency.objects.subtrees_of(supervised)


def roles_by_agency(user) -> dict[int, list[str]]:
    """{agency pk: [role labels]} of the user's own memberships (for display only)."""
    result: dict[int, list[str]] = {}
    if not user.is_authenticated:
        return result
    for membership in user.memberships.all():
        result.setdefault(membership.agency_id, []).append(membership.get_role_display())
    return result


def get_scoped_for_user(
    request,
    queryset: QuerySet,
    agency_path: str,
    *,
    write: bool = False,
    approve: bool = False,
    **lookup,
) -> Model:
    """Fetch one object of ``queryset`` by ``lookup`` if the user may see its body.

    ``agency_path`` is the ORM path from the object to its body ("agency", "item__agency", or
    "" when the object *is* the body). Raises Http404 when the object does not exist or its body
    is not readable, PermissionDenied when it is readable but the level asked is not granted.
    """
    prefix = f"{agency_path}__" if agency_path else ""
    readable = agencies_for_user(request.user)
    try:
        obj = queryset.filter(**{f"{prefix}pk__in": readable.values("pk")}).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"{queryset.model._meta.verbose_name} not found or not visible") from exc
    if write or approve:
        agency_pk = obj.pk if not agency_path else _agency_pk(obj, agency_path)
        allowed = agencies_for_user(request.user, write=write, approve=approve)
        if not allowed.filter(pk=agency_pk).exists():
            raise PermissionDenied
    return obj


def _agency_pk(obj: Model, agency_path: str) -> int:
    for attr in agency_path.split("__"):
        obj = getattr(obj, attr)
    return obj.pk


def get_of_body_for_user(
    request,
    queryset: QuerySet,
    slug: str,
    pk: int,
    *,
    via: str = "agency",
    write: bool = False,
    approve: bool = False,
) -> Model:
    """Object ``pk`` of ``queryset`` belonging to the body ``slug`` (reached by the ORM path
    ``via``), access-checked: the shape of every ``/staff/…/<slug>/…/<pk>/`` page."""
    return get_scoped_for_user(
        request, queryset, via, write=write, approve=approve, pk=pk, **{f"{via}__slug": slug}
    )


def get_agency_for_user(
    request, slug_or_pk: str | int, *, write: bool = False, approve: bool = False
) -> Agency:
    """The body named by ``slug_or_pk`` (a slug string or an integer pk), access-checked."""
    lookup = {"pk": slug_or_pk} if isinstance(slug_or_pk, int) else {"slug": slug_or_pk}
    return get_scoped_for_user(
        request, Agency.objects.all(), "", write=write, approve=approve, **lookup
    )


def get_application_for_user(
    request, receipt_number: str, *, slug: str, write: bool = False, approve: bool = False
):
    """An application (依申请公开) of the body ``slug``, by its 受理编号, access-checked."""
    from gongkai.applications.models import Application

    return get_scoped_for_user(
        request,
        Application.objects.select_related("agency"),
        "agency",
        write=write,
        approve=approve,
        agency__slug=slug,
        receipt_number=receipt_number,
    )


def get_notice_for_user(request, pk, *, write: bool = False, approve: bool = False):
    """A notice (告知书, gongkai.letters) of a body the user may see, access-checked."""
    from gongkai.letters.models import Notice

    return get_scoped_for_user(
        request,
        Notice.objects.select_related("application", "agency"),
        "agency",
        write=write,
        approve=approve,
        pk=pk,
    )


def get_item_for_user(request, slug: str, pk: int, *, write: bool = False, approve: bool = False):
    """A catalog item of the body ``slug`` (gongkai.catalog), access-checked."""
    from gongkai.catalog.models import CatalogItem

    return get_of_body_for_user(
        request,
        CatalogItem.objects.select_related("agency", "category__parent"),
        slug,
        pk,
        write=write,
        approve=approve,
    )


def get_adoption_for_user(
    request, slug: str, pk: int, *, write: bool = False, approve: bool = False
):
    """A body's adopted standard catalog (gongkai.standards), access-checked."""
    from gongkai.standards.models import Adoption

    return get_of_body_for_user(
        request,
        Adoption.objects.select_related("agency", "template"),
        slug,
        pk,
        write=write,
        approve=approve,
    )


def get_channel_for_user(
    request, slug: str, pk: int, *, write: bool = False, approve: bool = False
):
    """A body's publication channel (gongkai.channels), access-checked."""
    from gongkai.channels.models import Channel

    return get_of_body_for_user(
        request, Channel.objects.select_related("agency"), slug, pk, write=write, approve=approve
    )


def posted_pk(request, name: str) -> int:
    """A primary key named in a POST body (a row to act on inside an object fetched above);
    0, which matches nothing, for anything that is not a small whole number."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) <= 18 else 0


def get_dispute_case_for_user(
    request, slug: str, pk: int, *, write: bool = False, approve: bool = False
):
    """A 行政复议/诉讼 case of the body ``slug`` (gongkai.reports), access-checked."""
    from gongkai.reports.models import DisputeCase

    return get_of_body_for_user(
        request,
        DisputeCase.objects.select_related("agency", "application"),
        slug,
        pk,
        write=write,
        approve=approve,
    )


def get_supervision_record_for_user(
    request, model, slug: str, pk: int, *, write: bool = False, approve: bool = False
):
    """A record of the body ``slug`` in gongkai.supervision (consultation, complaint, training,
    self-inspection, staff …; ``model`` is its class), access-checked; supervisors read it."""
    return get_of_body_for_user(
        request, model.objects.select_related("agency"), slug, pk, write=write, approve=approve
    )


def get_finding_for_user(request, slug: str, pk: int, *, write: bool = False):
    """A finding of a self-inspection of the body ``slug`` (gongkai.supervision)."""
    from gongkai.supervision.models import Finding

    return get_of_body_for_user(
        request,
        Finding.objects.select_related("inspection__agency"),
        slug,
        pk,
        via="inspection__agency",
        write=write,
    )

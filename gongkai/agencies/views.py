"""Staff pages: login/logout/password (Django's auth views), dashboard, a body's page and guide.

Every body-scoped object comes from access.py; views never filter by membership themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .access import agencies_for_user, get_agency_for_user, roles_by_agency
from .forms import GuideForm, LockoutAuthenticationForm, LockoutPasswordChangeForm

login = auth_views.LoginView.as_view(
    template_name="agencies/login.html",
    authentication_form=LockoutAuthenticationForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()  # POST only (Django 5)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view; the form gets the request so that wrong old passwords are locked out."""

    form_class = LockoutPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


password_change = PasswordChangeView.as_view(
    template_name="agencies/password_change.html",
    success_url=reverse_lazy("agencies:password-change-done"),
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="agencies/password_change_done.html"
)


# Rows per page of a staff list: a screen or two, whatever the size of the scope.
PAGE_SIZE = 50


@login_required
def dashboard(request):
    """The bodies the user may see, a page at a time, with the user's own roles in each.

    The scope is one query over the materialised path (access.agencies_for_user) and the page
    is cut in the database, so a supervisor over 100,000 bodies gets the first page as fast as
    an officer of one (bench/dashboard_bench.py).
    """
    scope = agencies_for_user(request.user).select_related("parent").by_hierarchy()
    page = Paginator(scope, PAGE_SIZE).get_page(request.GET.get("page"))
    on_page = [agency.pk for agency in page]
    writable = set(
        agencies_for_user(request.user, write=True)
        .filter(pk__in=on_page)
        .values_list("pk", flat=True)
    )
    roles = roles_by_agency(request.user)
    rows = [{"agency": a, "roles": roles.get(a.pk, []), "writable": a.pk in writable} for a in page]
    return render(request, "agencies/dashboard.html", {"rows": rows, "page": page})


@login_required
def agency_detail(request, slug):
    agency = get_agency_for_user(request, slug)
    ctx = {
        "agency": agency,
        "ancestors": agency.ancestors(),
        # A county may have hundreds of 村 offices below it: paged like the dashboard.
        "children": Paginator(
            agencies_for_user(request.user).filter(parent=agency).order_by("name"), PAGE_SIZE
        ).get_page(request.GET.get("page")),
        "members": agency.memberships.select_related("user").order_by("role", "user__username"),
        "can_edit": agencies_for_user(request.user, approve=True).filter(pk=agency.pk).exists(),
    }
    return render(request, "agencies/agency_detail.html", ctx)


@login_required
def edit_agency(request, slug):
    """Edit the Art. 12 guide data: 负责人 of the body (and platform admins) only."""
    agency = get_agency_for_user(request, slug, approve=True)
    form = GuideForm.for_agency(agency, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        changed = agency.update_guide(**form.cleaned_data)
        if changed:
            messages.success(request, _("已保存政府信息公开指南信息。"))
        else:
            messages.info(request, _("没有修改。"))
        return redirect("agencies:agency-detail", slug=agency.slug)
    return render(request, "agencies/agency_edit.html", {"agency": agency, "form": form})

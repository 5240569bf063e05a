"""Staff pages: login/logout/password (Django's auth views), dashboard, a body's page and guide.

Every body-scoped object comes from access.py; views never filter by membership themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
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


@login_required
def dashboard(request):
    """The bodies the user may see, with the user's own roles in each."""
    agencies = agencies_for_user(request.user).select_related("parent").by_hierarchy()
    writable = set(agencies_for_user(request.user, write=True).values_list("pk", flat=True))
    roles = roles_by_agency(request.user)
    rows = [
        {"agency": a, "roles": roles.get(a.pk, []), "writable": a.pk in writable} for a in agencies
    ]
    return render(request, "agencies/dashboard.html", {"rows": rows})


@login_required
def agency_detail(request, slug):
    agency = get_agency_for_user(request, slug)
    ctx = {
        "agency": agency,
        "ancestors": agency.ancestors(),
        "children": agencies_for_user(request.user).filter(parent=agency).order_by("name"),
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

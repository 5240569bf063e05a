"""Forms validate and coerce input; they do not save (house style lesson 6)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from gongkai import lockout

from .models import Agency


class LockoutFormMixin:
    """Shows the shared lockout (gongkai.lockout) on a login form, in Chinese, with minutes.

    Axes refuses a locked request inside ``authenticate`` (even with the right password) and
    counts each failure per username and address, whether or not the account exists; the
    message is the same in both cases, so the form reveals nothing about which usernames exist.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length after building the field, so no validator
        # checks it; add it, so a 10,000-character name is a field error, not a lookup.
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise locked_error(self.request, self.cleaned_data.get("username") or "") from None
            raise


def locked_error(request, username: str) -> ValidationError:
    # The page shows the lock itself; the lockout callable then only sets the 429 status.
    request.gongkai_lockout_shown = True
    minutes = lockout.minutes_left(request, username) or settings.LOGIN_LOCKOUT_MINUTES
    return ValidationError(lockout.message(minutes), code="locked")


class LockoutAuthenticationForm(LockoutFormMixin, AuthenticationForm):
    """The staff login form (/staff/login/)."""


class AdminLockoutAuthenticationForm(LockoutFormMixin, AdminAuthenticationForm):
    """The admin site's login form (/admin/login/): the same lockout as the staff login."""


class LockoutPasswordChangeForm(PasswordChangeForm):
    """Django's password change form whose old password goes through ``authenticate``, so a
    wrong one counts as a failed login and a locked pair is refused (gongkai.lockout)."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        username = self.user.get_username()
        if authenticate(self.request, username=username, password=old_password) is None:
            if getattr(self.request, "axes_locked_out", False):
                raise locked_error(self.request, username)
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class GuideForm(forms.Form):
    """The Art. 12 guide data of one body (政府信息公开指南), edited by its 负责人."""

    office_name = forms.CharField(
        label=_("政府信息公开工作机构名称"), max_length=100, required=False
    )
    address = forms.CharField(label=_("办公地址"), max_length=200, required=False)
    office_hours = forms.CharField(label=_("办公时间"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=50, required=False)
    fax = forms.CharField(label=_("传真"), max_length=50, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    website = forms.URLField(label=_("网站"), required=False, assume_scheme="https")

    @classmethod
    def for_agency(cls, agency: Agency, data=None) -> GuideForm:
        initial = {field: getattr(agency, field) for field in Agency.GUIDE_FIELDS}
        return cls(data=data, initial=initial)

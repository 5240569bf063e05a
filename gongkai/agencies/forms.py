"""Forms validate and coerce input; they do not save (house style lesson 6)."""

from __future__ import annotations

import datetime
import math

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Agency, LoginFailure


def lockout_minutes_left(username: str, *, now: datetime.datetime | None = None) -> int:
    """Whole minutes until ``username`` may try again; 0 when it is not locked.

    Locked while at least LOGIN_MAX_FAILURES failures lie inside the last LOGIN_LOCKOUT_MINUTES.
    The lock lifts when the oldest failure that still counts leaves the window.
    """
    now = now or timezone.now()
    limit = settings.LOGIN_MAX_FAILURES
    recent = list(
        LoginFailure.objects.recent(username, now=now).order_by("-at").values_list("at", flat=True)
    )
    if len(recent) < limit:
        return 0
    unlock_at = recent[limit - 1] + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return max(1, math.ceil((unlock_at - now).total_seconds() / 60))


class LockoutAuthenticationForm(AuthenticationForm):
    """Django's login form plus a lockout shared by all app servers (failures live in the DB).

    Failures are counted per typed username whether or not the account exists, and the same
    messages are shown in both cases, so the form does not reveal which usernames exist. While
    locked, even the right password is refused and no further failure is recorded.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("登录失败次数过多，请 %(minutes)d 分钟后再试。"),
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if username:
            self._refuse_if_locked(username)
        try:
            cleaned = super().clean()
        except ValidationError:
            if username and self.cleaned_data.get("password"):
                self._record_failure(username)
                self._refuse_if_locked(username)
            raise
        if username:
            LoginFailure.objects.filter(username=username).delete()
        return cleaned

    def _refuse_if_locked(self, username: str) -> None:
        minutes = lockout_minutes_left(username)
        if minutes:
            raise ValidationError(
                self.error_messages["locked"], code="locked", params={"minutes": minutes}
            )

    @staticmethod
    def _record_failure(username: str) -> None:
        now = timezone.now()
        window = datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        # Old rows no longer count; dropping them here keeps the table small without a cron job.
        LoginFailure.objects.filter(username=username, at__lte=now - window).delete()
        LoginFailure.objects.create(username=username, at=now)


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

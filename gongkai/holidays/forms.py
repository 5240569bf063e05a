from django import forms
from django.utils.translation import gettext_lazy as _

from .explain import DEFAULT_DAYS


class DeadlineForm(forms.Form):
    """Only validates: a real date and a sensible number of working days."""

    received_on = forms.DateField(
        label=_("收到申请（或起算）日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("请填写起算日期。"),
            "invalid": _("日期无效，请按 年-月-日 填写真实日期，例如 2026-02-15。"),
        },
    )
    days = forms.IntegerField(
        label=_("工作日数"),
        initial=DEFAULT_DAYS,
        required=False,  # left empty: the 20-day answer period
        min_value=1,
        max_value=250,
        help_text=_("答复期限为 20 个工作日（条例第三十三条）；补正告知 7 个，征求意见 15 个。"),
        error_messages={
            "invalid": _("工作日数应为整数。"),
            "min_value": _("工作日数至少为 1。"),
            "max_value": _("工作日数不能超过 250。"),
        },
    )

    def clean_days(self) -> int:
        days = self.cleaned_data.get("days")
        return DEFAULT_DAYS if days is None else days

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .explain import DEFAULT_DAYS


class DeadlineForm(forms.Form):
    """Only validates: a real date and a sensible number of working days."""

    received_on = forms.DateField(
        label=_("收到申请（或起算）日期"),
        widget=DateInput(),
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


class NoticeForm(forms.Form):
    """The head of a State Council holiday notice (reference §5.1); blocks come in a formset."""

    year = forms.IntegerField(
        label=_("年度"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("请填写年度。"),
            "invalid": _("年度应为四位数字。"),
            "min_value": _("年度不能早于 2000 年。"),
            "max_value": _("年度不能晚于 2100 年。"),
        },
    )
    source = forms.CharField(
        label=_("通知名称和文号"),
        max_length=200,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）。"),
        error_messages={"required": _("请填写通知名称和文号。")},
    )
    replace = forms.BooleanField(label=_("替换该年度已有的全国性调整"), required=False)


def _parse_days(text: str) -> list:
    import datetime

    days = []
    for part in text.replace("，", ",").replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            days.append(datetime.date.fromisoformat(part))
        except ValueError:
            raise forms.ValidationError(
                _("“%(part)s”不是有效日期，请按 年-月-日 填写，多个日期用逗号分隔。"),
                params={"part": part},
            ) from None
    return days


class BlockForm(forms.Form):
    """One holiday block: its name, first and last day off, and its 调休 working days."""

    date_widget = DateInput()
    date_errors = {
        "required": _("请填写日期。"),
        "invalid": _("日期无效，请按 年-月-日 填写。"),
    }
    name = forms.CharField(
        label=_("节日"), max_length=20, error_messages={"required": _("请填写节日名称。")}
    )
    first = forms.DateField(label=_("放假第一天"), widget=date_widget, error_messages=date_errors)
    last = forms.DateField(label=_("放假最后一天"), widget=date_widget, error_messages=date_errors)
    workdays = forms.CharField(
        label=_("调休上班日"),
        required=False,
        max_length=200,
        help_text=_("按 年-月-日 填写，多个日期用逗号分隔；没有则留空。"),
    )

    def clean_workdays(self) -> list:
        return _parse_days(self.cleaned_data.get("workdays", ""))


BlockFormSet = forms.formset_factory(BlockForm, extra=8, max_num=12, absolute_max=12)

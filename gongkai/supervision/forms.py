"""Forms of the supervision pages: they validate only (records.py builds the record forms)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .models import Finding, LeadingGroup, Reassessment
from .records import IMPORTABLE, KINDS


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("日期不能晚于今天。"))
    return value


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008, max_value=2100, required=False)

    def year_or_default(self) -> int:
        today = timezone.localdate()
        if self.is_valid() and self.cleaned_data["year"]:
            return self.cleaned_data["year"]
        return today.year - 1 if today.month == 1 else today.year


class LeadingGroupForm(forms.ModelForm):
    class Meta:
        model = LeadingGroup
        fields = ("established_on", "document", "leader", "members")
        widgets = {"established_on": DateInput()}

    def clean_established_on(self):
        return _not_future(self.cleaned_data["established_on"])


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ("description", "fixed_on", "fix_note")
        widgets = {"fixed_on": DateInput()}

    def clean_fixed_on(self):
        return _not_future(self.cleaned_data["fixed_on"])


class FixForm(forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("整改日期"), widget=DateInput(), validators=[_not_future])
    note = forms.CharField(label=_("整改情况"), max_length=300)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("评估结论"), choices=Reassessment.Decision.choices)
    on = forms.DateField(label=_("评估日期"), widget=DateInput(), validators=[_not_future])
    reason = forms.CharField(
        label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("记录类别"), choices=[(k, KINDS[k].label) for k in IMPORTABLE])
    file = forms.FileField(label=_("文件（CSV 或 XLSX）"))


class NoticeForm(forms.Form):
    """The 通报 draft as edited on the dashboard (plain text; the DOCX lays it out)."""

    text = forms.CharField(
        label=_("通报（草稿，可修改）"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 24, "class": "notice-text"}),
        error_messages={
            "required": _("通报内容不能为空。"),
            "max_length": _("通报过长（最多 20000 字）。"),
        },
    )

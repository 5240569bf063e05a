"""Forms of the annual report pages: they validate and coerce, never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# 30号: section 一 "篇幅原则上不超过一千字"; the others have no limit, this one keeps pages sane.
SECTION_MAX = 20_000


class SectionsForm(forms.Form):
    """The texts of sections 一, 五 and 六 (the tables of 二–四 come from the records)."""

    section_1 = forms.CharField(
        label=_("一、总体情况"), required=False, max_length=SECTION_MAX, widget=forms.Textarea
    )
    section_5 = forms.CharField(
        label=_("五、存在的主要问题及改进情况"),
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea,
    )
    section_6 = forms.CharField(
        label=_("六、其他需要报告的事项"),
        required=False,
        max_length=SECTION_MAX,
        widget=forms.Textarea,
        help_text=_("收取信息处理费的情况在此报告（国办公开办函〔2021〕30号）。"),
    )

    def sections(self) -> dict[str, str]:
        return {sid: self.cleaned_data[f"section_{sid}"].strip() for sid in ("1", "5", "6")}


class PublishForm(forms.Form):
    correction = forms.CharField(
        label=_("更正说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("首次公开无需填写；更正已公开的报告时必填，并随报告公开。"),
    )


class CaseImportForm(forms.Form):
    file = forms.FileField(label=_("案件台账（XLSX 或 CSV）"))


class OverrideForm(forms.Form):
    """A computed cell replaced by another value, only with the reason (records kept outside
    the system; docs/annual-report.md). An empty value restores the computed one."""

    cell = forms.ChoiceField(label=_("单元格"))
    value = forms.DecimalField(
        label=_("填报值"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=4,
        help_text=_("留空表示恢复按记录计算的数字。"),
    )
    reason = forms.CharField(
        label=_("理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("写明依据的平台外记录，例如：纸质登记簿第 12 页，平台上线前受理 2 件。"),
    )

    def __init__(self, *args, template: str, **kwargs):
        super().__init__(*args, **kwargs)
        from .overrides import cell_choices

        self.fields["cell"].choices = cell_choices(template)

    def clean(self):
        from .overrides import as_value

        data = super().clean()
        value, cell = data.get("value"), data.get("cell")
        if value is not None and cell:
            try:
                as_value(cell, value)
            except ValueError as exc:
                self.add_error("value", str(exc))
        return data


class PriorReportForm(forms.Form):
    file = forms.FileField(
        label=_("上年度已公开的报告文件"),
        help_text=_("DOCX、PDF、HTML、TXT 或 XLSX；平台上已公开上年报告的无需上传。"),
    )

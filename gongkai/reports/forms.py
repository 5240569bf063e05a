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

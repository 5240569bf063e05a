from django import forms
from django.utils.translation import gettext_lazy as _

from .areas import AREAS
from .models import StandardTemplate


class AdoptForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("标准目录模板"), queryset=StandardTemplate.objects.none(), empty_label=None
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = (
            templates if templates is not None else StandardTemplate.objects.all()
        )


class AreaExclusionForm(forms.Form):
    area = forms.CharField(label=_("领域"), max_length=40)
    reason = forms.CharField(
        label=_("未涉及的理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].widget.attrs["list"] = "standard-areas"
        self.area_suggestions = AREAS


class ExclusionForm(forms.Form):
    matter = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("不适用理由"), max_length=500)


class LinkForm(forms.Form):
    index_no = forms.CharField(
        label=_("索引号"), max_length=60, help_text=_("本机关已公开条目的索引号")
    )

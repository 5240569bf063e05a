"""Forms for notices: they only validate; services.py applies the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .kinds import OUTCOME_LABELS
from .models import KIND_CHOICES, Notice, Service

DATE = {"widget": DateInput()}
DATE_ERRORS = {"required": _("请填写日期。"), "invalid": _("日期无效，请按 年-月-日 填写。")}


OUTCOME_CHOICES = [("", "—")] + [(k, f"{k} {v}") for k, v in OUTCOME_LABELS.items()]


class DraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("文书种类"), choices=KIND_CHOICES)
    outcome = forms.ChoiceField(
        label=_("办理结果（答复书）"), required=False, choices=OUTCOME_CHOICES
    )
    addressee = forms.CharField(
        label=_("抬头（第三方名称；留空为申请人）"), required=False, max_length=200
    )


class EditForm(forms.Form):
    addressee = forms.CharField(label=_("抬头"), max_length=200)
    body = forms.CharField(
        label=_("正文（段落之间空一行）"),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("正文不能为空。")},
    )

    def clean_body(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["body"].replace("\r", "").split("\n\n")]


class ReviewForm(forms.Form):
    secrecy = forms.ChoiceField(
        label=_("保密审查结论"), choices=Notice.Secrecy.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("审核意见"), required=False, max_length=500)


class ServeForm(forms.Form):
    method = forms.ChoiceField(label=_("送达方式"), choices=Service.Method.choices)
    served_on = forms.DateField(label=_("送达（签收）日期"), error_messages=DATE_ERRORS, **DATE)
    posted_on = forms.DateField(
        label=_("交邮日期（邮寄）"), required=False, error_messages=DATE_ERRORS, **DATE
    )
    tracking_number = forms.CharField(label=_("邮件号码（邮寄）"), required=False, max_length=40)
    signed_by = forms.CharField(label=_("签收人"), required=False, max_length=100)
    address = forms.CharField(label=_("送达地址或邮箱"), required=False, max_length=300)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("作废理由"), max_length=200, error_messages={"required": _("请填写作废理由。")}
    )


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("文书种类"), choices=KIND_CHOICES)
    outcome = forms.ChoiceField(
        label=_("仅用于此办理结果的答复书（留空则用于全部）"),
        required=False,
        choices=OUTCOME_CHOICES,
    )
    file = forms.FileField(
        label=_("Word 模板（.docx）"), error_messages={"required": _("请选择要上传的文件。")}
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("文件不能超过 5 MB。"))
        return upload

    def clean(self):
        data = super().clean()
        if data.get("outcome") and data.get("kind") != "answer":
            self.add_error("outcome", _("只有答复书可以按办理结果分别设置模板。"))
        return data

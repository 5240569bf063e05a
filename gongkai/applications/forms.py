"""Forms that only validate (house style): the application (public, staff intake, API), the
items sought, attachments, and one small form per transition. Nothing here saves."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

from gongkai.agencies.models import validate_uscc
from gongkai.widgets import DateInput

from .choices import (
    ORGANISATION_TYPES,
    OUTCOME_BASIS,
    OUTCOME_CHOICES,
    ApplicantType,
    Channel,
    Delivery,
    FormWanted,
    IdType,
)
from .models import Application, Pause
from .uploads import check_upload

APPLICANT_FORM_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "agent_name",
    "agent_id_number",
    "agent_contact",
    "phone",
    "email",
    "address",
    "postcode",
    "form_wanted",
    "delivery",
    "fee_waiver_requested",
    "needs_assistance",
]


def validate_ric(value: str) -> str:
    """A 居民身份证 number checked with python-stdnum ``cn.ric`` (GB 11643), reasons in Chinese."""
    try:
        return ric.validate(value)
    except InvalidLength:
        reason = _("应为 18 位")
    except InvalidFormat:
        reason = _("前 17 位应为数字，末位为数字或 X")
    except InvalidComponent:
        reason = _("出生日期或地区码无效")
    except InvalidChecksum:
        reason = _("校验位不正确")
    except Exception:
        reason = _("格式无效")
    raise ValidationError(
        _("居民身份证号码校验失败：%(reason)s。"), code="invalid_ric", params={"reason": reason}
    )


class ApplicationForm(forms.ModelForm):
    """条例 Art. 29's content: who (name, ID, contact), what (the items, below), in what form."""

    # A random token rendered into the form: the same token twice (a double click, a reload
    # after a timeout) finds the application already stored (services.submit_application).
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    required_css_class = "required"

    class Meta:
        model = Application
        fields = APPLICANT_FORM_FIELDS
        widgets = {
            "applicant_type": forms.RadioSelect,
            "form_wanted": forms.RadioSelect,
            "delivery": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("id_type", "id_number", "form_wanted", "delivery"):
            self.fields[name].required = True
        self.fields["applicant_type"].choices = ApplicantType.choices
        self.fields["id_type"].choices = IdType.choices
        self.fields["form_wanted"].choices = FormWanted.choices
        self.fields["delivery"].choices = Delivery.choices
        self.fields["phone"].help_text = _("联系电话、电子邮箱、通信地址至少填写一项。")
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = secrets.token_urlsafe(24)

    def clean_id_number(self):
        return (self.cleaned_data.get("id_number") or "").strip().upper().replace(" ", "")

    def clean(self):
        data = super().clean()
        kind, id_type, number = (data.get(k) for k in ("applicant_type", "id_type", "id_number"))
        if id_type == IdType.RIC and number:
            try:
                validate_ric(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        if kind in ORGANISATION_TYPES and id_type and id_type != IdType.USCC:
            self.add_error("id_type", _("法人或其他组织请填写统一社会信用代码。"))
        if kind == ApplicantType.NATURAL and id_type == IdType.USCC:
            self.add_error("id_type", _("自然人请选择身份证件。"))
        if id_type == IdType.USCC and number:
            try:
                validate_uscc(number)
            except ValidationError as exc:
                self.add_error("id_number", exc)
        if not any(data.get(k) for k in ("phone", "email", "address")):
            self.add_error(
                "phone",
                _("请至少填写一种联系方式：联系电话、电子邮箱或通信地址（条例第二十九条）。"),
            )
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", _("选择以电子邮件获取时，请填写电子邮箱。"))
        if data.get("delivery") == Delivery.POST and not data.get("address"):
            self.add_error("address", _("选择邮寄时，请填写通信地址。"))
        return data

    def applicant(self) -> dict:
        return {f: self.cleaned_data[f] for f in APPLICANT_FORM_FIELDS}


class IntakeForm(ApplicationForm):
    """Staff intake for every channel (条例 Art. 29, 31): the arrival and, where already known,
    the legal receipt date with how it was confirmed."""

    channel = forms.ChoiceField(
        label=_("申请渠道"), choices=[c for c in Channel.choices if c[0] != Channel.UNRECORDED]
    )
    arrived_on = forms.DateField(label=_("到达日期"), widget=DateInput())
    received_on = forms.DateField(
        label=_("收到申请日期（条例第三十一条）"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "当面、口头：提交之日；挂号信：签收之日；平信：与申请人确认之日；传真、电子邮件、网上：双方确认之日。尚未确认的留空。"
        ),
    )
    receipt_confirmation = forms.CharField(
        label=_("收到确认方式"),
        required=False,
        max_length=200,
        help_text=_("例如：收发室签收；电话确认（对方姓名、时间）；回复邮件确认。"),
    )
    applicant_type_confirmed = forms.BooleanField(
        label=_("申请人类型已核实"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        arrived, received = data.get("arrived_on"), data.get("received_on")
        if arrived and arrived > today:
            self.add_error("arrived_on", _("到达日期不能晚于今天。"))
        if received and received > today:
            self.add_error("received_on", _("收到申请日期不能晚于今天。"))
        if arrived and received and received < arrived:
            self.add_error("received_on", _("收到申请日期不能早于到达日期。"))
        channel = data.get("channel")
        if received and channel not in (Channel.IN_PERSON, Channel.ORAL):
            if not data.get("receipt_confirmation"):
                self.add_error("receipt_confirmation", _("请写明如何确认收到（签收或双方确认）。"))
        return data


class ItemForm(forms.Form):
    title = forms.CharField(label=_("信息名称"), max_length=300, required=False)
    document_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    description = forms.CharField(
        label=_("特征性描述"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def is_blank(self) -> bool:
        return not any(
            self.cleaned_data.get(k) for k in ("title", "document_number", "description")
        )


class BaseItemFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not self.items():
            raise ValidationError(
                _("请至少填写一项所需信息的名称、文号或便于查询的特征性描述（条例第二十九条）。")
            )

    def items(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data and not f.is_blank()]


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=3, max_num=20)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, each checked by content (uploads.check_upload), their number limited."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        limit = settings.GONGKAI_ATTACHMENT_MAX_FILES
        if len(files) > limit:
            raise ValidationError(_("最多上传 %(n)s 个附件。"), params={"n": limit})
        for f in files:
            check_upload(f)
        return files


class AttachmentForm(forms.Form):
    attachments = AttachmentsField(
        label=_("附件"),
        help_text=_("可上传身份证明、授权委托书等：PDF、JPG、PNG、DOCX、XLSX，每个不超过 10 MB。"),
    )


# -- one form per transition (case page) -------------------------------------------------------

DATE = {"widget": DateInput()}


def _not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("日期不能晚于今天。"))


class OnForm(forms.Form):
    on = forms.DateField(label=_("日期"), validators=[_not_future], **DATE)


class ConfirmReceiptForm(OnForm):
    how = forms.CharField(label=_("确认方式"), max_length=200)


class SupplementForm(forms.Form):
    served_on = forms.DateField(label=_("补正告知书送达日期"), validators=[_not_future], **DATE)
    items = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 2}))
    period_days = forms.IntegerField(
        label=_("补正期限（工作日）"),
        min_value=1,
        max_value=60,
        initial=lambda: settings.GONGKAI_SUPPLEMENT_DAYS,
    )


class ConsultationStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Pause.Kind.choices[:2])
    sent_on = forms.DateField(label=_("征求意见书发出日期"), validators=[_not_future], **DATE)
    party_received_on = forms.DateField(
        label=_("对方收到日期"), required=False, validators=[_not_future], **DATE
    )
    party = forms.CharField(label=_("被征求意见方"), max_length=200)


class ConsultationEndForm(OnForm):
    kind = forms.ChoiceField(label=_("类型"), choices=Pause.Kind.choices[:2])
    reply = forms.CharField(
        label=_("对方意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))
    notice_served_on = forms.DateField(
        label=_("延期告知书送达日期"), validators=[_not_future], **DATE
    )


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(
        label=_("计收方式"), choices=[("per_case", _("按件计收")), ("per_volume", _("按量计收"))]
    )
    pages = forms.IntegerField(label=_("页数（按量计收）"), min_value=0, required=False)
    counting_basis = forms.CharField(label=_("页数计算方式"), max_length=200, required=False)
    notice_served_on = forms.DateField(
        label=_("收费通知发出日期"), validators=[_not_future], **DATE
    )
    notice_received_on = forms.DateField(
        label=_("申请人收到日期"), validators=[_not_future], **DATE
    )

    def clean(self):
        data = super().clean()
        if data.get("method") == "per_volume" and not data.get("pages"):
            self.add_error("pages", _("按量计收请填写页数。"))
        if data.get("method") == "per_case" and data.get("pages"):
            self.add_error("pages", _("按件计收时不填页数：两种标准不得同时适用（109号第三条）。"))
        return data


class PaymentForm(OnForm):
    amount = forms.IntegerField(label=_("实收金额（元）"), min_value=0)


class WaiverForm(OnForm):
    reason = forms.CharField(label=_("减免理由"), widget=forms.Textarea(attrs={"rows": 2}))


class DelayForm(OnForm):
    until = forms.DateField(label=_("延迟答复期限"), **DATE)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("内部备注"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("经办人"), queryset=None, required=False)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = users


class TypeForm(forms.Form):
    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)


class SearchForm(forms.Form):
    searched_on = forms.DateField(label=_("检索日期"), validators=[_not_future], **DATE)
    searched_by = forms.CharField(label=_("检索人"), max_length=100)
    places = forms.CharField(
        label=_("检索范围（档案、系统、科室）"), widget=forms.Textarea(attrs={"rows": 2})
    )
    terms = forms.CharField(label=_("检索词"), max_length=300, required=False)
    result = forms.CharField(label=_("检索结果"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(OnForm):
    row = forms.ChoiceField(label=_("办理结果"), choices=OUTCOME_CHOICES)
    legal_basis = forms.CharField(
        label=_("法律依据"),
        max_length=200,
        required=False,
        help_text=_("留空：按办理结果填写通常的依据。"),
    )
    reasons = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    withheld = forms.CharField(
        label=_("不予公开的部分（部分公开时）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    withheld_reason = forms.CharField(
        label=_("不予公开的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    holder_body = forms.CharField(
        label=_("负责公开该信息的机关（已知时）"), max_length=200, required=False
    )
    holder_contact = forms.CharField(label=_("该机关联系方式"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("row") and not data.get("legal_basis"):
            data["legal_basis"] = OUTCOME_BASIS.get(data["row"], "")
            if not data["legal_basis"]:
                self.add_error("legal_basis", _("请填写法律依据。"))
        return data

    def details(self) -> dict:
        keys = ("reasons", "withheld", "withheld_reason", "holder_body", "holder_contact")
        return {k: self.cleaned_data[k] for k in keys}


class StatusLookupForm(forms.Form):
    receipt = forms.CharField(label=_("受理编号"), max_length=60)
    code = forms.CharField(label=_("查询码"), max_length=32)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

"""Forms validate and coerce; the workflow functions change state (house style lesson 6)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .models import (
    ART20_ITEMS,
    CatalogItem,
    CatalogProfile,
    Category,
    Regulation,
    Table2Input,
    Validity,
)
from .workflow import CORRECTABLE_FIELDS, EDITABLE_FIELDS

DATE_INPUT = DateInput()


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


CATEGORY_LABEL = _("主题分类")


def category_field(required=False, label=CATEGORY_LABEL):
    return CategoryChoiceField(
        Category.objects.select_related("parent").order_by("parent__position", "position"),
        required=required,
        label=label,
    )


class ItemForm(forms.ModelForm):
    """The metadata of a draft; model rules (不予公开理由, validity) report at their fields."""

    category = category_field()

    class Meta:
        model = CatalogItem
        fields = EDITABLE_FIELDS
        widgets = {
            "written_on": DATE_INPUT,
            "effective_on": DATE_INPUT,
            "ceased_on": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "withheld_reason": forms.Textarea(attrs={"rows": 2}),
        }


class CorrectionForm(ItemForm):
    note = forms.CharField(
        label=_("更正说明（公开显示）"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )

    class Meta(ItemForm.Meta):
        fields = CORRECTABLE_FIELDS


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=True
    )


class ApproveForm(forms.Form):
    secrecy_note = forms.CharField(
        label=_("保密审查意见（条例第十七条）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        initial=_("经审查，不涉及国家秘密、商业秘密、个人隐私，同意主动公开。"),
    )
    published_on = forms.DateField(label=_("发布日期"), widget=DATE_INPUT, required=False)

    def clean_published_on(self):
        day = self.cleaned_data["published_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("发布日期不能晚于今天。"))
        return day


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("文件（PDF、DOCX、XLSX、PNG、JPEG）"))
    alt = forms.CharField(
        label=_("图片说明（图片必填，供读屏软件朗读）"), required=False, max_length=200
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV 或 XLSX 文件"))


class Table2Form(forms.ModelForm):
    class Meta:
        model = Table2Input
        fields = ["licensing", "penalty", "coercion", "fees_wan_yuan", "source"]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2008, required=False)

    def year_or(self, default: int) -> int:
        if self.is_valid() and self.cleaned_data["year"]:
            return min(self.cleaned_data["year"], timezone.localdate().year)
        return default


class GuideForm(forms.ModelForm):
    class Meta:
        model = CatalogProfile
        fields = ["guide_proactive", "guide_on_request", "guide_remedy"]
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in fields}


class RegulationForm(forms.ModelForm):
    class Meta:
        model = Regulation
        fields = ["title", "summary", "adopted_on", "item", "position"]
        widgets = {"adopted_on": DATE_INPUT, "summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = CatalogItem.objects.filter(agency=agency).published()


# -- public filters: never an error page, whatever the query string holds ------------------


def year_choices():
    this_year = timezone.localdate().year
    return [("", _("全部年度"))] + [(y, str(y)) for y in range(this_year, 2007, -1)]


CURSOR_RE = r"^\d{4}-\d{2}-\d{2}\.\d{1,12}$"


class ListFilterForm(forms.Form):
    category = category_field(label=_("主题分类"))
    art20 = forms.TypedChoiceField(
        label=_("条例第二十条事项"),
        choices=[("", _("全部事项"))] + sorted(ART20_ITEMS.items()),
        coerce=int,
        required=False,
    )
    year = forms.TypedChoiceField(label=_("年度"), choices=year_choices, coerce=int, required=False)
    page = forms.IntegerField(
        min_value=1, max_value=10_000, required=False, widget=forms.HiddenInput
    )
    # Seek cursors of the list pages ("YYYY-MM-DD.pk" of the row next to the page, see
    # views_public.seek_page); a malformed one is ignored and the first page shown.
    after = forms.RegexField(CURSOR_RE, required=False, widget=forms.HiddenInput)
    before = forms.RegexField(CURSOR_RE, required=False, widget=forms.HiddenInput)

    def cursor(self) -> tuple[str, str] | None:
        """("after" | "before", cursor) from a valid cursor field, else None."""
        data = getattr(self, "cleaned_data", {}) or {}
        for direction in ("after", "before"):
            if data.get(direction):
                return direction, data[direction]
        return None

    def filters(self) -> dict:
        """The valid filters only; a bad value is reported at its field and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {k: data.get(k) for k in ("category", "art20", "year") if data.get(k)}

    def page_number(self) -> int:
        return (getattr(self, "cleaned_data", {}) or {}).get("page") or 1


class SearchForm(ListFilterForm):
    # No max_length: a query of any length is accepted and cut (segment.MAX_QUERY_CHARS).
    q = forms.CharField(label=_("关键词"), required=False, strip=True)
    validity = forms.ChoiceField(
        label=_("有效性"), choices=[("", _("全部"))] + list(Validity.choices), required=False
    )
    body = forms.SlugField(required=False, widget=forms.HiddenInput)

    def query(self) -> str:
        # Raw text even if another field is bad; NUL would break the form's re-display.
        return (self.data.get("q") or "").replace("\x00", "")

    def filters(self) -> dict:
        found = super().filters()
        data = getattr(self, "cleaned_data", {})
        if data.get("validity"):
            found["validity"] = data["validity"]
        return found

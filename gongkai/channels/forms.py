from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.widgets import DateInput

from .models import Channel, ChannelPost, YearCount


class ChannelForm(forms.ModelForm):
    class Meta:
        model = Channel
        fields = [
            "kind",
            "name",
            "platform",
            "account_id",
            "url",
            "host_unit",
            "operator_unit",
            "filing_no",
            "filed_on",
            "status",
            "has_interaction",
            "last_post_entered_on",
            "note",
        ]
        widgets = {
            "filed_on": DateInput(),
            "last_post_entered_on": DateInput(),
        }


class PostForm(forms.ModelForm):
    index_no = forms.CharField(
        label=_("对应条目的索引号"), max_length=60, required=False, help_text=_("可不填")
    )

    class Meta:
        model = ChannelPost
        fields = ["posted_on", "taken_down_on", "title", "url", "note"]
        widgets = {
            "posted_on": DateInput(),
            "taken_down_on": DateInput(),
        }

    def clean_posted_on(self):
        posted_on = self.cleaned_data["posted_on"]
        if posted_on > timezone.localdate():
            raise forms.ValidationError(_("发布日期不能晚于今天。"))
        return posted_on


class YearCountForm(forms.ModelForm):
    class Meta:
        model = YearCount
        fields = ["channel", "year", "count", "approximate", "note"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.of(agency)
        self.fields["channel"].required = False
        self.fields["channel"].empty_label = _("（多个渠道合计，未分渠道）")
        self.fields["year"].min_value = 2000

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("年度应在 2000 年至今年之间。"))
        return year


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)


class NoticeForm(forms.Form):
    item = forms.ModelMultipleChoiceField(
        label=_("要张贴的信息"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    paper = forms.ChoiceField(label=_("纸张"), choices=[("A4", "A4"), ("A3", "A3")], initial="A4")

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda i: f"{i.published_on:%Y-%m-%d} {i.title}"

    def clean_item(self):
        from .noticeboard import MAX_ITEMS

        items = self.cleaned_data["item"]
        if len(items) > MAX_ITEMS:
            raise forms.ValidationError(_("一次最多打印 %(n)s 条。") % {"n": MAX_ITEMS})
        return items

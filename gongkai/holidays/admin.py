from django.contrib import admin
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import DayOverride


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    """Where staff enter a new year's notice, local holidays and closures (docs/calendar.md)."""

    list_display = ["date", "weekday", "kind", "name", "agency", "source", "changed"]
    list_filter = ["kind", ("agency", admin.EmptyFieldListFilter)]
    date_hierarchy = "date"
    search_fields = ["name", "source", "note"]
    ordering = ["-date"]
    fields = ["date", "kind", "name", "agency", "source", "note", "created", "changed"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]
    readonly_fields = ["created", "changed"]

    @admin.display(description=_("星期"))
    def weekday(self, obj):
        return date_format(obj.date, "l")  # 星期一 in zh-hans, Monday in English

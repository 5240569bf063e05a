"""Read-mostly admin: cases change only through their transitions (models.py), never here."""

from django.contrib import admin

from .models import Application, Event


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    fields = ("at", "kind", "on", "actor", "note", "public")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("receipt_number", "agency", "status", "received_on", "next_due_on", "outcome")
    list_filter = ("status", "channel", "applicant_type", "year")
    search_fields = ("receipt_number",)
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

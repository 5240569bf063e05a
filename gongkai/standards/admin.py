from django.contrib import admin

from .models import Adoption, AreaExclusion, Matter, StandardEvent, StandardTemplate


@admin.register(StandardTemplate)
class StandardTemplateAdmin(admin.ModelAdmin):
    list_display = ("area", "key", "version", "partial", "imported_at")
    list_filter = ("area", "partial")
    # Templates are data imported from files; editing them here would bypass versioning.
    readonly_fields = [f.name for f in StandardTemplate._meta.fields]


@admin.register(Matter)
class MatterAdmin(admin.ModelAdmin):
    list_display = ("name", "template", "level", "tl_text")
    list_filter = ("template",)


admin.site.register(Adoption)
admin.site.register(AreaExclusion)


@admin.register(StandardEvent)
class StandardEventAdmin(admin.ModelAdmin):
    list_display = ("at", "agency", "kind", "subject")

    def has_change_permission(self, request, obj=None):
        return False  # append-only

    def has_delete_permission(self, request, obj=None):
        return False

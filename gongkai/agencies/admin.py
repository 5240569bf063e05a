from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import AdminLockoutAuthenticationForm
from .models import Agency, Membership, User

# The admin login goes through the same lockout as the staff login (gongkai.lockout).
admin.site.login_form = AdminLockoutAuthenticationForm


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "uscc", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "uscc"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["org_code_display"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "parent", "slug"]}),
        (_("代码"), {"fields": ["uscc", "org_code_display"]}),
        (_("政府信息公开指南（条例第十二条）"), {"fields": list(Agency.GUIDE_FIELDS)}),
    ]

    @admin.display(description=_("组织机构代码"))
    def org_code_display(self, obj):
        return obj.org_code or "—"


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]

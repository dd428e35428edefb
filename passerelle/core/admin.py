"""The Django admin, for administrators: users, roles and clearances; sources and facts.

Reads go through the restricted queryset like everywhere else; the change log is read-only.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import ChangeRecord, Fact, Source, User

admin.site.site_header = _("Passerelle administration")
admin.site.site_title = _("Passerelle administration")


class RestrictedAdmin(admin.ModelAdmin):
    """Lists only what the administrator's clearance allows."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).within_clearance(request.user.clearance)  # type: ignore[attr-defined, union-attr]


@admin.register(User)
class PasserelleUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "clearance", "is_active", "last_login"]
    list_filter = ["clearance", "groups", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (_("Clearance"), {"fields": ["clearance", "notice_acknowledged_at"]}),
    )
    readonly_fields = ["notice_acknowledged_at"]


@admin.register(Source)
class SourceAdmin(RestrictedAdmin):
    list_display = ["key", "publisher_en", "title_en", "edition_en", "published", "classification"]
    search_fields = ["key", "title_en", "title_fr", "publisher_en"]


@admin.register(Fact)
class FactAdmin(RestrictedAdmin):
    list_display = ["key", "section", "title_en", "value", "unit", "classification", "illustrative"]
    list_filter = ["section", "classification", "illustrative"]
    search_fields = ["key", "title_en", "title_fr"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(RestrictedAdmin):
    list_display = ["time", "user_name", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

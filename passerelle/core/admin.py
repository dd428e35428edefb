"""The Django admin, for administrators: users, roles and clearances; sources and facts.

Reads go through the restricted querysets like everywhere else (the request's reader: lists,
related choices and filters hold only what the administrator may see); classifications are
offered up to the administrator's clearance (and core/writes.py refuses any above it); the
change log is read-only.
"""

from typing import Any

from concurrency.exceptions import RecordModifiedError
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passerelle.core import deletion
from passerelle.core.models import ChangeRecord, Fact, RoleMapping, Source, User


def _etag(instance: Any) -> str | None:
    """The record's ETag (core/api/etags.py, imported here: it brings in DRF, which a command
    that only sets Django up, and so discovers the admin, does not need)."""
    from passerelle.core.api.etags import etag_for

    return etag_for(instance)


admin.site.site_header = _("Passerelle administration")
admin.site.site_title = _("Passerelle administration")


class DeletionMixin:
    """The deletion page names only what its reader may see, and refuses a deletion that would
    take or is held by records they may not see (core/deletion.py)."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        deleted, counts, perms_needed, protected = super().get_deleted_objects(  # type: ignore[misc]
            objs, request
        )
        found = deletion.plan(list(objs))
        if found.hidden:
            shown = [str(record) for record in objs]
            return shown, {}, perms_needed, [_("Other records depend on it.")]
        return deleted, counts, perms_needed, protected


class LockedForm(forms.ModelForm):
    """An admin form under the optimistic lock the API and the product's forms use: it carries
    the record's ETag as read (its version, or its last update) and refuses to save once the
    record has changed since, instead of silently overwriting the other person's change."""

    edit_etag = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk is not None:
            self.fields["edit_etag"].initial = _etag(self.instance)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.instance.pk is None:
            return cleaned
        current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        expected = _etag(current) if current is not None else None
        if expected is not None and cleaned.get("edit_etag") != expected:
            raise forms.ValidationError(
                _(
                    "Someone else saved this record after you opened it; nothing was saved. "
                    "Open it again to see their change, then reapply yours."
                ),
                code="stale",
            )
        return cleaned


class LockedSaveMixin:
    """A save that lost the race between the form's check and the UPDATE is refused (403 with
    the reason), never a 500."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            with transaction.atomic():
                super().save_model(request, obj, form, change)  # type: ignore[misc]
        except RecordModifiedError:
            raise PermissionDenied(_("Someone else saved this record meanwhile.")) from None


class RestrictedAdmin(LockedSaveMixin, DeletionMixin, admin.ModelAdmin):
    """A classified model's admin: classifications offered up to the user's clearance, edits
    under the optimistic lock (LockedForm)."""

    form = LockedForm

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "classification":
            clearance = getattr(request.user, "clearance", -1)
            kwargs["choices"] = [
                (value, label) for value, label in db_field.choices if value <= clearance
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class LockedUserChangeForm(UserChangeForm, LockedForm):
    """Django's user form under the same optimistic lock (the user's `version`)."""


@admin.register(User)
class PasserelleUserAdmin(LockedSaveMixin, DeletionMixin, UserAdmin):
    """For superusers; administrators keep people in the product's own pages (/people/)."""

    form = LockedUserChangeForm
    list_display = ["username", "first_name", "last_name", "clearance", "is_active", "last_login"]
    list_filter = ["clearance", "groups", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Clearance"),
            {"fields": ["clearance", "notice_acknowledged_at", "identity_subject", "edit_etag"]},
        ),
    )
    readonly_fields = ["notice_acknowledged_at"]


@admin.register(RoleMapping)
class RoleMappingAdmin(LockedSaveMixin, admin.ModelAdmin):
    form = LockedForm
    list_display = ["provider_group", "role"]


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

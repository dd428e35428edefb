"""People, their roles and clearances, and the identity provider's groups that give roles: the
tables, filters and forms of the pages administrators keep them with (core/views/people.py).

A clearance is recorded here by an administrator, up to their own; it is read from the database
on every request (the request's user is loaded again each time, and nothing keeps it in the
session), so a change takes effect on the person's next request.
"""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters import rest_framework as filters

from passerelle.core.classification import Classification
from passerelle.core.filters import FilterSet
from passerelle.core.forms import PasserelleForm
from passerelle.core.models import RoleMapping, User
from passerelle.core.oidc import set_roles
from passerelle.core.roles import ROLES
from passerelle.core.tables import ChoiceColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import longdate
from passerelle.core.views.routes import record_url

# Passerelle's roles as choices (also the API schema's one name for them: settings.py
# ENUM_NAME_OVERRIDES "PasserelleRoleEnum").
ROLE_CHOICES = [(name, role.label) for name, role in ROLES.items()]


def role_choices() -> list[tuple[str, str]]:
    return [(name, str(label)) for name, label in ROLE_CHOICES]


def roles_of(user: User) -> list[str]:
    """The person's roles' labels, in the roles' own order."""
    names = {group.name for group in user.groups.all()}
    return [str(role.label) for name, role in ROLES.items() if name in names]


def sign_in_method(user: User) -> str:
    return str(_("Identity provider") if user.identity_subject else _("Passerelle account"))


class PersonTable(Table):
    caption = _("People")
    username = LinkColumn(verbose_name=_("User name"), row=True)
    full_name = tables.Column(verbose_name=_("Name"), accessor="last_name", default="—")
    email = tables.Column(verbose_name=_("E-mail"), default="—")
    roles = tables.Column(verbose_name=_("Roles"), accessor="pk", orderable=False)
    clearance = ChoiceColumn(verbose_name=_("Clearance"))
    is_active = tables.Column(verbose_name=pgettext_lazy("person", "Active"))
    method = tables.Column(
        verbose_name=_("Signs in with"), accessor="pk", order_by=("identity_subject",)
    )
    last_login = tables.Column(verbose_name=_("Last signed in"), default="—")

    class Meta(Table.Meta):
        model = User
        fields = ()
        exclude = ("classification", "illustrative")

    def render_username(self, record: User) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), record.username)

    def value_username(self, record: User) -> str:
        return record.username

    def render_full_name(self, record: User) -> str:
        return record.get_full_name() or "—"

    value_full_name = render_full_name

    def render_roles(self, record: User) -> str:
        return ", ".join(roles_of(record)) or "—"

    def value_roles(self, record: User) -> str:
        return "; ".join(roles_of(record))

    def render_clearance(self, record: User) -> str:
        return str(record.get_clearance_display())

    value_clearance = render_clearance

    def render_is_active(self, value: bool) -> str:
        return str(_("Yes") if value else _("No"))

    value_is_active = render_is_active

    def render_method(self, record: User) -> str:
        return sign_in_method(record)

    def value_method(self, record: User) -> str:
        return sign_in_method(record)

    def render_last_login(self, value: Any) -> str:
        return longdate(value)


class PersonFilterSet(FilterSet):
    role = filters.ChoiceFilter(label=_("Role"), choices=role_choices, method="filter_role")
    clearance = filters.ChoiceFilter(label=_("Clearance"), choices=Classification.choices)
    active = filters.ChoiceFilter(
        label=pgettext_lazy("person", "Active"),
        choices=[("yes", pgettext_lazy("person", "Active")), ("no", _("Not active"))],
        method="filter_active",
    )
    empty_labels = {"role": _("All roles"), "clearance": _("All clearances"), "active": _("All")}
    messages = {
        "role": _("Choose a role from the list."),
        "clearance": _("Choose a clearance from the list."),
        "active": _("Choose active or not active."),
    }

    class Meta:
        model = User
        fields = ["role", "clearance", "active"]

    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(groups__name=value).distinct()

    def filter_active(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(is_active=value == "yes")


class PersonForm(PasserelleForm):
    """A person's roles, clearance and whether they may sign in. The clearance goes up to the
    administrator's own; nobody takes away their own administration or sign-in (someone else
    must)."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=role_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a person who signs in through the identity provider, their roles are set again "
            "from their groups at each sign-in (the group mappings)."
        ),
    )

    field_order = ["roles", "clearance", "is_active"]

    class Meta:
        model = User
        fields = ["clearance", "is_active"]
        help_texts = {"is_active": _("Unticked, this person cannot sign in; their history stays.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["roles"].initial = [
                g.name for g in self.instance.groups.all() if g.name in ROLES
            ]
        field = self.fields["clearance"]
        field.choices = [  # type: ignore[attr-defined]
            (level.value, level.label) for level in Classification if level <= self.user.clearance
        ]
        field.help_text = _("Up to your own clearance. Takes effect on the person's next page.")
        field.error_messages["invalid_choice"] = _(
            "You can record a clearance up to your own, %(clearance)s."
        ) % {"clearance": Classification(self.user.clearance).label}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.instance.pk == self.user.pk:
            if "is_active" in cleaned and not cleaned["is_active"]:
                self.add_error("is_active", _("You cannot stop your own access."))
            if "roles" in cleaned and "administrator" not in cleaned["roles"]:
                self.add_error("roles", _("You cannot take away your own administrator role."))
        return cleaned

    def _save_m2m(self) -> None:
        super()._save_m2m()
        set_roles(self.instance, set(self.cleaned_data.get("roles") or []))


class RoleMappingTable(Table):
    caption = _("Group mappings")
    provider_group = LinkColumn(verbose_name=_("Provider group"), row=True)
    role = tables.Column(verbose_name=_("Role"))

    class Meta(Table.Meta):
        model = RoleMapping
        fields = ()
        exclude = ("classification", "illustrative")

    def render_provider_group(self, record: RoleMapping) -> Any:
        return format_html('<a href="{}">{}</a>', record_url(record), record.provider_group)

    def value_provider_group(self, record: RoleMapping) -> str:
        return record.provider_group

    def render_role(self, record: RoleMapping) -> str:
        return record.role_label

    value_role = render_role


class RoleMappingForm(PasserelleForm):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices, initial="viewer")

    class Meta:
        model = RoleMapping
        fields = ["provider_group", "role"]

    def clean_provider_group(self) -> str:
        value = str(self.cleaned_data["provider_group"]).strip()
        if not value:
            raise ValidationError(_("Enter the group's name as the provider sends it."))
        return value

"""The search form of the page and the query parameters of the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from passerelle.core.search import registry
from passerelle.core.search.services import MAX_QUERY_LENGTH


def kind_choices() -> list[tuple[str, Any]]:
    return [(s.kind, capfirst(str(s.label or s.kind))) for s in registry.searchables()]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={"max_length": _("Enter at most %(limit_value)d characters.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of record"),
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of record from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *kind_choices()]  # type: ignore[attr-defined]

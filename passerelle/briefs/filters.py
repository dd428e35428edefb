"""The approved editions' filters, shared by their page and their API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.briefs.models import BriefEdition, BriefKind
from passerelle.core.filters import FilterSet


class BriefEditionFilterSet(FilterSet):
    """By brief, language and a word of the title or the subject's code (`MEX`, `gfmd`)."""

    q = filters.CharFilter(label=_("Title or subject"), method="filter_q")
    brief_kind = filters.ChoiceFilter(label=_("Brief"), choices=BriefKind.choices)
    language = filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    hints = {"q": _("A word of the title, or the subject's code (MEX, gfmd).")}
    empty_labels = {"brief_kind": _("All briefs"), "language": _("Both languages")}
    messages = {
        "brief_kind": _("Choose a brief from the list."),
        "language": _("Choose a language from the list."),
    }

    class Meta:
        model = BriefEdition
        fields = ["q", "brief_kind", "subject", "language"]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(subject__iexact=value))

"""The approved editions' filters, shared by their page and their API."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from passerelle.briefs.models import BriefEdition, BriefKind
from passerelle.core.filters import FilterSet, WordFilter


class BriefEditionFilterSet(FilterSet):
    """By brief, language and a word of the title or the subject's code (`MEX`, `gfmd`)."""

    q = WordFilter(label=_("Title or subject"), lookups=("title", "subject__iexact"))
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

"""A word a reader types is looked for in each field a filter names, ignoring case unless the
lookup says otherwise; a blank filters nothing (core/filters.py WordFilter)."""

from __future__ import annotations

import pytest

from passerelle.core.filters import FilterSet, WordFilter
from passerelle.partners.models import Forum
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


class ForumWords(FilterSet):
    q = WordFilter(lookups=("name_en", "name_fr", "acronym_en__iexact"))

    class Meta:
        model = Forum
        fields = ["q"]


def _found(words: str) -> set[str]:
    found = ForumWords({"q": words}, queryset=Forum.objects.all())
    return {forum.slug for forum in found.qs}


def test_a_word_matches_any_field_it_names_as_each_lookup_says() -> None:
    make_forum(slug="rcm", name_en="Regional Conference on Migration", acronym_en="RCM",
               name_fr="Conférence régionale sur la migration")  # fmt: skip
    make_forum(slug="gfmd", name_en="Global Forum", acronym_en="GFMD", name_fr="Forum mondial")
    assert _found("régionale") == {"rcm"}  # the French name, ignoring case
    assert _found("FORUM") == {"gfmd"}
    assert _found("gfmd") == {"gfmd"}  # the acronym, exactly but for case
    assert _found("gfm") == set()  # not a part of the acronym
    assert _found("  ") == {"rcm", "gfmd"}

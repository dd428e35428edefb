"""How many queries reading takes does not grow with the rows read (query counts, not timings)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Prefetch

from passerelle.core.classification import Classification
from passerelle.core.models import Citation, Fact
from passerelle.core.reader import current_reader, reading_as
from passerelle.core.testing import make_source, make_user

pytestmark = pytest.mark.django_db


def make_cited_facts(count: int, start: int, classification: int = 0) -> None:
    source = make_source()
    for n in range(start, start + count):
        fact = Fact.objects.create(
            key=f"fact-{n}", section="counted", title_en=f"Fact {n}", classification=classification
        )
        Citation.objects.create(source=source, cited=fact)


def read_facts() -> list[Fact]:
    citations = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    return list(Fact.objects.filter(section="counted").prefetch_related(citations))


def test_marking_cited_records_takes_the_same_queries_for_two_or_ten(
    django_assert_num_queries: Any,
) -> None:
    """A citation is marked as the higher of its source and the record it cites: the cited
    records are read once per kind, not once per citation (the home page's figures took one
    query per citation)."""
    user = make_user(clearance=Classification.PROTECTED_B)
    make_cited_facts(2, 0)
    with reading_as(user):
        read_facts()  # the reader's permissions and the kinds of cited records, once
        with django_assert_num_queries(3) as two:
            assert len(read_facts()) == 2
    make_cited_facts(8, 2, classification=Classification.PROTECTED_A)
    with reading_as(user):
        read_facts()
        with django_assert_num_queries(len(two.captured_queries)):
            assert len(read_facts()) == 10
        assert current_reader().marking.level == Classification.PROTECTED_A

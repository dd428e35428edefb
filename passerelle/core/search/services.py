"""`search()`: ranked results across the registered models, within what the user may view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from passerelle.core.classification import Classification, highest
from passerelle.core.search import registry
from passerelle.core.search.backends import MARK_END, MARK_START, backend, words
from passerelle.core.search.models import SearchEntry
from passerelle.core.search.registry import Searchable

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from passerelle.core.models import User

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    """One record found: its kind, the record, its title in the asked language, its page (or
    "") and a snippet of its text in the asked language with the matched words in <mark>.
    `title_language` and `snippet_language` name the other language where the record has no
    text in the one asked (a page marks them with `lang`)."""

    kind: str
    record: models.Model
    title: str
    url: str
    snippet: SafeString
    score: float
    title_language: str = ""
    snippet_language: str = ""

    @property
    def classification(self) -> int:
        return int(getattr(self.record, "classification", 0))

    @property
    def illustrative(self) -> bool:
        return bool(getattr(self.record, "illustrative", False))


@dataclass
class SearchResults:
    """The ranked hits (best first, at most `limit`) and how many records of each kind matched
    in all, counting only those the user may view."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def classification(self) -> Classification:
        """The highest classification of the records shown."""
        return highest([hit.classification for hit in self.hits])

    @property
    def illustrative(self) -> bool:
        return any(hit.illustrative for hit in self.hits)

    def groups(self) -> list[tuple[Searchable, list[Hit], int]]:
        """The hits grouped by kind, in the registry's order, with each kind's total."""
        return [
            (searchable, hits, self.counts.get(searchable.kind, 0))
            for searchable in registry.searchables()
            if (hits := [hit for hit in self.hits if hit.kind == searchable.kind])
        ]


def visible_entries(user: User | AnonymousUser | None, kinds: Iterable[str]) -> Q:
    """Entries of records the user may view: each kind through its model's restrict()."""
    condition = Q(pk__in=[])
    for kind in kinds:
        model: Any = registry.get(kind).model
        allowed = model.objects.restrict(user, "view").values("pk")
        condition |= Q(kind=kind, object_id__in=allowed)
    return condition


def highlight(snippet: str) -> SafeString:
    """The snippet escaped, its marked matches in <mark>."""
    text = escape(snippet.replace("\n", " "))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def search(
    user: User | AnonymousUser | None,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    language: str,
    limit: int = 50,
) -> SearchResults:
    """Records matching `query` in English or French, best first (a title match before a text
    match), among `kinds` (every kind by default; KeyError for an unknown one). Never a record
    the user may not view, nor one counted. Titles and snippets are in `language` ("en", "fr")."""
    text = " ".join(query.split())[:MAX_QUERY_LENGTH]
    results = SearchResults(query=text)
    chosen = list(kinds) if kinds is not None else registry.kinds()
    for kind in chosen:
        registry.get(kind)
    if not words(text) or not chosen:  # punctuation alone finds nothing
        return results
    entries = SearchEntry.objects.filter(visible_entries(user, chosen))
    matches, counts = backend().query(entries, text, language=language, limit=limit)
    results.counts = counts
    entry_ids = [match.entry_id for match in matches]
    found: dict[int, str] = dict(
        SearchEntry.objects.filter(pk__in=entry_ids).values_list("pk", "kind")
    )
    records = _records(user, SearchEntry.objects.filter(pk__in=found))
    for match in matches:
        record = records.get(match.entry_id)
        if record is None:
            continue
        kind = found[match.entry_id]
        searchable = registry.get(kind)
        title, title_language = _title(searchable, record, language)
        results.hits.append(
            Hit(
                kind=kind,
                record=record,
                title=title,
                url=searchable.url(record),
                snippet=highlight(match.snippet),
                score=match.score,
                title_language=title_language,
                snippet_language=match.snippet_language,
            )
        )
    return results


def _title(searchable: Searchable, record: models.Model, language: str) -> tuple[str, str]:
    """The record's title in `language`, or in the other language (named) where it has none."""
    other = "en" if language == "fr" else "fr"
    own = searchable.title_in(record, language if language in ("en", "fr") else "en")
    if own:
        return own, ""
    return searchable.title_in(record, other) or str(record), other


def _records(
    user: User | AnonymousUser | None, entries: models.QuerySet[SearchEntry]
) -> dict[int, models.Model]:
    """The entries' records, read again through restrict() (entry id → record)."""
    by_kind: dict[str, dict[int, int]] = {}
    for entry_id, kind, object_id in entries.values_list("pk", "kind", "object_id"):
        by_kind.setdefault(kind, {})[object_id] = entry_id
    records: dict[int, models.Model] = {}
    for kind, ids in by_kind.items():
        model: Any = registry.get(kind).model
        for object_id, record in model.objects.restrict(user, "view").in_bulk(list(ids)).items():
            records[ids[object_id]] = record
    return records

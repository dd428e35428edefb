"""The two search backends: SQLite FTS5 and PostgreSQL text search.

Both read the same `SearchEntry` rows; each keeps its own index in step (`sync`, `remove`,
`clear`) and answers a query among the entries a user may see (`query`), ranked, with a snippet
whose matches are wrapped in MARK_START/MARK_END (escaped and turned into <mark> later).
The SQL built here names only this module's constant tables and columns; every value is bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, QuerySet

from passerelle.core.search.models import SearchEntry

MARK_START, MARK_END = "\ue000", "\ue001"
FTS_TABLE = "core_searchentry_fts"
# PostgreSQL: the 'english' and 'french' configurations with accents removed before stemming
# (created by migration 0004), so "deplacement" finds "déplacement" there too.
CONFIGS = {"en": "passerelle_english", "fr": "passerelle_french"}
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


@dataclass(frozen=True)
class Match:
    """One entry found: its id, its score (higher is better) and its snippet, in the language
    asked, or in `snippet_language` where the record has no text in the language asked."""

    entry_id: int
    score: float
    snippet: str
    snippet_language: str = ""


def in_language(language: str, own: str | None, other: str | None) -> tuple[str, str]:
    """The snippet of the text in `language` (marked or not: a match in the other language's
    text does not change the page's language); the other language's, named, only where the
    record has no text in `language`."""
    if (own or "").strip():
        return own or "", ""
    if (other or "").strip():
        return other or "", "en" if language == "fr" else "fr"
    return "", ""


class Backend(Protocol):
    def sync(self, entry_ids: list[int] | None) -> None: ...
    def remove(self, entry_ids: list[int]) -> None: ...
    def clear(self) -> None: ...
    def query(
        self, entries: QuerySet[SearchEntry], text: str, *, language: str, limit: int
    ) -> tuple[list[Match], dict[str, int]]:
        """The best `limit` matches of `text` among `entries`, and the count of each kind's.
        `text` holds at least one of `words` (services.search asks nothing else)."""
        ...


def words(text: str) -> list[str]:
    """The words of a query, punctuation and operators dropped."""
    return re.findall(r"\w+", text)


class SQLiteBackend:
    """FTS5 with the unicode61 tokenizer folding diacritics; each word of the query matches as a
    prefix (so "réunion" also finds "réunions"); bm25 ranks, titles weighing ten times the
    text."""

    def sync(self, entry_ids: list[int] | None) -> None:
        columns = "title_en, title_fr, body_en, body_fr"
        select = f"SELECT id, {columns} FROM {SearchEntry._meta.db_table}"  # noqa: S608
        with connection.cursor() as cursor:
            if entry_ids is None:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
                cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, {columns}) {select}")
                return
            marks = ", ".join(["%s"] * len(entry_ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", entry_ids)  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, {columns}) {select} WHERE id IN ({marks})",
                entry_ids,
            )

    def remove(self, entry_ids: list[int]) -> None:
        if entry_ids:
            marks = ", ".join(["%s"] * len(entry_ids))
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", entry_ids)  # noqa: S608

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608

    def query(
        self, entries: QuerySet[SearchEntry], text: str, *, language: str, limit: int
    ) -> tuple[list[Match], dict[str, int]]:
        expression = " ".join('"' + term.replace('"', "") + '"*' for term in words(text))
        try:
            allowed, allowed_params = entries.values("id").query.sql_with_params()
        except EmptyResultSet:  # the user may view none of the kinds
            return [], {}
        first, second = (3, 2) if language == "fr" else (2, 3)
        snippet = f"snippet({FTS_TABLE}, %s, %s, %s, '…', 16)"
        sql = (
            f"SELECT rowid, bm25({FTS_TABLE}, %s, %s, %s, %s), {snippet}, {snippet} "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid IN ({allowed}) "
            "ORDER BY 2, rowid LIMIT %s"
        )
        weights = [TITLE_WEIGHT, TITLE_WEIGHT, BODY_WEIGHT, BODY_WEIGHT]
        marks = [MARK_START, MARK_END]
        params: list[Any] = [*weights, first, *marks, second, *marks, expression]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *allowed_params, limit])
            rows = cursor.fetchall()
            cursor.execute(
                f"SELECT e.kind, COUNT(*) FROM {FTS_TABLE} f "  # noqa: S608
                f"JOIN {SearchEntry._meta.db_table} e ON e.id = f.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND f.rowid IN ({allowed}) GROUP BY e.kind",
                [expression, *allowed_params],
            )
            counts = {kind: count for kind, count in cursor.fetchall()}
        matches = [
            Match(entry_id, -score, *in_language(language, own, other))
            for entry_id, score, own, other in rows
        ]
        return matches, counts


def _document() -> Any:
    english, french = CONFIGS["en"], CONFIGS["fr"]
    return (
        SearchVector("title_en", config=english, weight="A")
        + SearchVector("title_fr", config=french, weight="A")
        + SearchVector("body_en", config=english, weight="D")
        + SearchVector("body_fr", config=french, weight="D")
    )


class PostgreSQLBackend:
    """A weighted tsvector per entry (titles A, text D) from the English and French
    configurations; a query is read in both languages (websearch syntax, and each word as a
    prefix) and ranked with ts_rank."""

    def sync(self, entry_ids: list[int] | None) -> None:
        entries = SearchEntry.objects.all()
        if entry_ids is not None:
            entries = entries.filter(pk__in=entry_ids)
        entries.update(document=_document())

    def remove(self, entry_ids: list[int]) -> None:
        """The document goes with its row."""

    def clear(self) -> None:
        """The document goes with its row."""

    def query(
        self, entries: QuerySet[SearchEntry], text: str, *, language: str, limit: int
    ) -> tuple[list[Match], dict[str, int]]:
        # Every word also as a prefix, as on SQLite, so what is being typed finds ("havan" finds
        # "Havana"); the words are \w+ only, so the raw query holds no operator of the reader's.
        prefixes = " & ".join(f"{term}:*" for term in words(text))
        query = (
            SearchQuery(text, config=CONFIGS["en"], search_type="websearch")
            | SearchQuery(text, config=CONFIGS["fr"], search_type="websearch")
            | SearchQuery(prefixes, config=CONFIGS["en"], search_type="raw")
            | SearchQuery(prefixes, config=CONFIGS["fr"], search_type="raw")
        )
        own, other = ("body_fr", "body_en") if language == "fr" else ("body_en", "body_fr")
        found = entries.filter(document=query)
        counts = dict(found.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
        other_language = "en" if language == "fr" else "fr"
        rows = (
            found.annotate(
                score=SearchRank(F("document"), query),
                own_snippet=_headline(own, query, language),
                other_snippet=_headline(other, query, other_language),
            )
            .order_by("-score", "id")
            .values_list("id", "score", "own_snippet", "other_snippet")[:limit]
        )
        return [
            Match(entry_id, score, *in_language(language, mine, theirs))
            for entry_id, score, mine, theirs in rows
        ], counts


def _headline(column: str, query: Any, language: str) -> SearchHeadline:
    return SearchHeadline(
        F(column),
        query,
        config=CONFIGS.get(language, CONFIGS["en"]),
        start_sel=MARK_START,
        stop_sel=MARK_END,
        max_words=30,
        min_words=10,
        max_fragments=1,
        fragment_delimiter=" … ",
    )


def backend() -> Backend:
    """The backend of the default database."""
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    if connection.vendor == "postgresql":
        return PostgreSQLBackend()
    raise NotImplementedError(f"search needs SQLite or PostgreSQL, not {connection.vendor}")

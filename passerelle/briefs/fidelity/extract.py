"""What the binder says that the Fundamental Brief must keep, parsed from its text: every figure
(numbers, percentages, amounts, dates, periods), every proper name, every sentence of its lists
and paragraphs, every heading, and the annex's rows (region, area office, what it is
responsible for)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from passerelle.briefs.fidelity.binder import (
    ANNEX,
    CONNECTORS,
    NUMBER_WORDS,
    Binder,
    Passage,
    Usage,
    capital_runs,
    is_boundary,
    is_heading,
    tokens,
    usage,
)

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
_MONTH = "|".join(MONTHS)
# Longest patterns first: a figure's text is taken by the first pattern that matches it.
FIGURE_PATTERNS = (
    ("date", rf"\b(?:{_MONTH}) \d{{1,2}}, \d{{4}}\b"),
    ("month", rf"\b(?:{_MONTH}) \d{{4}}\b"),
    ("printed_date", r"\b\d{2}/\d{2}/\d{4}\b"),
    ("money", r"\bUSD \$?\d[\d,.]* (?:million|billion)\b"),
    ("scaled", r"\b\d[\d,.]* (?:million|billion)\b"),
    ("percent", r"\b\d+(?:\.\d+)?%"),
    ("range", r"\b\d{4}-\d{4}\b"),
    ("period", r"\bmid-\d{4}\b"),
    ("year", r"\b(?:19|20)\d{2}\b(?![,.]?\d)"),
    ("number", r"\b\d[\d,]*\+?"),
    ("word", r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b"),
)


@dataclass(frozen=True)
class Expectation:
    """One thing the binder says, as it writes it, and where.

    kind: "figure", "name", "text" (a sentence or a heading) or "row" (an annex row, whose
    `parts` must be found together). `figure` is the figure's pattern (date, percent…)."""

    part: str
    line: int
    kind: str
    text: str
    sentence: str = ""
    figure: str = ""
    parts: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.text)


def figures(text: str) -> list[tuple[str, str]]:
    """The figures of a text as (pattern, text), in order, none inside another."""
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in FIGURE_PATTERNS:
        for match in re.finditer(pattern, text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            if kind == "number" and _glued_to_letters(text, span):
                continue
            taken.append(span)
            found.append((span[0], span[1], kind, match.group().rstrip(",.")))
    return [(kind, figure) for _start, _end, kind, figure in sorted(found)]


def _glued_to_letters(text: str, span: tuple[int, int]) -> bool:
    """Digits glued to letters are part of a code (M49), not a figure; a year in a
    publication's name ("World Migration Report 2022") is a figure."""
    return text[span[0] - 1 : span[0]].isalpha()


ARTICLES = frozenset({"The", "A", "An"})


def names(sentence: str, found_usage: Usage, known: Sequence[str] = ()) -> list[str]:
    """The proper names of a sentence: first the names the records know, found whole
    ("Immigration, Refugees and Citizenship Canada"), then in the rest the runs of capitalized
    words (connectors allowed inside) and acronyms, split at "and" between names ("Panama and
    Mexico"), without a capital that only starts a sentence ("Strong international
    engagement"). The figures' words (April 15, 2023) are not names."""
    found: list[tuple[int, str]] = []
    text = sentence
    placeholders: dict[str, str] = {}
    for name in known:  # longest first
        if name not in text:
            continue
        pattern = whole(name)
        found += [(match.start(), name) for match in pattern.finditer(text)]
        placeholder = "Qz" + "".join(chr(97 + int(d)) for d in str(len(placeholders)))
        placeholders[placeholder] = name
        text = pattern.sub(placeholder, text)
    for _kind, figure in figures(text):
        text = text.replace(figure, "·")
    words = tokens(text.replace("·", " · "))
    heuristic: list[str] = []
    for start, run in capital_runs(words):
        for offset, piece in _split_at_and(run):
            heuristic += _keep(words, start + offset, piece, found_usage)
    # A run made only of names the records know adds nothing; a longer one is a name of its
    # own ("Government of Canada").
    known_here = [name for _start, name in sorted(found)]
    for heuristic_run in heuristic:
        for piece in _apart_from_known(heuristic_run.split(), placeholders):
            known_here.append(" ".join(placeholders.get(word, word) for word in piece))
    return known_here


def _apart_from_known(run: list[str], placeholders: dict[str, str]) -> list[list[str]]:
    """A run's pieces, a known name parted from words it merely abuts ("United Nations High
    Commissioner for Refugees Global Trends"), kept with words a connector ties it to
    ("Government of Canada"); a piece that is only a known name is dropped (found already)."""
    pieces: list[list[str]] = [[]]
    for index, word in enumerate(run):
        previous = run[index - 1] if index else ""
        tied = previous.lower() in CONNECTORS or word.lower() in CONNECTORS
        if pieces[-1] and (word in placeholders) != (previous in placeholders) and not tied:
            pieces.append([])
        pieces[-1].append(word)
    return [p for p in pieces if p and not all(w in placeholders for w in p)]


def _split_at_and(run: list[str]) -> list[tuple[int, list[str]]]:
    pieces: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for index, word in enumerate(run):
        if word.lower() in ("and", "&") and current:
            pieces.append((start, current))
            current, start = [], index + 1
            continue
        if not current and word.lower() in CONNECTORS:
            start = index + 1
            continue
        current.append(word)
    if current:
        pieces.append((start, current))
    return pieces


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _keep(words: list[str], start: int, run: list[str], found: Usage) -> list[str]:
    """The run as a name, without an article, and without a first word that is capitalized only
    because it starts the sentence: one never written capitalized inside a sentence, or a verb
    before a name that stands alone ("Support Canada’s", "Enable Canada")."""
    while run and run[-1].lower() in CONNECTORS:
        run = run[:-1]
    if not run:
        return []
    first, rest = run[0], " ".join(run[1:])
    if first in ARTICLES:
        return _keep(words, start + 1, run[1:], found) if len(run) > 1 else []
    if is_boundary(words, start) and not is_acronym(first):
        if len(run) == 1:
            label = start + 1 < len(words) and words[start + 1] == ":"
            proper = found.alone[first] > 0 or (label and found.lower[first.lower()] == 0)
            return [first] if proper else []
        if found.inside[first] == 0 or (found.alone[first] == 0 and rest in found.runs):
            return _keep(words, start + 1, run[1:], found)
    return [" ".join(run)]


def extract(binder: Binder, *, known: Sequence[str] = ()) -> list[Expectation]:
    """Every expectation of the binder, in its order, each once per part; `known` are the
    English names the records hold, found whole before the capitals are read."""
    found_usage = usage(binder, known=known)
    found: list[Expectation] = []
    for passage, sentence in binder.sentences():
        found += _of_sentence(passage, sentence, found_usage, known)
    annex = next((p.part for p in binder.passages if p.part.startswith(ANNEX)), ANNEX)
    for row in binder.rows:
        responsible = row.fields.get("responsible for", "")
        parts = (row.region, row.fields.get("area office", ""), *_row_figures(responsible))
        parts = tuple(p for p in (*parts, *_named_in(responsible)) if p)
        found.append(Expectation(annex, row.line, "row", " · ".join(parts), parts=parts))
    return _unique(found)


def _row_figures(text: str) -> list[str]:
    return [figure for _kind, figure in figures(text)]


def _named_in(text: str) -> list[str]:
    """The names in an annex row's text ("the Bucharest Global Operations Centre")."""
    return [" ".join(run) for _start, run in capital_runs(tokens(text))]


def _of_sentence(
    passage: Passage, sentence: str, found_usage: Usage, known: Sequence[str]
) -> list[Expectation]:
    if passage.kind == "row":
        return []
    part, line = passage.part, passage.line
    found = [
        Expectation(part, line, "figure", figure, sentence=sentence, figure=kind)
        for kind, figure in figures(sentence)
    ]
    # In a heading, a title-case list item or a line of the annex's totals, capitals are the
    # style of a title, not names: only acronyms and the names the records know are read.
    title_case = passage.kind in ("title", "heading") or is_heading(sentence)
    title_case = title_case or (passage.part.startswith(ANNEX) and sentence[:1].isdigit())
    found_names = (
        _known_and_acronyms(sentence, known) if title_case else names(sentence, found_usage, known)
    )
    for name in found_names:
        found.append(Expectation(part, line, "name", name, sentence=sentence))
    text = sentence.rstrip(":").strip()
    found.append(Expectation(part, line, "text", text, sentence=sentence))
    return found


def _known_and_acronyms(sentence: str, known: Sequence[str]) -> list[str]:
    """In a title-case line: its acronyms, and the names the records know, longest first and
    regardless of the capitals of a title ("Latin America And Caribbean")."""
    text = sentence
    found: list[tuple[int, str]] = []
    for name in known:
        if name.casefold() not in text.casefold():
            continue
        pattern = whole(name, flags=re.IGNORECASE)
        found += [(match.start(), match.group()) for match in pattern.finditer(text)]
        text = pattern.sub(lambda m: "·" * len(m.group()), text)
    acronyms = [(0, word) for word in tokens(text) if is_acronym(word)]
    return [name for _start, name in sorted(found)] + [word for _start, word in acronyms]


def whole(name: str, *, flags: int = 0) -> re.Pattern[str]:
    """`name` as a whole word or phrase (not inside a longer word)."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)


def occurs(name: str, text: str) -> bool:
    return name in text and whole(name).search(text) is not None


def _unique(found: Iterable[Expectation]) -> list[Expectation]:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for expectation in found:
        key = (expectation.part, *expectation.key)
        if key not in seen:
            seen.add(key)
            unique.append(expectation)
    return unique

"""The comparison: each expectation of the binder looked for in the text of each format of the
brief, in each language.

Matching is on folded text (case, quotes, dashes and spaces made plain). A figure, a name or a
heading is found when one of its forms is in the text. A sentence is found when its words are,
in order, within a short stretch of the brief: the brief may add words (a regenerated sentence
says "States are increasingly interested" where the binder wrote "States increasingly
interested") and may not lose any but the function words below. A leading label ("Migrants:",
"The United States (U.S.),") may stand anywhere near. An annex row's parts (region, area
office, figures, names) must be found together, within one stretch of the brief. In French a
sentence is looked for through the record that holds it in English (its French field); a
sentence no record holds is found when its names and figures are, together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from passerelle.briefs.fidelity.extract import Expectation, figures, occurs
from passerelle.briefs.fidelity.forms import Lexicon, Pair, figure_forms, fold

# Words a regenerated sentence may change without losing anything the binder says: articles,
# forms of "to be" and "to have", the prepositions and conjunctions that only tie a sentence
# together, and the pronouns a brief written in the third person replaces ("our role": "Canada's
# role").
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "of", "to", "with",
    "where", "which", "that", "this", "it", "its", "as", "at", "by", "for", "in", "on", "from",
    "and", "or", "there", "their", "they", "has", "have", "our", "we", "us",
})  # fmt: skip
SLACK = 1.5  # a sentence of n words may be found within 1.5 n + 6 words of the brief
NEAR = 400  # characters within which an annex row's parts, or a label, must be found


@dataclass(frozen=True)
class Finding:
    """One expectation in one language and format: found or not, and the forms looked for."""

    expectation: Expectation
    language: str
    fmt: str
    found: bool
    forms: tuple[str, ...]
    how: str = ""  # how it was looked for when not directly ("through Fact … (French)")


@dataclass
class Report:
    """Every finding, with the expectations left out and why."""

    findings: list[Finding] = field(default_factory=list)
    excluded: list[tuple[Expectation, str]] = field(default_factory=list)

    @property
    def missing(self) -> list[Finding]:
        return [f for f in self.findings if not f.found]

    @property
    def ok(self) -> bool:
        return not self.missing


def words(text: str) -> list[str]:
    """The words of a text for matching: folded, digits grouped as one number (1,050 and
    1 050 are 1050), function words dropped, a plural's final s dropped (number agreement is
    grammar: "mixed movements flows", "mixed movement flows")."""
    text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}(?!\d))", "", fold(text))
    return [singular(w) for w in re.findall(r"\w+", text) if w not in FUNCTION_WORDS]


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def contains_in_order(haystack: list[str], needle: list[str]) -> tuple[int, int] | None:
    """Where `needle`'s words are found in order within a short stretch of `haystack`."""
    if not needle:
        return (0, 0)
    limit = int(SLACK * len(needle)) + 6
    for start, word in enumerate(haystack):
        if word != needle[0]:
            continue
        position, index = start + 1, 1
        while index < len(needle) and position < min(len(haystack), start + limit):
            if haystack[position] == needle[index]:
                index += 1
            position += 1
        if index == len(needle):
            return (start, position)
    return None


class Document:
    """One format of the brief in one language, folded once for every lookup."""

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self.words = words(text)

    def has(self, form: str) -> bool:
        return fold(form) in self.folded

    def has_sentence(self, sentence: str) -> bool:
        label, body = split_label(sentence)
        span = contains_in_order(self.words, words(body))
        if span is None:
            return False
        if not label:
            return True
        near = self.words[max(0, span[0] - 60) : span[1] + 20]
        return all(w in near for w in words(label))

    def has_together(self, forms: list[set[str]]) -> bool:
        """Whether one form of each set is found within NEAR characters of the others."""
        if not forms:
            return True
        first = [m.start() for f in forms[0] for m in re.finditer(re.escape(fold(f)), self.folded)]
        for start in first:
            stretch = self.folded[max(0, start - NEAR) : start + NEAR]
            if all(any(fold(f) in stretch for f in options) for options in forms[1:]):
                return True
        return False


def split_label(sentence: str) -> tuple[str, str]:
    """("Migrants", "Estimated 281 million…") for "Migrants: Estimated 281 million…"; a short
    leading name before a comma is a label too ("The United States (U.S.), on …")."""
    head, sep, tail = sentence.partition(": ")
    if sep and len(head.split()) <= 10 and tail:
        return head, tail
    head, sep, tail = sentence.partition(", ")
    if sep and len(head.split()) <= 5 and head[:1].isupper() and tail:
        return head, tail
    return "", sentence


def records_for(sentence: str, found: Lexicon) -> list[Pair]:
    """The record fields that hold `sentence` in English (its figures as the records write
    them), shortest first."""
    if sentence not in found.holders:
        needle = words(localized(sentence, "en", found))
        holders = [
            p
            for p in found.texts
            if needle and needle[0] in p.words and contains_in_order(list(p.words), needle)
        ]
        found.holders[sentence] = sorted(holders, key=lambda p: len(p.words))
    return found.holders[sentence]


def through_records(holders: list[Pair], document: Document) -> tuple[bool, tuple[str, ...], str]:
    """Whether the French of one of the records holding a sentence is in the document."""
    present = any(document.has_sentence(p.fr) for p in holders)
    return present, tuple(p.fr for p in holders[:1]), "through " + holders[0].label


def localized(sentence: str, language: str, found: Lexicon) -> str:
    """The sentence with its figures as the brief writes them in `language` (USD $669 billion:
    US$669 billion; 02/01/2024: February 1, 2024)."""
    for kind, figure in figures(sentence):
        if kind == "word":  # "seven" stays a word
            continue
        forms = figure_forms(Expectation("", 0, "figure", figure, figure=kind), language, found)
        sentence = sentence.replace(figure, sorted(forms)[0], 1)
    return sentence


def check(
    expectations: list[Expectation],
    texts: dict[tuple[str, str], str],
    found: Lexicon,
    *,
    languages: Sequence[str] = ("en", "fr"),
) -> Report:
    """Each expectation looked for in each (language, format) text of `languages` (the English
    texts are needed for the French of a sentence no record holds)."""
    report = Report()
    documents = {key: Document(text) for key, text in texts.items()}
    for expectation in expectations:
        for (language, fmt), document in documents.items():
            if language not in languages:
                continue
            english = documents.get(("en", fmt))
            report.findings.append(_find(expectation, language, fmt, document, found, english))
    return report


def _find(
    expectation: Expectation,
    language: str,
    fmt: str,
    document: Document,
    found: Lexicon,
    english: Document | None,
) -> Finding:
    kind, text = expectation.kind, expectation.text
    if kind == "figure":
        forms = figure_forms(expectation, language, found)
        return Finding(expectation, language, fmt, any(map(document.has, forms)), tuple(forms))
    if kind == "name":
        return _find_name(expectation, language, fmt, document, found)
    if kind == "row":
        options = [_forms_of_part(p, language, found) for p in expectation.parts]
        together = document.has_together(options)
        return Finding(expectation, language, fmt, together, tuple(sorted(options[0])))
    if language == "en":
        written = localized(text, "en", found)
        return Finding(expectation, language, fmt, document.has_sentence(written), (written,))
    return _find_french_sentence(expectation, fmt, document, found, english)


def _find_name(
    expectation: Expectation, language: str, fmt: str, document: Document, found: Lexicon
) -> Finding:
    text = expectation.text
    if language == "en":
        return Finding(expectation, language, fmt, document.has(text), (text,))
    french = found.french(text)
    if french:
        return Finding(expectation, language, fmt, any(map(document.has, french)), tuple(french))
    # No record names it alone: its French is that of the record holding its sentence, else of
    # a record naming it in its English.
    holders = records_for(split_label(expectation.sentence)[1], found)
    holders = holders or [p for p in found.texts if occurs(text, p.en)]
    if holders:
        present, forms, how = through_records(holders, document)
        return Finding(expectation, language, fmt, present or document.has(text), forms, how)
    return Finding(expectation, language, fmt, document.has(text), (text,), "as written")


def _find_french_sentence(
    expectation: Expectation,
    fmt: str,
    document: Document,
    found: Lexicon,
    english: Document | None,
) -> Finding:
    """A sentence in French: a heading through its French name or title; a sentence through
    the records that hold it in English (a leading label through its own French); a sentence no
    one record holds (the brief writes it from several, or with its own words) when the English
    brief of the same format holds it and its names and figures are found together in the
    French."""
    text = expectation.text
    french = found.french(text)
    if french:
        return Finding(expectation, "fr", fmt, any(map(document.has, french)), tuple(french))
    label, body = split_label(text)
    holders = records_for(body, found)
    if holders:
        present, forms, how = through_records(holders, document)
        labels = found.french(label) if label else set()
        present = present and (not labels or any(map(document.has, labels)))
        return Finding(expectation, "fr", fmt, present, forms, how)
    parts = [_forms_of_part(f, "fr", found) for _kind, f in figures(text)]
    parts += [found.french(n) for n in _names_of(text, found) if found.french(n)]
    in_english = english is not None and english.has_sentence(localized(text, "en", found))
    together = bool(parts) and in_english and document.has_together(parts)
    how = "by its names and figures (no record holds it)" if parts else "no record holds it"
    return Finding(expectation, "fr", fmt, together, (), how)


def _names_of(text: str, found: Lexicon) -> list[str]:
    return [n for n in found.known if occurs(n, text)]


def _forms_of_part(part: str, language: str, found: Lexicon) -> set[str]:
    """The forms of one part of an annex row (a name or a figure) in `language`."""
    matches = figures(part)
    if matches and matches[0][1] == part:
        kind = matches[0][0]
        return figure_forms(Expectation("", 0, "figure", part, figure=kind), language, found)
    if language == "en":
        return {part}
    return found.french(part) or {part}

"""How the Fundamental Brief writes what the binder says, in English and in French, through
what the records hold: the records' own bilingual names and texts (a name's French is its
record's `name_fr`), the catalogue's French for the brief's fixed titles, the facts' display
forms and readings (1,000+ / plus de 1 000; "02/01/2024" read as 1 February 2024), and the
product's number and date formats (281 million / 281 millions, 3.6% / 3,6 %, April 15, 2023 /
15 avril 2023)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from babel.dates import format_date
from django.apps import apps
from django.utils.translation import gettext, override

from passerelle.briefs.fidelity.extract import MONTHS, NUMBER_WORDS, Expectation
from passerelle.core.models import Fact, User
from passerelle.core.templatetags.passerelle import (
    babel_locale,
    compact,
    longdate,
    number,
    percent,
)

# The apps whose records hold the binder's content (the reference data's).
REFERENCE_APPS = ("core", "geo", "partners", "engagements", "network", "programs", "pathways")
# Derived copies of the records' text (the search index), not records.
SKIPPED = ("searchentry",)
# The fields whose values are proper names (read whole in the binder's sentences).
KNOWN_FIELDS = ("name", "acronym", "city", "publisher", "title")
# Fields too long to be a name are texts (a sentence of the binder, in both languages).
NAME_LENGTH = 120


@dataclass(frozen=True)
class Pair:
    """One bilingual value of a record: its English and its French."""

    label: str  # "Forum 12: description"
    en: str
    fr: str
    words: tuple[str, ...] = ()  # the English's words, as compare.words() reads them


@dataclass
class Lexicon:
    """The records' bilingual values: short ones (names, acronyms, titles, cities, locators'
    headings) by their English, long ones (texts) in a list."""

    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    texts: list[Pair] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # capitalized English names, as written
    facts: list[Fact] = field(default_factory=list)
    holders: dict[str, list[Pair]] = field(default_factory=dict)  # compare.records_for's

    def add_name(self, en: str, fr: str) -> None:
        en, fr = en.strip(), fr.strip()
        if en and fr:
            self.names[fold(en)].add(fr)

    def french(self, english: str) -> set[str]:
        """The French forms the records (or the catalogue) give an English name or heading."""
        found = set(self.names.get(fold(english), set()))
        with override("fr"):
            translated = gettext(english)
        if translated != english:
            found.add(translated)
        return found


def fold(text: str) -> str:
    """Text as compared: case folded, typographic quotes and dashes made plain, one space."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\s+[-–—]\s+", " – ", text)
    # A hyphen between words is spelling, not content (Government-Assisted Refugees), also where
    # a line ends on it (a PDF's "Government-" / "Assisted").
    text = re.sub(r"(?<=[^\W\d])-(?:\s+)?(?=[^\W\d])", " ", text)
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return text.casefold().strip()


def bilingual_values(user: User) -> Iterator[tuple[str, Any, str, str, str]]:
    """Every bilingual value of the reference apps' records that `user` may see:
    (model label, record, field, English, French)."""
    for model in apps.get_models():
        if model._meta.app_label not in REFERENCE_APPS or model._meta.model_name in SKIPPED:
            continue
        names = {f.name for f in model._meta.concrete_fields}
        fields = sorted(n[:-3] for n in names if n.endswith("_en") and f"{n[:-3]}_fr" in names)
        if not fields:
            continue
        manager: Any = model._default_manager
        queryset = manager.restrict(user, "view") if hasattr(manager, "restrict") else manager
        columns = [c for f in fields for c in (f"{f}_en", f"{f}_fr")]
        for row in queryset.values("pk", *columns):
            for name in fields:
                en, fr = row[f"{name}_en"] or "", row[f"{name}_fr"] or ""
                if en:
                    yield model._meta.label, row["pk"], name, str(en), str(fr)


def lexicon(user: User) -> Lexicon:
    """The records' bilingual values as `user` may see them."""
    found = Lexicon()
    known: set[str] = set()
    for label, pk, name, en, fr in bilingual_values(user):
        found.texts.append(Pair(f"{label} {pk}: {name}", en, fr))
        # A text's paragraphs pair up when both languages have as many (a summary and a note).
        en_paragraphs, fr_paragraphs = en.split("\n\n"), fr.split("\n\n")
        if len(en_paragraphs) > 1 and len(en_paragraphs) == len(fr_paragraphs):
            for number, (en_part, fr_part) in enumerate(
                zip(en_paragraphs, fr_paragraphs, strict=True), 1
            ):
                found.texts.append(Pair(f"{label} {pk}: {name} ¶{number}", en_part, fr_part))
        if len(en) > NAME_LENGTH:
            continue
        for en_part, fr_part in _variants(en, fr):
            found.add_name(en_part, fr_part)
        for en_part, _fr_part in _variants(en, fr, whole_only=True):
            if is_proper_name(label, name, en_part):
                known.add(en_part)
    from passerelle.briefs.fidelity.compare import words

    found.texts = [Pair(p.label, p.en, p.fr, tuple(words(p.en))) for p in found.texts if p.fr]
    found.known = sorted(known, key=len, reverse=True)
    found.facts = list(Fact.objects.restrict(user, "view"))
    return found


def is_proper_name(label: str, field_name: str, value: str) -> bool:
    """Whether a record's value is a proper name the binder may use: the name, acronym or city
    of a country, group, partner, framework or office, a publisher or a publication's title;
    not a topic's or objective's wording, a fact's title or a locator's heading."""
    if label.split(".")[0] not in ("geo", "partners", "network", "core"):
        return False
    if label.startswith("core.") and label != "core.Source":
        return False
    return value[:1].isupper() and field_name in KNOWN_FIELDS and len(value.split()) <= 12


def _variants(en: str, fr: str, *, whole_only: bool = False) -> Iterator[tuple[str, str]]:
    """A value, and its parts: "Name (ACRONYM)" gives the name and the acronym; unless
    `whole_only`, a locator "Part – Heading" gives each heading, a title "Title: subtitle" each
    part, a list "A, B" each item."""
    yield en, fr
    pattern = re.compile(r"^(.*?) \(([^()]+)\)$")
    english, french = pattern.match(en), pattern.match(fr)
    if english and french:
        yield english.group(1), french.group(1)
        yield english.group(2), french.group(2)
    elif french:  # "Five Eyes": "Groupe des cinq (Five Eyes)", the French often without the gloss
        yield en, french.group(1)
    if whole_only:
        return
    for en_mark, fr_mark in ((" – ", " – "), (", ", ", "), (": ", " : ")):
        en_parts, fr_parts = en.split(en_mark), fr.split(fr_mark)
        if len(en_parts) > 1 and len(en_parts) == len(fr_parts):
            yield from zip(en_parts, fr_parts, strict=True)


def figure_forms(expectation: Expectation, language: str, found: Lexicon) -> set[str]:
    """How the brief writes a figure of the binder in `language`."""
    kind, text = expectation.figure, expectation.text
    with override(language):
        if kind == "printed_date":
            return {longdate(d) for d in _printed_dates(text, found)} or {text}
        if kind == "period":
            return _periods(text, language, found) or {text}
        if kind == "year":
            return {text}
        if kind in ("range", "word"):
            return {text} if kind == "range" else {text, number(NUMBER_WORDS[text])}
        if kind == "date":
            return {longdate(datetime.datetime.strptime(text, "%B %d, %Y").date())}
        if kind == "month":
            month, year = text.split()
            day = datetime.date(int(year), MONTHS.index(month) + 1, 1)
            return {format_date(day, format="MMMM y", locale=babel_locale())}
        value = _value(text)
        if kind == "percent":
            return {percent(value)}
        if kind in ("scaled", "money"):
            amount = compact(value)
            return {gettext("US$%(amount)s") % {"amount": amount}} if kind == "money" else {amount}
        shown = _displays(value, language, found) if text.endswith("+") else set()
        return shown or {number(value)}


def _value(text: str) -> Decimal:
    digits = re.sub(r"[^\d.]", "", text.split(" ")[-2] if " " in text else text)
    if text.startswith("USD"):
        digits = re.sub(r"[^\d.]", "", text.split()[1])
    value = Decimal(digits.rstrip("."))
    scale = {"million": 10**6, "billion": 10**9}.get(text.split()[-1], 1)
    return value * scale


def _displays(value: Decimal, language: str, found: Lexicon) -> set[str]:
    """The display forms the facts give a figure the binder qualifies (1,000+)."""
    return {
        str(fact.attributes[f"display_{language}"])
        for fact in found.facts
        if fact.value is not None
        and Decimal(str(fact.value)) == value
        and (fact.attributes or {}).get(f"display_{language}")
    }


def _printed_dates(text: str, found: Lexicon) -> set[datetime.date]:
    """The dates the facts read a date printed as `text` as ("02/01/2024": 2024-02-01)."""
    return {
        fact.as_of
        for fact in found.facts
        if fact.as_of and (fact.attributes or {}).get("as_of_as_printed") == text
    }


def _periods(text: str, language: str, found: Lexicon) -> set[str]:
    """How the facts write a period ("mid-2023": "au milieu de 2023" in their French text)."""
    forms = set()
    for fact in found.facts:
        if fact.period_en == text:
            forms.add(fact.period_fr if language == "fr" else fact.period_en)
    return forms

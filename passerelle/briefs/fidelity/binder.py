"""The binder as the fidelity check reads it: its passages (headings, list items, paragraphs, the
annex's rows) under their part, and what each says that the Fundamental Brief must keep: its
figures, its proper names and its words.

Nothing here knows the binder's content: every expectation is parsed from its text by the rules
below, so a binder that changes changes what is checked.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Words that join the words of one name ("Global Compact on Refugees", "Southern Europe & The
# Maghreb"): inside a run of capitalized words they do not end it.
CONNECTORS = frozenset({"of", "and", "for", "on", "the", "&", "de"})
ANNEX = "Annex"  # the part whose lines are the network's table, read as rows
WORD = re.compile(r"[^\W\d_][\w’'\-.+]*|\d[\d,./]*\+?%?|[^\w\s]", re.UNICODE)
ABBREVIATION = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., P.M.
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True)
class Passage:
    """One line of the binder: its number, its part, its nearest heading, its kind (title,
    heading, item, paragraph, row) and its text."""

    line: int
    part: str
    heading: str
    kind: str
    text: str


@dataclass
class Row:
    """One block of the annex's table: a region, its area office and what it is responsible
    for ("4 overseas offices", "… and the Bucharest Global Operations Centre")."""

    line: int
    region: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Binder:
    """The binder's passages and annex rows, and the words it uses (for telling names from
    sentence-initial capitals)."""

    path: Path
    passages: list[Passage]
    rows: list[Row]

    def sentences(self) -> list[tuple[Passage, str]]:
        """Every sentence of the items and paragraphs (and the whole of each heading)."""
        found = []
        for passage in self.passages:
            if passage.kind in ("item", "paragraph"):
                found += [(passage, s) for s in split_sentences(passage.text)]
            else:
                found.append((passage, passage.text))
        return found


def read_binder(path: Path) -> Binder:
    """The binder at `path`, as passages under their parts, and the annex's rows."""
    lines = [(n, " ".join(raw.split())) for n, raw in enumerate(_lines(path), start=1)]
    lines = [(n, text) for n, text in lines if text]
    passages: list[Passage] = []
    rows: list[Row] = []
    part = heading = ""
    for index, (number, text) in enumerate(lines):
        bulleted = text.startswith("- ")
        text = text.removeprefix("- ").strip()
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        if number <= 2:
            kind = "title"
        elif part.startswith(ANNEX):
            kind = _annex_kind(text, following, rows, number)
        elif not bulleted and is_heading(text):
            kind = "heading"
        else:
            kind = "paragraph" if text.endswith(".") and not bulleted else "item"
        if kind in ("title", "heading") and not part.startswith(ANNEX) and _is_part(text, kind):
            part = text
        if kind in ("title", "heading"):
            heading = text
        passages.append(Passage(number, part or text, heading, kind, text))
    return Binder(path, passages, rows)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _label(text: str) -> tuple[str, str]:
    """("Area Office", "Washington DC") for an annex line "Area Office: Washington DC"."""
    label, _sep, value = text.partition(": ")
    if value and label[:1].isupper() and len(label.split()) <= 3:
        return label, value
    return "", ""


def _annex_kind(text: str, following: str, rows: list[Row], line: int) -> str:
    """In the annex, a heading followed by "Label: value" lines is a region and opens a row;
    those lines fill it in."""
    label, value = _label(text)
    if label and rows:
        rows[-1].fields[label.casefold()] = value
        return "row"
    if is_heading(text) and _label(following)[0]:
        rows.append(Row(line, text))
        return "heading"
    return "heading" if is_heading(text) and not text.startswith("(") else "item"


def is_heading(text: str) -> bool:
    """A heading is a line without a final full stop whose significant words are capitalized
    (title case), or a list's lead-in ending with a colon."""
    if text.endswith(":"):
        return True
    if text.endswith(".") or text[:1].isdigit():
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w’'\-]*", text) if w.lower() not in CONNECTORS]
    capitals = [w for w in words if w[0].isupper()]
    return bool(words) and len(capitals) >= 0.6 * len(words) and len(words) <= 12


def _is_part(text: str, kind: str) -> bool:
    """A part of the brief: a title-case heading that is not a list's lead-in, not a named
    sub-part (they carry their acronym or a qualifier in parentheses) and not the annex's
    regions (the annex is one part)."""
    return kind == "title" or not (text.endswith(":") or "(" in text)


def split_sentences(text: str) -> list[str]:
    """The sentences of a passage: split after a full stop followed by a capital, except after
    abbreviations (U.S., P.M., e.g.)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[(A-Z“‘])", text)
    merged: list[str] = []
    for part in parts:
        if merged and (ABBREVIATION.match(merged[-1].split()[-1]) or merged[-1].endswith("e.g.")):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return [m.strip() for m in merged if m.strip()]


def tokens(text: str) -> list[str]:
    """The words, numbers and punctuation of a text; a final full stop or comma is punctuation
    unless the word is an abbreviation (U.S.)."""
    found = []
    for token in WORD.findall(text):
        token = token.strip("’'")
        tail: list[str] = []
        while len(token) > 1 and token[-1] in ".,/" and not ABBREVIATION.match(token):
            tail.insert(0, token[-1])
            token = token[:-1]
        found += [t for t in (token, *tail) if t]
    return found


@dataclass
class Usage:
    """How the binder's items and paragraphs use words, to tell a name from a capital that only
    starts a sentence: words written in lower case, and capitalized words and runs found inside
    sentences (standing alone, or as part of a longer name)."""

    lower: Counter[str] = field(default_factory=Counter)
    alone: Counter[str] = field(default_factory=Counter)
    inside: Counter[str] = field(default_factory=Counter)
    runs: set[str] = field(default_factory=set)


def usage(binder: Binder, *, known: Sequence[str] = ()) -> Usage:
    """The binder's usage, from its items and paragraphs outside the annex (whose labels are
    capitalized as a table's are), the names the records know taken out first (so "Immigration"
    in "Immigration, Refugees and Citizenship Canada" does not count as standing alone)."""
    found = Usage()
    for passage, sentence in binder.sentences():
        if passage.kind not in ("item", "paragraph") or passage.part.startswith(ANNEX):
            continue
        for name in known:
            sentence = sentence.replace(name, " · ") if name in sentence else sentence
        words = tokens(sentence)
        found.lower.update(w for w in words if w[:1].islower())
        for start, run in capital_runs(words):
            if is_boundary(words, start):
                continue
            found.runs.add(" ".join(run))
            if len(run) == 1:
                found.alone[run[0]] += 1
            found.inside.update(run)
    return found


def is_boundary(words: list[str], index: int) -> bool:
    """Whether the word at `index` starts a sentence or a label's text ("Migrants: Estimated"),
    where a capital says nothing of a name."""
    return index == 0 or words[index - 1] in (".", ":", ";", "–", "-")


def capital_runs(words: list[str]) -> list[tuple[int, list[str]]]:
    """The runs of capitalized words (connectors allowed inside), with their first index; a
    possessive ends a run (Canada’s Indo-Pacific Strategy: Canada, Indo-Pacific Strategy)."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for index, word in enumerate([*words, "."]):
        possessive = word.endswith(("’s", "'s")) and word[:1].isupper()
        if word[:1].isupper() and word[:1].isalpha():
            if not current:
                start = index
            current.append(word[:-2] if possessive else word)
            if possessive:
                runs.append((start, current))
                current = []
            continue
        if current and word.lower() in CONNECTORS and _next_capital(words, index):
            current.append(word)
            continue
        if current:
            runs.append((start, current))
            current = []
    return runs


def _next_capital(words: list[str], index: int) -> bool:
    following = words[index + 1] if index + 1 < len(words) else ""
    return following[:1].isupper() or following.lower() in CONNECTORS

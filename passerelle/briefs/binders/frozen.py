"""A part frozen at its released edition: the edition keeps the brief as Markdown
(render/markdown.py), read back here into the brief's document model, so a frozen part is laid
out, footnoted and marked like a live one. Only that Markdown's own shapes are read: headings,
paragraphs, bulleted items, the key figures' table, captioned tables and the notes."""

from __future__ import annotations

import re

from django.utils.translation import override

from passerelle.briefs.document import Brief
from passerelle.briefs.models import BriefEdition
from passerelle.briefs.sections import Figure, Footnote, Section, Table
from passerelle.core.classification import Classification

_HEADING = re.compile(r"^(#{2,4}) (.*)$")
_CALL = re.compile(r"\[\^(\d+)\]$")
_NOTE = re.compile(r"^\[\^(\d+)\]: (.*)$")
_CAPTION = re.compile(r"^\*\*(.*)\*\*(.*)$")


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _called(text: str, illustrative_word: str) -> tuple[str, int | None, bool]:
    """A cell or caption without its note call and illustrative mark: (text, note, marked)."""
    match = _CALL.search(text)
    number = int(match.group(1)) if match else None
    text = _CALL.sub("", text).rstrip()
    mark = f" ({illustrative_word})"
    return text.removesuffix(mark), number, text.endswith(mark)


class _Reader:
    def __init__(self, brief: Brief) -> None:
        self.brief, self.labels = brief, brief.labels()
        self.notes: dict[int, Footnote] = {}
        self.sections: list[tuple[Section, list[tuple[str, object, int | None]]]] = []
        self.caption: tuple[str, int | None, bool] | None = None

    def note(self, number: int | None) -> Footnote | None:
        return self.notes.get(number) if number is not None else None

    def read(self, lines: list[str]) -> None:
        blocks: list[list[str]] = []
        for line in lines:
            if not line.strip():
                blocks.append([])
            elif blocks and blocks[-1]:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        as_of = re.escape(self.labels["as_of"]).replace(re.escape("%(date)s"), "(.+)")
        dated = re.compile(rf"^(.*) \({as_of}\)$")
        for note in (m for m in map(_NOTE.match, lines) if m):
            text = note.group(2).removesuffix(".")
            found = dated.match(text)
            footnote = Footnote(*found.groups()) if found else Footnote(source=text)
            self.notes[int(note.group(1))] = footnote
        ended = {self.labels["notes"], self.labels["missing_french"]}
        current: Section | None = None
        for block in filter(None, blocks):
            heading = _HEADING.match(block[0])
            if heading:
                if heading.group(2) in ended:
                    break
                current = Section(key=f"s{len(self.brief.sections) + 1}", title=heading.group(2))
                current.level = len(heading.group(1))
                self.brief.sections.append(current)
            elif current is not None:
                self.block(current, block)

    def block(self, section: Section, block: list[str]) -> None:
        word = self.labels["illustrative_short"]
        caption = _CAPTION.match(block[0]) if len(block) == 1 else None
        if caption:
            self.caption = _called(caption.group(1) + caption.group(2), word)
        elif block[0].startswith("|"):
            rows = [_cells(line) for line in block if not set(line) <= set("|-")]
            columns, rows = rows[0], rows[1:]
            if self.caption is None and columns == [self.labels["figure"], self.labels["value"]]:
                for label, value in rows:
                    value, number, marked = _called(value, word)
                    footnote = self.note(number) or Footnote(source="")
                    section.figures.append(Figure(label, value, footnote, marked))
            else:
                text, number, marked = self.caption or ("", None, False)
                section.tables.append(Table(text, columns, rows, self.note(number), marked))
            self.caption = None
        elif all(line.startswith("- ") for line in block):
            section.items += [line[2:] for line in block]
        else:
            section.paragraphs.append(" ".join(block))


def frozen_brief(edition: BriefEdition) -> Brief:
    """The brief as it was released in `edition`, marked as the edition is."""
    lines = edition.markdown.splitlines()
    with override(edition.language):
        brief = Brief(
            kind=edition.brief_kind,
            subject=edition.subject,
            language=edition.language,
            title=edition.title,
            subtitle="",
            day=edition.released_at.date(),
        )
        start = next((i for i, line in enumerate(lines) if _HEADING.match(line)), len(lines))
        _Reader(brief).read(lines[start:])
    if brief.sections:
        brief.sections[0].classification = Classification(edition.classification)
        brief.sections[0].illustrative = edition.illustrative
    return brief

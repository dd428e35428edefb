"""The brief as Markdown (also the text a released edition keeps and compares)."""

from __future__ import annotations

from passerelle.briefs.document import Brief, note_text
from passerelle.briefs.sections import Figure, Section, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(table: Table, number: dict, labels: dict[str, str]) -> list[str]:
    caption = f"**{table.caption}**"
    if table.illustrative:
        caption += f" ({labels['illustrative_short']})"
    if table.footnote is not None:
        caption += f"[^{number[table.footnote]}]"
    lines = [caption, "", "| " + " | ".join(_cell(c) for c in table.columns) + " |"]
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _figure(figure: Figure, number: dict, labels: dict[str, str]) -> str:
    mark = f" ({labels['illustrative_short']})" if figure.illustrative else ""
    return f"| {_cell(figure.label)} | {_cell(figure.value)}{mark}[^{number[figure.footnote]}] |"


def _section(section: Section, number: dict, labels: dict[str, str]) -> list[str]:
    lines = ["#" * section.level + " " + section.title, ""]
    for paragraph in section.paragraphs:
        lines += [paragraph, ""]
    if section.items:
        lines += [f"- {item}" for item in section.items] + [""]
    if section.figures:
        lines += [f"| {labels['figure']} | {labels['value']} |", "|---|---|"]
        lines += [_figure(f, number, labels) for f in section.figures] + [""]
    for table in section.tables:
        lines += _table(table, number, labels)
    for image in section.images:
        lines += [f"*{image.caption}: {image.alt}*", ""]
    return lines


def render_markdown(brief: Brief) -> str:
    """The whole brief: marking, title, sections, notes, and (in French) the gaps."""
    labels = brief.labels()
    number = brief.numbering()
    marking = brief.marking()
    lines = [
        f"**{marking}**",
        "",
        f"# {brief.title}",
        "",
        f"{labels['department']} — {brief.subtitle}",
        "",
        labels["prepared"] % {"date": _day(brief)},
        "",
    ]
    if brief.illustrative:
        lines += [f"> {labels['illustrative']}", ""]
    for section in brief.sections:
        lines += _section(section, number, labels)
    if number:
        lines += [f"## {labels['notes']}", ""]
        lines += [f"[^{n}]: {note_text(note, labels['as_of'])}" for note, n in number.items()]
        lines.append("")
    if brief.missing_french:
        lines += [f"## {labels['missing_french']}", "", labels["missing_french_intro"], ""]
        lines += [f"- {gap}" for gap in brief.missing_french] + [""]
    lines += [f"**{marking}**", ""]
    return "\n".join(lines)


def _day(brief: Brief) -> str:
    from passerelle.core.templatetags.passerelle import longdate

    return longdate(brief.day)

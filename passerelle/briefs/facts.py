"""The binder's facts as brief content: bullets, figures with their footnotes, and sections."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from passerelle.briefs.sections import Figure, Section
from passerelle.briefs.sourcing import Writer, footnote
from passerelle.core.classification import highest
from passerelle.core.models import Citation, Fact, Source, User
from passerelle.core.templatetags.passerelle import fact_value, longdate


def visible_citations(user: User) -> QuerySet[Citation]:
    """Citations of sources the user may see, with their source (for Prefetch)."""
    return (
        Citation.objects.restrict(user, "view")
        .filter(source__in=Source.objects.restrict(user, "view"))
        .select_related("source")
    )


def with_citations(queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
    """`queryset` with its visible citations prefetched."""
    return queryset.prefetch_related(Prefetch("citations", queryset=visible_citations(user)))


def facts(user: User, *sections: str) -> list[Fact]:
    """The visible facts of the given sections, in the binder's order, with their citations."""
    visible = Fact.objects.restrict(user, "view").filter(section__in=sections)
    queryset = with_citations(visible, user).prefetch_related("countries")
    return list(queryset.order_by("section", "order", "key"))


def by_key(found: Iterable[Fact]) -> dict[str, Fact]:
    return {fact.key: fact for fact in found}


def display_value(fact: Fact, language: str) -> str:
    """The figure as the binder writes it (1,000+ / plus de 1 000), else formatted."""
    shown = (fact.attributes or {}).get(f"display_{language}")
    return str(shown) if shown else fact_value(fact)


def as_of(fact: Fact) -> str:
    """The date a figure is as of, in words ("" when it has none)."""
    return longdate(fact.as_of) if fact.as_of else ""


def figure(fact: Fact, writer: Writer) -> Figure:
    """A fact's figure, footnoted with its sources and its as-of date."""
    return Figure(
        label=writer.text(fact, "title", label=f"Fact {fact.key}"),
        value=display_value(fact, writer.language),
        footnote=footnote(fact.citations.all(), writer, as_of=as_of(fact)),
        illustrative=fact.illustrative,
    )


def bullet(fact: Fact, writer: Writer, *, titled: bool = False) -> str:
    """A fact as a bullet: its text, after its title when `titled`."""
    text = writer.text(fact, "text", label=f"Fact {fact.key}") or writer.text(
        fact, "title", label=f"Fact {fact.key}"
    )
    if titled:
        return f"{writer.text(fact, 'title', label=f'Fact {fact.key}')}: {text}"
    return text


def mark(section: Section, records: Iterable[Any]) -> Section:
    """Set the section's classification and illustrative flag from the records it shows."""
    shown = list(records)
    section.classification = highest(
        [section.classification, *(getattr(r, "classification", 0) for r in shown)]
    )
    section.illustrative = section.illustrative or any(
        getattr(r, "illustrative", False) for r in shown
    )
    return section


def fact_section(
    key: str,
    title: str,
    found: list[Fact],
    writer: Writer,
    *,
    titled: bool = False,
    level: int = 2,
    intro: list[str] | None = None,
) -> Section | None:
    """A section of facts: each a bullet, each figure also in the key figures with its note."""
    if not found:
        return None
    section = Section(
        key=key,
        title=title,
        paragraphs=list(intro or []),
        items=[bullet(fact, writer, titled=titled) for fact in found],
        figures=[figure(fact, writer) for fact in found if fact.value is not None],
        level=level,
    )
    section.missing_french = writer.missing
    return mark(section, found)


def period_text(record: Any) -> str:
    """A membership's or role's period, or a dash when the binder gives none."""
    if not (record.start or record.end):
        return "—"
    return str(record.period).strip(" –") or "—"

"""The kinds of part a binder takes. Each app that builds a document registers its kind from its
`AppConfig.ready()`:

    register_part_kind(PartKind("qp-note", _("Question Period note"), build_qp, subjects_qp))

`build(part, *, user, language)` returns the part as a `Brief`, read as `user`;
`subjects(user)` the subjects the user may choose, as (code, name) pairs, or None for a part
written in the binder itself (a scenario note). `released` names the kind of brief whose released
editions (briefs' `BriefEdition`) the part may be frozen at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from passerelle.briefs.document import Brief
from passerelle.briefs.sections import Section
from passerelle.briefs.sourcing import Writer
from passerelle.core.classification import Classification
from passerelle.core.reader import marking_scope, reading_as_user


@dataclass(frozen=True)
class PartKind:
    """A kind of part: its key (stored in `BinderPart.kind`), its name, how to build it."""

    key: str
    label: str | Promise
    build: Callable[..., Brief]
    subjects: Callable[[Any], list[tuple[str, str]]] | None = None
    released: bool = False
    order: int = 50
    written: bool = False  # written in the binder itself: a title and a text, no subject


_kinds: dict[str, PartKind] = {}


def register_part_kind(kind: PartKind) -> None:
    _kinds[kind.key] = kind


def part_kinds() -> list[PartKind]:
    """Every registered kind, in their order."""
    return sorted(_kinds.values(), key=lambda k: (k.order, k.key))


def part_kind(key: str) -> PartKind:
    try:
        return _kinds[key]
    except KeyError:
        raise ValueError(f"unknown kind of binder part {key!r}") from None


def build_note(part: Any, *, user: Any, language: str, day: date | None = None) -> Brief:
    """A note the author writes in the binder itself (a scenario note): its title and its text,
    paragraphs separated by blank lines, in the binder's language."""
    with reading_as_user(user), marking_scope() as read, override(language):
        writer = Writer(language)
        title = writer.text(part, "title", label=_("Tab")) or str(_("Note"))
        text = writer.text(part, "text", label=title)
        section = Section(
            key=f"note-{part.pk}",
            title=title,
            paragraphs=[p.strip() for p in text.split("\n\n") if p.strip()],
            classification=Classification(part.classification),
            illustrative=part.illustrative,
            missing_french=writer.missing,
        )
        return Brief(
            kind="note",
            subject="",
            language=language,
            title=title,
            subtitle=_("International Affairs"),
            day=day or date.today(),
            sections=[section],
            cleared_to=Classification(user.clearance),
            read=read,
        )


def register_builtin() -> None:
    """The briefs app's own kinds: the three briefs, a biography note, a note."""
    from passerelle.briefs import biography, services
    from passerelle.geo.models import Country
    from passerelle.partners.models import Forum, Person

    def brief_of(kind: str) -> Callable[..., Brief]:
        def build(part: Any, *, user: Any, language: str) -> Brief:
            return services.build_brief(
                kind=kind, subject=part.subject, user=user, language=language
            )

        return build

    def countries(user: Any) -> list[tuple[str, str]]:
        found = Country.objects.restrict(user, "view")
        return sorted(((c.iso_alpha3, c.name) for c in found), key=lambda p: p[1])

    def forums(user: Any) -> list[tuple[str, str]]:
        return [(f.slug, f.name) for f in Forum.objects.restrict(user, "view")]

    def people(user: Any) -> list[tuple[str, str]]:
        return [(p.slug, p.name) for p in Person.objects.restrict(user, "view")]

    def biography_part(part: Any, *, user: Any, language: str) -> Brief:
        return biography.build_biography(part.subject, user=user, language=language)

    fundamental = services.BriefKind.FUNDAMENTAL
    for kind in (
        PartKind("note", gettext_lazy("Note written here (scenario note)"), build_note, order=0,
                 written=True),
        PartKind(fundamental, fundamental.label, brief_of(fundamental), released=True, order=10),
        PartKind("country", gettext_lazy("Country brief"), brief_of("country"), countries,
                 released=True, order=20),
        PartKind("forum", gettext_lazy("Forum brief"), brief_of("forum"), forums,
                 released=True, order=30),
        PartKind("biography", gettext_lazy("Biography note"), biography_part, people, order=60),
    ):  # fmt: skip
        register_part_kind(kind)

"""The binder as its reader may see it: each part built from live data (or read back from its
released edition), in the binder's language, read as the reader, so a part about a subject above
their clearance is not in it (core decides: `BinderPart` names its subject in `clearance_codes`),
and the binder is marked with the highest classification of what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.binders.frozen import frozen_brief
from passerelle.briefs.binders.parts import part_kind
from passerelle.briefs.document import Brief
from passerelle.briefs.models import Binder, BinderPart, BriefEdition
from passerelle.core.classification import Classification, highest
from passerelle.core.models import User
from passerelle.core.reader import Marking, marking_scope, reading_as_user
from passerelle.core.text import in_language


@dataclass
class AssembledPart:
    """One tab: its number, its title, the brief it prints, and the edition it was frozen at
    (None: generated from live data)."""

    number: int
    part: BinderPart
    brief: Brief
    edition: BriefEdition | None = None

    @property
    def title(self) -> str:
        custom = in_language(self.part.title_en, self.part.title_fr, self.brief.language)
        return custom if self.part.title_en else self.brief.title

    def provenance(self) -> str:
        """How the part was made, in words, for its tab."""
        with override(self.brief.language):
            if part_kind(self.part.kind).written:
                return _("Written for this binder")
            if self.edition is not None:
                return _("Approved edition %(number)s of %(date)s") % {
                    "number": self.edition.number,
                    "date": self.edition.released_at.date().isoformat(),
                }
            return _("Generated from live data on %(date)s") % {"date": self.brief.day.isoformat()}


@dataclass
class AssembledBinder:
    """The binder ready to render: its cover's words and its parts, in one language."""

    binder: Binder
    language: str
    title: str
    occasion: str
    day: date
    parts: list[AssembledPart] = field(default_factory=list)
    read: Marking = field(default_factory=Marking)
    # The binder's request's purpose, key messages and prepared by / approved by, after the
    # cover (None: no request, or one the reader may not see).
    front: Brief | None = None

    def briefs(self) -> list[Brief]:
        return [*([self.front] if self.front else []), *(p.brief for p in self.parts)]

    @property
    def classification(self) -> Classification:
        return highest([self.read.level, *(brief.classification for brief in self.briefs())])

    @property
    def illustrative(self) -> bool:
        return self.read.illustrative or any(brief.illustrative for brief in self.briefs())

    def marking(self) -> str:
        with override(self.language):
            return str(self.classification.label).upper()

    def labels(self) -> dict[str, str]:
        """The binder's own words, with the briefs' (document.py)."""
        first = (
            self.parts[0].brief if self.parts else Brief("", "", self.language, "", "", self.day)
        )
        with override(self.language):
            return {
                **first.labels(),
                "tab": _("Tab"),
                "binder": _("Binder"),
                "empty": _("This binder has no part you may see yet."),
            }


def _edition(part: BinderPart, language: str) -> BriefEdition | None:
    if not part.frozen:
        return None
    return part.edition_fr if language == "fr" else part.edition_en


def _part_brief(
    part: BinderPart, *, user: User, language: str
) -> tuple[Brief, BriefEdition | None]:
    edition = _edition(part, language)
    if edition is not None:
        return frozen_brief(edition), edition
    return part_kind(part.kind).build(part, user=user, language=language), None


def _front(binder: Binder, *, user: User, language: str, day: date) -> Brief | None:
    """The purpose, key messages and sign-off of the binder's request, as its briefs open."""
    from passerelle.briefs.briefing.front import front_sections
    from passerelle.briefs.briefing.models import RequestKind

    request = binder.request  # withheld (None) where the reader may not see it
    if request is None:
        return None
    sections = front_sections(
        kind=RequestKind.BINDER, subject="", user=user, language=language, day=day, tasking=request
    )
    return Brief(
        kind="binder",
        subject="",
        language=language,
        title=_("Purpose and approval"),
        subtitle="",
        day=day,
        sections=sections,
        cleared_to=Classification(user.clearance),
    )


def assemble(binder: Binder, *, user: User, language: str) -> AssembledBinder:
    """`binder` as `user` may see it, in `language` (en or fr)."""
    if language not in ("en", "fr"):
        raise ValueError(f"unknown language {language!r} (en, fr)")
    with reading_as_user(user), marking_scope() as read, override(language):
        binder = Binder.objects.get(pk=binder.pk)  # counts the binder itself in the marking
        assembled = AssembledBinder(
            binder=binder,
            language=language,
            title=in_language(binder.title_en, binder.title_fr, language),
            occasion=in_language(binder.occasion_en, binder.occasion_fr, language)
            if binder.occasion_en
            else "",
            day=binder.day or date.today(),
            read=read,
        )
        assembled.front = _front(binder, user=user, language=language, day=assembled.day)
        for part in binder.parts.select_related("edition_en", "edition_fr"):
            try:
                brief, edition = _part_brief(part, user=user, language=language)
            except (Http404, ValueError):
                continue  # its subject is gone, or its kind no longer built: nothing to print
            number = len(assembled.parts) + 1
            assembled.parts.append(AssembledPart(number, part, brief, edition))
    return assembled

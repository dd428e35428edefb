"""Build a brief for a reader, and render it: the one entry point of the command, the pages and
the API.

`build_brief(kind=..., subject=..., user=..., language=...)` reads everything through
`restrict(user, "view")`, so what the reader may not see is not in the brief, and the brief is
marked with the highest classification of what it contains.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.briefing.front import front_sections
from passerelle.briefs.briefing.models import BriefRequest
from passerelle.briefs.document import Brief
from passerelle.briefs.forum import forum_sections
from passerelle.briefs.models import BriefKind
from passerelle.briefs.notes import analyst_sections
from passerelle.briefs.sections import build_sections, country_sections, fundamental_sections
from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.reader import marking_scope, reading_as_user
from passerelle.geo.models import Country
from passerelle.partners.models import Forum

FORMATS = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LANGUAGES = ("en", "fr")


class BriefNotFound(Http404):
    """No such subject, or not one the reader may see."""


def country_for(subject: str, user: User) -> Country:
    country = Country.objects.restrict(user, "view").filter(iso_alpha3=subject.upper()).first()
    if country is None:
        raise BriefNotFound(f"no country {subject!r} that you may see")
    return country


def forum_for(subject: str, user: User) -> Forum:
    forum = Forum.objects.restrict(user, "view").filter(slug=subject).first()
    if forum is None:
        raise BriefNotFound(f"no forum {subject!r} that you may see")
    return forum


def subject_of(kind: str, subject: str, user: User) -> str:
    """The brief's subject as stored: a country's alpha-3 code, a forum's slug, "" for the
    Fundamental Brief. BriefNotFound (404) when the reader may not see it."""
    if kind == BriefKind.FUNDAMENTAL:
        return ""
    if kind == BriefKind.COUNTRY:
        return country_for(subject, user).iso_alpha3
    if kind == BriefKind.FORUM:
        return forum_for(subject, user).slug
    raise ValueError(f"unknown kind of brief {kind!r} (fundamental, country, forum)")


def build_brief(
    *,
    kind: str,
    subject: str = "",
    user: User,
    language: str,
    day: date | None = None,
    tasking: BriefRequest | None = None,
) -> Brief:
    """The brief of `kind` about `subject` as `user` may see it, in `language`: everything is
    read as `user` (core/reader.py), whoever else is reading. It opens with the purpose, key
    messages and sign-off of `tasking`, the request it answers (by default the latest one the
    reader may see for the same brief)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (en, fr)")
    with reading_as_user(user), marking_scope() as read, override(language):
        brief = Brief(
            kind=kind,
            subject=subject,
            language=language,
            title="",
            subtitle=_("International Affairs"),
            day=day or date.today(),
            cleared_to=Classification(user.clearance),
            read=read,
        )
        if kind == BriefKind.FUNDAMENTAL:
            brief.title = _("Fundamental Brief — International Affairs")
            brief.subject = ""
            brief.sections = build_sections(fundamental_sections(), user=user, language=language)
        elif kind == BriefKind.COUNTRY:
            country = country_for(subject, user)
            brief.subject = country.iso_alpha3
            brief.title = _("Country brief: %s") % (
                country.name_fr if language == "fr" else country.name_en
            )
            brief.sections = build_sections(
                country_sections(), country, user=user, language=language
            )
        elif kind == BriefKind.FORUM:
            forum = forum_for(subject, user)
            brief.subject = forum.slug
            brief.title = _("Forum brief: %s") % (
                forum.name_fr if language == "fr" else forum.name_en
            )
            brief.sections = forum_sections(forum, user=user, language=language)
        else:
            raise ValueError(f"unknown kind of brief {kind!r} (fundamental, country, forum)")
        if kind != BriefKind.COUNTRY:
            brief.sections += analyst_sections(
                brief_kind=kind, subject=brief.subject, user=user, language=language
            )
        brief.sections[:0] = front_sections(
            kind=kind,
            subject=brief.subject,
            user=user,
            language=language,
            day=brief.day,
            tasking=tasking,
        )
    return brief


def render(brief: Brief, fmt: str) -> bytes:
    """The brief in one of FORMATS."""
    with override(brief.language):
        if fmt == "md":
            from passerelle.briefs.render.markdown import render_markdown

            return render_markdown(brief).encode()
        if fmt == "html":
            from passerelle.briefs.render.html import render_html

            return render_html(brief, standalone=True).encode()
        if fmt == "pdf":
            from passerelle.briefs.render.pdf import render_pdf

            return render_pdf(brief)
        if fmt == "docx":
            from passerelle.briefs.render.docx import render_docx

            return render_docx(brief)
    raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")


def filename(brief: Brief, fmt: str) -> str:
    """A file name for the download: brief-country-MEX-fr-2026-11-24.pdf."""
    parts = ["brief", brief.kind, brief.subject, brief.language, brief.day.isoformat()]
    return "-".join(p for p in parts if p) + f".{fmt}"


def as_file(brief: Brief, fmt: str) -> HttpResponse:
    """The brief as a file to download, in `fmt` (one of FORMATS), under its `filename`: what
    every page that shows a brief answers to `?format=`."""
    response = HttpResponse(render(brief, fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(brief, fmt)}"'
    return response

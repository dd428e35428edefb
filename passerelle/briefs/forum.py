"""The forum brief: members, Canada's roles over time, recent sessions, commitments."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from passerelle.briefs import sections
from passerelle.briefs.facts import mark, period_text
from passerelle.briefs.sections import Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User
from passerelle.core.templatetags.passerelle import longdate
from passerelle.engagements import services as engagement_services
from passerelle.partners import services as partner_services
from passerelle.partners.models import Forum

RECENT_SESSIONS = 10


def _table_section(
    found: list[Any],
    writer: Writer,
    *,
    key: str,
    title: str,
    caption: str,
    columns: list[str],
    rows: list[list[str]],
) -> Section:
    """A section of one table of the records `found`, marked by them: the highest of their
    classifications, and illustrative where any of them was made up."""
    table = Table(
        caption=caption,
        columns=columns,
        rows=rows,
        illustrative=any(getattr(r, "illustrative", False) for r in found),
    )
    section = Section(key=key, title=title, tables=[table], missing_french=writer.missing)
    return mark(section, found)


def about(forum: Forum, *, user: User, language: str) -> Section | None:
    writer = Writer(language)
    paragraphs = [p for p in [writer.text(forum, "description")] if p]
    if forum.directed_by_id:
        parent = Forum.objects.restrict(user, "view").filter(pk=forum.directed_by_id).first()
        if parent is not None:
            paragraphs.append(_("Receives direction from %s.") % writer.name(parent))
    section = Section(
        key="about",
        title=_("About the forum"),
        paragraphs=paragraphs,
        missing_french=writer.missing,
    )
    return mark(section, [forum]) if paragraphs else None


def members(forum: Forum, *, user: User, language: str) -> Section | None:
    found = list(partner_services.members(forum=forum, user=user))
    if not found:
        return None
    writer = Writer(language)
    rows = [[writer.name(m.party), period_text(m)] for m in found]
    return _table_section(
        found,
        writer,
        key="members",
        title=_("Members"),
        caption=_("Members and their periods of membership"),
        columns=[_("Member"), _("Period")],
        rows=rows,
    )


def roles(forum: Forum, *, user: User, language: str) -> Section | None:
    found = list(partner_services.roles_over_time(forum=forum, user=user))
    if not found:
        return None
    writer = Writer(language)
    rows = [[writer.name(r.party), str(r.get_role_display()), period_text(r)] for r in found]
    return _table_section(
        found,
        writer,
        key="roles",
        title=_("Roles over time"),
        caption=_("Roles in this forum over time"),
        columns=[_("Holder"), _("Role"), _("Period")],
        rows=rows,
    )


def sessions(forum: Forum, *, user: User, language: str) -> Section | None:
    found = list(
        engagement_services.engagements(user)
        .filter(forum=forum)
        .order_by("-start_date")[:RECENT_SESSIONS]
    )
    if not found:
        return None
    writer = Writer(language)
    rows = [
        [
            longdate(e.start_date),
            writer.text(e, "title", label=f"Engagement {e.pk}"),
            writer.text(e, "place", label=f"Engagement {e.pk}") or "—",
        ]
        for e in found
    ]
    return _table_section(
        found,
        writer,
        key="sessions",
        title=_("Recent sessions"),
        caption=_("Recent sessions and engagements"),
        columns=[_("Date"), _("Engagement"), _("Place")],
        rows=rows,
    )


def commitments(forum: Forum, *, user: User, language: str) -> Section | None:
    found = list(engagement_services.commitments(user).filter(forum=forum)[:20])
    if not found:
        return None
    writer = Writer(language)
    rows = [
        [
            str(c.get_direction_display()),
            writer.text(c, "description", label=f"Commitment {c.pk}"),
            longdate(c.due) or "—",
            str(c.get_status_display()),
        ]
        for c in found
    ]
    return _table_section(
        found,
        writer,
        key="commitments",
        title=_("Commitments"),
        caption=_("Asks and offers in this forum"),
        columns=[_("Ask or offer"), _("Description"), _("Due"), _("Status")],
        rows=rows,
    )


BUILDERS = (about, members, roles, sessions, commitments)


def forum_sections(forum: Forum, *, user: User, language: str) -> list[Section]:
    """The forum brief's sections that have something to show."""
    built = (builder(forum, user=user, language=language) for builder in BUILDERS)
    own = [section for section in built if section is not None]
    registered = sections.forum_sections()
    return own + sections.build_sections(registered, forum, user=user, language=language)

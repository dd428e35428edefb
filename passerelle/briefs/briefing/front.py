"""The head of every brief: its purpose, key messages (the author's talking points), tracking
number and the prepared by / approved by block, from the request it answers (the one given, or
the latest the reader may see for the brief's kind and subject). Sections like any other, so
HTML, PDF, DOCX and Markdown say the same; the marking counts the request's classification."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from passerelle.briefs.briefing.models import Approval, BriefRequest, RequestKind
from passerelle.briefs.facts import mark
from passerelle.briefs.sections import Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import User
from passerelle.core.templatetags.passerelle import longdate


def requests_for(*, kind: str, subject: str) -> QuerySet[BriefRequest]:
    """The requests for the brief of `kind` about `subject` that the reader may see, latest
    first."""
    found = BriefRequest.objects.filter(kind=kind).select_related("drafter", "country", "forum")
    if kind == RequestKind.COUNTRY:
        found = found.filter(country__iso_alpha3=subject)
    elif kind == RequestKind.FORUM:
        found = found.filter(forum__slug=subject)
    return found.order_by("-requested_on", "-pk")


def request_for(*, kind: str, subject: str, user: User) -> BriefRequest | None:
    """The latest request for the brief of `kind` about `subject` that the reader may see."""
    return requests_for(kind=kind, subject=subject).first()


def _person(user: User | None) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def front_sections(
    *, kind: str, subject: str, user: User, language: str, day: date, tasking: BriefRequest | None
) -> list[Section]:
    """Purpose, key messages, and who prepared and approved the brief (prepared by the reader,
    not yet approved, when no request asks for it)."""
    request = tasking or request_for(kind=kind, subject=subject, user=user)
    writer = Writer(language)
    sections = []
    if request is not None:
        label = request.tracking_number
        purpose = Section(key="purpose", title=_("Purpose"))
        purpose.paragraphs.append(
            _("Tracking number %(number)s, for the %(principal)s, due %(due)s.")
            % {
                "number": request.tracking_number,
                "principal": request.get_principal_display(),
                "due": longdate(request.due),
            }
        )
        if request.purpose_en:
            purpose.paragraphs.append(writer.text(request, "purpose", label=label))
        sections.append(purpose)
        messages = _key_messages(request, language, writer)
        if messages:
            sections.append(Section(key="key-messages", title=_("Key messages"), items=messages))
    sections.append(_sign_off(request, user=user, day=day))
    for section in sections:
        mark(section, [request] if request is not None else [])
    if sections:
        sections[0].missing_french = writer.missing
    return sections


def _key_messages(request: BriefRequest, language: str, writer: Writer) -> list[str]:
    english = [line.strip() for line in request.key_messages_en.splitlines() if line.strip()]
    french = [line.strip() for line in request.key_messages_fr.splitlines() if line.strip()]
    if language != "fr":
        return english
    if english and not french:
        writer.missing.append(f"{request.tracking_number}: key_messages_fr")
        return [f"[EN] {line}" for line in english]
    return french


def _sign_off(request: BriefRequest | None, *, user: User, day: date) -> Section:
    columns = [_("Role"), _("Name"), _("Date")]
    if request is None:
        rows = [[_("Prepared by"), _person(user), longdate(day)]]
    else:
        prepared = request.drafting_on or request.requested_on
        rows = [[_("Prepared by"), _person(request.drafter), longdate(prepared)]]
        given = request.approvals.filter(
            superseded=False, decision=Approval.Decision.APPROVED
        ).select_related("approver")
        rows += [
            [
                _("Approved by (%(step)s)") % {"step": approval.step_name},
                _person(approval.approver),
                longdate(approval.decided_at.date()),
            ]
            for approval in given.order_by("step")
        ]
    if len(rows) == 1:
        rows.append([_("Approved by"), _("Not yet approved"), "—"])
    table = Table(caption=_("Prepared by and approved by"), columns=columns, rows=rows)
    return Section(key="sign-off", title=_("Prepared by / approved by"), tables=[table])

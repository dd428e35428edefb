"""A binder a request asks for (a Deputy Minister's trip: request kind "binder"): started from
the request and its event with the parts such an occasion takes, then approved as a whole by the
request's chain. The last approval keeps each part built from live data as approved editions in
English and French and freezes the part at them, so what was sent is what was approved; a change
to the binder after an approval sends the request back (briefs/models.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.binders.parts import part_kind
from passerelle.briefs.binders.services import next_order
from passerelle.briefs.briefing.models import BriefRequest, RequestKind
from passerelle.briefs.models import Binder, BinderPart, BriefEdition, BriefKind
from passerelle.core.models import User
from passerelle.partners.models import Person


def start_binder(request: BriefRequest, *, user: User) -> Binder:
    """The binder for `request`, made the first time: its cover from the request and its event,
    then a scenario note (the event's notes to start from), a country brief for each country
    the event concerns, the forum's brief, and a biography note of each counterpart from those
    countries, all that `user` may see. The caller owns the transaction."""
    if request.kind != RequestKind.BINDER:
        raise ValueError(f"{request.tracking_number} asks for a {request.kind}, not a binder")
    existing = request.binders.first()
    if existing is not None:
        return existing
    event = request.event
    binder = Binder(
        title_en=request.title_en,
        title_fr=request.title_fr,
        author=user,
        request=request,
        classification=request.classification,
        illustrative=request.illustrative,
    )
    if event is not None:
        binder.occasion_en = ", ".join(filter(None, [event.title_en, event.place_en]))
        binder.occasion_fr = ", ".join(filter(None, [event.title_fr, event.place_fr]))
        binder.day = event.start_date
    binder.save()
    for part in _suggested_parts(request):
        part.binder, part.order = binder, next_order(binder)
        part.illustrative = part.illustrative or request.illustrative
        part.save(send_back=False)
    return binder


def _suggested_parts(request: BriefRequest) -> list[BinderPart]:
    event = request.event
    with override("en"):
        scenario_en = _("Scenario note")
    with override("fr"):
        scenario_fr = _("Scenario note")
    parts = [
        BinderPart(
            kind="note",
            title_en=scenario_en,
            title_fr=scenario_fr,
            text_en=event.notes_en if event else "",
            text_fr=event.notes_fr if event else "",
            classification=request.classification,
        )
    ]
    if event is None:
        return parts
    countries = list(event.countries.order_by("iso_alpha3"))
    parts += [BinderPart(kind="country", subject=c.iso_alpha3) for c in countries]
    if event.forum is not None:
        parts.append(BinderPart(kind="forum", subject=event.forum.slug))
    counterparts = Person.objects.filter(
        side=Person.Side.COUNTERPART, country__in=countries
    ).order_by("name")
    parts += [BinderPart(kind="biography", subject=person.slug) for person in counterparts]
    return parts


def keep_approved(request: BriefRequest, *, user: User) -> list[BriefEdition]:
    """On the last approval of a binder's request: each live part of a brief that keeps
    approved editions, built as the approver reads it, kept in English and French and the part
    frozen at them; parts frozen already keep the editions they were frozen at."""
    kept: list[BriefEdition] = []
    from passerelle.briefs import editions

    for binder in request.binders.all():
        for part in binder.parts.filter(frozen=False, kind__in=BriefKind.values):
            built = {}
            for language in ("en", "fr"):
                with override(language):
                    built[language] = part_kind(part.kind).build(part, user=user, language=language)
            edition_en, edition_fr = (
                editions.release(built[language], user=user, request=request)
                for language in ("en", "fr")
            )
            part.frozen, part.edition_en, part.edition_fr = True, edition_en, edition_fr
            part.save(send_back=False)
            kept += [edition_en, edition_fr]
    return kept

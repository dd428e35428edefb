"""The transition binder: "regenerate the binder" assembles the Fundamental Brief and the
branch's standing briefs — every forum, every priority country — into one binder, which prints
in English and in French like any other.

The priority countries are those the branch's engagements name (the relationship memory: whom
the branch works with), by name; the data has no other notion of priority. Regenerating keeps
what the author chose for a standing part (frozen or live, its title) and the parts they added
themselves (notes, biographies, QP notes), after the standing ones.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.binders import services
from passerelle.briefs.models import Binder, BinderPart, BriefKind
from passerelle.core.models import User
from passerelle.core.text import fold
from passerelle.geo.models import Country
from passerelle.partners.models import Forum

STANDING = (BriefKind.FUNDAMENTAL, BriefKind.FORUM, BriefKind.COUNTRY)


def priority_countries() -> list[Country]:
    """The countries the branch's engagements name, that the reader may see, by name."""
    found = Country.objects.filter(engagements__isnull=False).distinct()
    return sorted(found, key=lambda c: fold(c.name_en))


def standing_parts() -> list[tuple[str, str]]:
    """(kind, subject) of every standing brief, in the binder's order."""
    forums = sorted(Forum.objects.all(), key=lambda f: fold(f.name_en))
    return [
        (BriefKind.FUNDAMENTAL, ""),
        *((BriefKind.FORUM, f.slug) for f in forums),
        *((BriefKind.COUNTRY, c.iso_alpha3) for c in priority_countries()),
    ]


def transition_binder(*, user: User) -> Binder:
    """The transition binder (created the first time)."""
    binder = Binder.objects.filter(kind=Binder.Kind.TRANSITION).order_by("pk").first()
    if binder is None:
        with override("en"):
            title_en = _("Transition binder — International Affairs")
        with override("fr"):
            title_fr = _("Transition binder — International Affairs")
        binder = Binder.objects.create(
            kind=Binder.Kind.TRANSITION, title_en=title_en, title_fr=title_fr, author=user
        )
    return binder


def regenerate(*, user: User) -> Binder:
    """Bring the transition binder's standing parts up to date, as `user` may see them (read
    through the current reader: run it inside the request's or the command's). The caller owns
    the transaction."""
    binder = transition_binder(user=user)
    existing = {(p.kind, p.subject): p for p in binder.parts.all()}
    wanted = standing_parts()
    order = 0
    for kind, subject in wanted:
        order += 1
        part = existing.pop((kind, subject), None) or BinderPart(
            binder=binder, kind=kind, subject=subject
        )
        if part.order != order or part.pk is None:
            part.order = order
            part.save()
    for part in existing.values():
        if part.kind in STANDING:
            part.delete()  # a forum or country no longer standing
        else:
            order += 1
            if part.order != order:
                part.order = order
                part.save()
    services.renumber(binder)
    return binder

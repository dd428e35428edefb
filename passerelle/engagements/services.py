"""What the engagements' pages, panels and exports read: the visible records of each kind, the
index's figures, a country's activity, and what changed in a record since a given version (the
no-lost-update message of the edit forms).

Every read goes through `restrict(user, "view")`. A follow-up, commitment or irritant is shown
only with an engagement the user may see, so a title never leaks from above their clearance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from passerelle.core.models import User
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

UPCOMING_SHOWN = 10
RECENT_SHOWN = 10
PANEL_ENGAGEMENTS = 20
PANEL_UPCOMING = 5  # the country page's next engagements
PANEL_RECENT = 10  # and its latest past ones


def engagements(user: User) -> QuerySet[Engagement]:
    """The engagements the user may see."""
    return Engagement.objects.restrict(user, "view")


def with_visible_links(queryset: QuerySet[Engagement], user: User) -> QuerySet[Engagement]:
    """The engagements with what they link to as the user may see it: countries,
    organizations, topics, objectives and participants prefetched through `restrict()`, and the
    forum None when it is above the user's clearance. A list or export that names an
    engagement's partners reads them from here, so a name never leaks from above it."""
    visible: list[Prefetch[Any]] = [
        Prefetch("countries", queryset=Country.objects.restrict(user, "view")),
        Prefetch("organizations", queryset=Organization.objects.restrict(user, "view")),
        Prefetch("topics", queryset=Topic.objects.restrict(user, "view")),
        Prefetch("objectives", queryset=Objective.objects.restrict(user, "view")),
        Prefetch("participants", queryset=Participant.objects.restrict(user, "view")),
        Prefetch("forum", queryset=Forum.objects.restrict(user, "view")),
    ]
    return queryset.prefetch_related(*visible)


def follow_ups(user: User) -> QuerySet[FollowUp]:
    """The follow-ups the user may see, of engagements the user may see."""
    return (
        FollowUp.objects.restrict(user, "view")
        .filter(engagement__in=engagements(user))
        .select_related("engagement")
    )


def commitments(user: User) -> QuerySet[Commitment]:
    """The asks and offers the user may see; one tied to a hidden engagement is hidden too."""
    return (
        Commitment.objects.restrict(user, "view")
        .filter(Q(engagement__isnull=True) | Q(engagement__in=engagements(user)))
        .select_related("engagement", "country", "organization", "forum")
    )


def irritants(user: User) -> QuerySet[Irritant]:
    """The irritants the user may see."""
    return Irritant.objects.restrict(user, "view").select_related("country", "organization")


@dataclass(frozen=True)
class IndexFigures:
    upcoming: list[Engagement]
    recent: list[Engagement]
    overdue_follow_ups: int
    open_irritants: list[tuple[str, str, int]]  # (status, label, count)


def index_figures(*, user: User, today: date | None = None) -> IndexFigures:
    """The engagements' index: what is coming, what was done lately, what is late, what is open."""
    visible = with_visible_links(engagements(user), user)
    counts = Counter(
        irritants(user).filter(status__in=Irritant.OPEN_STATUSES).values_list("status", flat=True)
    )
    return IndexFigures(
        upcoming=list(visible.upcoming(today=today)[:UPCOMING_SHOWN]),  # type: ignore[attr-defined]
        recent=list(visible.past(today=today)[:RECENT_SHOWN]),  # type: ignore[attr-defined]
        overdue_follow_ups=follow_ups(user).overdue(today=today).count(),  # type: ignore[attr-defined]
        open_irritants=[
            (value, str(label), counts.get(value, 0))
            for value, label in Irritant.Status.choices
            if value in Irritant.OPEN_STATUSES
        ],
    )


@dataclass(frozen=True)
class CountryActivity:
    engagements: list[Engagement]
    engagement_count: int
    irritants: QuerySet[Irritant]
    follow_ups: QuerySet[FollowUp]
    commitments: QuerySet[Commitment]
    upcoming: list[Engagement] = field(default_factory=list)
    recent: list[Engagement] = field(default_factory=list)

    @property
    def overdue(self) -> list[FollowUp]:
        """The open follow-ups past their due date, the most overdue first."""
        return [f for f in self.follow_ups if f.is_overdue()]

    @property
    def pending(self) -> list[FollowUp]:
        """The open follow-ups not yet due (or without a date)."""
        return [f for f in self.follow_ups if not f.is_overdue()]

    def __bool__(self) -> bool:
        return bool(
            self.engagement_count
            or self.irritants.exists()
            or self.follow_ups.exists()
            or self.commitments.exists()
        )

    @property
    def shown(self) -> list[Any]:
        return [
            *self.engagements, *self.upcoming, *self.recent, self.irritants, self.follow_ups,
            self.commitments,
        ]  # fmt: skip


def country_activity(*, user: User, country: Country) -> CountryActivity:
    """A country's engagements (most recent first; and apart, the next upcoming ones and the
    latest past ones), open irritants, open follow-ups and commitments."""
    with_country = engagements(user).filter(countries=country).distinct()
    shown = with_visible_links(with_country, user)
    today = date.today()
    return CountryActivity(
        upcoming=list(shown.upcoming(today=today)[:PANEL_UPCOMING]),  # type: ignore[attr-defined]
        recent=list(shown.past(today=today)[:PANEL_RECENT]),  # type: ignore[attr-defined]
        engagements=list(
            with_visible_links(with_country, user).order_by("-start_date")[:PANEL_ENGAGEMENTS]
        ),
        engagement_count=with_country.count(),
        irritants=irritants(user).filter(country=country, status__in=Irritant.OPEN_STATUSES),
        follow_ups=follow_ups(user)
        .filter(engagement__countries=country, status__in=FollowUp.OPEN_STATUSES)
        .distinct()
        .order_by("due", "pk"),
        commitments=commitments(user).filter(country=country),
    )

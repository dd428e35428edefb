"""Questions about partners that span several models: who held which role in a forum on a day,
roles over time, which forums two countries share, Canada's roles, and what the branch knows of
one partner; and the layout of a roles-over-time timeline (`roles_timeline`). Pages, briefs and
the API ask them here so the answer is the same everywhere.

Every function reads through `restrict(user, "view")`: what a user may not see is not counted,
listed or hinted at. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from passerelle.core.models import User
from passerelle.geo.models import Country
from passerelle.partners.models import (
    CANADA,
    Forum,
    ForumRole,
    Membership,
    Organization,
    Relationship,
)

Partner = Country | Organization | Forum


def with_visible_parties(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Records whose country and organization (when set) the user may see, too."""
    return queryset.filter(
        Q(country__isnull=True) | Q(country__in=Country.objects.restrict(user, "view")),
        Q(organization__isnull=True)
        | Q(organization__in=Organization.objects.restrict(user, "view")),
    ).select_related("country", "organization")


def _in_seen_forums(model: Any, user: User) -> QuerySet[Any]:
    """Visible roles or memberships (`model`) whose forum, country and organization are visible
    too: a party or forum the user may not see is not hinted at by its roles or memberships."""
    in_seen_forums = model.objects.restrict(user, "view").filter(
        forum__in=Forum.objects.restrict(user, "view")
    )
    return with_visible_parties(in_seen_forums, user).select_related("forum")


def _roles(user: User) -> QuerySet[ForumRole]:
    return _in_seen_forums(ForumRole, user)


def _memberships(user: User) -> QuerySet[Membership]:
    return _in_seen_forums(Membership, user)


def roles_on(*, forum: Forum, day: date, user: User) -> QuerySet[ForumRole]:
    """Who held which role in `forum` on `day` (both ends of a period included)."""
    return _roles(user).filter(forum=forum).on(day).order_by("role", "start")  # type: ignore[attr-defined]


def roles_over_time(*, forum: Forum, user: User) -> QuerySet[ForumRole]:
    """Every role held in `forum`, earliest first (roles without a start first)."""
    return _roles(user).filter(forum=forum).order_by("start", "role", "pk")


def members(*, forum: Forum, user: User, on: date | None = None) -> QuerySet[Membership]:
    """The memberships of `forum`, past and present, or only those current on `on`."""
    memberships = _memberships(user).filter(forum=forum)
    if on is not None:
        memberships = memberships.on(on)  # type: ignore[attr-defined]
    return memberships.order_by("country__name_en", "organization__name_en", "start")


def forums_of(*, country: Country, user: User, on: date | None = None) -> QuerySet[Forum]:
    """The forums `country` is a member of: ever, or on `on`."""
    memberships = _memberships(user).filter(country=country)
    if on is not None:
        memberships = memberships.on(on)  # type: ignore[attr-defined]
    return Forum.objects.restrict(user, "view").filter(pk__in=memberships.values("forum_id"))


def forums_shared(
    *, country: Country, user: User, other: str = CANADA, on: date | None = None
) -> QuerySet[Forum]:
    """The forums `country` and the country with ISO alpha-3 code `other` (Canada by default) are
    both members of on `on`, or today when no date is given."""
    day = on or date.today()
    other_country = Country.objects.restrict(user, "view").filter(iso_alpha3=other.upper()).first()
    if other_country is None:
        return Forum.objects.none()
    return forums_of(country=country, user=user, on=day).filter(
        pk__in=forums_of(country=other_country, user=user, on=day).values("pk")
    )


def forums_engaged(*, country: Country, user: User) -> QuerySet[Forum]:
    """The forums through which the branch engaged `country`: the forum of any engagement the
    user may see that has `country` among its counterparts (the MIRPS Support Platform for
    Mexico, which is not one of its members)."""
    from passerelle.engagements.models import Engagement

    engagements = Engagement.objects.restrict(user, "view").filter(
        countries=country, forum__isnull=False
    )
    return Forum.objects.restrict(user, "view").filter(pk__in=engagements.values("forum_id"))


def canada_roles(*, user: User, country: Country | None = None) -> QuerySet[ForumRole]:
    """Canada's roles in forums over time, earliest first; with `country`, only in the forums
    that country has ever been a member of or was engaged through."""
    roles = _roles(user).filter(country__iso_alpha3=CANADA)
    if country is not None:
        roles = roles.filter(
            Q(forum__in=forums_of(country=country, user=user))
            | Q(forum__in=forums_engaged(country=country, user=user))
        )
    return roles.order_by("start", "forum__name_en", "pk")


def relationships_of(*, partner: Country | Organization, user: User) -> QuerySet[Relationship]:
    """The relationships where `partner` is the party or the counterpart."""
    if isinstance(partner, Country):
        mine = Q(country=partner) | Q(counterpart_country=partner)
    else:
        mine = Q(organization=partner) | Q(counterpart_organization=partner)
    visible_countries = Country.objects.restrict(user, "view")
    visible_organizations = Organization.objects.restrict(user, "view")
    return (
        Relationship.objects.restrict(user, "view")
        .filter(mine)
        .filter(
            Q(country__isnull=True) | Q(country__in=visible_countries),
            Q(organization__isnull=True) | Q(organization__in=visible_organizations),
            Q(counterpart_country__isnull=True) | Q(counterpart_country__in=visible_countries),
            Q(counterpart_organization__isnull=True)
            | Q(counterpart_organization__in=visible_organizations),
        )
        .select_related(
            "country", "organization", "counterpart_country", "counterpart_organization"
        )
        .order_by("kind", "start", "pk")
    )


@dataclass
class RelationshipSummary:
    """What the branch knows of one partner's place among the others: its forum memberships,
    the roles it held, the forums it shares with Canada now, and its relationships."""

    partner: Country | Organization
    memberships: list[Membership] = field(default_factory=list)
    roles: list[ForumRole] = field(default_factory=list)
    shared_with_canada: list[Forum] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    @property
    def shown(self) -> list[Any]:
        """Everything the summary shows, for the page's marking."""
        return [*self.memberships, *self.roles, *self.shared_with_canada, *self.relationships]

    @property
    def is_empty(self) -> bool:
        return not self.shown


def relationship_summary(
    *, partner: Country | Organization, user: User, on: date | None = None
) -> RelationshipSummary:
    """The memberships, roles, forums shared with Canada (on `on`, default today; for a country)
    and relationships of a country or an organization, as `user` may see them."""
    party = Q(country=partner) if isinstance(partner, Country) else Q(organization=partner)
    shared: list[Forum] = []
    if isinstance(partner, Country) and partner.iso_alpha3 != CANADA:
        shared = list(forums_shared(country=partner, user=user, on=on).order_by("name_en"))
    return RelationshipSummary(
        partner=partner,
        memberships=list(_memberships(user).filter(party).order_by("forum__name_en", "start")),
        roles=list(_roles(user).filter(party).order_by("start", "forum__name_en", "pk")),
        shared_with_canada=shared,
        relationships=list(relationships_of(partner=partner, user=user)),
    )


@dataclass(frozen=True)
class TimelineBar:
    """One role drawn on the timeline: its row, where its bar starts and how wide it is."""

    role: ForumRole
    y: float
    x: float
    width: float
    years: str
    label: str


@dataclass(frozen=True)
class Timeline:
    """The geometry of a roles-over-time chart, drawn by partners/_timeline.svg.html. The
    chart is a picture of the table next to it, which is its accessible equivalent."""

    bars: list[TimelineBar]
    years: list[tuple[int, float]]
    width: int
    height: int
    label_width: int
    row_height: int
    axis_y: float


def _years(role: ForumRole) -> str:
    """The period in years, short enough to sit in a bar: 2021-2022, 2019-, 2023."""
    first = str(role.start.year) if role.start else "…"
    if role.end is None:
        return f"{first}-"
    last = str(role.end.year)
    return first if first == last else f"{first}-{last}"


LABEL_CHARACTERS = 48


def _label(role: ForumRole, *, with_forum: bool) -> str:
    """The row's label in the active language, short enough for the label column: the forum's
    name is shortened first, so the holder and the role always show."""
    label = f"{role.party.name} · {role.get_role_display()}"
    if not with_forum:
        return label
    forum = role.forum.acronym or role.forum.name
    room = max(LABEL_CHARACTERS - len(label) - 3, 8)
    if len(forum) > room:
        forum = forum[: room - 1] + "…"
    return f"{forum} · {label}"


def roles_timeline(
    roles: list[ForumRole], *, today: date | None = None, with_forum: bool = False
) -> Timeline | None:
    """Lay out one bar per role on a time axis of whole years, or None with no dated role;
    `with_forum` names the forum in each row's label (for roles in several forums)."""
    today = today or date.today()
    dated = [r for r in roles if r.start or r.end]
    if not dated:
        return None
    first = min((r.start or r.end or today) for r in dated).year
    last = max((r.end or today) for r in dated).year + 1
    label_width, plot_width, row_height, top = 360, 500, 28, 8
    span = (date(last, 1, 1) - date(first, 1, 1)).days or 1

    def x_of(day: date) -> float:
        return label_width + plot_width * (day - date(first, 1, 1)).days / span

    bars = []
    for row, role in enumerate(dated):
        start = role.start or date(first, 1, 1)
        end = role.end or today
        x = x_of(start)
        bars.append(
            TimelineBar(
                role=role,
                y=top + row * row_height,
                x=round(x, 1),
                width=round(max(x_of(end) - x, 3.0), 1),
                years=_years(role),
                label=_label(role, with_forum=with_forum),
            )
        )
    axis_y = top + len(dated) * row_height + 4
    step = 1 if last - first <= 12 else 5
    years = [(year, round(x_of(date(year, 1, 1)), 1)) for year in range(first, last + 1, step)]
    return Timeline(
        bars=bars,
        years=years,
        width=label_width + plot_width + 20,
        height=int(axis_y + 24),
        label_width=label_width,
        row_height=row_height,
        axis_y=axis_y,
    )

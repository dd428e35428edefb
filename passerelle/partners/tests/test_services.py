"""The as-of questions of partners/services.py, on the binder's MIRPS example: Canada chaired the
MIRPS Support Platform in 2021-2022 and was its past chair in 2022-2023."""

from __future__ import annotations

from datetime import date

import pytest

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country
from passerelle.partners import services
from passerelle.partners.models import Forum, ForumRole
from passerelle.partners.tests.factories import (
    make_forum,
    make_forum_role,
    make_membership,
    make_organization,
    make_relationship,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def mirps(canada: Country) -> Forum:
    forum = make_forum(slug="mirps-support-platform", name_en="MIRPS Support Platform")
    make_forum_role(
        forum=forum,
        country=canada,
        role=ForumRole.Kind.CHAIR,
        start=date(2021, 7, 1),
        end=date(2022, 6, 30),
    )
    make_forum_role(
        forum=forum,
        country=canada,
        role=ForumRole.Kind.PAST_CHAIR,
        start=date(2022, 7, 1),
        end=date(2023, 6, 30),
    )
    return forum


def _roles(forum: Forum, day: date, user: User) -> list[str]:
    return [role.role for role in services.roles_on(forum=forum, day=day, user=user)]


def test_roles_on_a_day_inside_each_period(mirps: Forum, viewer: User) -> None:
    assert _roles(mirps, date(2021, 12, 1), viewer) == ["chair"]
    assert _roles(mirps, date(2023, 1, 15), viewer) == ["past_chair"]


def test_roles_on_the_boundaries_are_inclusive(mirps: Forum, viewer: User) -> None:
    assert _roles(mirps, date(2022, 6, 30), viewer) == ["chair"]
    assert _roles(mirps, date(2022, 7, 1), viewer) == ["past_chair"]


def test_no_role_before_or_after_the_periods(mirps: Forum, viewer: User) -> None:
    assert _roles(mirps, date(2021, 6, 30), viewer) == []
    assert _roles(mirps, date(2023, 7, 1), viewer) == []
    assert _roles(mirps, date(2030, 1, 1), viewer) == []


def test_an_open_ended_role_is_held_until_it_ends(mirps: Forum, viewer: User) -> None:
    make_forum_role(
        forum=mirps, country=make_country(), role=ForumRole.Kind.MEMBER, start=None, end=None
    )
    assert _roles(mirps, date(2030, 1, 1), viewer) == ["member"]


def test_roles_over_time_are_in_order(mirps: Forum, viewer: User) -> None:
    roles = list(services.roles_over_time(forum=mirps, user=viewer))
    assert [(r.role, r.period) for r in roles] == [
        ("chair", "2021-2022"),
        ("past_chair", "2022-2023"),
    ]


def test_roles_above_clearance_are_not_returned(mirps: Forum, unclassified_viewer: User) -> None:
    make_forum_role(
        forum=mirps,
        country=make_country(),
        role=ForumRole.Kind.VICE_CHAIR,
        start=date(2021, 1, 1),
        end=date(2021, 12, 31),
        classification=Classification.PROTECTED_B,
    )
    assert _roles(mirps, date(2021, 12, 1), unclassified_viewer) == ["chair"]
    assert len(services.roles_over_time(forum=mirps, user=unclassified_viewer)) == 2


def test_a_role_in_a_forum_above_clearance_is_not_returned(
    canada: Country, unclassified_viewer: User
) -> None:
    secret = make_forum(classification=Classification.PROTECTED_B)
    make_forum_role(forum=secret, country=canada)
    assert not services.canada_roles(user=unclassified_viewer).exists()


def test_forums_shared_on_a_date(canada: Country, mexico: Country, viewer: User) -> None:
    rcm = make_forum(slug="rcm", name_en="Regional Conference on Migration")
    old = make_forum(slug="old", name_en="A past forum")
    mexico_only = make_forum(slug="mexico-only")
    for forum in (rcm, old):
        make_membership(forum=forum, country=canada, start=date(2000, 1, 1))
    make_membership(forum=rcm, country=mexico, start=date(1996, 1, 1))
    make_membership(forum=old, country=mexico, start=date(2000, 1, 1), end=date(2010, 12, 31))
    make_membership(forum=mexico_only, country=mexico)

    def shared(on: date | None) -> set[str]:
        return {f.slug for f in services.forums_shared(country=mexico, user=viewer, on=on)}

    assert shared(date(2005, 1, 1)) == {"rcm", "old"}
    assert shared(date(2020, 1, 1)) == {"rcm"}
    assert shared(None) == {"rcm"}, "without a date: today"
    assert shared(date(1998, 1, 1)) == set(), "Canada had not joined yet"


def test_forums_shared_with_another_country(mexico: Country, viewer: User) -> None:
    guatemala = make_country(iso_alpha2="GT", iso_alpha3="GTM", iso_numeric="320")
    forum = make_forum()
    make_membership(forum=forum, country=mexico)
    make_membership(forum=forum, country=guatemala)
    assert list(services.forums_shared(country=mexico, other="gtm", user=viewer)) == [forum]
    assert not services.forums_shared(country=mexico, other="ZZZ", user=viewer).exists()


def test_canada_roles_limited_to_a_countrys_forums(
    mirps: Forum, canada: Country, mexico: Country, viewer: User
) -> None:
    other = make_forum()
    make_forum_role(forum=other, country=canada, role=ForumRole.Kind.CO_CHAIR)
    make_forum_role(forum=mirps, country=mexico, role=ForumRole.Kind.CHAIR)
    make_membership(forum=mirps, country=mexico)
    assert len(services.canada_roles(user=viewer)) == 3
    roles = services.canada_roles(user=viewer, country=mexico)
    assert [(r.forum, r.role) for r in roles] == [(mirps, "chair"), (mirps, "past_chair")]


def test_canada_roles_in_forums_a_country_was_engaged_through(
    mirps: Forum, mexico: Country, viewer: User, unclassified_viewer: User
) -> None:
    from passerelle.engagements.tests.factories import make_engagement

    assert not services.canada_roles(user=viewer, country=mexico).exists()
    make_engagement(countries=[mexico], forum=mirps, classification=Classification.PROTECTED_B)
    assert len(services.canada_roles(user=viewer, country=mexico)) == 2
    assert not services.canada_roles(user=unclassified_viewer, country=mexico).exists()


def test_relationship_summary_of_a_country(
    mirps: Forum, canada: Country, mexico: Country, viewer: User
) -> None:
    make_membership(forum=mirps, country=canada, start=date(2019, 1, 1))
    membership = make_membership(forum=mirps, country=mexico, start=date(2019, 1, 1))
    role = make_forum_role(forum=mirps, country=mexico, role=ForumRole.Kind.CHAIR, end=None)
    unhcr = make_organization(slug="unhcr")
    relationship = make_relationship(organization=unhcr, counterpart_country=mexico)
    summary = services.relationship_summary(partner=mexico, user=viewer)
    assert summary.memberships == [membership]
    assert summary.roles == [role]
    assert summary.shared_with_canada == [mirps]
    assert summary.relationships == [relationship]
    assert not summary.is_empty


def test_relationship_summary_hides_a_counterpart_above_clearance(
    mexico: Country, unclassified_viewer: User
) -> None:
    secret = make_organization(classification=Classification.PROTECTED_B)
    make_relationship(organization=secret, counterpart_country=mexico)
    summary = services.relationship_summary(partner=mexico, user=unclassified_viewer)
    assert summary.relationships == []
    assert summary.is_empty


def test_relationship_summary_of_an_organization(viewer: User) -> None:
    iom = make_organization(slug="iom")
    forum = make_forum()
    make_membership(forum=forum, organization=iom)
    relationship = make_relationship(organization=iom)
    summary = services.relationship_summary(partner=iom, user=viewer)
    assert [m.forum for m in summary.memberships] == [forum]
    assert summary.relationships == [relationship]
    assert summary.shared_with_canada == []


def test_roles_timeline_lays_out_one_bar_per_dated_role(mirps: Forum, viewer: User) -> None:
    undated = make_forum_role(forum=mirps, country=make_country(), start=None, end=None)
    ongoing = make_forum_role(forum=mirps, country=make_country(), start=date(2023, 1, 1), end=None)
    roles = list(services.roles_over_time(forum=mirps, user=viewer))
    timeline = services.roles_timeline(roles, today=date(2024, 6, 30))
    assert timeline is not None
    assert [bar.role for bar in timeline.bars] == [r for r in roles if r != undated]
    assert [bar.years for bar in timeline.bars] == ["2021-2022", "2022-2023", "2023-"]
    assert [year for year, _x in timeline.years] == [2021, 2022, 2023, 2024, 2025]
    chair, past_chair, _ = timeline.bars
    assert abs(chair.x + chair.width - past_chair.x) < 1, "past chair starts where chair ends"
    last_year_x = dict(timeline.years)[2025]
    assert timeline.bars[2].x + timeline.bars[2].width < last_year_x, "an open role runs to today"
    assert ongoing in roles
    assert services.roles_timeline([undated]) is None

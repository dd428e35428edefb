"""The illustrative demo set: deterministic for a seed, idempotent, all or nothing, every record
illustrative, with the variety the lists and timelines need."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord
from passerelle.engagements.demo.loader import load_demo
from passerelle.engagements.demo.planner import Planner
from passerelle.engagements.demo.vocabulary import DEMO_TODAY, DemoError, Vocabulary
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Objective,
    Participant,
)
from passerelle.engagements.tests.factories import make_objective, make_topic
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import Forum
from passerelle.partners.tests.factories import make_forum, make_organization

pytestmark = pytest.mark.django_db

DEMO_MODELS = (Engagement, Participant, FollowUp, Commitment, Irritant)


@pytest.fixture
def vocabulary() -> None:
    """A small stand-in for the reference data: three real partner countries, topics,
    objectives of both kinds, a regional and a global forum and an organization."""
    for alpha3, alpha2, numeric, en, fr in (
        ("USA", "US", "840", "United States", "États-Unis"),
        ("MEX", "MX", "484", "Mexico", "Mexique"),
        ("IND", "IN", "356", "India", "Inde"),
    ):
        make_country(
            iso_alpha3=alpha3, iso_alpha2=alpha2, iso_numeric=numeric, name_en=en, name_fr=fr
        )
    for slug, en, fr in (
        ("asylum", "Asylum", "Asile"),
        ("border-management", "Border management", "Gestion de la frontière"),
        ("international-students", "International students", "Étudiants étrangers"),
    ):
        make_topic(slug=slug, name_en=en, name_fr=fr)
    make_objective(kind=Objective.Kind.OPPORTUNITY)
    make_objective(kind=Objective.Kind.DIPLOMACY_GOAL)
    make_forum(
        slug="rcm", name_en="Regional Conference", scope=Forum.Scope.REGIONAL, illustrative=False
    )
    make_forum(slug="gfmd", name_en="Global Forum", scope=Forum.Scope.GLOBAL, illustrative=False)
    make_organization(slug="unhcr", name_en="UNHCR", illustrative=False)


def _plan(seed: int, count: int) -> list[tuple[str, date | None, int]]:
    planner = Planner(Vocabulary.from_database(), seed=seed, today=DEMO_TODAY)
    return [
        (p.lookup["title_en"], p.lookup.get("start_date"), p.values["classification"])
        for p in planner.plan(count)
    ]


def test_a_seed_always_plans_the_same_set(vocabulary):
    assert _plan(7, 40) == _plan(7, 40)
    assert _plan(7, 40) != _plan(8, 40)


def test_the_demo_set_is_illustrative_varied_and_a_second_run_writes_nothing(vocabulary):
    report = load_demo(seed=3, count=80)
    engagements = Engagement.objects.all()
    assert engagements.count() == report.counts["engagement"]["created"] == 80
    for model in DEMO_MODELS:
        assert model.objects.exists() and not model.objects.filter(illustrative=False).exists()
    dates = list(engagements.values_list("start_date", flat=True))
    assert min(dates) >= date(2023, 11, 24) and max(dates) > DEMO_TODAY
    assert engagements.filter(start_date__gt=DEMO_TODAY).exists()  # upcoming
    assert set(engagements.values_list("channel", flat=True)) == set(Engagement.Channel.values)
    assert {Classification.PROTECTED_A, Classification.PROTECTED_B} <= set(
        engagements.values_list("classification", flat=True)
    )
    assert all(e.title_fr and e.summary_fr and e.topics.exists() for e in engagements)
    assert set(Participant.objects.values_list("side", flat=True)) == {"canada", "counterpart"}
    assert FollowUp.objects.overdue(today=DEMO_TODAY).exists()
    assert FollowUp.objects.filter(status="done").exists()
    assert set(Commitment.objects.values_list("direction", flat=True)) == {"ask", "offer"}
    irritant = Irritant.objects.get(pk=Irritant.objects.values_list("pk", flat=True)[0])
    assert irritant.engagements.exists() and irritant.country

    records = ChangeRecord.objects.count()
    versions = {m: dict(m.objects.values_list("pk", "version")) for m in DEMO_MODELS}
    again = load_demo(seed=3, count=80)
    assert not again.changed
    assert ChangeRecord.objects.count() == records
    assert {m: dict(m.objects.values_list("pk", "version")) for m in DEMO_MODELS} == versions


def test_the_command_is_logged_as_itself_and_refuses_without_reference_data(vocabulary):
    out = StringIO()
    call_command("load-demo-engagements", "--seed", "1", "--count", "5", stdout=out)
    assert "engagement: 5 created" in out.getvalue()
    actors = set(ChangeRecord.objects.values_list("actor", flat=True))
    assert actors >= {"command:load-demo-engagements"}
    again = StringIO()
    call_command("load-demo-engagements", "--seed", "1", "--count", "5", stdout=again)
    assert "Nothing to change" in again.getvalue()


def test_without_the_reference_data_nothing_is_written():
    with pytest.raises(CommandError, match="load-reference"):
        call_command("load-demo-engagements", "--count", "5")
    with pytest.raises(DemoError):
        load_demo(count=0)
    assert not Engagement.objects.exists()


def test_every_generated_engagement_follows_the_forums_membership(reference_data):
    """Over every engagement `make run` generates (the default seed and count, on the real
    reference data): a forum meets only with its recorded members on that date (no Regional
    Conference on Migration meeting with Ireland), a bilateral engagement is with one country and
    no one else, and only those are called bilateral."""
    from passerelle.engagements.demo.vocabulary import DEFAULT_COUNT, DEFAULT_SEED
    from passerelle.partners.models import Membership

    vocabulary = Vocabulary.from_database()
    planned = [
        p
        for p in Planner(vocabulary, seed=DEFAULT_SEED, today=DEMO_TODAY).plan(DEFAULT_COUNT)
        if p.model is Engagement
    ]
    assert len(planned) == DEFAULT_COUNT
    forums = {f.pk: f for f in vocabulary.forums}
    with_forum_countries = 0
    for p in planned:
        title, start = p.lookup["title_en"], p.lookup["start_date"]
        countries, organizations = p.many["countries"], p.many["organizations"]
        forum_id, channel = p.values["forum_id"], p.values["channel"]
        if forum_id is not None:
            forum = forums[forum_id]
            members = Membership.objects.filter(forum=forum).on(start)
            member_countries = set(members.values_list("country_id", flat=True))
            member_organizations = set(members.values_list("organization_id", flat=True))
            assert {c.pk for c in countries} <= member_countries, (title, start)
            assert {o.pk for o in organizations} <= member_organizations, (title, start)
            assert "bilateral" not in title
            with_forum_countries += bool(countries)
        elif channel == Engagement.Channel.BILATERAL:
            assert len(countries) == 1 and not organizations, title
        else:
            assert organizations and not countries, title
            assert all(o.kind == "international" for o in organizations), title
            assert "bilateral" not in title
        if "bilateral meeting" in title:
            assert channel == Engagement.Channel.BILATERAL and len(countries) == 1
    assert with_forum_countries > 0  # forums do meet with their members
    rcm = Forum.objects.get(slug="regional-conference-on-migration")
    irl = [
        p
        for p in planned
        if p.values["forum_id"] == rcm.pk
        and any(c.iso_alpha3 == "IRL" for c in p.many["countries"])
    ]
    assert irl == []

"""The engagements' pages beyond their declared CRUD tests (test_declared_pages.py): the index,
the lists and their filters, CSV exports, the overdue view, the irritants board, the country
panel, and clearance everywhere."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.csv import read_marked_csv
from passerelle.core.models import User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import FollowUp, Irritant, Level
from passerelle.engagements.tests.factories import (
    make_commitment,
    make_engagement,
    make_evidence,
    make_follow_up,
    make_irritant,
    make_participant,
    make_topic,
)
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_organization

pytestmark = pytest.mark.django_db

TODAY = date.today()


def listed(response: Any) -> list[Any]:
    """The records of the list page's current page."""
    return [row.record for row in response.context["table"].page.object_list]


def test_the_index_shows_upcoming_recent_overdue_and_open_irritants(
    viewer_client: Client,
) -> None:
    coming = make_engagement(title_en="Talks next month", start_date=TODAY + timedelta(days=30))
    past = make_engagement(title_en="Talks last month", start_date=TODAY - timedelta(days=30))
    make_follow_up(engagement=past, due=TODAY - timedelta(days=1))
    make_follow_up(engagement=past, due=TODAY + timedelta(days=10))
    make_irritant(status=Irritant.Status.ACKNOWLEDGED)
    make_irritant(status=Irritant.Status.RESOLVED)
    response = viewer_client.get("/en/engagements/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.upcoming == [coming]
    assert figures.recent == [past]
    assert figures.overdue_follow_ups == 1
    assert dict((s, n) for s, _label, n in figures.open_irritants)["acknowledged"] == 1
    assert "resolved" not in {s for s, _label, _n in figures.open_irritants}
    assert b"Talks next month" in response.content


def test_the_list_filters_by_partner_level_topic_period_and_words(viewer_client: Client) -> None:
    mexico = make_country(name_en="Mexico", name_fr="Mexique")
    asylum = make_topic(slug="asylum-test", name_en="Asylum", name_fr="Asile")
    organization = make_organization()
    wanted = make_engagement(
        countries=[mexico],
        topics=[asylum],
        title_en="Asylum capacity dialogue",
        title_fr="Dialogue sur la capacité d’asile",
        start_date=date(2023, 5, 2),
    )
    wanted.organizations.add(organization)
    make_participant(engagement=wanted, level=Level.MINISTER)
    other = make_engagement(title_en="Student visas", start_date=date(2022, 1, 10))
    make_participant(engagement=other, level=Level.SUBJECT_MATTER_EXPERT)

    def titles(**params: str) -> set[str]:
        response = viewer_client.get("/en/engagements/list/", params)
        assert response.status_code == 200
        return {e.title_en for e in listed(response)}

    assert titles(country=mexico.iso_alpha3) == {"Asylum capacity dialogue"}
    assert titles(organization=organization.slug) == {"Asylum capacity dialogue"}
    assert titles(topic="asylum-test") == {"Asylum capacity dialogue"}
    assert titles(level="minister") == {"Asylum capacity dialogue"}
    assert titles(start="2023-01-01", end="2023-12-31") == {"Asylum capacity dialogue"}
    assert titles(q="capacité") == {"Asylum capacity dialogue"}
    assert titles(kind="meeting") == {"Asylum capacity dialogue", "Student visas"}


def test_a_wrong_filter_is_reported_where_it_is(viewer_client: Client) -> None:
    response = viewer_client.get("/en/engagements/list/", {"start": "2.3.2024"})
    assert response.status_code == 200
    assert b"gcds-error-summary" in response.content
    assert b"Enter a date as YYYY-MM-DD" in response.content


def test_the_list_is_paginated(viewer_client: Client) -> None:
    country = make_country()
    for day in range(1, 53):
        make_engagement(countries=[country], start_date=date(2023, 1, 1) + timedelta(days=day))
    first = viewer_client.get("/en/engagements/list/")
    assert len(listed(first)) == 50
    second = viewer_client.get("/en/engagements/list/", {"page": 2})
    assert len(listed(second)) == 2


def test_the_list_downloads_as_csv_with_its_marking(viewer_client: Client) -> None:
    mexico = make_country(name_en="Mexico", name_fr="Mexique")
    make_engagement(countries=[mexico], title_en="RCM vice-ministerial", kind="conference")
    make_engagement(title_en="Elsewhere")
    response = viewer_client.get(
        "/en/engagements/list/", {"country": mexico.iso_alpha3, "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.lstrip("\ufeff").startswith("# Security classification: Unclassified")
    [row] = read_marked_csv(text)
    assert row["Title"] == "RCM vice-ministerial"
    assert row["Kind"] == "Conference"
    assert row["Counterpart countries"] == "Mexico"


@pytest.mark.parametrize(
    ("url", "marker"),
    [
        ("/en/engagements/list/", "Secret talks"),
        ("/en/engagements/list/?format=csv", "Secret talks"),
        ("/en/engagements/", "Secret talks"),
        ("/en/engagements/follow-ups/", "Secret action"),
        ("/en/engagements/follow-ups/?format=csv", "Secret action"),
        ("/en/engagements/irritants/", "Secret irritant"),
        ("/en/engagements/irritants/?format=csv", "Secret irritant"),
        ("/en/engagements/commitments/?format=csv", "Secret offer"),
    ],
)
def test_an_unclassified_viewer_never_sees_protected_b(
    unclassified_viewer: User, url: str, marker: str
) -> None:
    country = make_country()
    secret = make_engagement(
        countries=[country],
        title_en="Secret talks",
        start_date=TODAY + timedelta(days=3),
        classification=Classification.PROTECTED_B,
    )
    open_engagement = make_engagement(countries=[country], title_en="Open talks")
    # An unclassified follow-up of a Protected B engagement is hidden with its engagement.
    make_follow_up(engagement=secret, action_en="Secret action")
    make_follow_up(engagement=open_engagement, action_en="Open action")
    make_irritant(
        country=country, title_en="Secret irritant", classification=Classification.PROTECTED_B
    )
    make_commitment(country=country, description_en="Secret offer", engagement=secret)
    response = signed_in_client(unclassified_viewer).get(url)
    assert response.status_code == 200
    assert marker.encode() not in response.content
    cleared = signed_in_client(make_user(role="viewer", clearance=Classification.PROTECTED_B))
    assert marker.encode() in cleared.get(url).content


def test_the_country_panel_respects_clearance_and_marks_overdue_and_upcoming(
    unclassified_viewer: User,
) -> None:
    country = make_country()
    make_engagement(
        countries=[country],
        title_en="Secret talks",
        classification=Classification.PROTECTED_B,
    )
    coming = make_engagement(
        countries=[country], title_en="Visit next week", start_date=TODAY + timedelta(days=7)
    )
    make_follow_up(engagement=coming, action_en="Late letter", due=TODAY - timedelta(days=2))
    make_irritant(country=country, title_en="Refusal rates", status=Irritant.Status.RAISED)
    make_irritant(country=country, title_en="Closed matter", status=Irritant.Status.RESOLVED)
    make_commitment(country=country, description_en="Training offer")
    response = signed_in_client(unclassified_viewer).get(f"/en/geo/{country.iso_alpha3}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Secret talks" not in content
    assert "Visit next week" in content
    assert "Late letter" in content and "eng-tag--overdue" in content
    # the upcoming engagements' list, by its class (the class also named a rule of the inline
    # style sheet this page carried, so the check once passed on the style sheet alone)
    assert re.search(
        r'<ol class="[^"]*eng-upcoming[^"]*">\s*<li[^>]*>(?:(?!</ol>).)*Visit next week',
        content,
        re.DOTALL,
    )
    assert "Refusal rates" in content and "Closed matter" not in content
    assert "Training offer" in content


def test_the_country_panel_is_absent_when_there_is_nothing(viewer_client: Client) -> None:
    country = make_country()
    secret = make_country()
    make_engagement(countries=[secret], classification=Classification.PROTECTED_B)
    response = viewer_client.get(f"/en/geo/{country.iso_alpha3}/")
    assert 'id="country-engagements"' not in response.content.decode()
    low = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    assert (
        'id="country-engagements"' not in low.get(f"/en/geo/{secret.iso_alpha3}/").content.decode()
    )


def test_the_overdue_view_lists_only_late_open_follow_ups(viewer_client: Client) -> None:
    engagement = make_engagement()
    make_follow_up(engagement=engagement, action_en="Late", due=TODAY - timedelta(days=5))
    make_follow_up(engagement=engagement, action_en="Soon", due=TODAY + timedelta(days=5))
    make_follow_up(
        engagement=engagement,
        action_en="Late but done",
        due=TODAY - timedelta(days=5),
        status=FollowUp.Status.DONE,
    )
    response = viewer_client.get("/en/engagements/follow-ups/", {"overdue": "true"})
    assert [f.action_en for f in listed(response)] == ["Late"]
    assert b"Overdue follow-ups" in response.content
    every = viewer_client.get("/en/engagements/follow-ups/")
    assert every.context["table"].paginator.count == 3


def test_the_irritants_board_has_a_column_per_status(viewer_client: Client) -> None:
    make_irritant(title_en="Delays", status=Irritant.Status.RAISED, severity=3)
    make_irritant(title_en="Bias", status=Irritant.Status.RECURRING, kind="perceived_bias")
    response = viewer_client.get("/en/engagements/irritants/")
    columns = {
        c["status"]: [i.title_en for i in c["irritants"]] for c in response.context["columns"]
    }
    assert list(columns) == [
        "raised",
        "acknowledged",
        "response_provided",
        "resolved",
        "recurring",
    ]
    assert columns["raised"] == ["Delays"] and columns["recurring"] == ["Bias"]
    filtered = viewer_client.get("/en/engagements/irritants/", {"kind": "perceived_bias"})
    assert filtered.context["count"] == 1


def test_the_irritant_page_shows_where_it_was_raised_and_its_evidence(
    unclassified_viewer: User,
) -> None:
    irritant = make_irritant(title_en="Refusals")
    irritant.engagements.add(make_engagement(title_en="Where it came up"))
    irritant.engagements.add(
        make_engagement(title_en="Secret talks", classification=Classification.PROTECTED_B)
    )
    make_evidence(irritant=irritant, description_en="Refusal rate above the global rate")
    response = signed_in_client(unclassified_viewer).get(
        f"/en/engagements/irritants/{irritant.pk}/"
    )
    content = response.content.decode()
    assert "Where it came up" in content and "Secret talks" not in content
    assert "Refusal rate above the global rate" in content


def test_the_engagement_page_shows_participants_by_side_and_counterpart_links(
    viewer_client: Client,
) -> None:
    country = make_country(name_en="Mexico")
    engagement = make_engagement(countries=[country], outcomes_en="Agreed to meet again.")
    make_participant(engagement=engagement, level=Level.MINISTER, name="The Minister")
    make_participant(
        engagement=engagement, side="counterpart", level=Level.OFFICIAL, name="Their official"
    )
    make_commitment(country=country, engagement=engagement, description_en="Share practices")
    irritant = make_irritant(country=country, title_en="Processing delays")
    irritant.engagements.add(engagement)
    response = viewer_client.get(f"/fr/engagements/{engagement.pk}/")
    content = response.content.decode()
    assert [s["side"] for s in response.context["sides"]] == ["canada", "counterpart"]
    assert f'href="/fr/geo/{country.iso_alpha3}/"' in content
    assert engagement.title_fr in content
    assert "Share practices" in content or "Partager" in content
    assert irritant.title_fr in content and "Processing delays" not in content


def test_an_analyst_marks_a_follow_up_done(analyst_client: Client) -> None:
    follow_up = make_follow_up(due=TODAY - timedelta(days=3))
    response = analyst_client.post(
        f"/en/engagements/follow-ups/{follow_up.pk}/done/", {"version": follow_up.version}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.completed == TODAY


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/path", "https:/\\evil.example"]
)
def test_marking_done_never_redirects_off_the_site(analyst_client: Client, target: str) -> None:
    follow_up = make_follow_up()
    response = analyst_client.post(
        f"/en/engagements/follow-ups/{follow_up.pk}/done/",
        {"version": follow_up.version, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/engagements/follow-ups/"


def test_marking_done_returns_to_the_page_it_came_from(analyst_client: Client) -> None:
    follow_up = make_follow_up()
    back = f"/en/engagements/{follow_up.engagement_id}/"
    response = analyst_client.post(
        f"/en/engagements/follow-ups/{follow_up.pk}/done/",
        {"version": follow_up.version, "next": back},
    )
    assert response["Location"] == back


def test_marking_done_from_a_stale_list_is_refused(analyst_client: Client) -> None:
    follow_up = make_follow_up(owner="Unit A")
    stale = follow_up.version
    follow_up.owner = "Unit B"
    follow_up.save()
    response = analyst_client.post(
        f"/en/engagements/follow-ups/{follow_up.pk}/done/", {"version": stale}
    )
    assert response.status_code == 409
    assert b"Unit B" in response.content
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN


def test_the_change_history_lists_the_engagements_changes(analyst_client: Client) -> None:
    engagement = make_engagement()
    engagement.title_en = "Renamed"
    engagement.save()
    response = analyst_client.get(f"/en/engagements/{engagement.pk}/history/")
    assert response.status_code == 200
    assert ["title_en"] in [
        [f for f in change.changed_fields() if f != "version"]
        for change in response.context["changes"]
    ]
    viewer = signed_in_client(make_user(role="viewer"))
    answer = viewer.get(f"/en/engagements/{engagement.pk}/history/")
    assert answer.status_code == 200
    assert b"does not show the change log" in answer.content and b"title_en" not in answer.content


def test_lists_and_exports_name_no_partner_above_the_readers_clearance() -> None:
    """An engagement the reader may see can link to an organization, forum, topic or
    participant they may not: the list, the index, both CSV layouts leave those out."""
    from passerelle.partners.tests.factories import make_forum

    reader = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    engagement = make_engagement(title_en="Seen by the reader", start_date=date.today())
    hidden = Classification.PROTECTED_B
    engagement.organizations.add(make_organization(name_en="Hiddenorg", classification=hidden))
    engagement.topics.add(make_topic(slug="hidden-topic", classification=hidden))
    engagement.forum = make_forum(name_en="Hiddenforum", slug="hidden-forum", classification=hidden)
    engagement.save()
    make_participant(engagement=engagement, level=Level.MINISTER, classification=hidden)
    client = signed_in_client(reader)
    pages = [
        client.get("/en/engagements/list/").content.decode(),
        client.get("/en/engagements/").content.decode(),
        client.get("/en/engagements/list/", {"format": "csv"}).content.decode(),
        client.get("/en/engagements/list/", {"format": "csv", "layout": "import"}).content.decode(),
    ]
    for page in pages:
        assert "Seen by the reader" in page
        for secret in ("Hiddenorg", "Hiddenforum", "hidden-forum", "hidden-topic"):
            assert secret not in page
    assert ",minister," not in pages[-1]  # the hidden participant's level

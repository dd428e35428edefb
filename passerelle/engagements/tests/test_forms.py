"""The engagements' forms: create in French and find it by a French word, server-side
validation in the GC error summary, permissions, clearance, participants in the same page, and
no lost update when two analysts edit the same record."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Engagement, FollowUp, Irritant, Participant
from passerelle.engagements.tests.factories import (
    engagement_data,
    make_engagement,
    make_follow_up,
    make_participant,
    make_topic,
)
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_forum

pytestmark = pytest.mark.django_db


def edit_data(engagement: Engagement, **fields: Any) -> dict[str, Any]:
    """What the edit form posts back unchanged: the record's values and its version."""
    participants = list(engagement.participants.all())
    data: dict[str, Any] = {
        "title_en": engagement.title_en,
        "title_fr": engagement.title_fr,
        "start_date": engagement.start_date.isoformat(),
        "end_date": engagement.end_date.isoformat() if engagement.end_date else "",
        "kind": engagement.kind,
        "channel": engagement.channel,
        "place_en": engagement.place_en,
        "place_fr": engagement.place_fr,
        "countries": [c.pk for c in engagement.countries.all()],
        "summary_en": engagement.summary_en,
        "summary_fr": engagement.summary_fr,
        "outcomes_en": engagement.outcomes_en,
        "outcomes_fr": engagement.outcomes_fr,
        "classification": str(engagement.classification),
        "version": str(engagement.version),
        "participants-TOTAL_FORMS": str(len(participants)),
        "participants-INITIAL_FORMS": str(len(participants)),
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
    }
    for i, p in enumerate(participants):
        data.update(
            {
                f"participants-{i}-id": str(p.pk),
                f"participants-{i}-engagement": str(engagement.pk),
                f"participants-{i}-side": p.side,
                f"participants-{i}-level": p.level,
                f"participants-{i}-name": p.name,
            }
        )
    data.update(fields)
    return data


def test_an_analyst_records_an_engagement_in_french_and_finds_it_by_a_french_word(
    analyst_client: Client,
) -> None:
    mexico = make_country(name_en="Mexico", name_fr="Mexique")
    topic = make_topic(name_en="Labour mobility", name_fr="Mobilité de la main-d’œuvre")
    page = analyst_client.get("/fr/engagements/add/")
    assert page.status_code == 200
    assert b"<form" in page.content and b"novalidate" in page.content
    data = engagement_data(
        countries=[mexico.pk],
        topics=[topic.pk],
        summary_fr="Échanges sur les travailleurs saisonniers agricoles.",
        place_fr="Mexico",
        **{
            "participants-TOTAL_FORMS": "2",
            "participants-0-side": "canada",
            "participants-0-level": "deputy_minister",
            "participants-0-name": "La sous-ministre",
            "participants-1-side": "",
            "participants-1-level": "",
        },
    )
    response = analyst_client.post("/fr/engagements/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    engagement = Engagement.objects.get(title_en="Labour mobility dialogue")
    assert response["Location"] == f"/fr/engagements/{engagement.pk}/"
    assert list(engagement.countries.all()) == [mexico]
    assert [(p.level, p.name) for p in engagement.participants.all()] == [
        ("deputy_minister", "La sous-ministre")
    ]
    found = analyst_client.get("/fr/engagements/list/", {"q": "saisonniers"})
    assert [r.record.pk for r in found.context["table"].page.object_list] == [engagement.pk]
    assert "Dialogue sur la mobilité de la main-d’œuvre" in found.content.decode()
    assert ChangeRecord.objects.filter(object_id=str(engagement.pk), action="create").exists()


def test_validation_errors_are_listed_in_the_error_summary(analyst_client: Client) -> None:
    data = engagement_data(title_fr="", start_date="2024-05-14", end_date="2024-05-01")
    response = analyst_client.post("/en/engagements/add/", data)
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert "gcds-error-summary" in content
    links = response.context["error_links"]
    assert "Enter the title in French." in links and "#id_title_fr" in links
    assert "The end date must be on or after the start date." in links
    assert "Choose at least one counterpart: a country, an organization or a forum." in links
    assert 'error-message="The end date must be on or after the start date."' in content
    assert not Engagement.objects.exists()
    # The user's input is kept.
    assert 'value="Labour mobility dialogue"' in content


def test_a_forum_alone_is_a_counterpart(analyst_client: Client) -> None:
    forum = make_forum()
    response = analyst_client.post("/en/engagements/add/", engagement_data(forum=forum.pk))
    assert response.status_code == 302
    assert Engagement.objects.get().forum == forum


def test_a_wrong_date_is_reported_on_its_field(analyst_client: Client) -> None:
    country = make_country()
    data = engagement_data(countries=[country.pk], start_date="14/05/2024")
    response = analyst_client.post("/en/engagements/add/", data)
    assert "Enter a date as YYYY-MM-DD" in response.context["error_links"]
    assert "#id_start_date" in response.context["error_links"]


def test_a_classification_above_the_users_clearance_is_refused() -> None:
    analyst = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    country = make_country()
    data = engagement_data(countries=[country.pk], classification=str(Classification.PROTECTED_B))
    response = signed_in_client(analyst).post("/en/engagements/add/", data)
    assert response.status_code == 400
    assert "a record cannot be classified above that" in response.context["error_links"]
    assert not Engagement.objects.exists()


def test_choices_above_clearance_are_not_offered_nor_accepted() -> None:
    analyst = make_user(role="analyst", clearance=Classification.UNCLASSIFIED)
    hidden = make_country(name_en="Hiddenland", classification=Classification.PROTECTED_B)
    client = signed_in_client(analyst)
    assert b"Hiddenland" not in client.get("/en/engagements/add/").content
    response = client.post("/en/engagements/add/", engagement_data(countries=[hidden.pk]))
    assert response.status_code == 400
    assert "#id_countries" in response.context["error_links"]


@pytest.mark.parametrize(
    "url",
    ["/en/engagements/add/", "/en/engagements/irritants/add/", "/en/engagements/follow-ups/add/"],
)
def test_a_viewer_cannot_create(viewer_client: Client, url: str) -> None:
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, engagement_data()).status_code == 403
    assert not Engagement.objects.exists()


def test_a_viewer_cannot_edit(viewer_client: Client) -> None:
    engagement = make_engagement()
    url = f"/en/engagements/{engagement.pk}/edit/"
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, edit_data(engagement, title_en="Changed")).status_code == 403
    engagement.refresh_from_db()
    assert engagement.title_en != "Changed"


def test_an_engagement_above_clearance_cannot_be_edited() -> None:
    engagement = make_engagement(classification=Classification.PROTECTED_B)
    analyst = make_user(role="analyst", clearance=Classification.UNCLASSIFIED)
    response = signed_in_client(analyst).get(f"/en/engagements/{engagement.pk}/edit/")
    assert response.status_code == 404


def test_participants_are_edited_in_the_same_page(analyst_client: Client) -> None:
    engagement = make_engagement()
    keep = make_participant(engagement=engagement, name="Kept")
    drop = make_participant(engagement=engagement, name="Dropped")
    data = edit_data(engagement)
    index = {keep.pk: 0, drop.pk: 1}
    data = edit_data(engagement)
    for participant, i in index.items():
        data[f"participants-{i}-id"] = str(participant)
    data[f"participants-{index[drop.pk]}-DELETE"] = "on"
    data[f"participants-{index[keep.pk]}-name"] = "Kept, renamed"
    response = analyst_client.post(f"/en/engagements/{engagement.pk}/edit/", data)
    assert response.status_code == 302, response.context and response.context.get("error_links")
    assert [p.name for p in Participant.objects.filter(engagement=engagement)] == ["Kept, renamed"]


def test_a_failing_participant_saves_nothing(analyst_client: Client) -> None:
    engagement = make_engagement(title_en="Before")
    data = edit_data(
        engagement,
        title_en="After",
        **{
            "participants-TOTAL_FORMS": "1",
            "participants-0-side": "canada",
            "participants-0-level": "",
            "participants-0-name": "No level",
        },
    )
    response = analyst_client.post(f"/en/engagements/{engagement.pk}/edit/", data)
    assert response.status_code == 400
    assert "#id_participants-0-level" in response.context["error_links"]
    engagement.refresh_from_db()
    assert engagement.title_en == "Before"


def test_two_analysts_editing_the_same_engagement_never_lose_either_edit() -> None:
    engagement = make_engagement(title_en="Original title", summary_en="Original summary")
    first = signed_in_client(make_user(role="analyst", username="first.analyst"))
    second = signed_in_client(make_user(role="analyst", username="second.analyst"))
    url = f"/en/engagements/{engagement.pk}/edit/"

    # Both open the form: each carries the version it started from.
    opened = str(engagement.version)
    for client in (first, second):
        page = client.get(url)
        assert f'name="version" value="{opened}"' in page.content.decode()

    # The first saves a new title.
    saved = first.post(url, edit_data(engagement, title_en="Title from the first"))
    assert saved.status_code == 302

    # The second, from the version they opened, is refused.
    refused = second.post(
        url, edit_data(engagement, summary_en="Summary from the second", version=opened)
    )
    assert refused.status_code == 409
    changes = refused.context["conflict"]
    [change] = [c for c in changes if c.name == "title_en"]
    assert change.current == "Title from the first"
    assert change.yours == "Original title"
    assert change.who == "first.analyst"
    content = refused.content.decode()
    assert "someone else changed this record" in content
    assert "Title from the first" in content and "first.analyst" in content
    # Nothing of either is lost: the first is saved, the second's input is still in the form.
    engagement.refresh_from_db()
    assert engagement.title_en == "Title from the first"
    assert engagement.summary_en == "Original summary"
    assert 'value="Summary from the second"' in content
    # The form now starts from the current version: saving again is a deliberate choice.
    new_version = str(engagement.version)
    assert f'name="version" value="{new_version}"' in content
    again = second.post(
        url,
        edit_data(engagement, summary_en="Summary from the second", version=new_version),
    )
    assert again.status_code == 302
    engagement.refresh_from_db()
    assert engagement.title_en == "Title from the first"
    assert engagement.summary_en == "Summary from the second"


def test_an_edit_without_its_version_is_refused(analyst_client: Client) -> None:
    engagement = make_engagement(title_en="Kept")
    data = edit_data(engagement, title_en="Changed")
    del data["version"]
    response = analyst_client.post(f"/en/engagements/{engagement.pk}/edit/", data)
    assert response.status_code == 400
    assert "#id_version" in response.context["error_links"]
    engagement.refresh_from_db()
    assert engagement.title_en == "Kept"


def test_a_stale_follow_up_edit_is_refused_with_what_changed(analyst: User) -> None:
    follow_up = make_follow_up(owner="Unit A")
    opened = follow_up.version
    follow_up.owner = "Unit B"
    follow_up.save()
    data = {
        "engagement": follow_up.engagement_id,
        "action_en": "Send the letter",
        "owner": "Unit C",
        "status": "open",
        "classification": "0",
        "version": opened,
    }
    response = signed_in_client(analyst).post(
        f"/en/engagements/follow-ups/{follow_up.pk}/edit/", data
    )
    assert response.status_code == 409
    [change] = response.context["conflict"]
    assert (change.name, change.yours, change.current) == ("owner", "Unit C", "Unit B")
    follow_up.refresh_from_db()
    assert follow_up.owner == "Unit B"


def test_an_analyst_creates_and_edits_an_irritant(analyst_client: Client) -> None:
    country = make_country()
    engagement = make_engagement(countries=[country])
    data = {
        "title_en": "High refusal rates",
        "title_fr": "Taux de refus élevés",
        "kind": "high_refusal_rates",
        "country": country.pk,
        "status": "raised",
        "severity": "3",
        "raised_on": "2024-01-15",
        "engagements": [engagement.pk],
        "classification": "0",
    }
    response = analyst_client.post("/en/engagements/irritants/add/", data)
    assert response.status_code == 302
    irritant = Irritant.objects.get()
    assert list(irritant.engagements.all()) == [engagement]
    data.update(status="acknowledged", version=irritant.version)
    response = analyst_client.post(f"/en/engagements/irritants/{irritant.pk}/edit/", data)
    assert response.status_code == 302
    irritant.refresh_from_db()
    assert irritant.status == "acknowledged"


def test_an_irritant_needs_a_partner(analyst_client: Client) -> None:
    data = {
        "title_en": "Bias",
        "title_fr": "Partialité",
        "kind": "perceived_bias",
        "status": "raised",
        "severity": "2",
        "classification": "0",
    }
    response = analyst_client.post("/en/engagements/irritants/add/", data)
    assert "Choose the partner: a country or an organization." in response.context["error_links"]
    assert not Irritant.objects.exists()


def test_an_analyst_adds_a_follow_up_from_an_engagement(analyst_client: Client) -> None:
    engagement = make_engagement()
    page = analyst_client.get("/en/engagements/follow-ups/add/", {"engagement": engagement.pk})
    assert page.context["form"]["engagement"].value() == str(engagement.pk)
    data = {
        "engagement": engagement.pk,
        "action_en": "Send the draft arrangement",
        "action_fr": "Envoyer le projet d’arrangement",
        "owner": "International Affairs",
        "due": "2024-06-30",
        "status": "open",
        "classification": "0",
    }
    response = analyst_client.post("/en/engagements/follow-ups/add/", data)
    assert response.status_code == 302
    assert FollowUp.objects.get().due == date(2024, 6, 30)

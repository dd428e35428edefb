"""The engagements' API: the generic CRUD tests for every model, overdue follow-ups, an
engagement's participants and partners, irritants with their engagements and evidence, and
validation errors."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

import pytest

from passerelle.core.classification import Classification
from passerelle.core.testcases import APICRUDTests, api_client, read_etag
from passerelle.core.testing import make_user
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    Evidence,
    FollowUp,
    Irritant,
    Objective,
    Participant,
    Topic,
)
from passerelle.engagements.tests.factories import (
    make_commitment,
    make_engagement,
    make_evidence,
    make_follow_up,
    make_irritant,
    make_objective,
    make_participant,
    make_topic,
)
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_forum, make_organization

pytestmark = pytest.mark.django_db


class TestTopicAPI(APICRUDTests):
    model = Topic
    list_url = "/api/v1/engagements/topics/"
    factory = make_topic
    lookup_field = "slug"
    create_data: ClassVar[dict[str, Any]] = {
        "slug": "border-management",
        "name_en": "Border management",
        "name_fr": "Gestion des frontières",
    }
    update_data: ClassVar[dict[str, Any]] = {"order": 7}


class TestObjectiveAPI(APICRUDTests):
    model = Objective
    list_url = "/api/v1/engagements/objectives/"
    factory = make_objective
    lookup_field = "slug"
    create_data: ClassVar[dict[str, Any]] = {
        "slug": "shape-global-norms",
        "kind": "diplomacy_goal",
        "name_en": "Shape global norms",
        "name_fr": "Façonner les normes mondiales",
    }
    update_data: ClassVar[dict[str, Any]] = {"description_en": "Through the global compacts."}


class TestEngagementAPI(APICRUDTests):
    model = Engagement
    list_url = "/api/v1/engagements/engagements/"
    factory = make_engagement
    update_data: ClassVar[dict[str, Any]] = {"outcomes_en": "Agreed to a working group."}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "title_en": "Bilateral meeting with Mexico",
            "title_fr": "Réunion bilatérale avec le Mexique",
            "start_date": "2024-03-01",
            "kind": "meeting",
            "channel": "bilateral",
            "countries": [make_country().iso_alpha3],
            "organizations": [make_organization().slug],
            "forum": make_forum().slug,
            "topics": [make_topic().slug],
            "objectives": [make_objective().slug],
        }


class TestParticipantAPI(APICRUDTests):
    model = Participant
    list_url = "/api/v1/engagements/participants/"
    factory = make_participant
    update_data: ClassVar[dict[str, Any]] = {"position_en": "Deputy Minister"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "engagement": make_engagement().pk,
            "side": "counterpart",
            "level": "minister",
            "country": make_country().iso_alpha3,
        }


class TestFollowUpAPI(APICRUDTests):
    model = FollowUp
    list_url = "/api/v1/engagements/follow-ups/"
    factory = make_follow_up
    update_data: ClassVar[dict[str, Any]] = {"status": "done", "completed": "2024-03-20"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "engagement": make_engagement().pk,
            "action_en": "Send the draft arrangement",
            "owner": "International Affairs",
            "due": "2024-04-01",
        }


class TestCommitmentAPI(APICRUDTests):
    model = Commitment
    list_url = "/api/v1/engagements/commitments/"
    factory = make_commitment
    update_data: ClassVar[dict[str, Any]] = {"status": "fulfilled"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "direction": "ask",
            "forum": make_forum().slug,
            "description_en": "Host the next regional workshop",
        }


class TestIrritantAPI(APICRUDTests):
    model = Irritant
    list_url = "/api/v1/engagements/irritants/"
    factory = make_irritant
    update_data: ClassVar[dict[str, Any]] = {"status": "acknowledged", "severity": 3}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "title_en": "High visa refusal rates",
            "title_fr": "Taux élevés de refus de visa",
            "kind": "high_refusal_rates",
            "country": make_country().iso_alpha3,
            "engagements": [make_engagement().pk],
            "raised_on": "2024-01-15",
        }


class TestEvidenceAPI(APICRUDTests):
    model = Evidence
    list_url = "/api/v1/engagements/evidence/"
    factory = make_evidence
    update_data: ClassVar[dict[str, Any]] = {"url": "https://example.org/report.pdf"}

    @property
    def create_data(self) -> dict[str, Any]:  # type: ignore[override]
        return {
            "irritant": make_irritant().pk,
            "content_type": "engagements.engagement",
            "object_id": str(make_engagement().pk),
            "description_en": "Raised at the bilateral meeting",
        }


def test_overdue_follow_ups(viewer: Any) -> None:
    today = date.today()
    late = make_follow_up(due=today - timedelta(days=3), status="in_progress")
    make_follow_up(due=today - timedelta(days=3), status="done")
    make_follow_up(due=today + timedelta(days=3))
    make_follow_up(due=None)
    client = api_client(viewer)
    rows = client.get("/api/v1/engagements/follow-ups/", {"overdue": "true"}).json()["results"]
    assert [row["id"] for row in rows] == [late.pk]
    assert rows[0]["overdue"] is True
    others = client.get("/api/v1/engagements/follow-ups/", {"overdue": "false"}).json()
    assert late.pk not in [row["id"] for row in others["results"]]
    assert others["count"] == 3
    assert not any(row["overdue"] for row in others["results"])


def test_engagement_nests_participants_and_names_partners_by_code(viewer: Any) -> None:
    country = make_country()
    forum = make_forum()
    topic = make_topic()
    engagement = make_engagement(countries=[country], topics=[topic], forum=forum)
    make_participant(engagement=engagement, level="minister", name="The Minister")
    make_participant(
        engagement=engagement, name="Secret", classification=Classification.PROTECTED_B
    )
    url = f"/api/v1/engagements/engagements/{engagement.pk}/"
    data = api_client(viewer).get(url).json()
    assert data["countries"] == [country.iso_alpha3]
    assert data["forum"] == forum.slug
    assert data["topics"] == [topic.slug]
    assert {p["name"] for p in data["participants"]} == {"The Minister", "Secret"}
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    shown = api_client(low).get(url).json()
    assert [p["name"] for p in shown["participants"]] == ["The Minister"]


def test_engagement_links_are_written_and_participants_are_read_only(analyst: Any) -> None:
    engagement = make_engagement()
    organization, objective = make_organization(), make_objective()
    client = api_client(analyst)
    url = f"/api/v1/engagements/engagements/{engagement.pk}/"
    response = client.patch(
        url,
        {
            "organizations": [organization.slug],
            "objectives": [objective.slug],
            "countries": [],
            "participants": [{"side": "canada", "level": "minister"}],
        },
        format="json",
        HTTP_IF_MATCH=read_etag(client, url),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["organizations"] == [organization.slug]
    assert response.json()["countries"] == []
    engagement.refresh_from_db()
    assert list(engagement.objectives.all()) == [objective]
    assert not engagement.participants.exists()


def test_engagement_validation_errors(analyst: Any) -> None:
    client = api_client(analyst)
    url = "/api/v1/engagements/engagements/"
    base = {"title_en": "x", "title_fr": "x", "kind": "call", "channel": "bilateral"}
    ended_before = client.post(
        url, {**base, "start_date": "2024-03-02", "end_date": "2024-03-01"}, format="json"
    )
    assert ended_before.status_code == 400
    assert "end_date" in ended_before.json()
    unknown = client.post(
        url, {**base, "start_date": "2024-03-01", "topics": ["no-such-topic"]}, format="json"
    )
    assert unknown.status_code == 400
    assert "no-such-topic" in unknown.json()["topics"][0]
    assert not Engagement.objects.exists()


def test_commitment_and_irritant_need_a_partner(analyst: Any) -> None:
    client = api_client(analyst)
    commitment = client.post(
        "/api/v1/engagements/commitments/",
        {"direction": "offer", "description_en": "Share practices"},
        format="json",
    )
    assert commitment.status_code == 400
    assert set(commitment.json()) == {"country", "organization", "forum"}
    irritant = client.post(
        "/api/v1/engagements/irritants/",
        {"title_en": "x", "title_fr": "x", "kind": "other"},
        format="json",
    )
    assert irritant.status_code == 400
    assert set(irritant.json()) == {"country", "organization"}
    existing = make_irritant()
    url = f"/api/v1/engagements/irritants/{existing.pk}/"
    response = client.patch(
        url, {"country": None}, format="json", HTTP_IF_MATCH=read_etag(client, url)
    )
    assert response.status_code == 400, "a PATCH is checked against the record's other fields"
    assert not Commitment.objects.exists()


def test_irritant_shows_engagements_and_evidence(viewer: Any) -> None:
    engagement = make_engagement()
    irritant = make_irritant(status="recurring")
    irritant.engagements.set([engagement])
    make_evidence(irritant=irritant, description_en="Refusal rate above the global rate")
    make_evidence(irritant=irritant, classification=Classification.PROTECTED_B)
    data = api_client(viewer).get(f"/api/v1/engagements/irritants/{irritant.pk}/").json()
    assert data["engagements"] == [engagement.pk]
    assert data["is_open"] is True
    assert data["party"]["type"] == "country"
    assert len(data["evidence"]) == 2
    low = api_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    shown = low.get(f"/api/v1/engagements/irritants/{irritant.pk}/").json()
    assert [e["description_en"] for e in shown["evidence"]] == [
        "Refusal rate above the global rate"
    ]
    open_only = low.get("/api/v1/engagements/irritants/", {"open": "true"}).json()
    assert [row["id"] for row in open_only["results"]] == [irritant.pk]


def test_evidence_record_must_exist_and_come_in_a_pair(analyst: Any) -> None:
    irritant = make_irritant()
    client = api_client(analyst)
    url = "/api/v1/engagements/evidence/"
    base = {"irritant": irritant.pk, "description_en": "x"}
    half = client.post(url, {**base, "content_type": "engagements.engagement"}, format="json")
    assert half.status_code == 400
    assert "object_id" in half.json()
    missing = client.post(
        url,
        {**base, "content_type": "engagements.engagement", "object_id": "999999"},
        format="json",
    )
    assert missing.status_code == 400
    assert "999999" in missing.json()["object_id"][0]
    unknown = client.post(
        url, {**base, "content_type": "nope.nothing", "object_id": "1"}, format="json"
    )
    assert unknown.status_code == 400
    assert "nope.nothing" in unknown.json()["content_type"][0]
    assert not Evidence.objects.exists()


def test_schema_lists_the_partners_and_engagements_endpoints(viewer: Any) -> None:
    schema = api_client(viewer).get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/partners/forums/{slug}/",
        "/api/v1/partners/roles/",
        "/api/v1/engagements/engagements/{id}/",
        "/api/v1/engagements/follow-ups/",
    ):
        assert path in paths

"""The engagements' declared pages (engagements, follow-ups, irritants, commitments): every
list, detail, add, edit, delete and history page by role and clearance (core/pagetests.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.test import Client

from passerelle.core.pagetests import PageCRUDTests
from passerelle.engagements.models import Commitment, Engagement, FollowUp, Irritant
from passerelle.engagements.tests.factories import (
    engagement_data,
    make_commitment,
    make_engagement,
    make_evidence,
    make_follow_up,
    make_irritant,
    make_participant,
)
from passerelle.geo.tests.factories import make_country

pytestmark = pytest.mark.django_db


class TestEngagementPages(PageCRUDTests):
    model = Engagement
    list_url = "/engagements/list/"
    add_url = "/engagements/add/"
    change = {"title_en": "Renamed"}

    def make(self, **fields: Any) -> models.Model:
        engagement = make_engagement(**fields)
        make_participant(engagement=engagement)
        make_follow_up(engagement=engagement)
        return engagement

    def detail_path(self, instance: models.Model) -> str:
        return f"/engagements/{instance.pk}/"

    def shown(self, instance: models.Model) -> str:
        return str(instance.title_en)  # type: ignore[attr-defined]  # str() adds the date

    def create_data(self) -> dict[str, Any]:
        return engagement_data(countries=[make_country().pk])

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {
            **self.create_data(),
            "countries": [c.pk for c in instance.countries.all()] or [make_country().pk],
            **self.change,
        }


class TestFollowUpPages(PageCRUDTests):
    model = FollowUp
    list_url = "/engagements/follow-ups/"
    factory = make_follow_up
    change = {"owner": "Unit B"}

    def shown(self, instance: models.Model) -> str:
        return str(instance.action_en)  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "engagement": make_engagement().pk,
            "action_en": "Send the letter",
            "owner": "Unit A",
            "status": "open",
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "engagement": instance.engagement_id, **self.change}


class TestIrritantPages(PageCRUDTests):
    model = Irritant
    list_url = "/engagements/irritants/"
    change = {"title_en": "Renamed"}
    declared_list = False  # the board: columns by status, not a sortable table

    def make(self, **fields: Any) -> models.Model:
        irritant = make_irritant(**fields)
        make_evidence(irritant=irritant)
        return irritant

    def create_data(self) -> dict[str, Any]:
        return {
            "title_en": "High refusal rates",
            "title_fr": "Taux de refus élevés",
            "kind": "high_refusal_rates",
            "country": make_country().pk,
            "status": "raised",
            "severity": "3",
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        partner = {"country": instance.country_id} if instance.country_id else {}
        return {**self.create_data(), **partner, **self.change}


class TestCommitmentPages(PageCRUDTests):
    model = Commitment
    list_url = "/engagements/commitments/"
    factory = make_commitment
    change = {"status": "fulfilled"}

    def shown(self, instance: models.Model) -> str:
        return str(instance.description_en)  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "direction": "offer",
            "description_en": "Share case-management practices",
            "country": make_country().pk,
            "status": "open",
            "classification": "0",
        }

    def update_data(self, instance: Any) -> dict[str, Any]:
        partner = {"country": instance.country_id} if instance.country_id else {}
        return {**self.create_data(), **partner, **self.change}


def test_a_commitment_needs_one_partner(analyst_client: Client) -> None:
    data = {"direction": "ask", "description_en": "Training", "status": "open"}
    response = analyst_client.post(
        "/en/engagements/commitments/add/", {**data, "classification": "0"}
    )
    assert response.status_code == 400
    assert "Choose the partner" in response.context["error_links"]
    assert not Commitment.objects.exists()

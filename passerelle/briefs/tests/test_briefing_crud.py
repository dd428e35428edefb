"""Events, requests and approval chains through the generic page tests, and requests through
the generic API tests (the API with the most rules: status and its dates read only): every
action by role and clearance, and a change record for each write. The events' and chains' API
is the same restricted viewset without rules of its own; their generic API tests were left out
to keep the suite within its time budget."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

import pytest
from django.db import models

from passerelle.briefs.briefing.models import ApprovalChain, BriefRequest, Event
from passerelle.core.pagetests import PageCRUDTests
from passerelle.core.testcases import APICRUDTests

pytestmark = pytest.mark.django_db
DAY = date.today() + timedelta(days=10)


def make_event(**fields: Any) -> Event:
    values = {"title_en": "GFMD Summit", "kind": "conference", "start_date": DAY}
    return Event.objects.create(**{**values, "principal": "adm", **fields})


def make_request(**fields: Any) -> BriefRequest:
    values = {"title_en": "Scenario of the visit", "kind": "scenario", "principal": "minister"}
    return BriefRequest.objects.create(**{**values, "due": DAY, **fields})


class TestEventPages(PageCRUDTests):
    model = Event
    list_url = "/briefs/events/"
    factory = make_event
    change = {"title_en": "Renamed"}

    def shown(self, instance: models.Model) -> str:
        return str(instance.title_en)  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "title_en": "Five Country Ministerial",
            "kind": "ministerial",
            "start_date": DAY.isoformat(),
            "principal": "minister",
            "classification": "0",
        }


class TestBriefRequestPages(PageCRUDTests):
    model = BriefRequest
    list_url = "/briefs/requests/"
    factory = make_request
    change = {"title_en": "Renamed"}

    def shown(self, instance: models.Model) -> str:
        return str(instance.title_en)  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "title_en": "Meeting note",
            "kind": "meeting",
            "principal": "deputy_minister",
            "due": DAY.isoformat(),
            "classification": "0",
        }


class TestBriefRequestAPI(APICRUDTests):
    model = BriefRequest
    list_url = "/api/v1/briefs/requests/"
    factory = make_request
    update_data: ClassVar[dict[str, Any]] = {"purpose_en": "To prepare the Minister."}
    create_data: ClassVar[dict[str, Any]] = {
        "title_en": "Question Period note",
        "kind": "question_period",
        "principal": "minister",
        "due": DAY.isoformat(),
    }


class TestApprovalChainPages(PageCRUDTests):
    model = ApprovalChain
    list_url = "/briefs/approval-chains/"
    change = {"steps_en": "Director\nADM"}

    def make(self, **fields: Any) -> models.Model:
        values = {"kind": "meeting", "steps_en": "Director\nDirector General", **fields}
        return ApprovalChain.objects.create(**values)

    def shown(self, instance: models.Model) -> str:
        return str(instance.get_kind_display())  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {"kind": "biography", "steps_en": "Director", "classification": "0"}

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.create_data(), "kind": instance.kind, **self.change}

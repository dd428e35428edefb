"""The brief routes' edges: an unknown kind of brief is not found on every route, and adding a
talking point returns only to a page of this site."""

from __future__ import annotations

import pytest
from django.test import Client

from passerelle.briefs.models import BriefEdition, BriefNote
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client


@pytest.fixture
def analyst_client(reference_data: None) -> Client:
    return signed_in_client(make_user(role="analyst", clearance=Classification.PROTECTED_B))


NOTE = {"kind": "talking_point", "text_en": "Raise the agenda.", "classification": 0, "order": 0}


@pytest.mark.parametrize(
    "path",
    [
        "/en/briefs/bogus/",
        "/en/briefs/bogus/MEX/",
        "/fr/briefs/bogus/notes/",
        "/en/briefs/bogus/MEX/notes/",
        "/en/briefs/bogus/release/",
        "/en/briefs/bogus/MEX/release/",
    ],
)
def test_an_unknown_kind_of_brief_is_not_found(analyst_client: Client, path: str) -> None:
    response = analyst_client.post(path, NOTE) if "notes" in path or "release" in path else None
    response = response or analyst_client.get(path)
    assert response.status_code == 404
    assert not BriefNote.objects.exists() and not BriefEdition.objects.exists()


def test_the_api_file_of_an_unknown_kind_is_not_found(analyst_client: Client) -> None:
    assert analyst_client.get("/api/v1/briefs/file/bogus/?format=md").status_code == 404
    assert analyst_client.get("/api/v1/briefs/file/bogus/MEX/?format=md").status_code == 404


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "https:/\\evil.example"]
)
def test_adding_a_talking_point_never_redirects_off_the_site(
    analyst_client: Client, target: str
) -> None:
    response = analyst_client.post("/en/briefs/country/MEX/notes/", {**NOTE, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/en/briefs/"
    assert BriefNote.objects.filter(subject="MEX").exists()


def test_adding_a_talking_point_returns_to_the_brief(analyst_client: Client) -> None:
    back = "/en/briefs/country/MEX/?lang=fr"
    response = analyst_client.post("/en/briefs/country/MEX/notes/", {**NOTE, "next": back})
    assert response["Location"] == back

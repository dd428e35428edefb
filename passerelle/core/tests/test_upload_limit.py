"""An upload larger than any import takes is refused before its body is read (413, issue 18:
a 200 MB CSV held a web worker for 17 minutes), on the pages and the API, in both languages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from passerelle.core.testcases import api_client
from passerelle.core.testing import make_user, signed_in_client
from passerelle.engagements.models import Engagement

pytestmark = pytest.mark.django_db

HEADER = b"title_en,title_fr,start_date,kind,channel\n"


def big_csv(size: int) -> SimpleUploadedFile:
    row = b"Talks,Pourparlers,2024-03-01,bilateral,in_person\n"
    return SimpleUploadedFile("big.csv", HEADER + row * (size // len(row)), "text/csv")


@override_settings(IMPORT_MAX_BYTES=100_000)
@pytest.mark.parametrize(
    ("language", "words"), [("en", "an import takes files of at most"), ("fr", "au plus")]
)
def test_an_upload_above_the_limit_is_refused_before_it_is_read(language: str, words: str) -> None:
    client = signed_in_client(make_user(role="administrator"))
    page = client.post(
        f"/{language}/engagements/import/", {"kind": "engagements", "file": big_csv(400_000)}
    )
    assert page.status_code == 413
    assert words in page.content.decode()
    assert not Engagement.objects.exists()


@override_settings(IMPORT_MAX_BYTES=100_000)
def test_the_api_refuses_a_body_above_the_limit_as_json() -> None:
    client = api_client(make_user(role="administrator"))
    answer = client.post("/api/v1/core/sources/", {"key": "x" * 400_000}, format="json")
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large"


@override_settings(IMPORT_MAX_BYTES=100_000)
def test_an_upload_within_the_limit_is_read() -> None:
    client = signed_in_client(make_user(role="administrator"))
    page = client.post("/en/engagements/import/", {"kind": "engagements", "file": big_csv(20_000)})
    assert page.status_code != 413

"""A brief's PDF or DOCX made in the background: the job holds only what its starter may see, is
marked as the brief is, and is nobody else's to download."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from passerelle.core.models import Job
from passerelle.core.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_brief_page_makes_its_docx_as_a_job(analyst_client: Client) -> None:
    page = analyst_client.get("/en/briefs/fundamental/").content.decode()
    assert 'action="/en/briefs/fundamental/document/?lang=en"' in page
    response = analyst_client.post("/en/briefs/fundamental/document/?lang=fr", {"format": "docx"})
    job = Job.objects.get()
    assert response["Location"] == f"/en/jobs/{job.pk}/"
    assert job.status == "succeeded" and job.params["language"] == "fr"
    assert job.result_file.endswith(".docx")
    download = analyst_client.get(f"/en/jobs/{job.pk}/result/")
    document = zipfile.ZipFile(io.BytesIO(download.getvalue()))
    assert "word/document.xml" in document.namelist()
    other = signed_in_client(make_user(role="analyst"))
    assert other.get(f"/en/jobs/{job.pk}/result/").status_code == 404
    assert (
        analyst_client.post("/en/briefs/fundamental/document/", {"format": "exe"}).status_code
        == 404
    )

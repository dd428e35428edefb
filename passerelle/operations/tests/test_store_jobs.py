"""The store page (administrators): an ingest and a build started as background jobs; a refused
file is the job's errors, with their row and column, and the store stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from passerelle.core.models import Job
from passerelle.core.testing import make_user, signed_in_client
from passerelle.operations import store

pytestmark = pytest.mark.django_db


def test_the_store_page_ingests_and_builds_as_jobs(empty_store: Path) -> None:
    assert (
        signed_in_client(make_user(role="analyst")).get("/en/operations/store/").status_code == 403
    )
    admin = signed_in_client(make_user(role="administrator"))
    page = admin.get("/fr/operations/store/")
    assert page.status_code == 200 and "Intégrer un fichier" in page.content.decode()
    missing = admin.post("/en/operations/store/", {"action": "ingest"})
    assert missing.status_code == 400 and "Choose a file to ingest." in missing.content.decode()

    bad = SimpleUploadedFile("records.csv", b"application_id,decision\nA1,maybe\n")
    response = admin.post("/en/operations/store/", {"action": "ingest", "file": bad}, follow=True)
    job = Job.objects.get(kind="operations.ingest")
    assert response.redirect_chain[-1][0] == f"/en/jobs/{job.pk}/"
    assert job.status == "failed" and job.error.startswith("records.csv: ")
    assert not store.has_records()

    admin.post("/en/operations/store/", {"action": "build", "full": "on"})
    built = Job.objects.get(kind="operations.build")
    assert built.status == "succeeded" and built.params == {"full": True, "reindex": False}

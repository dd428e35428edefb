"""Background jobs in immediate mode (the work runs where it is started): what a job records,
who sees it, cancel, failure and running again, a dead worker, the pages and the command.
test_job_worker.py runs the real queue and a worker process."""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from passerelle.core import jobs
from passerelle.core.classification import Classification
from passerelle.core.jobs import registry, runner
from passerelle.core.jobs.queue import get_queue
from passerelle.core.models import Job, Source
from passerelle.core.testcases import PageReadTests
from passerelle.core.testing import make_source, make_user, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind() -> object:
    """A kind of job of the test's: it reads the sources (what the reader may see counts in the
    job's marking), writes one in a transaction, reporting its progress, and can fail."""

    def run(job: Job) -> jobs.Outcome:
        if job.params.get("fail"):
            raise ValueError("the file is upside down")
        seen = sorted(Source.objects.values_list("key", flat=True))
        with transaction.atomic():
            make_source(key=f"made-by-{job.pk}")
            for done in range(1, 4):
                if job.params.get("cancel_at") == done:
                    jobs.cancel(job)
                jobs.progress(done, 3, "Writing the records")
        (job.folder / "out.txt").write_text("made")
        return jobs.Outcome(result={"summary": ", ".join(seen)}, file="out.txt")

    registry.register("core.test", label="Test", run=run)
    yield
    registry.KINDS.pop("core.test")


def test_a_job_runs_as_its_user_and_is_marked_with_what_it_read(kind) -> None:
    make_source(key="open")
    make_source(key="secret", classification=Classification.PROTECTED_B)
    user = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    job = jobs.start("core.test", user=user, title="a test")
    assert job.status == "succeeded" and (job.done, job.total) == (3, 3)
    assert job.result["summary"] == "open"  # read as its user: not the Protected B source
    assert job.classification == Classification.UNCLASSIFIED
    assert Source.objects.filter(key=f"made-by-{job.pk}").exists()
    assert job.started and job.finished and job.language == "en"

    admin = make_user(role="administrator")
    shown = jobs.start("core.test", user=admin)
    assert shown.result["summary"] == f"made-by-{job.pk}, open, secret"
    assert shown.classification == Classification.PROTECTED_B


def test_another_users_job_is_not_found_and_administrators_see_every_job(kind) -> None:
    owner, other = make_user(role="analyst"), make_user(role="analyst")
    job = jobs.start("core.test", user=owner, title="owner's")
    mine, theirs = signed_in_client(owner), signed_in_client(other)
    page = mine.get(f"/en/jobs/{job.pk}/")
    assert page.status_code == 200 and "Succeeded" in page.content.decode()
    assert mine.get(f"/en/jobs/{job.pk}/result/").getvalue() == b"made"
    for url in ("", "result/"):
        assert theirs.get(f"/en/jobs/{job.pk}/{url}").status_code == 404
    for url in ("cancel/", "retry/"):
        assert theirs.post(f"/en/jobs/{job.pk}/{url}").status_code == 404
    assert "owner&#x27;s" not in theirs.get("/fr/jobs/").content.decode()
    assert "owner&#x27;s" in mine.get("/en/jobs/").content.decode()
    admin = signed_in_client(make_user(role="administrator"))
    assert admin.get(f"/en/jobs/{job.pk}/").status_code == 200
    assert "owner's" in admin.get("/en/jobs/?format=csv").content.decode()


def test_a_queued_job_cancelled_never_runs(kind) -> None:
    user = make_user(role="analyst")
    job = Job.objects.create(kind="core.test", started_by=user)
    response = signed_in_client(user).post(f"/en/jobs/{job.pk}/cancel/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "cancelled"
    runner.execute(job.pk)  # the queue's message, arriving late
    assert not Source.objects.filter(key=f"made-by-{job.pk}").exists()


def test_a_running_job_cancelled_stops_and_writes_nothing(kind, monkeypatch) -> None:
    monkeypatch.setattr("passerelle.core.jobs.tracking.CHECK_EVERY", 0)
    user = make_user(role="analyst")
    job = jobs.start("core.test", user=user, params={"cancel_at": 2})
    assert job.status == "cancelled" and job.done == 2
    assert not Source.objects.filter(key=f"made-by-{job.pk}").exists()  # rolled back


def test_a_failed_job_says_why_and_runs_again(kind) -> None:
    user = make_user(role="analyst")
    job = jobs.start(
        "core.test", user=user, params={"fail": True}, files={"in.csv": io.BytesIO(b"x")}
    )
    assert job.status == "failed" and "the file is upside down" in job.error
    client = signed_in_client(user)
    assert "the file is upside down" in client.get(f"/en/jobs/{job.pk}/").content.decode()
    response = client.post(f"/en/jobs/{job.pk}/retry/")
    again = Job.objects.get(retry_of=job)
    assert response["Location"] == f"/en/jobs/{again.pk}/"
    assert (again.folder / "in.csv").read_bytes() == b"x"
    assert again.status == "failed"  # the same parameters, the same failure


def test_a_running_job_whose_worker_died_is_marked_failed(kind, settings) -> None:
    settings.JOBS_STALE_AFTER = 30
    user = make_user(role="analyst")
    job = Job.objects.create(kind="core.test", started_by=user, status="running")
    get_queue().beat(job.pk, {"time": time.time() - 5, "done": 1, "total": 4, "phase": ""})
    page = signed_in_client(user).get(f"/en/jobs/{job.pk}/").content.decode()
    assert "1 of 4 done" in page and 'hx-trigger="every 2s"' in page  # live, refreshing
    assert '<noscript><meta http-equiv="refresh"' in page
    get_queue().beat(job.pk, {"time": time.time() - 31, "done": 1, "total": 4, "phase": ""})
    page = signed_in_client(user).get(f"/fr/jobs/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == "failed" and "Run it again" in job.error
    assert "Relancez-la" in page and "hx-trigger" not in page


def test_the_command_lists_shows_cancels_and_runs_again(kind, capsys) -> None:
    user = make_user(role="analyst", username="ana")
    failed = jobs.start("core.test", user=user, params={"fail": True})
    queued = Job.objects.create(kind="core.test", started_by=user)
    call_command("jobs", "list")
    listed = capsys.readouterr().out
    assert f"{failed.pk}  failed" in listed and "ana" in listed
    call_command("jobs", "show", str(failed.pk))
    assert "upside down" in json.loads(capsys.readouterr().out)["error"]
    call_command("jobs", "cancel", str(queued.pk))
    assert Job.objects.get(pk=queued.pk).status == "cancelled"
    call_command("jobs", "retry", str(failed.pk))
    assert Job.objects.filter(retry_of=failed).count() == 1


class TestJobPages(PageReadTests):
    """The list and a job's page, declared over the generic views; administrators see every
    job, within their clearance."""

    model = Job
    list_url = "/jobs/"
    view_role = "administrator"

    def make(self, **fields: Any) -> Job:
        starter = make_user(role="analyst")
        return Job.objects.create(kind="core.test", started_by=starter, title="Import", **fields)

    def shown(self, instance: Any) -> str:
        return f"{instance.pk} · {instance.title}"

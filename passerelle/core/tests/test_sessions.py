"""Sessions live on the server: idle ones expire, and signing out ends them there."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from passerelle.core.testing import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_request_pushes_the_idle_deadline_forward(settings, monkeypatch):
    client = signed_in_client(make_user(role="viewer"))
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    later = time.time() + settings.SESSION_REFRESH_SECONDS
    monkeypatch.setattr(time, "time", lambda: later)
    client.get("/en/")
    refreshed = Session.objects.get(pk=session.pk)
    assert refreshed.expire_date > timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - 60
    )


def test_requests_within_a_minute_do_not_write_the_session(settings):
    """A signed-in page costs no session write unless the last refresh is a minute old."""
    client = signed_in_client(make_user(role="viewer"))
    client.get("/en/")
    session = Session.objects.get()
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    for _ in range(3):
        assert client.get("/en/").status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date < timezone.now() + timedelta(minutes=6)


def test_an_idle_session_ends(settings):
    client = signed_in_client(make_user(role="viewer"))
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/en/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_signing_out_ends_the_session_on_the_server():
    client = signed_in_client(make_user(role="viewer"))
    key = client.session.session_key
    response = client.post("/en/sign-out/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = str(key)  # replaying the old cookie does not sign anyone in
    assert client.get("/en/").status_code == 302


def test_notice_is_required_before_any_page():
    client = signed_in_client(make_user(role="viewer"), acknowledged=False)
    response = client.get("/en/geo/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/notice/?next=")
    client.post("/en/notice/", {"next": "/en/geo/"})
    assert client.get("/en/geo/").status_code == 200


def test_notice_does_not_redirect_outside_the_site():
    client = signed_in_client(make_user(role="viewer"), acknowledged=False)
    response = client.post("/en/notice/", {"next": "https://evil.example.com/"})
    assert response["Location"] == "/en/"

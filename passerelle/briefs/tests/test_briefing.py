"""Briefing: events, requests through their approval chain, the calendar, its feed, the home
panel and the digest."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from passerelle.briefs.briefing import feed, workflow
from passerelle.briefs.briefing.digest import send_digest
from passerelle.briefs.briefing.models import (
    Approval,
    ApprovalChain,
    BriefRequest,
    Event,
    Principal,
    RequestKind,
    Status,
)
from passerelle.briefs.models import BriefEdition, FrozenEdition
from passerelle.briefs.services import build_brief, render
from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client
from passerelle.partners.tests.factories import make_forum

PA, PB = Classification.PROTECTED_A, Classification.PROTECTED_B
TODAY = date.today()


def _event(**fields: Any) -> Event:
    values: dict[str, Any] = {
        "title_en": "Five Country Ministerial",
        "title_fr": "Réunion ministérielle des cinq pays",
        "kind": Event.Kind.MINISTERIAL,
        "start_date": TODAY + timedelta(days=3),
        "principal": Principal.MINISTER,
        "team": "multilateral",
    }
    return Event.objects.create(**{**values, **fields})


def _request(**fields: Any) -> BriefRequest:
    values: dict[str, Any] = {
        "title_en": "Forum brief for the ministerial",
        "kind": RequestKind.FUNDAMENTAL,
        "principal": Principal.MINISTER,
        "due": TODAY + timedelta(days=2),
        "purpose_en": "To prepare the Minister.",
        "key_messages_en": "Canada champions the compacts.\nCanada leads on labour mobility.",
        "key_messages_fr": "Le Canada défend les pactes.\nLe Canada mène sur la mobilité.",
    }
    return BriefRequest.objects.create(**{**values, **fields})


@pytest.mark.django_db
def test_a_request_goes_through_its_chain_and_its_approved_editions_are_frozen() -> None:
    ApprovalChain.objects.create(kind=RequestKind.FUNDAMENTAL, steps_en="Director\nADM")
    analyst = make_user(role="analyst", first_name="Ana", last_name="Lyst")
    request = _request(drafter=analyst)
    assert request.tracking_number == f"IA-{TODAY.year}-0001"
    workflow.start_drafting(request, user=analyst)
    workflow.submit_for_review(request, user=analyst)
    first = workflow.decide(request, user=analyst, approve=True, comments="Fine.")
    assert (first.step_name, request.status) == ("Director", Status.IN_REVIEW)

    # A change to the author's words after an approval sends the request back.
    request.purpose_en = "To prepare the Minister for the ministerial."
    request.save()
    request.refresh_from_db()
    first.refresh_from_db()
    assert request.status == Status.DRAFTING and first.superseded

    workflow.submit_for_review(request, user=analyst)
    with pytest.raises(workflow.WorkflowError):
        workflow.decide(request, user=analyst, approve=False)  # a return says why
    workflow.decide(request, user=analyst, approve=True)
    workflow.decide(request, user=analyst, approve=True, comments="Approved for the ADM.")
    assert request.status == Status.APPROVED and request.approved_on == TODAY
    editions = BriefEdition.objects.filter(request=request)
    assert sorted(editions.values_list("language", flat=True)) == ["en", "fr"]
    english = editions.get(language="en")
    assert "Prepared by / approved by" in english.markdown
    assert "Approved by (ADM) | Ana Lyst" in english.markdown
    english.markdown = "changed"
    with pytest.raises(FrozenEdition):
        english.save()
    workflow.mark_sent(request, user=analyst)
    assert request.status == Status.SENT and request.sent_on == TODAY
    assert Approval.objects.filter(request=request, superseded=False).count() == 2


@pytest.mark.django_db
def test_every_brief_opens_with_purpose_key_messages_and_sign_off() -> None:
    user = make_user(role="analyst", username="drafter")
    _request(drafter=user, classification=PA, purpose_fr="Préparer le ministre.")
    brief = build_brief(kind="fundamental", user=user, language="fr")
    assert [s.key for s in brief.sections[:3]] == ["purpose", "key-messages", "sign-off"]
    assert brief.classification == PA  # the request's marking counts
    text = render(brief, "md").decode()
    assert "Préparer le ministre." in text and "Le Canada défend les pactes." in text
    assert "Pas encore approuvé" in text
    docx = render(brief, "docx")
    assert docx[:2] == b"PK"
    # A reader cleared below the request gets the brief without it.
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    brief = build_brief(kind="fundamental", user=low, language="en")
    assert [s.key for s in brief.sections[:1]] == ["sign-off"]
    assert "To prepare the Minister" not in render(brief, "md").decode()


@pytest.mark.django_db
def test_pages_calendar_and_actions(analyst_client: Any, analyst: Any) -> None:
    event = _event(forum=make_forum(slug="fcm"))
    request = _request(event=event, due=TODAY - timedelta(days=1), team="multilateral")
    for url in (
        "/en/briefs/calendar/",
        f"/fr/briefs/calendar/?month={TODAY:%Y-%m}&team=multilateral",
        f"/en/briefs/calendar/list/?from={TODAY - timedelta(days=5)}",
        "/en/briefs/events/",
        f"/en/briefs/events/{event.pk}/",
        "/en/briefs/requests/?overdue=true",
        f"/fr/briefs/requests/{request.pk}/",
        "/en/briefs/approval-chains/",
        "/en/",
    ):
        response = analyst_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert request.tracking_number in body or "events" in url or "approval" in url, url
    month = analyst_client.get("/en/briefs/calendar/").content.decode()
    assert '<th scope="col">Monday</th>' in month and "Five Country Ministerial" in month
    response = analyst_client.post(f"/en/briefs/requests/{request.pk}/do/review/")
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW and request.review_on == TODAY
    analyst_client.post(f"/en/briefs/requests/{request.pk}/do/decide/", {"decision": "approve"})
    assert Approval.objects.get(request=request).approver == analyst
    viewer = signed_in_client(make_user(role="viewer"))
    assert viewer.post(f"/en/briefs/requests/{request.pk}/do/send/").status_code == 403


@pytest.mark.django_db
def test_the_feed_is_signed_and_shows_only_what_its_reader_may_see(client: Any) -> None:
    _event(title_en="Open meeting")
    _event(title_en="Protected meeting", classification=PB, notes_en="secret notes")
    _request(title_en="Protected brief", classification=PB, purpose_en="secret purpose")
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    high = make_user(role="viewer", clearance=PB)
    low_feed = client.get(feed.feed_url(low))
    assert low_feed.status_code == 200 and low_feed["Content-Type"].startswith("text/calendar")
    assert b"Open meeting" in low_feed.content and b"Protected" not in low_feed.content
    assert low_feed["X-Security-Classification"] == "unclassified"
    high_feed = client.get(feed.feed_url(high))
    body = high_feed.content.decode().replace("\r\n ", "")
    assert "[PROTECTED B] Protected meeting" in body and "Protected brief" in body
    assert "secret" not in body  # titles only, never purpose or notes
    assert high_feed["X-Security-Classification"] == "protected-b"
    team = client.get(feed.feed_url(high, team="bilateral")).content
    assert b"Protected meeting" not in team
    assert client.get(feed.feed_url(high)[:-8] + "forged.ics").status_code == 404
    # Someone else's address, opened in a signed-in browser, is refused.
    assert signed_in_client(low).get(feed.feed_url(high)).status_code == 403


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_daily_digest_lists_each_users_overdue_requests() -> None:
    drafter = make_user(role="analyst", email="drafter@example.gc.ca", clearance=PA)
    _request(drafter=drafter, due=TODAY - timedelta(days=3), title_en="Late note")
    _request(drafter=drafter, due=TODAY + timedelta(days=3), title_en="Not yet due")
    _request(drafter=drafter, due=TODAY - timedelta(days=3), classification=PB, title_en="PB")
    call_command("briefing", "digest")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["drafter@example.gc.ca"]
    assert "Late note" in message.body and "Not yet due" not in message.body
    assert "PB" not in message.body.replace("UNCLASSIFIED", "")
    assert send_digest(today=TODAY - timedelta(days=10)) == 0

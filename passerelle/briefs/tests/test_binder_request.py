"""Issue 17's "done when", walked through the pages: an analyst receives a request for a Deputy
Minister's trip, starts its binder from the request and its event, drafts the parts from live
data, takes the binder through the approval chain (a change on the way sends it back), and sends
one bilingual binder whose every figure is footnoted; the calendar shows what is due."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

from django.utils.html import escape

from passerelle.briefs.binders.assemble import assemble
from passerelle.briefs.briefing.models import (
    Approval,
    BriefRequest,
    Event,
    Principal,
    RequestKind,
    Status,
)
from passerelle.briefs.models import Binder, BinderPart, BriefEdition
from passerelle.core.classification import Classification
from passerelle.core.leaktest.documents import docx_text
from passerelle.core.testing import make_user, signed_in_client
from passerelle.geo.models import Country
from passerelle.partners.models import Forum
from passerelle.partners.tests.factories import make_appointment, make_person

PB = Classification.PROTECTED_B
TODAY = date.today()


def _pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _act(client: object, tasking: BriefRequest, action: str, **data: str) -> None:
    response = client.post(f"/en/briefs/requests/{tasking.pk}/do/{action}/", data)  # type: ignore[attr-defined]
    assert response.status_code == 302, response


def test_a_deputy_ministers_trip_from_request_to_one_bilingual_binder(
    reference_data: None,
) -> None:
    analyst = make_user(role="analyst", clearance=PB, first_name="Ana", last_name="Lyst")
    director = make_user(role="analyst", clearance=PB, first_name="Dir", last_name="Ector")
    mexico = Country.objects.get(iso_alpha3="MEX")
    forum = Forum.objects.get(slug="gfmd")
    counterpart = make_person(name="Ana Ortiz", slug="ana-ortiz", country=mexico)
    make_appointment(person=counterpart, title_en="Undersecretary", title_fr="Sous-secrétaire")
    event = Event.objects.create(
        title_en="Deputy Minister's visit to Mexico",
        title_fr="Visite de la sous-ministre au Mexique",
        kind=Event.Kind.BILATERAL_VISIT,
        start_date=TODAY + timedelta(days=20),
        place_en="Mexico City",
        place_fr="Mexico",
        principal=Principal.DEPUTY_MINISTER,
        forum=forum,
        notes_en="Day 1: meetings with the counterparts.",
        notes_fr="Jour 1 : rencontres avec les homologues.",
    )
    event.countries.add(mexico)
    client = signed_in_client(analyst)
    page = client.get(f"/en/briefs/events/{event.pk}/").content.decode()
    asked = f"/en/briefs/requests/add/?event={event.pk}&amp;kind=binder"
    assert asked in page
    form = client.get(asked.replace("&amp;", "&")).content.decode()
    assert "Binder — Deputy Minister&#x27;s visit to Mexico" in form
    tasking = BriefRequest.objects.create(
        kind=RequestKind.BINDER,
        title_en="Binder: Deputy Minister's visit to Mexico",
        title_fr="Cahier : visite de la sous-ministre au Mexique",
        event=event,
        principal=Principal.DEPUTY_MINISTER,
        due=TODAY + timedelta(days=15),
        drafter=analyst,
        purpose_en="To prepare the Deputy Minister for her meetings in Mexico.",
        purpose_fr="Préparer la sous-ministre à ses rencontres au Mexique.",
        key_messages_en="Canada values its migration partnership with Mexico.",
        key_messages_fr="Le Canada tient à son partenariat migratoire avec le Mexique.",
    )

    # The calendar shows what is due, on its day.
    month = client.get(f"/en/briefs/calendar/?month={tasking.due:%Y-%m}").content.decode()
    assert tasking.tracking_number in month or tasking.title_en in month

    # A binder's request cannot go for review before its binder is started.
    _act(client, tasking, "draft")
    _act(client, tasking, "review")
    tasking.refresh_from_db()
    assert tasking.status == Status.DRAFTING

    # Started from the request and its event: a scenario note, the country, the forum, the
    # counterpart's biography, all live.
    page = client.get(f"/en/briefs/requests/{tasking.pk}/").content.decode()
    assert "Start the binder" in page
    response = client.post(f"/en/briefs/requests/{tasking.pk}/do/binder/")
    binder = Binder.objects.get(request=tasking)
    assert response.status_code == 302 and response["Location"].endswith(f"/{binder.pk}/")
    assert (binder.day, binder.occasion_en) == (event.start_date, f"{event.title_en}, Mexico City")
    parts = [(p.kind, p.subject, p.frozen) for p in binder.parts.all()]
    assert parts == [
        ("note", "", False),
        ("country", "MEX", False),
        ("forum", "gfmd", False),
        ("biography", "ana-ortiz", False),
    ]
    client.post(f"/en/briefs/requests/{tasking.pk}/do/binder/")  # once: the same binder
    assert Binder.objects.filter(request=tasking).count() == 1
    page = client.get(f"/en/briefs/binders/{binder.pk}/").content.decode()
    assert tasking.tracking_number in page
    assert escape(binder.title_en) in client.get(f"/en/briefs/events/{event.pk}/").content.decode()

    # Drafting: the scenario note written on its page, the Fundamental Brief added as a tab.
    note = binder.parts.get(kind="note")
    edited = client.post(
        f"/en/briefs/binders/parts/{note.pk}/edit/",
        {"title_en": "Scenario note", "title_fr": "Note de scénario", "classification": "0",
         "text_en": "Day 1: the Undersecretary.", "text_fr": "Jour 1 : la sous-secrétaire.",
         "version": str(note.version)},
    )  # fmt: skip
    assert edited.status_code == 302, edited.content.decode()[:3000]
    added = client.post(
        f"/en/briefs/binders/{binder.pk}/parts/add/?kind=fundamental", {"classification": "0"}
    )
    assert added.status_code == 302 and binder.parts.filter(kind="fundamental").exists()

    # Through the chain; a change to the binder after a step approved it sends it back.
    _act(client, tasking, "review")
    approver = signed_in_client(director)
    _act(approver, tasking, "decide", decision="approve", comments="Good.")
    client.post(f"/en/briefs/binders/parts/{binder.parts.get(kind='forum').pk}/remove/")
    tasking.refresh_from_db()
    assert tasking.status == Status.DRAFTING
    assert not tasking.approvals.filter(superseded=False).exists()
    _act(client, tasking, "review")
    for _step in range(4):
        _act(approver, tasking, "decide", decision="approve")
    tasking.refresh_from_db()
    assert tasking.status == Status.APPROVED
    assert Approval.objects.filter(request=tasking, superseded=False).count() == 4

    # The approval froze what it approved: each brief built from live data is an approved
    # edition in English and French, of this request; the written parts stay as written.
    frozen = {p.kind: p for p in binder.parts.all()}
    country_fr = frozen["country"].edition_fr
    assert frozen["country"].frozen and country_fr is not None and country_fr.language == "fr"
    fundamental_en = frozen["fundamental"].edition_en
    assert fundamental_en is not None and fundamental_en.request == tasking
    assert BriefEdition.objects.filter(request=tasking).count() == 4
    assert not frozen["note"].frozen and frozen["note"].pk == note.pk

    _act(client, tasking, "send")
    tasking.refresh_from_db()
    assert tasking.status == Status.SENT

    # One binder in each language, every figure footnoted, opening with the request's purpose,
    # key messages and who prepared and approved it.
    for language, words in (
        ("en", ["Purpose", "Key messages", "Approved by", "Dir Ector", "Scenario note"]),
        ("fr", ["Objet", "Messages clés", "Approuvé", "Dir Ector", "Note de scénario"]),
    ):
        assembled = assemble(binder, user=analyst, language=language)
        figures = [
            figure
            for part in assembled.parts
            for section in part.brief.sections
            for figure in section.figures
        ]
        assert figures and all(f.footnote is not None and f.footnote.source for f in figures)
        pdf = client.get(f"/en/briefs/binders/{binder.pk}/download/?format=pdf&lang={language}")
        text = _pdf_text(pdf.content)
        docx = client.get(f"/en/briefs/binders/{binder.pk}/download/?format=docx&lang={language}")
        words_docx = docx_text(docx.content)
        for word in [*words, tasking.tracking_number, "Ana Ortiz", "Jour 1" if language == "fr"
                     else "Day 1: the Undersecretary"]:  # fmt: skip
            assert word in text, (language, word)
            assert word in words_docx, (language, word)


def test_the_binder_s_cover_after_approval_and_a_part_s_edit_send_it_back(
    reference_data: None,
) -> None:
    analyst = make_user(role="analyst", clearance=PB)
    tasking = BriefRequest.objects.create(
        kind=RequestKind.BINDER, title_en="Binder", principal=Principal.MINISTER, due=TODAY
    )
    binder = Binder.objects.create(title_en="Binder", request=tasking)
    part = BinderPart.objects.create(binder=binder, order=1, kind="note", title_en="Note")
    Approval.objects.create(
        request=tasking, step=0, step_name="Director", decision="approved", approver=analyst
    )
    tasking.status = Status.IN_REVIEW
    tasking.save()

    binder.title_en = "Binder, retitled"
    binder.save()
    tasking.refresh_from_db()
    assert tasking.status == Status.DRAFTING

    Approval.objects.create(
        request=tasking, step=0, step_name="Director", decision="approved", approver=analyst
    )
    part.text_en = "A new paragraph."
    part.save()
    tasking.refresh_from_db()
    assert tasking.status == Status.DRAFTING
    assert not tasking.approvals.filter(superseded=False).exists()

    # A part deleted on its own (the API's DELETE) sends it back too.
    Approval.objects.create(
        request=tasking, step=0, step_name="Director", decision="approved", approver=analyst
    )
    part.delete()
    assert not tasking.approvals.filter(superseded=False).exists()

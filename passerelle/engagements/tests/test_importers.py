"""CSV import of engagements and follow-ups: all or nothing, every bad row reported, idempotent,
within the importer's clearance; the command and the upload page."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.testing import make_user
from passerelle.engagements.importers import ENGAGEMENT_OPTIONAL, ENGAGEMENT_REQUIRED, import_csv
from passerelle.engagements.models import Engagement, FollowUp, Level, Participant
from passerelle.engagements.tests.factories import (
    make_engagement,
    make_follow_up,
    make_objective,
    make_participant,
    make_topic,
)
from passerelle.geo.tests.factories import make_country
from passerelle.partners.tests.factories import make_forum, make_organization

pytestmark = pytest.mark.django_db

ENGAGEMENT_HEADER = (
    "title_en,title_fr,start_date,end_date,kind,channel,place_en,place_fr,countries,"
    "organizations,forum,topics,objectives,canadian_levels,summary_en,summary_fr,outcomes_en,"
    "outcomes_fr,classification,illustrative"
)
MEXICO_ROW = (
    "Mexico–Canada High-Level Dialogue on Mobility,Dialogue de haut niveau Mexique–Canada sur "
    "la mobilité,2024-03-01,2024-03-02,dialogue,bilateral,Mexico City,Mexico,XMX;XGT,oim,mirps,"
    "asile,goal-1,deputy_minister;senior_executive,Talks on labour mobility.,"
    "Échanges sur la mobilité de la main-d’œuvre et le déplacement forcé.,,,Protected A,oui"
)


@pytest.fixture
def partners(db: None) -> None:
    make_country(iso_alpha3="XMX", iso_alpha2="XM", name_en="Mexico", name_fr="Mexique")
    make_country(iso_alpha3="XGT", iso_alpha2="XG")
    make_organization(slug="oim")
    make_forum(slug="mirps")
    make_topic(slug="asile")
    make_objective(slug="goal-1")


def csv_file(*lines: str, bom: bool = False) -> io.BytesIO:
    text = "\r\n".join(lines) + "\r\n"
    return io.BytesIO((("\ufeff" if bom else "") + text).encode("utf-8"))


def test_an_engagement_file_with_a_bom_and_french_accents_is_imported(
    analyst: User, partners: None
):
    report = import_csv(
        "engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW, bom=True), user=analyst
    )
    assert report.ok, report.errors
    assert (report.rows, report.created, report.updated) == (1, 1, 0)
    engagement = Engagement.objects.get()
    assert engagement.title_fr.startswith("Dialogue de haut niveau Mexique–Canada")
    assert (
        engagement.summary_fr
        == "Échanges sur la mobilité de la main-d’œuvre et le déplacement forcé."
    )
    assert engagement.end_date == date(2024, 3, 2)
    assert engagement.kind == "dialogue" and engagement.forum.slug == "mirps"  # type: ignore[union-attr]
    assert sorted(engagement.countries.values_list("iso_alpha3", flat=True)) == ["XGT", "XMX"]
    assert list(engagement.organizations.values_list("slug", flat=True)) == ["oim"]
    assert list(engagement.topics.values_list("slug", flat=True)) == ["asile"]
    assert list(engagement.objectives.values_list("slug", flat=True)) == ["goal-1"]
    levels = set(engagement.participants.values_list("level", flat=True))
    assert levels == {Level.DEPUTY_MINISTER, Level.SENIOR_EXECUTIVE}
    assert engagement.classification == Classification.PROTECTED_A and engagement.illustrative
    record = ChangeRecord.objects.get(
        object_id=str(engagement.pk), action="create", content_type__model="engagement"
    )
    assert record.actor == "import:engagements" and record.user == analyst


def test_importing_the_same_file_twice_changes_nothing(analyst: User, partners: None):
    import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=analyst)
    changes = ChangeRecord.objects.count()
    report = import_csv(
        "engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW, bom=True), user=analyst
    )
    assert report.ok and (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert ChangeRecord.objects.count() == changes
    assert Engagement.objects.count() == 1 and Participant.objects.count() == 2


def test_a_changed_row_updates_its_engagement_and_links(analyst: User, partners: None):
    import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=analyst)
    changed = MEXICO_ROW.replace("XMX;XGT", "XMX").replace(
        "deputy_minister;senior_executive", "Ministre"
    )
    report = import_csv("engagements", csv_file(ENGAGEMENT_HEADER, changed), user=analyst)
    assert report.ok and report.updated == 1
    engagement = Engagement.objects.get()
    assert list(engagement.countries.values_list("iso_alpha3", flat=True)) == ["XMX"]
    assert list(engagement.participants.values_list("level", flat=True)) == [Level.MINISTER]


def test_every_bad_row_is_reported_and_nothing_is_written(analyst: User, partners: None):
    rows = [
        MEXICO_ROW,
        "Bad date,Mauvaise date,2024-13-01,,meeting,bilateral,,,XMX,,,,,,,,,,,",
        "Ends early,Finit tôt,2024-03-05,2024-03-01,visit,regional,,,XZZ,,nope,,,,,,,,,",
        ",Sans titre anglais,2024-03-05,,party,bilateral,,,,,,,,mayor,,,,,top_secret,peut-être",
        MEXICO_ROW,
    ]
    report = import_csv("engagements", csv_file(ENGAGEMENT_HEADER, *rows), user=analyst)
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert (3, "start_date") in found
    assert {(4, "end_date"), (4, "countries"), (4, "forum")} <= found
    assert {(5, "title_en"), (5, "kind"), (5, "canadian_levels")} <= found
    assert {(5, "classification"), (5, "illustrative")} <= found
    assert (6, "title_en,start_date") in found
    assert "line 6" not in {str(e) for e in report.errors if e.row != 6}
    reasons = {(e.row, e.column): e.reason for e in report.errors}
    assert reasons[(4, "countries")] == "unknown country 'XZZ'"
    assert "duplicate of line 2" in reasons[(6, "title_en,start_date")]
    assert (
        not Engagement.objects.exists()
        and not ChangeRecord.objects.filter(content_type__model="engagement").exists()
    )


def test_a_bad_header_is_reported(analyst: User):
    report = import_csv(
        "engagements", csv_file("title_en,title_fr,start_date,colour"), user=analyst
    )
    errors = {(e.row, e.column, e.reason) for e in report.errors}
    assert (1, "kind", "missing column") in errors and (1, "colour", "unknown column") in errors


def test_a_file_that_is_not_utf8_is_refused(analyst: User):
    report = import_csv("engagements", io.BytesIO("titre,é".encode("latin-1")), user=analyst)
    assert [str(e) for e in report.errors] == ["line 1, row: the file is not UTF-8 text"]


def test_importing_above_ones_own_clearance_is_refused(partners: None):
    cleared_a = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    above = MEXICO_ROW.replace("Protected A", "protected_b")
    report = import_csv("engagements", csv_file(ENGAGEMENT_HEADER, above), user=cleared_a)
    assert [(e.row, e.column) for e in report.errors] == [(2, "classification")]
    assert "above your clearance" in report.errors[0].reason
    assert not Engagement.objects.exists()


def test_a_hidden_engagement_with_the_same_key_is_neither_overwritten_nor_told(partners: None):
    hidden = make_engagement(
        title_en="Mexico–Canada High-Level Dialogue on Mobility",
        start_date=date(2024, 3, 1),
        classification=Classification.PROTECTED_B,
        summary_en="Kept",
    )
    cleared_a = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    report = import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=cleared_a)
    assert report.ok and report.created == 1, "to the importer there is no such engagement"
    assert Engagement.objects.get(pk=hidden.pk).summary_en == "Kept"
    assert Engagement.objects.filter(classification=Classification.PROTECTED_A).count() == 1


def test_a_viewer_may_not_import(viewer: User):
    with pytest.raises(PermissionDenied):
        import_csv("engagements", csv_file(ENGAGEMENT_HEADER), user=viewer)


FOLLOW_UP_HEADER = "engagement,engagement_date,action_en,action_fr,owner,due,status"


def test_follow_ups_are_imported_against_their_engagement_once(analyst: User):
    engagement = make_engagement(title_en="Talks with Mexico", start_date=date(2024, 3, 1))
    make_follow_up(engagement=engagement, action_en="Send the draft", status="open")
    lines = [
        FOLLOW_UP_HEADER,
        "Talks with Mexico,2024-03-01,Send the draft,Envoyer l’ébauche,Affaires internationales,"
        "2024-04-01,En cours",
        "Talks with Mexico,2024-03-01,Share the réinstallation data,,Réinstallation,,",
    ]
    report = import_csv("follow-ups", csv_file(*lines), user=analyst)
    assert report.ok, report.errors
    assert (report.created, report.updated) == (1, 1)
    updated = FollowUp.objects.get(action_en="Send the draft")
    assert updated.status == "in_progress" and updated.action_fr == "Envoyer l’ébauche"
    assert FollowUp.objects.get(owner="Réinstallation").status == "open"
    again = import_csv("follow-ups", csv_file(*lines, bom=True), user=analyst)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_follow_up_may_name_its_engagement_by_its_french_title(analyst: User):
    engagement = make_engagement(title_fr="Réunion avec le Mexique", start_date=date(2024, 5, 2))
    lines = [FOLLOW_UP_HEADER, "Réunion avec le Mexique,2024-05-02,Write back,,Unit,,done"]
    assert import_csv("follow-ups", csv_file(*lines), user=analyst).ok
    assert FollowUp.objects.get().engagement == engagement


def test_a_follow_up_of_an_unknown_engagement_is_reported(analyst: User):
    lines = [FOLLOW_UP_HEADER, "Nothing like it,2024-03-01,Call back,,Someone,soon,"]
    report = import_csv("follow-ups", csv_file(*lines), user=analyst)
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(2, "engagement"), (2, "due")}
    assert not FollowUp.objects.exists()


def test_a_marked_export_line_is_skipped_and_lines_keep_their_numbers(analyst: User):
    marked = ["# Security classification: Unclassified", FOLLOW_UP_HEADER, "x,2024-01-01,a,,b,,"]
    report = import_csv("follow-ups", csv_file(*marked), user=analyst)
    assert [(e.row, e.column) for e in report.errors] == [(3, "engagement")]


def test_a_dry_run_counts_and_writes_nothing(analyst: User, partners: None):
    report = import_csv(
        "engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=analyst, dry_run=True
    )
    assert report.ok and report.created == 1
    assert not Engagement.objects.exists() and not Participant.objects.exists()


def test_the_command_imports_and_reports(analyst: User, partners: None, tmp_path: Path):
    path = tmp_path / "engagements.csv"
    path.write_text(f"{ENGAGEMENT_HEADER}\n{MEXICO_ROW}\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "engagements-import",
        "engagements",
        str(path),
        "--user",
        analyst.username,
        "--dry-run",
        stdout=out,
    )
    assert "nothing written" in out.getvalue() and not Engagement.objects.exists()
    call_command(
        "engagements-import", "engagements", str(path), "--user", analyst.username, stdout=out
    )
    assert "1 created" in out.getvalue() and Engagement.objects.count() == 1
    path.write_text(f"{ENGAGEMENT_HEADER}\n{MEXICO_ROW.replace('2024-03-01', '1 March')}\n")
    with pytest.raises(CommandError, match=r"engagements.csv:line 2, start_date"):
        call_command("engagements-import", "engagements", str(path), "--user", analyst.username)


def test_the_page_imports_for_analysts_only(
    analyst_client: Client, viewer_client: Client, partners: None
):
    assert viewer_client.get("/en/engagements/import/").status_code == 403
    page = analyst_client.get("/fr/engagements/import/")
    assert page.status_code == 200 and b"<form" in page.content and b"novalidate" in page.content
    upload = SimpleUploadedFile("e.csv", f"\ufeff{ENGAGEMENT_HEADER}\n{MEXICO_ROW}\n".encode())
    response = analyst_client.post(
        "/en/engagements/import/", {"kind": "engagements", "file": upload}, follow=True
    )
    assert response.redirect_chain[0][0].startswith("/en/jobs/")  # the import job's page
    assert "1 row: 1 created" in response.content.decode()
    assert Engagement.objects.count() == 1


def test_the_page_lists_every_rejected_row_and_form_errors(analyst_client: Client):
    upload = SimpleUploadedFile(
        "e.csv", f"{ENGAGEMENT_HEADER}\nA,B,never,,meeting,bilateral\n".encode()
    )
    page = analyst_client.post(
        "/en/engagements/import/", {"kind": "engagements", "file": upload}, follow=True
    )
    text = page.content.decode()
    assert "Nothing was imported" in text and "<code>start_date</code>" in text
    missing = analyst_client.post("/en/engagements/import/", {"kind": "engagements"})
    assert "gcds-error-summary" in missing.content.decode()
    assert "Choose a CSV file to import." in missing.content.decode()


def test_the_lists_in_the_import_layout_import_back_unchanged(
    analyst: User, analyst_client: Client, partners: None
) -> None:
    """Download (`?format=csv&layout=import`), edit one cell, upload: only that cell changes,
    even a text a spreadsheet would take for a formula (the export guards it with a quote)."""
    import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=analyst)
    engagement = Engagement.objects.get()
    engagement.outcomes_en = "=SUM(A1) is not a formula here"
    engagement.save()
    make_follow_up(engagement=engagement, action_en="-Send the draft", owner="Mobility")
    exported = analyst_client.get("/en/engagements/list/", {"format": "csv", "layout": "import"})
    text = exported.content.decode("utf-8-sig")
    header = text.splitlines()[1].split(",")
    assert text.startswith("# ") and header == [*ENGAGEMENT_REQUIRED, *ENGAGEMENT_OPTIONAL]
    assert "'=SUM(A1)" in text and "deputy_minister;senior_executive" in text
    again = import_csv("engagements", io.BytesIO(exported.content), user=analyst)
    assert again.ok, again.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    engagement.refresh_from_db()
    assert engagement.outcomes_en == "=SUM(A1) is not a formula here"

    edited = io.BytesIO(text.replace("Mexico City", "Ciudad de México").encode())
    changed = import_csv("engagements", edited, user=analyst)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 0)
    engagement.refresh_from_db()
    assert engagement.place_en == "Ciudad de México"

    follow_ups = analyst_client.get(
        "/en/engagements/follow-ups/", {"format": "csv", "layout": "import"}
    )
    back = import_csv("follow-ups", io.BytesIO(follow_ups.content), user=analyst)
    assert back.ok, back.errors
    assert (back.created, back.updated, back.unchanged) == (0, 0, 1)
    assert FollowUp.objects.get().action_en == "-Send the draft"
    page = analyst_client.get("/en/engagements/list/").content.decode()
    assert "layout=import" in page


def test_an_import_keeps_the_links_and_participants_the_importer_may_not_see(
    partners: None,
) -> None:
    importer = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=importer)
    engagement = Engagement.objects.get()
    hidden = make_organization(slug="hidden", classification=Classification.PROTECTED_B)
    engagement.organizations.add(hidden)
    make_participant(
        engagement=engagement,
        name="",
        level=Level.MINISTER,
        classification=Classification.PROTECTED_B,
    )
    report = import_csv("engagements", csv_file(ENGAGEMENT_HEADER, MEXICO_ROW), user=importer)
    assert report.ok, report.errors
    assert set(engagement.organizations.values_list("slug", flat=True)) == {"oim", "hidden"}
    assert engagement.participants.filter(level=Level.MINISTER).exists()


def test_an_engagement_with_a_reference_is_matched_by_it_and_may_be_renamed(
    analyst: User, partners: None
) -> None:
    header = ENGAGEMENT_HEADER + ",reference"
    first = import_csv("engagements", csv_file(header, MEXICO_ROW + ",IA-2024-017"), user=analyst)
    assert first.ok and first.created == 1
    assert Engagement.objects.get().reference == "IA-2024-017"
    renamed = MEXICO_ROW.replace("Mexico–Canada High-Level", "Canada–Mexico High-Level", 1)
    again = import_csv("engagements", csv_file(header, renamed + ",IA-2024-017"), user=analyst)
    assert again.ok, again.errors
    assert (again.created, again.updated) == (0, 1) and Engagement.objects.count() == 1
    assert Engagement.objects.get().title_en.startswith("Canada–Mexico High-Level")
    # a reference that differs from the one of the engagement matched by title and date
    clash = import_csv("engagements", csv_file(header, renamed + ",IA-2024-999"), user=analyst)
    assert [str(e) for e in clash.errors] == [
        "line 2, reference: the engagement matched has the reference 'IA-2024-017'"
    ]


def test_the_form_and_the_api_refuse_a_reference_already_taken(analyst_client: Client) -> None:
    make_engagement(reference="IA-1")
    other = make_engagement()
    response = analyst_client.get(f"/api/v1/engagements/engagements/{other.pk}/")
    patched = analyst_client.patch(
        f"/api/v1/engagements/engagements/{other.pk}/",
        {"reference": "IA-1"},
        content_type="application/json",
        headers={"If-Match": response["ETag"]},
    )
    assert patched.status_code == 400 and "reference" in patched.json()
    edit = analyst_client.get(f"/en/engagements/{other.pk}/edit/")
    assert edit.status_code == 200 and 'name="reference"' in edit.content.decode()

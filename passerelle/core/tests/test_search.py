"""Full-text search: French words with and without accents, clearance, updates and deletes,
permissions, ranking. Runs on SQLite and on PostgreSQL (each with its own backend)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Model

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord, User
from passerelle.core.search import services
from passerelle.core.search.models import SearchEntry
from passerelle.core.testing import make_user
from passerelle.engagements.models import Engagement
from passerelle.engagements.tests.factories import make_engagement, make_irritant
from passerelle.partners.tests.factories import make_organization

pytestmark = pytest.mark.django_db


def found(user: User, query: str, *, language: str = "fr", **options: Any) -> list[Model]:
    return [hit.record for hit in services.search(user, query, language=language, **options).hits]


def make_french_engagement(**fields: Any) -> Engagement:
    values: dict[str, Any] = {
        "title_en": "Meeting with Mexico on labour mobility",
        "title_fr": "Rencontre avec le Mexique sur la mobilité de la main-d’œuvre",
        "summary_en": "",
        "summary_fr": "Les réunions ont porté sur le déplacement forcé en Amérique centrale.",
    }
    values.update(fields)
    return make_engagement(**values)


def test_a_french_engagement_is_found_by_a_french_word_with_and_without_accents(viewer: User):
    engagement = make_french_engagement()
    make_engagement(title_en="Other", title_fr="Autre", summary_fr="Rien à signaler.")
    assert found(viewer, "déplacement") == [engagement]
    assert found(viewer, "deplacement") == [engagement]
    assert found(viewer, "DÉPLACEMENT forcé") == [engagement]
    assert found(viewer, "réunion") == [engagement]
    assert found(viewer, "mobilite") == [engagement]


def test_the_snippet_marks_the_match_in_the_language_asked(viewer: User):
    make_french_engagement(summary_en="Forced displacement in Central America.")
    hit = services.search(viewer, "déplacement", language="fr").hits[0]
    assert "<mark>" in hit.snippet and "Amérique centrale" in hit.snippet
    assert hit.title.startswith("Rencontre avec le Mexique")
    english = services.search(viewer, "displacement", language="en").hits[0]
    assert english.title == "Meeting with Mexico on labour mobility"
    assert "<mark>displacement</mark>" in english.snippet


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_stems_french():
    """The French configuration stems: "réunions" finds "réunion" (and the reverse)."""
    viewer = make_user(role="viewer")
    engagement = make_engagement(title_en="Meeting", title_fr="Réunion annuelle", summary_fr="")
    assert found(viewer, "réunions") == [engagement]
    assert found(viewer, "reunions") == [engagement]


def test_a_record_above_clearance_is_never_found_nor_counted(unclassified_viewer: User):
    visible = make_french_engagement()
    make_french_engagement(
        title_fr="Réunion protégée sur le déplacement", classification=Classification.PROTECTED_B
    )
    results = services.search(unclassified_viewer, "déplacement", language="fr")
    assert [hit.record for hit in results.hits] == [visible]
    assert results.counts == {"engagement": 1}
    assert results.classification == Classification.UNCLASSIFIED


def test_the_results_are_marked_with_the_highest_classification_shown(viewer: User):
    make_french_engagement(classification=Classification.PROTECTED_A)
    results = services.search(viewer, "déplacement", language="fr")
    assert results.classification == Classification.PROTECTED_A


def test_updates_and_deletes_are_reflected(viewer: User):
    engagement = make_french_engagement()
    engagement.summary_fr = "Les discussions ont porté sur la réinstallation."
    engagement.save()
    assert found(viewer, "déplacement") == []
    assert found(viewer, "reinstallation") == [engagement]
    engagement.delete()
    assert found(viewer, "reinstallation") == []
    assert not SearchEntry.objects.filter(kind="engagement").exists()


def test_a_user_without_permission_gets_nothing(viewer: User):
    engagement = make_french_engagement()
    assert found(viewer, "déplacement") == [engagement], "a viewer finds it"
    nobody = make_user(role=None)
    results = services.search(nobody, "déplacement", language="fr")
    assert results.hits == [] and results.total == 0
    assert services.search(None, "déplacement", language="fr").hits == []


def test_a_title_match_ranks_before_a_body_match(viewer: User):
    in_body = make_engagement(
        title_en="Annual consultations",
        title_fr="Consultations annuelles",
        summary_en="Resettlement was discussed at length, resettlement of refugees.",
        summary_fr="",
    )
    in_title = make_engagement(
        title_en="Resettlement dialogue",
        title_fr="Dialogue sur la réinstallation",
        summary_en="Other matters.",
        summary_fr="",
    )
    assert found(viewer, "resettlement", language="en") == [in_title, in_body]


def test_kinds_narrow_the_search_and_unknown_kinds_are_refused(viewer: User):
    organization = make_organization(name_en="Migration Policy Institute", name_fr="Institut")
    make_irritant(title_en="Migration delays", title_fr="Retards")
    assert found(viewer, "migration", kinds=["organization"]) == [organization]
    assert len(found(viewer, "migration")) == 2
    with pytest.raises(KeyError):
        services.search(viewer, "migration", kinds=["nothing"], language="en")


def test_the_index_is_not_change_logged_and_rebuilds(viewer: User):
    engagement = make_french_engagement()
    logged = {record.content_type.model for record in ChangeRecord.objects.all()}
    assert "engagement" in logged and "searchentry" not in logged
    SearchEntry.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_searchentry_fts")
    assert found(viewer, "déplacement") == []
    call_command("search-index", "--rebuild", verbosity=0)
    assert found(viewer, "déplacement") == [engagement]


def test_punctuation_and_operators_in_a_query_are_harmless(viewer: User):
    engagement = make_french_engagement()
    for query in ('"déplacement', "déplacement*) (", "(déplacement:", "déplacement ; --"):
        assert found(viewer, query) == [engagement], query  # the word found, punctuation ignored
    for query in ("déplacement*) OR (", "NEAR(déplacement"):  # operators: words like others
        assert found(viewer, query) in ([], [engagement]), query
    assert found(viewer, "-- ;") == []


def test_records_saved_in_a_deferred_block_are_indexed_together_at_its_end(viewer: User):
    from passerelle.core.search import index

    with index.deferred():
        kept = make_french_engagement()
        gone = make_engagement(title_en="Gone", title_fr="Disparu", summary_fr="Déplacement.")
        kept.title_en = "Meeting with Mexico on asylum capacity"
        kept.save()
        gone.delete()
        assert not SearchEntry.objects.exists()  # nothing indexed before the end
    assert found(viewer, "déplacement") == [kept]
    from django.contrib.contenttypes.models import ContentType

    engagements = SearchEntry.objects.filter(content_type=ContentType.objects.get_for_model(kept))
    entry = engagements.get()
    assert entry.object_id == kept.pk and entry.title_en == kept.title_en
    assert found(viewer, "asylum") == [kept]

"""French pages and sentences of the engagements: the follow-up owners of the controlled
vocabulary in French, the actions in the reader's language, and the demo irritants' French
descriptions with the country's article and agreement."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from passerelle.engagements.demo.planner import irritant_fr
from passerelle.engagements.owners import OWNERS, owner_label
from passerelle.engagements.tests.factories import make_engagement, make_follow_up
from passerelle.geo.tests.factories import make_country

pytestmark = pytest.mark.django_db


def test_every_owner_of_the_vocabulary_has_a_french_label() -> None:
    with translation.override("fr"):
        labels = {owner: owner_label(owner) for owner in OWNERS}
        assert labels["Migration Program Manager abroad"] == (
            "Gestionnaire du programme de migration à l’étranger"
        )
        assert labels["Asylum Policy"] == "Politique d’asile"
        assert all(label != owner for owner, label in labels.items())
        assert owner_label("Jane Doe") == "Jane Doe"


def test_the_french_follow_up_list_shows_owner_and_action_in_french(viewer_client: Client) -> None:
    make_follow_up(
        engagement=make_engagement(),
        action_en="Share statistics",
        action_fr="Communiquer les statistiques",
        owner="Migration Program Manager abroad",
        due=date(2030, 1, 1),
    )
    page = viewer_client.get("/fr/engagements/follow-ups/").content.decode()
    assert "Communiquer les statistiques" in page
    assert "Gestionnaire du programme de migration à l’étranger" in page
    assert "Share statistics" not in page
    assert "Migration Program Manager abroad" not in page


def test_demo_irritants_name_the_country_with_its_article() -> None:
    mexico = make_country(iso_alpha3="MEX", iso_alpha2="MX", iso_numeric="484", name_fr="Mexique")
    usa = make_country(iso_alpha3="USA", iso_alpha2="US", iso_numeric="840", name_fr="États-Unis")
    assert "Le Mexique a soulevé la question" in irritant_fr(mexico, "retards")
    assert "Les États-Unis ont soulevé la question" in irritant_fr(usa, "retards")

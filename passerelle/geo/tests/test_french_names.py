"""French country names as sentences need them: every country of the geo reference has its
article, gender and number, and the prepositions contract as French does."""

from __future__ import annotations

import pytest
from django.utils import translation

from passerelle.geo.french import french_name, french_names
from passerelle.geo.models import Country
from passerelle.geo.templatetags.country_names import country_of, country_subject

pytestmark = pytest.mark.django_db


def test_every_country_of_the_reference_has_its_french_name(countries: int) -> None:
    table = french_names()
    records = list(Country.objects.all())
    assert len(records) == 249
    missing = [c.iso_alpha3 for c in records if c.iso_alpha3 not in table]
    assert missing == []
    differing = [c.iso_alpha3 for c in records if table[c.iso_alpha3].name != c.name_fr]
    assert differing == []
    for name in table.values():
        assert name.article in {"le", "la", "l’", "les", ""}
        assert name.gender in {"m", "f"} and name.number in {"s", "p"}


@pytest.mark.parametrize(
    ("code", "subject", "of", "to", "locative", "has"),
    [
        ("MEX", "le Mexique", "du Mexique", "au Mexique", "au Mexique", "a"),
        ("USA", "les États-Unis", "des États-Unis", "aux États-Unis", "aux États-Unis", "ont"),
        ("FRA", "la France", "de la France", "à la France", "en France", "a"),
        ("IND", "l’Inde", "de l’Inde", "à l’Inde", "en Inde", "a"),
        ("AFG", "l’Afghanistan", "de l’Afghanistan", "à l’Afghanistan", "en Afghanistan", "a"),
        ("CUB", "Cuba", "de Cuba", "à Cuba", "à Cuba", "a"),
        ("HTI", "Haïti", "d’Haïti", "à Haïti", "en Haïti", "a"),
        ("PHL", "les Philippines", "des Philippines", "aux Philippines", "aux Philippines", "ont"),
        ("HND", "le Honduras", "du Honduras", "au Honduras", "au Honduras", "a"),
    ],
)
def test_articles_and_contractions(
    code: str, subject: str, of: str, to: str, locative: str, has: str
) -> None:
    name = french_name(code)
    assert (name.subject, name.of, name.to, name.locative) == (subject, of, to, locative)
    assert name.agree("a", "ont") == has


def test_templates_name_the_country_with_its_article_in_french_only(countries: int) -> None:
    mexico = Country.objects.get(iso_alpha3="MEX")
    with translation.override("fr"):
        assert country_of(mexico) == "du Mexique"
        assert country_subject(mexico) == "le Mexique"
    with translation.override("en"):
        assert country_of(mexico) == "Mexico"

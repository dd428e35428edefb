"""A text kept in both official languages is read in the active one, under its own name or an
alias (core/models/base.py InActiveLanguage)."""

from django.utils import translation

from passerelle.core.models import InActiveLanguage


class Titled:
    title = InActiveLanguage()
    name = title  # an alias reads the same fields
    heading = InActiveLanguage("title")

    def __init__(self, english: str, french: str) -> None:
        self.title_en, self.title_fr = english, french


def test_the_text_is_read_in_the_active_language_under_its_name_and_its_aliases() -> None:
    record = Titled("Visit", "Visite")
    with translation.override("fr"):
        assert (record.title, record.name, record.heading) == ("Visite", "Visite", "Visite")
    with translation.override("en"):
        assert (record.title, record.name, record.heading) == ("Visit", "Visit", "Visit")


def test_the_english_stands_in_marked_while_the_french_is_to_be_written() -> None:
    with translation.override("fr"):
        assert Titled("Visit", "").title == "[EN] Visit"
    assert isinstance(Titled.title, InActiveLanguage)

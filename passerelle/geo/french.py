"""A country's French name as a sentence needs it: "le Mexique a soulevé", "les États-Unis ont
soulevé", "aux décisions du Mexique", "en France". The article, gender and number of every country
are in `geo/data/country-names-fr.csv` (with its source); the contractions (de + le → du, à + les
→ aux) and elisions (de Haïti → d’Haïti) are French grammar, applied here."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).resolve().parent / "data" / "country-names-fr.csv"
_VOWELS = "aeiouyàâäéèêëîïôöùûüœ"
_MUTE_H = ("haïti",)


@dataclass(frozen=True)
class FrenchName:
    """A country's French name with its article (le, la, l’, les or none), gender and number."""

    name: str
    article: str
    gender: str  # m or f
    number: str  # s or p
    locative_override: str = ""

    @property
    def plural(self) -> bool:
        return self.number == "p"

    @property
    def feminine(self) -> bool:
        return self.gender == "f"

    @property
    def subject(self) -> str:
        """The name with its article: "le Mexique", "l’Inde", "les États-Unis", "Cuba"."""
        if not self.article:
            return self.name
        if self.article == "l’":
            return f"l’{self.name}"
        return f"{self.article} {self.name}"

    @property
    def subject_capitalized(self) -> str:
        """The subject at the start of a sentence: "Le Mexique", "Les États-Unis"."""
        return self.subject[:1].upper() + self.subject[1:]

    @property
    def of(self) -> str:
        """ "de" and the name: "du Mexique", "de la France", "de l’Inde", "des États-Unis",
        "de Cuba", "d’Haïti"."""
        return _contract("de", self)

    @property
    def to(self) -> str:
        """ "à" and the name: "au Mexique", "à la France", "à l’Inde", "aux États-Unis",
        "à Cuba"."""
        return _contract("à", self)

    @property
    def locative(self) -> str:
        """ "In" the country: "en France", "en Iran", "au Mexique", "aux États-Unis", "à Cuba"."""
        if self.locative_override:
            return self.locative_override
        if self.plural or self.article == "le":
            return self.to
        if self.article in ("la", "l’"):
            return f"en {self.name}"
        return f"à {self.name}"

    def agree(self, singular: str, plural: str) -> str:
        """The verb form that agrees with the country: `agree("a", "ont")`."""
        return plural if self.plural else singular

    def adjective(self, masculine: str, feminine: str, *, plural_suffix: str = "s") -> str:
        """An adjective or participle that agrees: `adjective("engagé", "engagée")`."""
        form = feminine if self.feminine else masculine
        return form + plural_suffix if self.plural else form


def _elides(name: str) -> bool:
    folded = name.casefold()
    return folded[:1] in _VOWELS or folded.startswith(_MUTE_H)


def _contract(preposition: str, country: FrenchName) -> str:
    article, name = country.article, country.name
    if article == "le":
        return f"{'du' if preposition == 'de' else 'au'} {name}"
    if article == "les":
        return f"{'des' if preposition == 'de' else 'aux'} {name}"
    if article:
        return f"{preposition} {country.subject}"
    if preposition == "de" and _elides(name):
        return f"d’{name}"
    return f"{preposition} {name}"


@cache
def french_names() -> dict[str, FrenchName]:
    """Every country's French name, by ISO alpha-3 code."""
    with TABLE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["iso_alpha3"]: FrenchName(
                name=row["name_fr"],
                article=row["article"],
                gender=row["gender"],
                number=row["number"],
                locative_override=row["locative"],
            )
            for row in rows
        }


def french_name(country: Any) -> FrenchName:
    """The French name of `country` (a Country or its alpha-3 code); a country missing from the
    table (none is: a test checks) is named bare, as masculine singular."""
    code = country if isinstance(country, str) else country.iso_alpha3
    found = french_names().get(code)
    if found is not None:
        return found
    name = country if isinstance(country, str) else country.name_fr
    return FrenchName(name=name, article="", gender="m", number="s")

"""The IATI 2.03 codelists the program's records take their codes from, read from the dated
snapshot in data/iati-2.03/codelists (lxml; `Sector.xml.gz` compressed), once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language
from lxml import etree

IATI_DIR = Path(settings.PROJECT_DIR) / "data" / "iati-2.03"
CODELISTS_DIR = IATI_DIR / "codelists"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Code:
    code: str
    name_en: str
    name_fr: str

    @property
    def name(self) -> str:
        return (self.name_fr if get_language() == "fr" else "") or self.name_en


@cache
def codelist(name: str) -> dict[str, Code]:
    """The active codes of a codelist, by code, with their names in English and French."""
    path = CODELISTS_DIR / f"{name}.xml"
    if not path.exists():
        path = CODELISTS_DIR / f"{name}.xml.gz"
    tree = etree.parse(str(path))
    codes = {}
    for item in tree.iter("codelist-item"):
        if item.get("status") == "withdrawn":
            continue
        code = (item.findtext("code") or "").strip()
        names = {"en": "", "fr": ""}
        for narrative in item.findall("name/narrative"):
            names[narrative.get(XML_LANG, "en")] = (narrative.text or "").strip()
        codes[code] = Code(code, names["en"], names.get("fr") or "")
    return codes


def choices(name: str, *, with_code: bool = True) -> list[tuple[str, str]]:
    """(code, label) pairs for a form, in the codelist's order."""
    return [
        (c.code, f"{c.code} – {c.name}" if with_code else c.name) for c in codelist(name).values()
    ]


def label(name: str, code: str) -> str:
    found = codelist(name).get(code)
    return found.name if found else code

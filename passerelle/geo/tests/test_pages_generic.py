"""Country pages through the generic page tests (both languages, sign-in, clearance by id)."""

from typing import Any

from passerelle.core.testcases import PageReadTests
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country


class TestCountryPages(PageReadTests):
    model = Country
    list_url = "/geo/"

    def make(self, **fields: Any) -> Country:
        return make_country(**fields)

    def detail_path(self, instance: Country) -> str:  # type: ignore[override]
        return f"/geo/{instance.iso_alpha3}/"

"""Country pages through the generic page tests (both languages, sign-in, clearance by id)."""

from passerelle.core.testcases import PageReadTests
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country


class TestCountryPages(PageReadTests):
    model = Country
    list_url = "/geo/"
    factory = make_country

    def detail_path(self, instance: Country) -> str:  # type: ignore[override]
        return f"/geo/{instance.iso_alpha3}/"

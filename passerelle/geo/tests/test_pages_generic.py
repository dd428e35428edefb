"""Country pages through the generic page tests (both languages, sign-in, clearance by id)."""

from passerelle.core.testcases import PageReadTests
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country


class TestCountryPages(PageReadTests):
    model = Country
    list_url = "/geo/"
    lookup_field = "iso_alpha3"
    factory = make_country

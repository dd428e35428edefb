"""Partners test fixtures: the two countries of the binder's examples."""

from __future__ import annotations

import pytest

from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country


@pytest.fixture
def canada() -> Country:
    return make_country(
        iso_alpha2="CA", iso_alpha3="CAN", iso_numeric="124", name_en="Canada", name_fr="Canada"
    )


@pytest.fixture
def mexico() -> Country:
    return make_country(
        iso_alpha2="MX", iso_alpha3="MEX", iso_numeric="484", name_en="Mexico", name_fr="Mexique"
    )

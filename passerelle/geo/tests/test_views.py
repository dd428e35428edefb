"""The country pages."""

import pytest
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.testing import signed_in_client
from passerelle.geo.tests.factories import make_country, make_group

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    for url in ("/en/geo/", "/en/geo/MEX/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]


def test_list_is_an_accessible_table(countries: int, viewer_client: Client) -> None:
    response = viewer_client.get("/en/geo/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>" in html
    assert '<th scope="col"' in html
    assert '<th scope="row">' in html
    assert "<form" in html and "novalidate" in html
    assert len(response.context["countries"]) == 249


def test_list_search_by_french_name_or_code(countries: int, viewer_client: Client) -> None:
    response = viewer_client.get("/fr/geo/", {"q": "mexique"})
    assert [c.iso_alpha3 for c in response.context["countries"]] == ["MEX"]
    assert "Mexique" in response.content.decode()
    response = viewer_client.get("/en/geo/", {"q": "840"})
    assert [c.iso_alpha3 for c in response.context["countries"]] == ["USA"]


def test_list_filter_by_group(viewer_client: Client) -> None:
    inside, outside = make_country(), make_country()
    make_group(slug="mirps", members=[inside])
    response = viewer_client.get("/en/geo/", {"group": "mirps"})
    assert list(response.context["countries"]) == [inside]
    assert outside.name_en not in response.content.decode()


def test_detail_shows_names_codes_groups_and_regions(countries: int, viewer_client: Client) -> None:
    from passerelle.geo.models import Country

    make_group(
        slug="mirps", name_en="MIRPS countries", members=[Country.objects.get(iso_alpha3="MEX")]
    )
    response = viewer_client.get("/en/geo/mex/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Mexico", "Mexique", "484", "MIRPS countries", "Latin America and the Caribbean"):
        assert text in html
    assert [r.code for r in response.context["regions"]] == ["019", "419", "013"]


def test_detail_unknown_country_is_404(viewer_client: Client) -> None:
    assert viewer_client.get("/en/geo/ZZZ/").status_code == 404


def test_protected_country_is_404_for_unclassified_viewer(
    unclassified_viewer: User, viewer_client: Client
) -> None:
    secret = make_country(classification=Classification.PROTECTED_B)
    url = f"/en/geo/{secret.iso_alpha3}/"
    assert signed_in_client(unclassified_viewer).get(url).status_code == 404
    assert viewer_client.get(url).status_code == 200
    listing = signed_in_client(unclassified_viewer).get("/en/geo/")
    assert secret not in listing.context["countries"]


def test_detail_is_marked_with_the_country_classification(viewer_client: Client) -> None:
    secret = make_country(classification=Classification.PROTECTED_B)
    response = viewer_client.get(f"/en/geo/{secret.iso_alpha3}/")
    assert response["X-Security-Classification"] == "protected-b"
    notice = response.content.decode()
    assert "must not be quoted." in notice and "<li>Countries and territories</li>" in notice


def test_pages_render_in_french(countries: int, viewer_client: Client) -> None:
    response = viewer_client.get("/fr/geo/USA/")
    assert response.status_code == 200
    assert "États-Unis" in response.content.decode()
    assert 'lang="fr"' in response.content.decode()


def test_french_list_is_in_french_alphabetical_order(countries: int, viewer_client: Client) -> None:
    from passerelle.core.text import fold

    names = [c.name_fr for c in viewer_client.get("/fr/geo/").context["countries"]]
    assert names == sorted(names, key=fold)
    assert names.index("États-Unis") < names.index("Éthiopie") < names.index("Fidji")

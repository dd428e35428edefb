"""The protections every path shares (core/security.py): a NUL character in the address."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from passerelle.core.classification import Classification
from passerelle.core.testing import make_user, signed_in_client

# A parameter is written <name>, <converter:name> or (?P<name>regex) in a route.
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?\w+>|\(\?P<\w+>(?P<regex>[^)]*)\)")
_FIXED = {"int": "1", "briefkind": "country"}  # parameters that cannot hold text


def _routes(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    """Every route of the product as written, its parameters kept."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def _address_with_nul(route: str) -> str | None:
    """The route's address with a NUL in each parameter that may hold text; None when it has no
    such parameter, or is a format-suffix or catch-all variant of another route."""
    if "format>" in route or ".*" in route or "|" in route:
        return None
    texts = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal texts
        if match["converter"] in _FIXED:
            return _FIXED[match["converter"]]
        texts += 1
        return "%00"

    address = _PARAMETER.sub(fill, route).replace("^", "").replace("$", "")
    return "/" + address if texts else None


def nul_addresses() -> list[str]:
    with translation.override("en"):  # the pages' routes under /en/
        return sorted({a for a in map(_address_with_nul, _routes()) if a})


def test_every_route_with_a_text_parameter_is_listed() -> None:
    addresses = nul_addresses()
    for reported in ("/en/geo/%00/", "/api/v1/partners/organizations/%00/"):
        assert reported in addresses
    assert "/en/briefs/country/%00/notes/" in addresses
    assert "/en/engagements/%00/" not in addresses, "a number is no text"
    assert len(addresses) > 50


def test_a_nul_in_any_text_parameter_is_not_found(reference_data: None) -> None:
    """Every route that takes text (found by walking the URL patterns, so a new one is covered):
    a NUL is "not found", never a 500 (PostgreSQL refuses NUL in a query)."""
    client = signed_in_client(make_user(role="administrator", clearance=Classification.PROTECTED_B))
    answers = {address: client.get(address).status_code for address in nul_addresses()}
    assert {a: s for a, s in answers.items() if s != 404} == {}


@pytest.mark.parametrize(
    "address",
    ["/en/geo/%00/", "/api/v1/partners/organizations/%00/", "/en/briefs/country/%00/"],
)
def test_the_reported_addresses_are_not_found(reference_data: None, address: str) -> None:
    client = signed_in_client(make_user(role="administrator", clearance=Classification.PROTECTED_B))
    response = client.get(address)
    assert response.status_code == 404
    if address.startswith("/en/"):
        assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    "address", ["/en/geo/?q=%00", "/api/v1/geo/countries/?search=%00", "/en/search/?q=a%00b"]
)
def test_a_nul_in_the_query_is_a_bad_request(reference_data: None, address: str) -> None:
    client = signed_in_client(make_user(role="administrator", clearance=Classification.PROTECTED_B))
    response = client.get(address)
    assert response.status_code == 400
    if address.startswith("/en/"):
        assert "Passerelle cannot read that address" in response.content.decode()


def test_the_bad_request_page_is_in_french(reference_data: None) -> None:
    response = Client().get("/fr/geo/?q=%00")
    assert response.status_code == 400
    assert "Passerelle ne peut pas lire cette adresse" in response.content.decode()

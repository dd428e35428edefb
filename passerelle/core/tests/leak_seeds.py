"""The addresses the leak crawl starts from besides the home page: routes no page links to, and
what a reader asks for by typing (core/tests/test_leaks.py)."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps

from passerelle.core.leaktest import fixture

TOKEN = re.compile(fixture.TOKEN_PATTERN, re.IGNORECASE)


def unlinked(built: fixture.Fixture) -> list[str]:
    """Addresses of routes that no page links to (each a route the crawl would otherwise miss;
    the test of coverage below names any other)."""
    # By label: the kernel imports no app (pyproject.toml's contracts), as below for programs.
    Country = apps.get_model("geo", "Country")
    Forum = apps.get_model("partners", "Forum")

    countries = Country._base_manager.order_by("pk").values_list("iso_alpha3", flat=True)
    forums = Forum._base_manager.order_by("pk").values_list("slug", flat=True)
    seeds = ["/api/v1/briefs/file/fundamental/?format=md"]
    for kind, subjects in (("country", countries[:3]), ("forum", forums[:3])):
        seeds += [f"/api/v1/briefs/file/{kind}/{subject}/?format=md" for subject in subjects]
    # What a reader asks for by typing: a search (and the search box's suggestions) for each
    # marked record, application records by office and by citizenship.
    for marker in built.markers.values():
        token = next(iter(TOKEN.findall(str(marker))), None) or _any_token(marker)
        if token:
            seeds += [
                f"/en/search/?q={token}",
                f"/en/search/suggest/?q={token}",
                f"/api/v1/search/?q={token}",
            ]
    for by in ("office", "citizenship"):
        seeds += [
            f"/api/v1/operations/breakdown/?by={by}",
            f"/api/v1/operations/compliance/?by={by}",
        ]
    seeds += ["/api/v1/operations/disparity/", "/api/v1/operations/inventory/"]
    # The program's records are edited from their project's (or envelope's) page, and the crawl
    # reads only a few project pages: the page of each kind of record's first one.
    from passerelle.core.reader import as_system

    with as_system():
        for model in apps.get_app_config("programs").get_models():
            record: Any = model._base_manager.order_by("pk").first()
            url = record.get_absolute_url() if record is not None else ""
            if url:
                seeds.append(url)
    return seeds


def _any_token(record: Any) -> str | None:
    for field in record._meta.concrete_fields:
        found = TOKEN.findall(str(getattr(record, field.attname, "") or ""))
        if found:
            return str(found[0])
    return None

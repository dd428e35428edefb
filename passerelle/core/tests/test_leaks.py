"""The leak test: no route names to a reader what they may not see, whatever it is (a page in
English or French, a CSV, an API answer in JSON or the browsable renderer, a brief in any format,
search, maps, charts, the admin), and every response is marked with the highest classification
of what it shows, never higher than its reader's clearance.

It builds, for every restricted model, records marked at Protected A and Protected B, and
Unclassified records linking to them through every link (core/leaktest/fixture.py); discovers
every address by crawling as an administrator cleared to Protected B; then requests every address
that showed a mark as every role at Unclassified and at Protected A. A new model, link or route is
covered without editing this file, and the test fails on a route the crawl never reached.

Roles with the same view permissions read the same records (core/roles.py: a role's other
permissions only open edit pages): each such group is crawled in full by its first role, and the
others request only what the first was refused, so every page each role can open is checked
once.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings

from passerelle.core.classification import Classification
from passerelle.core.leaktest import crawl, fixture
from passerelle.core.models import RoleMapping
from passerelle.core.roles import ROLES
from passerelle.core.snapshot import Snapshot, capture, restore
from passerelle.core.testing import make_user, signed_in_client
from passerelle.core.tests import leak_seeds as seeds
from passerelle.operations import leaktest as operations

# The rule is the ORM's SQL on either database: test_visibility.py and the API tests check it on
# PostgreSQL; the crawl (several minutes) runs once, on SQLite, so `make test` stays in budget.
pytestmark = pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"]
    and not os.environ.get("LEAKS_ON_POSTGRES"),
    reason="the leak crawl runs on SQLite (LEAKS_ON_POSTGRES=1 runs it on PostgreSQL too)",
)

U, PA, PB = Classification.UNCLASSIFIED, Classification.PROTECTED_A, Classification.PROTECTED_B
TOKEN = seeds.TOKEN
# A mark's level: markers carry their own, hidden linkers their parent's.
LEVEL_OF_PREFIX = {"zqpa": PA, "zqpb": PB, "zqha": PA, "zqhb": PB, "zqvu": U}

# Routes the crawl does not reach, and why (none is a page that shows records).
UNREACHED = {
    "web:logout": "signs out (POST)",
    "briefs:add_note": "adds a talking point (POST; core/tests/test_writes.py)",
    "briefs:request_action": "moves a request on (POST; briefs/tests/test_briefing.py)",
    "briefs:document": "starts a brief's PDF or DOCX job (POST; briefs/tests/test_jobs.py)",
    "briefs:binder_prepare": "starts a binder's file job (POST; briefs/tests/test_binders.py)",
    "jobs:job_cancel": "cancels a job (POST; core/tests/test_jobs.py: another user's is 404)",
    "jobs:job_retry": "runs a job again (POST; core/tests/test_jobs.py: another user's is 404)",
    "engagements:follow_up_done": "marks a follow-up done (POST; core/tests/test_writes.py)",
    "briefs:binderpart_move": "moves a binder's part (POST; briefs/tests/test_binders.py)",
    "briefs:binderpart_remove": "removes a binder's part (POST; briefs/tests/test_binders.py)",
    "briefs:binder_transition": "regenerates the transition binder (POST; test_binders.py)",
    "admin:core_changerecord_delete": "the change log cannot be deleted",
    "admin:view_on_site": "no record has a page of its own address (get_absolute_url)",
    "django.contrib.admin.sites.catch_all_view": "the admin's answer to an unknown address",
    "django.views.generic.base.view": "the admin's redirect from a record's address to its page",
    "passerelle.core.api.endpoints.view": "not_found: the API's answer to an unknown address",
}
# Routes of records that are not the domain's (tokens, sign-in attempts): named by prefix.
UNREACHED_PREFIXES = {
    "admin:authtoken_": "API tokens: they name their user only",
    "admin:axes_": "sign-in attempts: they name a user name and an address only",
}


def level_of(token: str) -> int:
    return LEVEL_OF_PREFIX[token[:4].lower()]


# One worker builds the fixture and crawls once for every test of this module (`make test`
# runs pytest with --dist loadscope: a module's tests on one worker), while the other worker runs
# the rest of the suite.


@dataclass
class Discovery:
    crawl: crawl.Crawl
    fixture: fixture.Fixture
    marked: list[str]  # the addresses whose answer to the administrator showed a mark

    def above(self, clearance: int) -> list[str]:
        """The addresses that showed the administrator a mark above `clearance`."""
        return [
            url
            for url in self.marked
            if any(level_of(t) > clearance for t in _marks(self.crawl.pages[url].text))
        ]


_discovered: dict[str, Discovery] = {}


@pytest.fixture(autouse=True)
def _quiet() -> Iterator[None]:
    """The crawl asks for pages its reader may not open (403, 404): not news."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


def _report(name: str, lines: list[str]) -> None:
    """With LEAK_REPORT=DIR, every finding in full, one file per test."""
    folder = os.environ.get("LEAK_REPORT")
    if folder and lines:
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{name}.txt"), "w") as out:
            out.write("\n".join(lines))


@pytest.fixture(scope="session")
def _leak_snapshot(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Snapshot, Any, Path]:
    built: dict[str, fixture.Fixture] = {}
    folder = tmp_path_factory.mktemp("leaks")

    def work() -> None:
        start = time.perf_counter()
        author = make_user(role="administrator", username="leak-author")
        built["fixture"] = fixture.build(user=author)
        # a group mapping, so the crawl reaches its pages (it has no classification to mark)
        RoleMapping.objects.create(provider_group="leak-analysts", role="analyst")
        middle = time.perf_counter()
        with override_settings(OPERATIONS_DIR=folder / "store"):
            operations.build_store(folder)
        _report(
            "build", [f"fixture {middle - start:.1f} s, store {time.perf_counter() - middle:.1f} s"]
        )

    with django_db_blocker.unblock():
        return capture(work), built, folder


@pytest.fixture
def discovery(db: None, _leak_snapshot: tuple[Snapshot, Any, Path]) -> Iterator[Discovery]:
    snapshot, built, folder = _leak_snapshot
    restore(snapshot)
    with override_settings(OPERATIONS_DIR=folder / "store"):
        yield _discover(built)


def _discover(built: dict[str, fixture.Fixture]) -> Discovery:
    if "admin" not in _discovered:
        admin = signed_in_client(_make_reader("administrator", PB))
        found = crawl.discover(admin, chosen=seeds.unlinked(built["fixture"]))
        marked = [url for url, page in found.pages.items() if _marks(_without_echo(page).text)]
        _discovered["admin"] = Discovery(found, built["fixture"], marked)
        routes = Counter(page.route for page in found.pages.values())
        marked_routes = Counter(found.pages[url].route for url in marked)
        seconds: dict[str, float] = defaultdict(float)
        for page in found.pages.values():
            seconds[page.route] += page.seconds
        _report(
            "discovery",
            [f"{len(found.pages)} addresses, {len(marked)} marked"]
            + [
                f"{route}: {n} ({marked_routes[route]} marked) {seconds[route]:.2f} s"
                for route, n in routes.most_common()
            ],
        )
    return _discovered["admin"]


def _make_reader(role: str, clearance: int) -> Any:
    """A user of `role`; administrators also reach the Django admin, as the product makes them
    (`passerelle create-demo-admin`)."""
    staff = role == "administrator"
    return make_user(role=role, clearance=clearance, is_staff=staff, is_superuser=staff)


def _marks(text: str) -> set[str]:
    return {match.lower() for match in TOKEN.findall(text) if level_of(match) > U}


def _without_echo(page: crawl.Fetched) -> crawl.Fetched:
    """The answer without the address its reader asked for (a page names its own address in
    its language switch, a 404 in its message): what the reader wrote is not a leak."""
    words = {page.url, *(w for w in re.split(r"[/?&=]", page.url) if not TOKEN.fullmatch(w))} - {""}
    body, headers = page.body, page.headers
    for word in sorted(words, key=len, reverse=True):
        if TOKEN.search(word):
            body, headers = body.replace(word, ""), headers.replace(word, "")
    # A bare token is the reader's own words (a search); a record's text is "token model field".
    for token in {t.lower() for t in TOKEN.findall(page.url)}:
        echo = re.compile(rf"{token}(?! [a-z])", re.IGNORECASE)
        body, headers = echo.sub("", body), echo.sub("", headers)
    return crawl.Fetched(page.url, page.route, page.status, headers, body, page.seconds)


def _view_groups() -> dict[str, list[str]]:
    """The roles, grouped by the records they may view (core/roles.py): first role → all."""
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for name, role in ROLES.items():
        views = frozenset(
            f"{model._meta.app_label}.{model._meta.model_name}"
            for model in apps.get_models()
            if role.grants(_view_permission(model))
        )
        groups[views].append(name)
    return {members[0]: members for members in groups.values()}


def _view_permission(model: Any) -> Any:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    return Permission(
        codename=f"view_{model._meta.model_name}",
        content_type=ContentType(app_label=model._meta.app_label, model=model._meta.model_name),
    )


@pytest.mark.parametrize("clearance", [U, PA])
@pytest.mark.parametrize("group", list(_view_groups()))
def test_no_route_names_what_its_reader_may_not_see(
    discovery: Discovery, group: str, clearance: int
) -> None:
    """The group's first role requests every address that showed a mark; each other role of
    the group, the addresses the first was refused."""
    findings: list[str] = []
    timing: dict[str, float] = defaultdict(float)
    refused: list[str] = discovery.above(clearance)
    for index, role in enumerate(_view_groups()[group]):
        client = signed_in_client(_make_reader(role, clearance))
        urls, refused = refused, []
        for url in urls:
            page = _without_echo(crawl.fetch(client, url))
            timing[f"{role} {page.route}"] += page.seconds
            if page.status in (401, 403):
                refused.append(url)
            findings += _leaks(page, role, clearance)
            findings += _undermarked(page)
        if index == 0:
            assert len(refused) < len(urls), f"a {role} was refused every page"
    _report(f"{group}-{clearance}", findings)
    slowest = sorted(timing.items(), key=lambda item: -item[1])[:40]
    _report(f"{group}-{clearance}-time", [f"{t:.2f} {k}" for k, t in slowest])
    assert not findings, f"{len(findings)} findings for the roles of {group} at {clearance}:\n" + (
        "\n".join(findings[:60])
    )


def _leaks(page: crawl.Fetched, role: str, clearance: int) -> list[str]:
    above = sorted(token for token in _marks(page.text) if level_of(token) > clearance)
    if not above:
        return []
    found = [f"{page.url} [{page.status}] as {role}: {', '.join(above[:5])}"]
    for token in above[:2]:
        at = page.text.lower().find(token)
        found.append("    … " + page.text[max(0, at - 150) : at + 40].replace("\n", " "))
    return found


def _undermarked(page: crawl.Fetched) -> list[str]:
    """A page marked below what it shows, or above its reader's clearance."""
    match = re.search(r"X-Security-Classification: ([a-z-]+)", page.headers)
    if match is None or page.status >= 400:
        return []
    marked = Classification[match.group(1).upper().replace("-", "_")]
    shown = max(
        (level_of(t) for t in TOKEN.findall(page.body) if t[:4].lower().startswith("zqp")),
        default=U,
    )
    if shown > marked:
        return [f"{page.url}: marked {marked.label}, shows {Classification(shown).label}"]
    return []


@pytest.mark.parametrize("clearance", [U, PA])
def test_each_readers_calendar_feed_holds_only_what_they_may_see(
    discovery: Discovery, clearance: int
) -> None:
    """The iCalendar feed is read through a signed address, not a session: the crawl reaches
    the administrator's (linked from the calendar), and each role at each clearance reads its
    own, for itself and for every team."""
    from django.test import Client

    from passerelle.briefs.briefing.feed import feed_url
    from passerelle.briefs.briefing.models import Team

    admin_feeds = [u for u in discovery.crawl.pages if ".ics" in u]
    assert admin_feeds and any(u in discovery.marked for u in admin_feeds)
    findings: list[str] = []
    for role in ROLES:
        reader = _make_reader(role, clearance)
        for team in ("", *Team.values):
            page = crawl.fetch(Client(), feed_url(reader, team=team))
            findings += _leaks(page, role, clearance) + _undermarked(page)
    assert not findings, "\n".join(findings[:40])


def test_the_crawl_reaches_every_route(discovery: Discovery) -> None:
    missing = {
        route
        for route in crawl.routes() - discovery.crawl.routes_reached() - set(UNREACHED)
        if not route.startswith(tuple(UNREACHED_PREFIXES))
    }
    # What was fetched of the same namespaces, with its status: why the links were not there.
    namespaces = {route.split(":")[0] for route in missing if ":" in route}
    fetched = [
        f"  {page.status} {page.url}"
        for page in discovery.crawl.pages.values()
        if page.route.split(":")[0] in namespaces
    ][:15]
    assert not missing, "routes the crawl never reached (link them, or say why in UNREACHED):\n" + (
        "\n".join(sorted(missing)) + "\nfetched of their namespaces:\n" + "\n".join(fetched)
    )


def test_every_optional_link_is_shown_somewhere(discovery: Discovery) -> None:
    """Each link withheld from a lower reader is exercised: the record that links is shown on
    some page (to the administrator), so the test proves something about that link."""
    seen = " ".join(page.text for page in discovery.crawl.pages.values()).lower()
    missing = [
        f"{linker.record._meta.label}.{linker.link} ({linker.token})"
        for linker in discovery.fixture.linkers
        if linker.shown and linker.token not in seen
    ]
    assert not missing, "linking records no page shows:\n" + "\n".join(missing)


def test_the_leak_test_finds_leaks_when_the_rule_is_off(
    discovery: Discovery, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Proof that the crawl can fail: with core's rule switched off (everything visible to
    everyone), an Unclassified viewer is shown marks on pages, lists, CSV and the API."""
    from django.db.models import Q

    from passerelle.core import querysets, visibility

    monkeypatch.setattr(querysets, "visible_q", lambda *args, **kwargs: Q())
    monkeypatch.setattr(querysets, "sees", lambda *args, **kwargs: True)
    monkeypatch.setattr(visibility, "sees", lambda *args, **kwargs: True)
    client = signed_in_client(_make_reader("viewer", U))
    leaking = [
        url
        for url in discovery.marked[::3]
        if _leaks(_without_echo(crawl.fetch(client, url)), "viewer", U)
    ]
    assert any(url.startswith("/api/") for url in leaking)
    assert any("format=csv" in url for url in leaking)
    assert any(url.startswith("/en/") and "format=" not in url for url in leaking)

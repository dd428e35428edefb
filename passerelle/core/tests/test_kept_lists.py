"""A list page's filters and table are kept until the next write ({% kept %},
core/templatetags/kept.py, over core/datacache.py): served again, the page runs none of the list's
queries, is the same page and is marked the same; a write, another reader, another query or
language computes again; a list of records that are not change-logged is never kept."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from passerelle.core.classification import Classification
from passerelle.core.testing import make_source, make_user, signed_in_client

pytestmark = pytest.mark.django_db

PB = Classification.PROTECTED_B


def _get(client: Any, path: str) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def _reads_sources(queries: list[str]) -> bool:
    return any(re.search(r'FROM "core_source"', sql) for sql in queries)


def _computed_without(client: Any, path: str, title: str) -> None:
    """The page is computed for this reader (it reads the table), without `title`, and marked
    Unclassified."""
    page, queries = _get(client, path)
    assert _reads_sources(queries) and title not in page.content.decode()
    assert page["X-Security-Classification"] == "unclassified"


def _computed_with(client: Any, path: str, title: str) -> None:
    page, queries = _get(client, path)
    assert _reads_sources(queries) and title in page.content.decode()


def _twice(path: str) -> tuple[Any, Any, Any]:
    """A Protected B source's list asked twice by a reader cleared for it: computed, then served
    from what was kept (none of the table's queries run)."""
    make_source(title_en="Alpha report", classification=PB)
    client = signed_in_client(make_user(role="viewer", clearance=PB))
    first, computed = _get(client, path)
    second, served = _get(client, path)
    assert _reads_sources(computed) and not _reads_sources(served)
    assert len(served) < len(computed)
    return client, first, second


def _body(response: Any) -> str:
    """The page without what differs per request (the CSRF token of the sign-out form)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_list_served_again_runs_none_of_its_queries_and_is_the_same_page() -> None:
    _, first, second = _twice("/en/sources/")
    assert "Alpha report" in _body(second) and _body(first) == _body(second)
    # marked with what the kept part shows, as when computed
    assert first["X-Security-Classification"] == second["X-Security-Classification"]
    assert second["X-Security-Classification"] == "protected-b"


def test_a_write_another_reader_another_query_or_language_computes_again() -> None:
    make_source(title_en="Alpha report")
    secret = make_source(title_en="Bravo assessment", classification=PB)
    cleared = signed_in_client(make_user(role="viewer", clearance=PB))
    assert "Bravo assessment" in _get(cleared, "/en/sources/")[0].content.decode()

    # another reader, not cleared for it, is never served the first one's list
    uncleared = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    _computed_without(uncleared, "/en/sources/", "Bravo assessment")

    # a write: the list is computed again and shows it
    make_source(title_en="Charlie survey")
    _computed_with(cleared, "/en/sources/", "Charlie survey")

    # a reclassification is a write too: the record leaves the uncleared reader's list
    _get(uncleared, "/en/sources/")
    secret.classification = Classification.UNCLASSIFIED
    secret.save()
    assert "Bravo assessment" in _get(uncleared, "/en/sources/")[0].content.decode()

    # another query (a filter, a sort, a page) or language: its own
    assert _reads_sources(_get(cleared, "/en/sources/?sort=title")[1])
    assert _reads_sources(_get(cleared, "/fr/sources/")[1])


def test_a_list_of_records_that_are_not_change_logged_is_computed_every_time() -> None:
    """Jobs move on without a change record: their list is never kept."""
    from passerelle.core.jobs.views import JobListView

    assert JobListView.keep_until_write is None  # decided by the model, not by hand
    assert not JobListView().keeps()
    client = signed_in_client(make_user(role="analyst"))
    _get(client, "/en/jobs/")
    _, queries = _get(client, "/en/jobs/")
    assert any("core_job" in sql for sql in queries)


def test_an_api_list_is_kept_until_the_next_write_for_its_reader() -> None:
    cleared, first, second = _twice("/api/v1/core/sources/?limit=5")
    assert first.json() == second.json() and "Alpha report" in second.content.decode()
    assert second["X-Security-Classification"] == "protected-b"

    uncleared = signed_in_client(make_user(role="viewer", clearance=Classification.UNCLASSIFIED))
    _computed_without(uncleared, "/api/v1/core/sources/?limit=5", "Alpha report")

    make_source(title_en="Bravo survey")
    _computed_with(cleared, "/api/v1/core/sources/?limit=5", "Bravo survey")
    assert _reads_sources(_get(cleared, "/api/v1/core/sources/?limit=1")[1])  # its own query


def test_a_kept_part_carries_its_own_requests_csrf_token_and_nonce(
    settings: Any, tmp_path: Any
) -> None:
    """Kept from one request, a part's form and inline style carry the next request's CSRF
    token and CSP nonce, not the first one's (another session has another CSRF secret)."""
    import re as regex

    from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from passerelle.core.reader import reading_as

    (tmp_path / "kept.html").write_text(
        '{% load kept %}{% kept "t" %}<form>{% csrf_token %}</form>'
        '<style nonce="{{ request.csp_nonce }}"></style>{{ n }}{% endkept %}'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    reader = make_user(role="viewer")
    renders = iter(range(1, 10))

    def render(nonce: str) -> tuple[str, Any]:
        request = RequestFactory().get("/en/somewhere/")
        request.user = reader
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        with reading_as(reader):
            html = render_to_string(
                "kept.html", {"keep_until_write": True, "n": lambda: next(renders)}, request
            )
        return html, request

    first, _ = render("nonce-a")
    second, request = render("nonce-b")
    assert first.endswith("1") and second.endswith("1")  # the second from the cache
    token = regex.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)
    assert token is not None
    assert _unmask_cipher_token(token.group(1)) == request.META["CSRF_COOKIE"]
    assert 'nonce="nonce-b"' in second and "kept-" not in second

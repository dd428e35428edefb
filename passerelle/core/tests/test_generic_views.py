"""The generic views' hooks (core/views/generic.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from passerelle.core import editing
from passerelle.core.testing import make_user
from passerelle.core.views.generic import ObjectEditView
from passerelle.partners.forms import ForumForm
from passerelle.partners.models import Forum

pytestmark = pytest.mark.django_db


class _Refusing(ObjectEditView):
    """An edit page whose form handling is its own: it saves nothing and says why."""

    queryset = Forum.objects.all()
    form = ForumForm
    seen: list[Any] = []

    def submit(
        self, request: Any, data: Any, record: Any, initial: dict[str, Any]
    ) -> editing.Submission:
        self.seen.append(data)
        form = self.form(data, instance=record, user=request.user)
        return editing.Submission(form, context={"error_links": "[]"} if data else {})


def test_an_edit_page_handles_its_form_in_the_one_method_it_overrides() -> None:
    request = RequestFactory().get("/forums/add/")
    request.user = make_user(role="analyst")
    view = _Refusing.as_view()
    assert view(request).status_code == 200
    posted = RequestFactory().post("/forums/add/", {"slug": "gcm", "name_en": "GCM"})
    posted.user = request.user
    assert view(posted).status_code == 400
    assert _Refusing.seen[0] is None and _Refusing.seen[1]["slug"] == "gcm"
    assert not Forum._base_manager.filter(slug="gcm").exists()


def test_a_classification_above_the_writers_clearance_is_refused_saying_why() -> None:
    writer = make_user(role="analyst", clearance=1)
    form = ForumForm({"slug": "gcm", "name_en": "GCM", "classification": "2"}, user=writer)
    assert not form.is_valid()
    assert "a record cannot be classified above that" in form.errors["classification"][0]


def test_a_deletion_names_the_records_it_takes_not_the_rows_of_its_links() -> None:
    from passerelle.core import deletion
    from passerelle.geo.tests.factories import make_country
    from passerelle.partners.tests.factories import make_organization

    organization = make_organization()
    organization.countries.add(make_country())
    plan = deletion.plan([organization])
    assert plan.allowed
    assert not [record for record in plan.taken if record._meta.auto_created]


def test_a_many_column_links_each_record_unescaped_and_escapes_their_names() -> None:
    from passerelle.core.tables import ManyColumn
    from passerelle.partners.tests.factories import make_organization

    first = make_organization(slug="iom", name_en="IOM <b>")
    second = make_organization(slug="unhcr", name_en="UNHCR")
    html = str(ManyColumn().render([first, second]))
    assert html.startswith('<a href="/en/partners/organizations/iom/">IOM &lt;b&gt;</a>, <a ')
    assert "&lt;a" not in html


def test_a_table_sorts_by_a_name_in_the_readers_language() -> None:
    from django.utils import translation

    from passerelle.partners.tables import ForumTable
    from passerelle.partners.tests.factories import make_forum

    make_forum(slug="b", name_en="Beta", name_fr="Alpha")
    make_forum(slug="a", name_en="Alpha", name_fr="Zeta")
    for language, expected in (("en", ["a", "b"]), ("fr", ["b", "a"])):
        with translation.override(language):
            table = ForumTable(Forum.objects.all())
            table.order_by = "name"  # as a reader's `?sort=name` sets it
            assert [row.record.slug for row in table.rows] == expected

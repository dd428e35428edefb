"""The Django admin does not lose updates (issue 18): two people who opened the same record each
save; the second is refused with a clear message and the first one's change stays."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.db import models
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import Source, User
from passerelle.core.testing import make_source, make_user, signed_in_client
from passerelle.geo.tests.factories import make_country
from passerelle.network.models import Office
from passerelle.network.tests.factories import make_office

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    user = make_user(role="administrator", clearance=Classification.PROTECTED_B)
    user.is_staff = user.is_superuser = True
    user.save()
    return signed_in_client(user)


def form_data(client: Client, url: str) -> dict[str, Any]:
    """What the change page's form would post back unchanged."""
    page = client.get(url)
    assert page.status_code == 200, (page.status_code, page.get("Location"))
    form = page.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.MultiWidget):  # a user's date joined: date and time
            parts = field.widget.decompress(value) or [None, None]
            for i, (widget, part) in enumerate(zip(field.widget.widgets, parts, strict=True)):
                data[f"{name}_{i}"] = widget.format_value(part) or ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, models.Model):
            data[name] = value.pk
        elif value is None:
            data[name] = ""
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            formatted = field.widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    return data


@pytest.mark.parametrize("kind", ["source", "office", "user"])
def test_the_second_of_two_concurrent_admin_saves_is_refused(kind: str) -> None:
    if kind == "source":
        record: Any = make_source(title_en="Original")
        url = f"/en/admin/core/source/{record.pk}/change/"
        field, model = "title_en", Source
    elif kind == "user":
        record = make_user(first_name="Original")
        url = f"/en/admin/core/user/{record.pk}/change/"
        field, model = "first_name", User  # type: ignore[assignment]
    else:
        record = make_office(country=make_country(), name_en="Original")
        url = f"/en/admin/network/office/{record.pk}/change/"
        field, model = "name_en", Office  # type: ignore[assignment]
    first, second = admin_client(), admin_client()
    first_form, second_form = form_data(first, url), form_data(second, url)

    saved = first.post(url, {**first_form, field: "First person's change"})
    assert saved.status_code == 302, (saved.status_code, saved.content[:2000])
    refused = second.post(url, {**second_form, field: "Second person's change"})

    assert refused.status_code == 200
    assert "Someone else saved this record after you opened it" in refused.content.decode()
    assert getattr(model.objects.get(pk=record.pk), field) == "First person's change"

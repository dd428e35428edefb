"""Editing a record's links never removes the links its editor cannot see."""

import pytest

from passerelle.core.classification import Classification
from passerelle.core.testcases import api_client
from passerelle.core.testing import make_user
from passerelle.engagements.tests.factories import make_engagement
from passerelle.partners.tests.factories import make_organization

pytestmark = pytest.mark.django_db


def _engagement_with_a_hidden_organization():
    visible = make_organization(slug="visible-org")
    hidden = make_organization(slug="hidden-org", classification=Classification.PROTECTED_B)
    engagement = make_engagement()
    engagement.organizations.set([visible, hidden])
    writer = make_user(role="analyst", clearance=Classification.PROTECTED_A)
    return engagement, hidden, writer


def test_an_api_edit_keeps_the_links_its_writer_cannot_see():
    engagement, hidden, writer = _engagement_with_a_hidden_organization()
    make_organization(slug="added-org")
    client = api_client(writer)
    url = f"/api/v1/engagements/engagements/{engagement.pk}/"
    etag = client.get(url).headers["ETag"]

    response = client.patch(
        url, {"organizations": ["visible-org", "added-org"]}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200, response.json()
    slugs = set(engagement.organizations.values_list("slug", flat=True))
    assert slugs == {"visible-org", "added-org", hidden.slug}


def test_a_form_edit_keeps_the_links_its_writer_cannot_see():
    engagement, hidden, writer = _engagement_with_a_hidden_organization()
    from passerelle.engagements.forms import EngagementForm

    data = {
        "title_en": engagement.title_en,
        "title_fr": engagement.title_fr,
        "start_date": "2024-03-01",
        "kind": engagement.kind,
        "channel": engagement.channel,
        "countries": [c.pk for c in engagement.countries.all()],
        "organizations": [],
        "classification": Classification.UNCLASSIFIED,
        "version": engagement.version,
    }
    form = EngagementForm(data=data, instance=engagement, user=writer)
    assert form.is_valid(), form.errors
    form.save()

    assert list(engagement.organizations.all()) == [hidden]

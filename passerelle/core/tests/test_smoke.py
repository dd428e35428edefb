from passerelle.core.models import Source
from passerelle.core.testing import make_source


def test_viewer_sees_source(viewer, viewer_client):
    make_source(key="iom-wmr-2022")
    assert Source.objects.restrict(viewer).count() == 1
    response = viewer_client.get("/api/v1/core/sources/")
    assert response.status_code == 200
    assert response.json()["count"] == 1

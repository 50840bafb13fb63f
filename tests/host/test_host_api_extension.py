"""A host mounts its own router on the dialogue API (``dialogue_pages.api.extensions.add_router``)."""

import datetime

import pytest

from dialogue_pages.api.extensions import mounted_routers
from dialogue_pages.factories import default_rung
from tests.host.hostapp.api import router as council_router
from tests.host.hostapp.models import CouncilDialoguePage


@pytest.fixture
def council_dialogue(dialogue_index, commit):
    page = CouncilDialoguePage(
        title="Harbour bath", slug="harbour-bath", intro="Where should the harbour bath be?",
        rung=default_rung("consult", "iap2"), rung_explanation="The council decides after hearing residents.",
        start_date=datetime.date(2024, 3, 1),
        council_decision_url="https://council.example.org/decisions/7",
    )
    with commit():
        dialogue_index.add_child(instance=page)
        page.save_revision().publish()
    return page


def test_the_host_router_is_mounted_beside_the_plugin_routers():
    mounted = mounted_routers()
    assert ("/council/", council_router) in mounted
    assert {prefix for prefix, _router in mounted} >= {"/feeds/", "/search/", "/council/"}


def test_the_host_endpoints_answer_like_the_api(client, council_dialogue):
    response = client.get("/api/v1/council/decisions/")
    assert response.status_code == 200
    assert response.json() == [{"id": council_dialogue.pk, "title": "Harbour bath",
                                "council_decision_url": "https://council.example.org/decisions/7"}]
    assert response["ETag"] and response["Cache-Control"].startswith("public, max-age=")
    assert client.get("/api/v1/council/decisions/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    missing = client.get("/api/v1/council/decisions/999999/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/problem+json"
    assert missing.json()["detail"] == "No public council dialogue has this id."


def test_the_host_endpoints_are_in_the_openapi_document(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    listed = spec["paths"]["/api/v1/council/decisions/"]["get"]
    assert listed["tags"] == ["council"]
    one = spec["paths"]["/api/v1/council/decisions/{page_id}/"]["get"]
    assert one["responses"]["404"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    # The plugin's own routers are there too.
    assert "/api/v1/search/" in spec["paths"] and "/api/v1/feeds/dialogues.{kind}" in spec["paths"]

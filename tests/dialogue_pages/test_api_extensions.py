"""``dialogue_pages.api.extensions.add_router``: the public way to mount a router on the dialogue API."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve
from ninja import Router

from dialogue_pages.api import calendars, exports, extensions, feeds, geo, preview, views
from dialogue_pages.api.extensions import add_router, mounted_routers
from dialogue_pages.api.openapi import DialogueOpenAPI
from dialogue_pages.api.responses import ProblemError, json_response
from dialogue_search.api import router as search_router


def test_the_plugin_mounts_its_routers_through_the_extension_point():
    assert mounted_routers() == [
        ("/feeds/", feeds.router), ("/export/", exports.router), ("/preview/", preview.router),
        ("/", calendars.router), ("/", geo.router), ("/search/", search_router),
    ]


def test_mounting_again_changes_nothing():
    resolve("/api/v1/ladders/")  # the URLconf is loaded: the API is built
    before = mounted_routers()
    assert add_router("/search/", search_router) is False
    assert add_router("/", geo.router) is False
    assert mounted_routers() == before


@pytest.mark.parametrize("prefix", ["", "search/", "/search", "//", "/Search/", "/a b/", "/../", "/a//b/", "/-x/",
                                    "/søg/", "/x/?y=1/", "/x\x00/", None])
def test_a_prefix_must_be_slash_separated_path_segments(prefix):
    with pytest.raises(ValueError, match="Invalid API prefix"):
        add_router(prefix, Router())


def test_only_a_ninja_router_is_mounted():
    with pytest.raises(TypeError):
        add_router("/stats/", object())


def test_a_router_is_mounted_at_one_prefix_only():
    with pytest.raises(ImproperlyConfigured, match="already mounted on the dialogue API at '/search/'"):
        add_router("/find/", search_router)


def test_a_router_mounted_after_the_urls_are_loaded_is_refused_with_a_clear_error():
    resolve("/api/v1/ladders/")
    before = mounted_routers()
    with pytest.raises(ImproperlyConfigured, match=r"AppConfig\.ready\(\)"):
        add_router("/late/", Router())
    assert mounted_routers() == before


@pytest.fixture
def fresh_api(monkeypatch) -> DialogueOpenAPI:
    """A dialogue API that has not been built yet, as in an app's ready(), with nothing mounted."""
    api = DialogueOpenAPI(urls_namespace="fresh_dialogue_api")
    monkeypatch.setattr(views, "api", api)
    monkeypatch.setattr(extensions, "_mounted", [])
    return api


def stats_router() -> Router:
    router = Router(tags=["stats"])

    @router.get("/dialogues/{int:year}/", summary="Dialogues of a year")
    def per_year(request, year: int):
        if year < 2000:
            raise ProblemError(404, "Not found", "No statistics before 2000.")
        return json_response(request, b'{"count":0}')

    return router


def test_a_mounted_router_joins_the_openapi_document_with_problem_responses(fresh_api):
    router = stats_router()
    assert add_router("/stats/", router) is True
    assert add_router("/stats/", router) is False
    document = fresh_api.get_openapi_schema(path_prefix="/api/v1")
    operation = document["paths"]["/api/v1/stats/dialogues/{year}/"]["get"]
    assert operation["tags"] == ["stats"]
    assert operation["responses"]["422"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    # Once the document (or the URLs) exist, the set of routers is fixed.
    with pytest.raises(ImproperlyConfigured):
        add_router("/more/", Router())


def test_urls_are_built_once_every_router_is_in(fresh_api):
    add_router("/stats/", stats_router())
    patterns, _app, _namespace = fresh_api.urls
    assert any(str(pattern.pattern) == "stats/dialogues/<int:year>/" for pattern in patterns)
    assert fresh_api.built

"""Hostile and odd input to the API v1: control characters, methods, unknown paths, dates, outages."""

import contextlib
import datetime

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory

PROBLEM = "application/problem+json"

# Every route under /api/v1/ with a query or path a client controls, each carrying a control character.
CONTROL_CHARACTER_URLS = [
    "/api/v1/dialogues/?tag=%00",
    "/api/v1/dialogues/?organisation=a%00b",
    "/api/v1/dialogues/?rung=%1f",
    "/api/v1/dialogues/?ladder=%7f",
    "/api/v1/dialogues/?target_group=%0a",
    "/api/v1/dialogues/?method=%09",
    "/api/v1/dialogues/?locale=%00",
    "/api/v1/dialogues/?cursor=%00",
    "/api/v1/dialogues/?updated_since=2024-01-01%00",
    "/api/v1/dialogues/?%00=1",
    "/api/v1/dialogues/by-path/?path=/%00/",
    "/api/v1/dialogues/by-path/?path=/dialoger/&site=%00",
    "/api/v1/ladders/?locale=%00",
    "/api/v1/organisations/?locale=d%00a",
    "/api/v1/tags/?locale=%0d",
    "/api/v1/search/?q=%00",
    "/api/v1/search/?q=havn&tag=%00",
    "/api/v1/search/suggest/?q=ha%00",
    "/api/v1/feeds/dialogues.atom?tag=%00",
    "/api/v1/feeds/feedback.rss?organisation=%1b",
    "/api/v1/calendar.ics?locale=%00",
    "/api/v1/dialogues/1/calendar.ics?x=%00",
    "/api/v1/export/dialogues.csv?locale=%00",
    "/api/v1/export/dialogues.jsonl?locale=%7f",
    "/api/v1/export/?x=%00",
]
CONTROL_CHARACTER_PATHS = ["/api/v1/dialogues/by-slug/da/%00/", "/api/v1/dialogues/by-slug/%00/x/",
                           "/api/v1/dialogues/%00/", "/api/v1/%7f/", "/api/v1/preview/%00/",
                           "/api/v1/feeds/%00.atom"]


@pytest.fixture
def page(dialogue_index, publish):
    return publish(DialoguePageFactory(parent=dialogue_index, title="Havneplan", slug="havneplan"))


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    return problem


@pytest.mark.parametrize("url", CONTROL_CHARACTER_URLS)
def test_control_characters_in_the_query_are_400_problems(client, page, url):
    assert_problem(client.get(url), 400)


@pytest.mark.parametrize("url", CONTROL_CHARACTER_PATHS)
def test_control_characters_in_the_path_are_404_problems(client, page, url):
    assert_problem(client.get(url), 404)


@pytest.mark.parametrize("parameter", ["tag", "organisation", "cursor"])
def test_parameters_refuse_control_characters_without_the_middleware(client, page, settings, parameter):
    # A host site that does not install UrlGuardMiddleware still gets no control character into a query.
    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if not entry.endswith("UrlGuardMiddleware")]
    assert_problem(client.get("/api/v1/dialogues/", {parameter: "a\x00b"}), 422)


def test_slug_and_path_refuse_control_characters_without_the_middleware(client, page, settings):
    settings.MIDDLEWARE = [entry for entry in settings.MIDDLEWARE if not entry.endswith("UrlGuardMiddleware")]
    assert_problem(client.get("/api/v1/dialogues/by-slug/da/a%00b/"), 422)
    assert_problem(client.get("/api/v1/dialogues/by-path/", {"path": "/\x00/"}), 422)


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/dialogues/by-path/?path=" + "a" * 1025, 422), ("/api/v1/dialogues/by-slug/da/" + "a" * 256 + "/", 422),
     ("/api/v1/dialogues/?tag=" + "a" * 101, 422), ("/api/v1/dialogues/?year=99999999999999999999", 422),
     ("/api/v1/dialogues/?limit=99999999999999999999", 422), ("/api/v1/dialogues/99999999999999999999/", 404)],
)
def test_sizes_and_integer_ranges_are_checked(client, page, url, status):
    assert_problem(client.get(url), status)


@pytest.mark.parametrize("url", ["/api/v1/dialogues/", "/api/v1/dialogues/{id}/",
                                 "/api/v1/dialogues/by-slug/da/havneplan/",
                                 "/api/v1/dialogues/by-path/?path=/havneplan/", "/api/v1/ladders/",
                                 "/api/v1/organisations/", "/api/v1/tags/", "/api/v1/search/?q=havn",
                                 "/api/v1/search/suggest/?q=ha", "/api/v1/openapi.json",
                                 "/api/v1/feeds/dialogues.atom", "/api/v1/calendar.ics",
                                 "/api/v1/dialogues/{id}/calendar.ics", "/api/v1/export/"])
def test_head_answers_like_get_without_a_body(client, page, url):
    url = url.format(id=page.pk)
    got = client.get(url)
    head = client.head(url)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert head.get("ETag") == got.get("ETag")
    assert int(head["Content-Length"]) == len(got.content)


@pytest.mark.parametrize("url", ["/api/v1/dialogues/", "/api/v1/dialogues/{id}/", "/api/v1/ladders/",
                                 "/api/v1/search/", "/api/v1/search/suggest/", "/api/v1/tags/",
                                 "/api/v1/feeds/dialogues.rss", "/api/v1/export/dialogues.csv"])
def test_options_lists_the_allowed_methods(client, page, url):
    response = client.options(url.format(id=page.pk))
    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_head_of_a_streamed_export_has_no_body(client, page):
    got = client.get("/api/v1/export/dialogues.jsonl")
    head = client.head("/api/v1/export/dialogues.jsonl")
    assert got.status_code == head.status_code == 200
    assert head["Content-Type"] == got["Content-Type"]
    assert b"".join(got.streaming_content)
    assert b"".join(head.streaming_content) == b""


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_problems_with_allow(client, page, method):
    response = getattr(client, method)("/api/v1/ladders/")
    assert_problem(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ["/api/v1/nothing/", "/api/v1/dialogues/abc/", "/api/anything", "/api/",
                                 "/api/v1/dialogues/by-slug/da/"])
def test_unknown_api_paths_are_404_problems(client, db, url):
    assert_problem(client.get(url, follow=True), 404)


def test_options_on_unknown_api_paths_is_404(client, db):
    assert_problem(client.options("/api/v1/nothing/"), 404)


@pytest.mark.parametrize("value", ["0.5", "1700000000", "0", "yesterday", "2024-13-01", "2024-01-01T25:00:00Z"])
def test_updated_since_refuses_anything_but_iso_8601(client, page, value):
    problem = assert_problem(client.get("/api/v1/dialogues/", {"updated_since": value}), 422)
    assert problem["invalid_params"][0]["parameter"] == "updated_since"


@pytest.mark.parametrize("value", ["2024-01-01", "2024-01-01T10:00:00Z", "2024-01-01T10:00:00+02:00",
                                   "2024-01-01T10:00:00.123456789z", "0001-01-01T00:00:00+02:00",
                                   "9999-12-31T23:59:59-02:00"])
def test_updated_since_accepts_iso_8601(client, page, value):
    response = client.get("/api/v1/dialogues/", {"updated_since": value})
    assert response.status_code == 200
    expected = [page.pk] if value < timezone.now().isoformat() else []
    assert [item["id"] for item in response.json()["items"]] == expected


def test_updated_since_keeps_its_meaning(client, page):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert client.get("/api/v1/dialogues/", {"updated_since": tomorrow}).json()["items"] == []


@contextlib.contextmanager
def database_down(monkeypatch, error: type[Exception] = OperationalError):
    """Every new cursor fails as it does when the server is gone (undone before the test database is torn down)."""

    def cursor(*args, **kwargs):
        raise error("could not connect to server: Connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", cursor)
        yield


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("url", ["/api/v1/dialogues/", "/api/v1/dialogues/1/", "/api/v1/ladders/",
                                 "/api/v1/organisations/", "/api/v1/dialogues/by-slug/da/havneplan/",
                                 "/api/v2/pages/"])
def test_database_outage_is_a_503_problem_on_the_api(client, db, monkeypatch, error, url):
    with database_down(monkeypatch, error):
        response = client.get(url)
    assert_problem(response, 503)
    assert int(response["Retry-After"]) > 0


def test_database_outage_is_a_plain_503_page_elsewhere(client, dialogue_index, monkeypatch):
    with database_down(monkeypatch):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert int(response["Retry-After"]) > 0
    assert b"unavailable" in response.content


def test_readyz_reports_the_outage(client, db, monkeypatch):
    with database_down(monkeypatch):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False


@contextlib.contextmanager
def unreachable_database():
    """The default connection pointed at a database that is not there: a closed port on PostgreSQL,
    a file in a missing directory on SQLite. The real driver raises its real error."""
    original = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    else:
        connection.settings_dict["NAME"] = "/nonexistent-directory/dialogue.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)


# serialized_rollback: flushing without it would leave later serialized-rollback tests without content types.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unreachable_database_is_a_503(client):
    with unreachable_database():
        api = client.get("/api/v1/dialogues/")
        page = client.get("/")
        ready = client.get("/readyz")
    assert_problem(api, 503)
    assert api["Retry-After"]
    assert page.status_code == 503 and page["Content-Type"].startswith("text/html")
    assert ready.status_code == 503
    assert client.get("/api/v1/dialogues/").status_code == 200


@pytest.fixture
def spec(client, db) -> dict:
    return client.get("/api/v1/openapi.json").json()


def test_every_error_is_documented_as_a_problem_document(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"400", "503"} <= set(responses), (method, path)
            if operation.get("parameters"):
                assert "422" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for code, response in responses.items():
                if int(code) >= 400:
                    assert response["content"] == {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                    }, (method, path, code)
            assert "Retry-After" in responses["503"]["headers"]


def test_parameters_are_documented_with_their_constraints(spec):
    parameters = {item["name"]: item["schema"] for item in spec["paths"]["/api/v1/dialogues/"]["get"]["parameters"]}
    locale = parameters["locale"]["anyOf"][0]
    assert locale["enum"] == ["da", "sv", "en"]
    assert parameters["status"]["anyOf"][0]["enum"] == ["planned", "open", "closed", "decided", "cancelled"]
    assert parameters["ordering"]["enum"] == ["-start", "start", "-updated", "title"]
    assert parameters["updated_since"]["anyOf"][0]["format"] == "date-time"
    assert parameters["tag"]["anyOf"][0]["pattern"] == "^[^\\x00-\\x1f\\x7f]*$"
    by_slug = spec["paths"]["/api/v1/dialogues/by-slug/{locale}/{slug}/"]["get"]["parameters"]
    assert by_slug[0]["schema"]["enum"] == ["da", "sv", "en"]


def test_locale_enum_follows_the_content_languages(client, db, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("da", "Danish"), ("en", "English")]
    spec = client.get("/api/v1/openapi.json").json()
    ladders = {item["name"]: item["schema"] for item in spec["paths"]["/api/v1/ladders/"]["get"]["parameters"]}
    assert ladders["locale"]["anyOf"][0]["enum"] == ["da", "en"]


def test_feeds_document_both_formats(spec):
    for path in ("/api/v1/feeds/dialogues.{kind}", "/api/v1/feeds/feedback.{kind}"):
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(content) == {"application/atom+xml", "application/rss+xml"}

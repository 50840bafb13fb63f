"""The dialogue API v1: endpoints, filters, pagination, caching headers and problem documents."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogue_pages.factories import (
    DialoguePageFactory,
    MethodFactory,
    OrganisationFactory,
    TargetGroupFactory,
    default_rung,
)
from dialogue_pages.read_model.models import PublishedDialogue

TODAY = timezone.localdate()


@pytest.fixture
def lund(db):
    return OrganisationFactory(name="Lunds kommun", slug="lund")


@pytest.fixture
def dialogues(dialogue_index, publish, lund):
    """Three public dialogues with different dates, rungs, organisers and topics."""
    youth = TargetGroupFactory(name="Unge", slug="unge")
    survey = MethodFactory(name="Spørgeskema", slug="survey")
    old = DialoguePageFactory(
        parent=dialogue_index, title="Bibliotekets fremtid", start_date=datetime.date(2019, 2, 1),
        end_date=datetime.date(2019, 5, 1), decision_date=datetime.date(2019, 6, 1), decision_body="Kultur- og "
        "fritidsudvalget", organisers=[lund], target_groups=[youth], methods=[survey],
        feedback=[("item", {"theme": "Åbningstid", "you_said": "Længere.", "we_did": "Til kl. 22.",
                            "outcome": "adopted", "reason": ""})],
    )
    old.tags.add("Kultur")
    closed = DialoguePageFactory(
        parent=dialogue_index, title="Cykelstier i centrum", start_date=TODAY - datetime.timedelta(days=100),
        end_date=TODAY - datetime.timedelta(days=10), rung=default_rung("konsultation"),
    )
    current = DialoguePageFactory(
        parent=dialogue_index, title="Aktuel havneplan", start_date=TODAY - datetime.timedelta(days=5),
        end_date=TODAY + datetime.timedelta(days=30), organisers=[lund],
    )
    current.tags.add("Havn", "Kultur")
    for page in (old, closed, current):
        publish(page)
    return {"old": old, "closed": closed, "current": current}


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


def test_list_newest_first(client, dialogues):
    response = client.get("/api/v1/dialogues/")
    assert response.status_code == 200
    assert ids(response) == [dialogues["current"].pk, dialogues["closed"].pk, dialogues["old"].pk]
    assert response.json()["next"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation=lund", ["current", "old"]),
        ("rung=konsultation", ["closed"]),
        ("ladder=skr", ["current", "closed", "old"]),
        ("status=open", ["current"]),
        ("status=closed", ["closed"]),
        ("status=decided", ["old"]),
        ("feedback_owed=true", ["closed"]),
        ("feedback_owed=false", ["current", "old"]),
        ("tag=kultur", ["current", "old"]),
        ("tag=Havn", ["current"]),
        ("target_group=unge", ["old"]),
        ("method=survey", ["old"]),
        ("year=2019", ["old"]),
        ("locale=da", ["current", "closed", "old"]),
        ("locale=sv", []),
        ("organisation=lund&tag=havn", ["current"]),
        ("ordering=title", ["current", "old", "closed"]),
        ("ordering=start", ["old", "closed", "current"]),
    ],
)
def test_filters_and_ordering(client, dialogues, query, expected):
    response = client.get(f"/api/v1/dialogues/?{query}")
    assert response.status_code == 200, response.content
    assert ids(response) == [dialogues[name].pk for name in expected]


def test_updated_since(client, dialogues):
    future = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert ids(client.get("/api/v1/dialogues/", {"updated_since": future})) == []
    assert len(ids(client.get("/api/v1/dialogues/", {"updated_since": "2000-01-01T00:00:00Z"}))) == 3


def test_cursor_pagination_walks_every_item_once(client, dialogues):
    seen, url = [], "/api/v1/dialogues/?limit=1&ordering=title"
    while url:
        data = client.get(url).json()
        seen += [item["id"] for item in data["items"]]
        url = data["next"]
    assert seen == [dialogues[name].pk for name in ("current", "old", "closed")]


def test_summary_shape(client, dialogues):
    item = client.get("/api/v1/dialogues/?rung=konsultation").json()["items"][0]
    assert item["badge"]["label"] == "Konsultation"
    assert (item["badge"]["position"], item["badge"]["of"]) == (2, 5)
    assert item["status"] == {"key": "closed", "label": item["status"]["label"]}
    assert item["feedback_owed"] is True
    assert item["days_since_close"] == 10
    assert "body" not in item


def test_detail_by_id(client, dialogues):
    page = dialogues["old"]
    response = client.get(f"/api/v1/dialogues/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Bibliotekets fremtid"
    assert data["feedback"][0]["value"]["outcome"] == "adopted"
    assert data["organisers"][0]["slug"] == "lund"
    assert data["rung_equivalents"][0]["key"] == "involve"
    assert data["status"]["key"] == "decided"


def test_detail_by_path_and_by_slug(client, dialogues):
    page = dialogues["current"]
    by_path = client.get("/api/v1/dialogues/by-path/", {"path": "/aktuel-havneplan", "site": "localhost"})
    assert by_path.status_code == 200
    assert by_path.json()["id"] == page.pk
    by_slug = client.get(f"/api/v1/dialogues/by-slug/da/{page.slug}/")
    assert by_slug.json()["id"] == page.pk
    elsewhere = {"path": "/aktuel-havneplan/", "site": "other.example"}
    assert client.get("/api/v1/dialogues/by-path/", elsewhere).status_code == 404


def test_etag_and_not_modified(client, dialogues):
    url = f"/api/v1/dialogues/{dialogues['old'].pk}/"
    first = client.get(url)
    etag = first["ETag"]
    assert etag.startswith('"') and "public, max-age=" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    listing = client.get("/api/v1/dialogues/")
    assert client.get("/api/v1/dialogues/", HTTP_IF_NONE_MATCH=listing["ETag"]).status_code == 304


def test_etag_changes_when_the_dialogue_changes(client, dialogues, publish):
    page = dialogues["old"]
    url = f"/api/v1/dialogues/{page.pk}/"
    before = client.get(url)["ETag"]
    page.intro = "Ny indledning."
    publish(page)
    after = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after.json()["intro"] == "Ny indledning."


def test_cors_for_configured_origins(client, dialogues, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.lund.se"]
    allowed = client.get("/api/v1/dialogues/", HTTP_ORIGIN="https://www.lund.se")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.lund.se"
    vary = {value.strip().lower() for value in allowed["Vary"].split(",")}
    assert "origin" in vary and "accept-encoding" in vary
    assert "accept-language" not in vary
    other = client.get("/api/v1/dialogues/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ("limit=10000", 422, "limit"),
        ("limit=0", 422, "limit"),
        ("limit=abc", 422, "limit"),
        ("year=twenty", 422, "year"),
        ("status=forgotten", 422, "status"),
        ("ordering=random", 422, "ordering"),
        ("updated_since=yesterday", 422, "updated_since"),
        ("feedback_owed=perhaps", 422, "feedback_owed"),
        ("cursor=not-a-cursor", 400, "cursor"),
        ("cursor=WyJ0aXRsZSIsMSwyXQ", 400, "cursor"),
        ("cursor=WyItc3RhcnQiLCJub3QtYS1kYXRlIiwxXQ", 400, "cursor"),
        ("locale=xx", 400, "locale"),
        ("organisation=nowhere", 400, "organisation"),
        ("rung=top", 400, "rung"),
        ("tag=unheard-of", 400, "tag"),
    ],
)
def test_bad_parameters_get_problem_documents(client, dialogues, query, status, parameter):
    response = client.get(f"/api/v1/dialogues/?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert parameter in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/dialogues/999999/", "/api/v1/dialogues/0/", "/api/v1/dialogues/99999999999999/",
     "/api/v1/dialogues/by-path/?path=/nothing/", "/api/v1/dialogues/by-slug/da/nothing/"],
)
def test_unknown_dialogues_are_404_problems(client, dialogues, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_missing_path_parameter_is_a_problem(client, db):
    response = client.get("/api/v1/dialogues/by-path/")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("address", ["{page.pk}/", "by-slug/da/{page.slug}/"])
def test_detail_uses_at_most_two_queries(client, dialogues, address):
    url = "/api/v1/dialogues/" + address.format(page=dialogues["old"])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 2, [query["sql"] for query in queries]


@pytest.mark.parametrize("limit", [1, 3, 100])
def test_list_uses_at_most_three_queries_whatever_the_limit(client, dialogues, limit):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/dialogues/?limit={limit}&organisation=lund&tag=kultur&status=open")
    assert response.status_code == 200
    assert len(queries) <= 3, [query["sql"] for query in queries]


def test_ladders_organisations_and_tags(client, dialogues, lund):
    ladders = client.get("/api/v1/ladders/?locale=sv").json()
    assert {ladder["key"] for ladder in ladders} == {"skr", "iap2"}
    skr = next(ladder for ladder in ladders if ladder["key"] == "skr")
    assert [rung["position"] for rung in skr["rungs"]] == [1, 2, 3, 4, 5]
    assert skr["rungs"][2]["equivalents"][0]["key"] == "involve"
    organisations = {org["slug"]: org for org in client.get("/api/v1/organisations/").json()}
    assert organisations["lund"]["dialogues"] == 2
    tags = client.get("/api/v1/tags/").json()
    assert tags[0] == {"key": "kultur", "label": "Kultur", "count": 2}


def test_health_endpoints(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"]["ok"] is True


def test_readyz_is_503_when_a_check_fails(client, db, monkeypatch):
    from dialogue_pages import health

    def broken():
        raise ConnectionError("no route")

    monkeypatch.setattr(health, "database_check", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {"ok": False, "detail": "ConnectionError"}


def test_healthz_needs_no_database(client):
    # No database fixture: pytest-django fails any query made here.
    assert client.get("/healthz").status_code == 200


def test_detail_refuses_other_methods_with_a_problem(client, dialogues):
    response = client.post(f"/api/v1/dialogues/{dialogues['old'].pk}/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_day_dependent_json_is_renewed_when_it_goes_stale(client, dialogues, monkeypatch):
    page = dialogues["closed"]
    url = f"/api/v1/dialogues/{page.pk}/"
    assert client.get(url).json()["days_since_close"] == 10
    two_days_later = TODAY + datetime.timedelta(days=2)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: two_days_later)
    assert client.get(url).json()["days_since_close"] == 12


def test_a_dialogue_opens_on_its_start_date_without_a_new_publish(client, dialogue_index, publish, monkeypatch):
    start, end = TODAY + datetime.timedelta(days=3), TODAY + datetime.timedelta(days=9)
    page = publish(DialoguePageFactory(parent=dialogue_index, start_date=start, end_date=end))
    url = f"/api/v1/dialogues/{page.pk}/"
    assert client.get(url).json()["status"]["key"] == "planned"
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: start)
    assert client.get(url).json()["status"]["key"] == "open"


# SQLite's statistics of the read model after importing 10,000 generated dialogues (bench/), by the
# columns of each index: with them the planner chooses as it does on a real archive.
STATISTICS_10K = {
    ("rung_key", "sort_start"): "10007 1001 2", ("locale", "slug"): "10007 3336 1",
    ("locale", "sort_start"): "10007 3336 2", ("stale_after",): "10007 257", ("updated_at",): "10007 1001",
    ("sort_start",): "10007 3", ("ladder_key",): "10007 5004", ("sort_title",): "10007 1", ("slug",): "10007 1",
    ("path",): "10007 1", ("translation_key",): "10007 1", ("locale",): "10007 3336",
    ("sort_start", "page_id", "locale", "expire_at", "cancelled", "open_from", "closed_from", "decided_from",
     "has_feedback"): "10007 3 1 1 1 1 1 1 1",
    ("locale", "site_id", "sort_start", "page_id", "path", "expire_at", "cancelled", "open_from", "closed_from",
     "decided_from", "has_feedback", "rung_key", "date_from", "date_to"): "10007 3336 3336 2 1 1 1 1 1 1 1 1 1 1 1",
}


def pretend_ten_thousand_dialogues() -> None:
    table = PublishedDialogue._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {table}")
        cursor.execute(f"SELECT name FROM pragma_index_list('{table}')")
        rows = []
        for (index,) in cursor.fetchall():
            cursor.execute(f"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")
            columns = tuple(name for (name,) in cursor.fetchall())
            if columns in STATISTICS_10K:
                rows.append((table, index, STATISTICS_10K[columns]))
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
        cursor.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", rows)
        cursor.execute("ANALYZE sqlite_schema")  # reload the statistics


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize(("query", "access"), [
    # A filter narrows the index range (SEARCH); a full walk of the date index (SCAN) would read back
    # from today to the year asked for. Only the unfiltered list walks it, and stops after one page.
    ("year=2019", "SEARCH"), ("rung=konsultation", "SEARCH"), ("locale=da", "SEARCH"), ("", "SCAN"),
])
def test_filtered_lists_read_the_newest_from_an_index_without_sorting(client, dialogues, query, access):
    plan = list_plan(client, query)
    assert plan.startswith(access) and "USING INDEX" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("query", ["status=decided", "status=closed", "feedback_owed=true"])
def test_status_filters_are_checked_on_the_entries_of_the_newest_first_index(client, dialogues, query):
    # The index holds the status and visibility fields, so rows that fail are skipped without reading them.
    plan = list_plan(client, query)
    assert "USING INDEX dialogue_start_status" in plan and "TEMP B-TREE FOR ORDER BY" not in plan, plan


def list_plan(client, query: str) -> str:
    """SQLite's plan of the list query for ``query``, with the statistics of a 10,000-dialogue archive."""
    pretend_ten_thousand_dialogues()
    # Without the response cache, whose version and expiry look-ups would be captured too.
    with override_settings(DIALOGUE_API_RESPONSE_CACHE_SIZE=0), CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/dialogues/?{query}").status_code == 200
    (listing,) = [q["sql"] for q in queries if "dialogue_pages_publisheddialogue" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {listing}")
        return " ".join(str(row[-1]) for row in cursor.fetchall())

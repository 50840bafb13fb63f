"""Lists of one topic or organisation walk the facet rows' index (issue 15).

A facet row copies its dialogue's start date and the locale and status fields; the list of a facet
value reads its rows newest first from ``dialogue_facet_newest`` and stops after one page. These tests
hold the copies to the dialogue's row, the lists to the lists the dialogue rows alone give (same ids,
same order, same cursors), and the query plan to the index without a sort.
"""

import datetime
import random
import re

import orjson
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogue_pages.api.responses import encode_cursor
from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory
from dialogue_pages.read_model.models import FACET_COPIES, PublishedDialogue, PublishedDialogueFacet
from dialogue_pages.read_model.writer import facet_rows
from dialogue_pages.status import NEVER

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
STARTS = [datetime.date(2023, 3, 1), datetime.date(2024, 5, 1), datetime.date(2024, 5, 1) + 30 * DAY,
          TODAY - 40 * DAY, TODAY - 40 * DAY, datetime.date(1, 1, 1)]
# Each status of the rule, and one owing feedback, as (cancelled, open_from, closed_from, decided_from, has_feedback).
FACTS = [
    (False, TODAY + 10 * DAY, TODAY + 40 * DAY, NEVER, False),  # planned
    (False, TODAY - 10 * DAY, TODAY + 40 * DAY, NEVER, False),  # open
    (False, TODAY - 40 * DAY, TODAY - 5 * DAY, NEVER, False),  # closed, owes feedback
    (False, TODAY - 40 * DAY, TODAY - 5 * DAY, NEVER, True),  # closed, has given feedback
    (False, TODAY - 90 * DAY, TODAY - 60 * DAY, TODAY - 20 * DAY, True),  # decided
    (True, TODAY - 10 * DAY, TODAY + 40 * DAY, NEVER, False),  # cancelled
]


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Every request here runs its queries (a kept body would answer without them)."""
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 0


@pytest.fixture
def archive(db):
    """60 read-model rows with ties on the start date, every status, two locales, expired rows, and
    topics and organisations written by the writer's ``facet_rows`` (one tag twice, in two cases)."""
    chance = random.Random(15)
    now = timezone.now()
    members: dict[tuple[str, str], set[int]] = {}
    for page_id in range(1, 61):
        cancelled, open_from, closed_from, decided_from, has_feedback = chance.choice(FACTS)
        start = chance.choice(STARTS)
        row = PublishedDialogue.objects.create(
            page_id=page_id, locale=chance.choice(["da", "da", "sv"]),
            translation_key=f"00000000-0000-0000-0000-{page_id:012d}", path=f"/d{page_id}/", slug=f"d{page_id}",
            title=f"Dialog {chance.randrange(100)}", sort_title=f"dialog {chance.randrange(100):02d}",
            detail=b"{}", summary=orjson.dumps({"id": page_id}), etag="e",
            cancelled=cancelled, open_from=open_from, closed_from=closed_from, decided_from=decided_from,
            has_feedback=has_feedback, date_from=start if start.year > 1 else None, sort_start=start,
            updated_at=now - chance.randrange(5) * DAY, expire_at=now - DAY if page_id % 17 == 0 else None,
        )
        values = [("tag", tag.lower(), tag) for tag in chance.sample(["Kultur", "kultur", "Havn", "Skole"], 2)]
        organisers = chance.sample(["lund", "malmo"], chance.randrange(3))
        values += [("organisation", slug, slug.title()) for slug in organisers]
        for facet in facet_rows(row, values):
            facet.save()
            members.setdefault((facet.kind, facet.key), set()).add(page_id)
    return members


def walk(client, query: str, limit: int = 7) -> tuple[list[dict], list[str]]:
    """Every item of a list, following its next links, and the cursors of those links."""
    items, cursors = [], []
    response = client.get(f"/api/v1/dialogues/?{query}&limit={limit}")
    while True:
        assert response.status_code == 200, response.content
        items += response.json()["items"]
        next_url = response.json()["next"]
        if next_url is None:
            return items, cursors
        cursors.append(next_url.rsplit("cursor=", 1)[1])
        response = client.get(next_url)


SORT_KEYS = {"-start": ("sort_start", "page_id"), "start": ("sort_start", "page_id"),
             "-updated": ("updated_at", "page_id"), "title": ("sort_title", "page_id")}


def expected_cursors(ordering: str, ids: list[int], limit: int) -> list[str]:
    """The cursors the rows' own fields give after every full page but the last."""
    rows = {row["page_id"]: row for row in PublishedDialogue.objects.values("page_id", *SORT_KEYS[ordering])}
    cursors = []
    for end in range(limit, len(ids), limit):
        row = rows[ids[end - 1]]
        cursors.append(encode_cursor(ordering, [
            value.isoformat() if isinstance(value, datetime.date) else value
            for value in (row[field] for field in SORT_KEYS[ordering])
        ]))
    return cursors


@pytest.mark.parametrize("ordering", ["-start", "start", "-updated", "title"])
@pytest.mark.parametrize(("facets", "others"), [
    ("tag=kultur", ""), ("tag=KULTUR", ""), ("tag=havn", "&locale=sv"), ("organisation=lund", ""),
    ("organisation=lund", "&status=open"), ("organisation=malmo", "&status=decided"), ("tag=kultur", "&status=closed"),
    ("tag=kultur", "&feedback_owed=true"), ("tag=kultur", "&feedback_owed=false"), ("tag=skole", "&year=2024"),
    ("organisation=lund&tag=kultur", "&status=planned"), ("organisation=malmo", "&status=cancelled"),
])
def test_a_facet_list_holds_the_rows_of_the_list_without_it_in_the_same_order_and_pages(
    client, archive, ordering, facets, others
):
    members = set.intersection(*(
        archive.get((kind, value.lower()), set()) for kind, value in (pair.split("=") for pair in facets.split("&"))
    ))
    # The list without the facet filter reads the dialogue rows alone, as every list did before.
    everything, _cursors = walk(client, f"ordering={ordering}{others}", limit=100)
    expected = [item["id"] for item in everything if item["id"] in members]
    items, cursors = walk(client, f"ordering={ordering}&{facets}{others}")
    assert [item["id"] for item in items] == expected
    assert cursors == expected_cursors(ordering, expected, 7)


def test_facet_rows_are_one_per_key_and_copy_their_dialogues_fields(archive):
    rows = {row.pk: row for row in PublishedDialogue.objects.all()}
    facets = list(PublishedDialogueFacet.objects.all())
    assert len({(facet.dialogue_id, facet.kind, facet.key) for facet in facets}) == len(facets)
    for facet in facets:
        assert {field: getattr(facet, field) for field in FACET_COPIES} == {
            field: getattr(rows[facet.dialogue_id], field) for field in FACET_COPIES
        }


def test_publishing_writes_the_copies_and_a_new_start_date_moves_them(dialogue_index, publish):
    lund = OrganisationFactory(name="Lunds kommun", slug="lund")
    page = DialoguePageFactory(parent=dialogue_index, title="Havneplan", start_date=datetime.date(2024, 3, 1),
                               end_date=TODAY + 30 * DAY, organisers=[lund])
    page.tags.add("Havn", "havn", "Kultur")
    publish(page)
    copies = set(PublishedDialogueFacet.objects.filter(dialogue_id=page.pk).values_list("kind", "key", *FACET_COPIES))
    row = PublishedDialogue.objects.values_list(*FACET_COPIES).get(pk=page.pk)
    assert copies == {("organisation", "lund", *row), ("tag", "havn", *row), ("tag", "kultur", *row)}
    page.start_date, page.is_cancelled, page.cancellation_reason = datetime.date(2024, 4, 1), True, "Udsat."
    publish(page)
    moved = set(PublishedDialogueFacet.objects.filter(dialogue_id=page.pk).values_list("sort_start", "cancelled"))
    assert moved == {(datetime.date(2024, 4, 1), True)}


# SQLite's statistics after importing 100,000 generated dialogues (bench/), by the columns of each index,
# with which the planner chooses as it does on a large archive.
FACET_STATISTICS_100K = {
    ("kind", "key", "sort_start", "dialogue_id", "locale", "cancelled", "open_from", "closed_from", "decided_from",
     "has_feedback"): "1000000 166667 2000 2 1 1 1 1 1 1 1",
    ("dialogue_id",): "1000000 10",
}


def pretend_a_large_archive() -> None:
    from .test_api import pretend_ten_thousand_dialogues

    pretend_ten_thousand_dialogues()
    table = PublishedDialogueFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM pragma_index_list('{table}')")
        rows = []
        for (index,) in cursor.fetchall():
            cursor.execute(f"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")
            columns = tuple(name for (name,) in cursor.fetchall())
            rows.append((table, index, FACET_STATISTICS_100K[columns]))
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = %s", [table])
        cursor.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)", rows)
        cursor.execute("ANALYZE sqlite_schema")


def list_query(client, query: str, endpoint: str = "/api/v1/dialogues/") -> str:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{endpoint}?{query}").status_code == 200
    # The page of the list: its summaries, a page's worth of them (not any other query the endpoint makes);
    # the statement's own LIMIT is its last (an EXISTS subquery has its own LIMIT 1).
    listings = [q["sql"] for q in queries
                if '"summary"' in q["sql"] and int(re.findall(r"LIMIT (\d+)", q["sql"])[-1]) > 1]
    assert len(listings) == 1, listings
    return listings[0]


PLANNED_LISTS = ["tag=kultur", "organisation=lund", "tag=kultur&status=closed", "organisation=lund&locale=da",
                 "tag=kultur&ordering=start", "tag=skole&year=2024", "organisation=lund&feedback_owed=true"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("query", PLANNED_LISTS)
@pytest.mark.parametrize("page", [1, 2])
def test_sqlite_walks_the_facet_index_in_date_order_without_sorting(client, archive, query, page):
    pretend_a_large_archive()
    if page == 2:
        next_url = client.get(f"/api/v1/dialogues/?{query}&limit=2").json()["next"]
        query = next_url.split("?", 1)[1]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {list_query(client, query)}")
        steps = [str(row[-1]) for row in cursor.fetchall()]
    assert steps[0].startswith("SEARCH listed USING COVERING INDEX dialogue_facet_newest (kind=? AND key=?"), steps
    assert steps[1] == "SEARCH dialogue_pages_publisheddialogue USING INTEGER PRIMARY KEY (rowid=?)", steps
    assert not any("TEMP B-TREE" in step for step in steps), steps


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize("query", ["tag=kultur", ""])
def test_the_map_checks_each_listed_dialogue_for_a_place_instead_of_collecting_them_all(client, archive, query):
    pretend_a_large_archive()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {list_query(client, query, '/api/v1/dialogues.geojson')}")
        steps = [str(row[-1]) for row in cursor.fetchall()]
    assert "CORRELATED SCALAR SUBQUERY" in " ".join(steps), steps
    assert not any("TEMP B-TREE" in step for step in steps), steps


def bulk_archive(count: int) -> None:
    """``count`` dialogues more (PostgreSQL's SQL), half on the topic 'kultur' and a third by 'lund'."""
    dialogues, facets = PublishedDialogue._meta.db_table, PublishedDialogueFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {dialogues} (page_id, locale, translation_key, path, slug, title, sort_title, etag, "
            "ladder_key, rung_key, cancelled, open_from, closed_from, decided_from, sort_start, has_feedback, "
            "updated_at, fresh_from, summary, detail) "
            "SELECT 1000 + n, CASE WHEN mod(n, 3) = 0 THEN 'sv' ELSE 'da' END, gen_random_uuid(), '/b' || n || '/', "
            "'b' || n, 't', 't', 'e', '', '', mod(n, 50) = 0, CURRENT_DATE - mod(n, 400), CURRENT_DATE - mod(n, 300), "
            "'9999-12-31', CURRENT_DATE - mod(n, 2000), false, now(), '0001-01-01', '\\x7b7d', '\\x7b7d' "
            "FROM generate_series(1, %s) AS n", [count])
        cursor.execute(
            f"INSERT INTO {facets} (dialogue_id, kind, key, label, {', '.join(FACET_COPIES)}) "
            f"SELECT page_id, kind, key, key, {', '.join(FACET_COPIES)} FROM {dialogues}, LATERAL (VALUES "
            "('tag', CASE WHEN mod(page_id, 2) = 1 THEN 'kultur' ELSE 't' || mod(page_id, 97) END), "
            "('organisation', CASE WHEN mod(page_id, 3) = 0 THEN 'lund' ELSE 'o' || mod(page_id, 89) END), "
            "('method', 'm' || mod(page_id, 7))) AS facet (kind, key) WHERE page_id > 1000")
        cursor.execute(f"ANALYZE {dialogues}")
        cursor.execute(f"ANALYZE {facets}")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
@pytest.mark.parametrize("query", PLANNED_LISTS)
def test_postgresql_walks_the_facet_index_in_date_order_without_sorting(client, archive, query):
    bulk_archive(5_000)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {list_query(client, query)}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Scan Backward using dialogue_facet_newest" in plan or (
        "ordering=start" in query and "Index Scan using dialogue_facet_newest" in plan), plan
    assert "publisheddialogue_pkey" in plan and "Sort" not in plan, plan


@pytest.mark.parametrize("query", ["tag=kultur", "organisation=lund&status=open", "tag=kultur&ordering=title"])
def test_a_facet_list_costs_the_same_queries_however_many_it_matches(client, archive, query):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/dialogues/?{query}&limit=100").status_code == 200
        return len(queries)

    few = count()
    for row in PublishedDialogue.objects.all():
        PublishedDialogueFacet.objects.filter(dialogue_id=row.pk).delete()
        for facet in facet_rows(row, [("tag", "kultur", "Kultur"), ("organisation", "lund", "Lund")]):
            facet.save()
    assert count() == few


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_one_facet_per_key_and_copies_the_dialogues_fields():
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.migrate(target)
        return executor.loader.project_state(target).apps

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate([("dialogue_pages", "0013_areas")])
        dialogue = apps.get_model("dialogue_pages", "PublishedDialogue").objects.create(
            page_id=7, locale="sv", translation_key="00000000-0000-0000-0000-000000000007", path="/", slug="d",
            title="t", sort_title="t", detail=b"{}", summary=b"{}", etag="e", cancelled=True,
            open_from=datetime.date(2024, 1, 1), closed_from=datetime.date(2024, 2, 1), decided_from=NEVER,
            has_feedback=True, sort_start=datetime.date(2023, 12, 1), updated_at=timezone.now(),
        )
        facets = apps.get_model("dialogue_pages", "PublishedDialogueFacet").objects
        values = [("tag", "kultur", "Kultur"), ("tag", "kultur", "kultur"), ("organisation", "lund", "L")]
        for kind, key, label in values:
            facets.create(dialogue=dialogue, kind=kind, key=key, label=label)
    finally:
        migrate(latest)
    found = set(PublishedDialogueFacet.objects.values_list("kind", "key", "label", *FACET_COPIES))
    row = PublishedDialogue.objects.values_list(*FACET_COPIES).get(pk=7)
    assert found == {("tag", "kultur", "Kultur", *row), ("organisation", "lund", "L", *row)}
    assert row == (datetime.date(2023, 12, 1), "sv", True, datetime.date(2024, 1, 1), datetime.date(2024, 2, 1), NEVER,
                   True)

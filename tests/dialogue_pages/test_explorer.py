"""The page explorer of a large dialogue index (issue 15): children walked from an index in the listing's
order, the same pages as Wagtail lists, and no menu-order mode that would show tens of thousands at once."""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail.users.models import UserProfile

from dialogue_pages.factories import DialoguePageFactory
from dialogue_pages.pages import DialogueIndexPage


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def add_children(parent, count: int, start: int = 0) -> list[Page]:
    """``count`` light children (nested indexes), with titles out of tree order and changes a minute apart."""
    now = timezone.now()
    children = []
    for number in range(start, start + count):
        child = parent.add_child(instance=DialogueIndexPage(
            title=f"Indeks {(number * 7) % 100:02d}", slug=f"indeks-{number}", live=number % 3 != 0,
            latest_revision_created_at=None if number % 11 == 5 else now - datetime.timedelta(minutes=number),
        ))
        children.append(child)
        parent.refresh_from_db()
    return children


@pytest.fixture
def explorer_tree(dialogue_index):
    """55 children of the index (two pages of the explorer), one of them with two children of its own."""
    children = add_children(dialogue_index, 55)
    grandchildren = add_children(children[0], 2, start=100)
    return dialogue_index, children, grandchildren


def listed(editor_client, page, query: str = "") -> list[int]:
    response = editor_client.get(f"/admin/pages/{page.pk}/?{query}")
    assert response.status_code == 200
    return [item.pk for item in response.context["pages"]]


ORDERS = {
    "": F("latest_revision_created_at").desc(nulls_last=True),
    "ordering=-latest_revision_created_at": F("latest_revision_created_at").desc(nulls_last=True),
    "ordering=latest_revision_created_at": F("latest_revision_created_at").asc(nulls_first=True),
    "ordering=title": "title", "ordering=-title": "-title", "ordering=live": "live", "ordering=-live": "-live",
}


@pytest.mark.parametrize("query", list(ORDERS))
def test_the_explorer_lists_the_children_in_its_order_page_by_page(editor_client, explorer_tree, query):
    index, children, _grandchildren = explorer_tree
    shown = listed(editor_client, index, query) + listed(editor_client, index, f"{query}&p=2")
    expected = list(Page.objects.child_of(index).order_by(ORDERS[query]).values_list("pk", flat=True))
    # Wagtail orders by the one field: pages that tie on it (a status, no change yet) may come in any order.
    field = query.removeprefix("ordering=").lstrip("-") or "latest_revision_created_at"
    value = dict(Page.objects.child_of(index).values_list("pk", field))
    assert sorted(shown) == sorted(expected) and len(shown) == 55
    assert [value[pk] for pk in shown] == [value[pk] for pk in expected]


@pytest.mark.parametrize("query", ["has_child_pages=false", "has_child_pages=false&ordering=title"])
def test_a_filtered_explorer_still_lists_the_whole_subtree(editor_client, explorer_tree, query):
    index, children, grandchildren = explorer_tree
    shown = listed(editor_client, index, query) + listed(editor_client, index, f"{query}&p=2")
    assert {page.pk for page in grandchildren} <= set(shown)
    assert children[0].pk not in shown  # it has children


def explorer_listing_plan(editor_client, page, query: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        listed(editor_client, page, query)
    (listing,) = [q["sql"] for q in queries if "_approved_schedule" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {listing}")
        return [str(row[-1]) for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
@pytest.mark.parametrize(("query", "index"), [
    ("", "dialogue_page_children_changed"),
    ("ordering=latest_revision_created_at&p=2", "dialogue_page_children_changed"),
    ("ordering=title", "dialogue_page_children_title"), ("ordering=-title&p=2", "dialogue_page_children_title"),
    ("ordering=live", "dialogue_page_children_live"),
])
def test_sqlite_walks_the_children_from_an_index_in_the_explorers_order(editor_client, explorer_tree, query, index):
    steps = explorer_listing_plan(editor_client, explorer_tree[0], query)
    assert steps[0].startswith(f"SEARCH wagtailcore_page USING INDEX {index} (<expr>=?)"), steps
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in steps), steps


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
@pytest.mark.parametrize(("query", "index"), [
    ("", "Index Scan using dialogue_page_children_changed"),
    ("ordering=latest_revision_created_at", "Index Scan Backward using dialogue_page_children_changed"),
    ("ordering=title", "Index Scan using dialogue_page_children_title"),
    ("ordering=live", "Index Scan using dialogue_page_children_live"),
])
def test_postgresql_walks_the_children_from_an_index_in_the_explorers_order(
    editor_client, dialogue_index, query, index
):
    # Enough children (plain pages, written at once) for the planner to prefer the index.
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    Page.objects.bulk_create([
        Page(path=f"{dialogue_index.path}{number:04X}", depth=dialogue_index.depth + 1, numchild=0,
             title=f"Side {number * 7919 % 5000}", draft_title="x", slug=f"s{number}", url_path=f"/s{number}/",
             content_type=page_type, locale_id=dialogue_index.locale_id,
             translation_key=uuid.uuid4(), live=number % 3 > 0,
             latest_revision_created_at=now - datetime.timedelta(minutes=number * 7919 % 5000))
        for number in range(1, 5001)
    ], batch_size=1000)
    Page.objects.filter(pk=dialogue_index.pk).update(numchild=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailcore_page")
    with CaptureQueriesContext(connection) as queries:
        editor_client.get(f"/admin/pages/{dialogue_index.pk}/?{query}")
    (listing,) = [q["sql"] for q in queries if "_approved_schedule" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {listing}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{index} on wagtailcore_page " in plan and "Sort" not in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_serving_a_page_still_finds_it_by_its_slug(client, dialogue_index, publish):
    add_children(dialogue_index, 5)
    page = publish(DialoguePageFactory(parent=dialogue_index, title="Havneplan", slug="havneplan"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    (lookup,) = [q["sql"] for q in queries if "\"slug\" = 'havneplan'" in q["sql"] and "wagtailcore_page" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {lookup}")
        steps = [str(row[-1]) for row in cursor.fetchall()]
    assert "dialogue_page_children" not in " ".join(steps) and "(slug=?)" in steps[0], steps


def is_wagtail_localize_row_query(sql: str) -> bool:
    """The two queries wagtail-localize's listing buttons make for each page (a third party's, not ours)."""
    return "wagtail_localize_translatableobject" in sql or sql.startswith('SELECT 1 AS "a" FROM "wagtailcore_locale"')


def test_the_explorer_costs_no_query_per_listed_page_but_wagtail_localizes(editor_client, dialogue_index):
    def queries_but_per_row() -> int:
        with CaptureQueriesContext(connection) as queries:
            listed(editor_client, dialogue_index)
        return len([q for q in queries if not is_wagtail_localize_row_query(q["sql"])])

    add_children(dialogue_index, 3)
    listed(editor_client, dialogue_index)  # fills the content-type and site caches
    few = queries_but_per_row()
    add_children(dialogue_index, 6, start=3)
    assert queries_but_per_row() == few


def test_a_large_index_offers_no_menu_order_and_refuses_it(editor_client, dialogue_index, monkeypatch):
    add_children(dialogue_index, 4)
    dialogue_index.refresh_from_db()
    menu_order = f"/admin/pages/{dialogue_index.pk}/?ordering=ord"
    assert menu_order in editor_client.get(f"/admin/pages/{dialogue_index.pk}/").content.decode()
    assert editor_client.get(f"/admin/pages/{dialogue_index.pk}/?ordering=ord").status_code == 200
    monkeypatch.setattr("dialogue_pages.pages.REORDERABLE_CHILDREN", 3)
    assert menu_order not in editor_client.get(f"/admin/pages/{dialogue_index.pk}/").content.decode()
    response = editor_client.get(f"/admin/pages/{dialogue_index.pk}/?ordering=ord")
    assert response.status_code in (302, 403)
    assert not dialogue_index.permissions_for_user(response.wsgi_request.user).can_reorder_children()

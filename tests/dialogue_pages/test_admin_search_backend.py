"""Wagtail's admin search on SQLite ranks a search once (``admin_search_backend``), with the results and order
of Wagtail's own backend (issue 15: at 100,000 dialogues its per-match ranking took 2.9 s to 139 s)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from dialogue_pages.factories import DialoguePageFactory

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's ranking")

TITLES = ["Havneplan for Nordhavn", "Havn", "Havnebad og havnefront", "Ny havn ved havnen", "Cykelsti langs havnen",
          "Skolens fremtid", "Havnens historie i havnebyen", "Havnebussen", "Bibliotek", "Ny bypark ved Havnegade",
          "Havnefest", "Havnevej"]


@pytest.fixture
def pages(dialogue_index):
    return [DialoguePageFactory(parent=dialogue_index, title=title, slug=f"side-{number}")
            for number, title in enumerate(TITLES)]


def ranked(backend, method: str, query: str, start: int, stop: int) -> list[tuple[int, float]]:
    found = getattr(backend, method)(query, Page.objects.all())[start:stop]
    return [(page.pk, round(page._score, 9)) for page in found]


def test_the_site_uses_the_ranked_backend():
    from dialogue_pages.admin_search_sqlite import RankedSQLiteSearchBackend

    assert type(get_search_backend()) is RankedSQLiteSearchBackend


@pytest.mark.parametrize("method", ["autocomplete", "search"])
@pytest.mark.parametrize("query", ["havn", "havnen", "ny havn", "bibliotek", "nothing"])
def test_pages_of_results_are_wagtails_own(pages, method, query):
    stock = get_search_backend("default").__class__.__mro__[1]({})
    ours = get_search_backend()
    for start, stop in ((0, 4), (4, 8), (8, 20)):
        assert ranked(ours, method, query, start, stop) == ranked(stock, method, query, start, stop)
    assert getattr(ours, method)(query, Page.objects.all()).count() == getattr(stock, method)(
        query, Page.objects.all()).count()


def test_a_page_of_results_is_two_queries_without_a_match_per_result(pages):
    with CaptureQueriesContext(connection) as queries:
        found = list(get_search_backend().autocomplete("havn", Page.objects.all())[:5])
    assert len(found) == 5 and len(queries) == 2, [q["sql"] for q in queries]
    for query in queries:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            plan = [(row[1], str(row[-1])) for row in cursor.fetchall()]
        correlated = {node for node, step in plan if step.startswith("CORRELATED")}
        # No full-text scan runs inside a subquery that is run again for each row.
        assert not any("VIRTUAL TABLE" in step for parent, step in plan if parent in correlated), plan


def test_the_admin_page_search_lists_the_best_matches_first(client, django_user_model, pages):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    response = client.get("/admin/pages/search/?q=havn")
    assert response.status_code == 200
    shown = [page.pk for page in response.context["pages"]]
    stock = get_search_backend("default").__class__.__mro__[1]({})
    assert shown == [pk for pk, _score in ranked(stock, "autocomplete", "havn", 0, 50)]
    assert len(shown) >= 8

"""Index pages list their dialogues from the read model: a page at a time, at a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from dialogue_pages.api import response_cache
from dialogue_pages.api.listing import filtered
from dialogue_pages.api.params import DialogueFilters
from dialogue_pages.factories import DialogueIndexPageFactory, DialoguePageFactory
from dialogue_pages.index_listing import rows_under
from dialogue_pages.read_model.queries import status_q
from dialogue_pages.read_model.writer import refresh_dialogues


def make_dialogues(index, count: int, start: datetime.date = datetime.date(2024, 1, 1)) -> list:
    """``count`` dialogues under ``index``, one day apart (the newest last), with their read-model rows."""
    pages = [
        DialoguePageFactory(parent=index, title=f"Dialog {n:03d}", start_date=start + datetime.timedelta(days=n),
                            end_date=start + datetime.timedelta(days=n + 30))
        for n in range(count)
    ]
    refresh_dialogues([page.pk for page in pages])
    return pages


def in_danish(message: str) -> str:
    with translation.override("da"):
        return gettext(message)


@pytest.mark.parametrize("count", [5, 60])
def test_an_index_page_takes_the_same_few_queries_whatever_the_number_of_dialogues(
    client, dialogue_index, django_assert_max_num_queries, count, settings
):
    # The page's own queries: the per-process page cache (test_page_cache.py) would answer a repeat with one.
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 0
    make_dialogues(dialogue_index, count)
    client.get(dialogue_index.url)  # warm the site-root cache, as any served site has it
    with django_assert_max_num_queries(10):
        response = client.get(dialogue_index.url)
    assert response.status_code == 200
    assert response.content.decode().count("<article>") == min(count, 20)


def test_pages_hold_twenty_dialogues_newest_first_with_links_between_them(client, dialogue_index):
    make_dialogues(dialogue_index, 45)
    first = client.get(dialogue_index.url).content.decode()
    assert first.index("Dialog 044") < first.index("Dialog 025")
    assert "Dialog 024" not in first
    assert '<a href="?page=2" rel="next">' in first and 'rel="prev"' not in first
    assert f'aria-label="{in_danish("Pages of dialogues")}"' in first
    assert in_danish("Page %(number)s of %(total)s") % {"number": 1, "total": 3} in first

    last = client.get(dialogue_index.url, {"page": 3}).content.decode()
    assert [f"Dialog {n:03d}" in last for n in (4, 0, 5)] == [True, True, False]
    assert '<a href="?page=2" rel="prev">' in last and 'rel="next"' not in last
    assert in_danish("Page %(number)s of %(total)s") % {"number": 3, "total": 3} in last


def test_a_short_index_has_no_pagination(client, dialogue_index):
    make_dialogues(dialogue_index, 3)
    assert "pagination" not in client.get(dialogue_index.url).content.decode()


def test_the_page_size_is_a_setting(client, dialogue_index, settings):
    settings.DIALOGUE_INDEX_PAGE_SIZE = 2
    make_dialogues(dialogue_index, 5)
    assert client.get(dialogue_index.url).content.decode().count("<article>") == 2
    assert client.get(dialogue_index.url, {"page": 3}).content.decode().count("<article>") == 1


@pytest.mark.parametrize("number", ["0", "4", "-1", "abc", "1.5", "99999999999999999999", ""])
def test_a_page_number_that_is_no_page_is_404(client, dialogue_index, settings, number):
    settings.DIALOGUE_INDEX_PAGE_SIZE = 2
    make_dialogues(dialogue_index, 5)
    assert client.get(dialogue_index.url, {"page": number}).status_code == 404


def test_the_first_page_of_an_empty_index_is_no_error(client, dialogue_index):
    assert client.get(dialogue_index.url, {"page": 1}).status_code == 200
    assert client.get(dialogue_index.url, {"page": 2}).status_code == 404


def test_the_listing_renders_from_the_stored_summaries(client, dialogue_index):
    (page,) = make_dialogues(dialogue_index, 1)
    # The page changes after its row was written: the index shows the published record, not the draft.
    page.title = "Kladdetitel"
    page.save()
    html = client.get(dialogue_index.url).content.decode()
    assert f'<a href="{page.url}">Dialog 000</a>' in html and "Kladdetitel" not in html
    assert page.intro in html
    assert f"{page.rung.name} —" in html
    assert '<time datetime="2024-01-01">' in html and '<time datetime="2024-01-31">' in html


def test_a_sub_index_lists_only_what_lies_under_it(client, dialogue_index):
    district = DialogueIndexPageFactory(parent=dialogue_index, title="Amager", slug="amager")
    make_dialogues(district, 1)
    elsewhere = DialoguePageFactory(parent=dialogue_index, title="Elsewhere")
    refresh_dialogues([elsewhere.pk])
    district_html = client.get(district.url).content.decode()
    assert "Dialog 000" in district_html and "Elsewhere" not in district_html
    index_html = client.get(dialogue_index.url).content.decode()
    assert "Dialog 000" in index_html and "Elsewhere" in index_html


def test_an_index_lists_only_its_own_language(client, dialogue_index, locales):
    make_dialogues(dialogue_index, 1)
    swedish_index = dialogue_index.copy_for_translation(locales["sv"])
    swedish_index.save_revision().publish()
    swedish = DialoguePageFactory(parent=swedish_index, title="Svensk dialog", locale=locales["sv"])
    refresh_dialogues([swedish.pk])
    assert "Svensk dialog" not in client.get(dialogue_index.url).content.decode()
    swedish_html = client.get(swedish_index.url).content.decode()
    assert "Svensk dialog" in swedish_html and "Dialog 000" not in swedish_html


def test_what_every_page_of_an_index_shares_is_built_once_and_follows_a_publish(client, dialogue_index, publish):
    # Counts, menus and the "open now" section are remembered per process: a new page number costs only
    # its own rows, and a publish (a new read-model version) is counted at once.
    make_dialogues(dialogue_index, 40)
    client.get(dialogue_index.url, {"x": "warm"})  # the site-root cache, as any served site has it
    response_cache.clear()
    with CaptureQueriesContext(connection) as first:
        assert client.get(dialogue_index.url).status_code == 200
    built = len(first)
    with CaptureQueriesContext(connection) as second:
        assert client.get(dialogue_index.url, {"page": 2}).status_code == 200
    rebuilt = [query["sql"].upper() for query in second.captured_queries]  # read before the next request resets it
    assert 0 < len(rebuilt) < built
    assert not any("COUNT(" in sql for sql in rebuilt)
    assert client.get(dialogue_index.url, {"page": 3}).status_code == 404
    publish(DialoguePageFactory(parent=dialogue_index, title="Skolevejen ved Åparken",
                                start_date=datetime.date(2001, 1, 1)))
    last = client.get(dialogue_index.url, {"page": 3}).content.decode()
    assert "Skolevejen ved Åparken" in last
    assert in_danish("Page %(number)s of %(total)s") % {"number": 3, "total": 3} in last


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_an_index_counts_and_skips_pages_on_index_entries_alone(client, dialogue_index):
    # Counting an index's dialogues, and skipping to a deep page, must not read every row's JSON: at
    # 100,000 dialogues that took 300 ms a page. The covering index holds every field they test.
    from tests.dialogue_pages.test_api import pretend_ten_thousand_dialogues

    make_dialogues(dialogue_index, 3)
    pretend_ten_thousand_dialogues()
    today = datetime.date(2026, 12, 4)
    site_id, _root_url, path = dialogue_index.get_url_parts()
    rows = rows_under(site_id, path, "da")
    for query in (rows.exclude(status_q("open", today)).values("page_id"),
                  filtered(DialogueFilters(status="planned"), rows).values("page_id"),
                  filtered(DialogueFilters(year=2024), rows).values("page_id")):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM ({sql})", params)
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "COVERING INDEX dialogue_index_listing" in plan, plan

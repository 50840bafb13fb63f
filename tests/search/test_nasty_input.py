"""No text a person can type makes search fail: property tests of both backends' query builders."""

import datetime
import json
import sqlite3

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogue_search.backends.base import FACETS, SearchFilters, SearchRequest
from dialogue_search.backends.es_queries import build_search, build_suggest
from dialogue_search.backends.plan import TIERS, plan_query
from dialogue_search.backends.postgres import item_condition
from dialogue_search.backends.sqlite import suggest_match
from dialogue_search.backends.tantivy import TantivyBackend
from dialogue_search.documents import DialogueDocument
from dialogue_search.query import parse_query, prefix_words
from tests.search.expressions import excluded_match, tier_match

# Everything a keyboard, a paste or a bot produces: all of Unicode, plus the syntax of every engine.
SYNTAX = st.sampled_from(['"', "'", "*", ":", "(", ")", "-", "^", "NEAR", "AND", "OR", "NOT", "{", "}", "+",
                          "\\", "%", "_", "&", "|", "!", "<->", "\x00", "\u200b", "😀", "å", "ß", "İ", "\ufeff"])
NASTY = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map(" ".join),
    st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map("".join),
)
LOCALES = ("da", "sv", "en")
EXPANSIONS = {"dialog": ["medborgardialog", "dialogmoede"], "havn": ["havneomraad"]}


@pytest.fixture
def indexed(make_dialogue):
    make_dialogue(title="Havneplan og medborgardialog", intro="Borgermøder om havneområdet (NEAR \"x\")")


@pytest.fixture(scope="module")
def fts():
    """A standalone FTS5 table shaped like the backend's, to run generated MATCH expressions against."""
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE dialogue_search_fts USING fts5(title, intro, purpose, body, ftitle, "
                     "ftext, tokenize = 'unicode61 remove_diacritics 0')")
    database.execute("CREATE VIRTUAL TABLE s USING fts5(words, prefix = '2 3 4')")
    database.execute("INSERT INTO dialogue_search_fts VALUES ('havn', 'dialog', 'x', 'y', 'havn', 'dialog x y')")
    database.execute("INSERT INTO s VALUES ('havneplan for nordhavn')")
    return database


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_parsing_never_raises(text):
    query = parse_query(text)
    assert all(word.isalnum() for item in query.items + query.excluded for word in item.words)


@settings(max_examples=300, deadline=None)
@given(NASTY, st.sampled_from([None, *LOCALES]))
def test_sqlite_expressions_always_run(fts, text, locale):
    plan = plan_query(parse_query(text), [locale] if locale else LOCALES)
    expressions = [tier_match(plan, tier, EXPANSIONS) for tier in range(TIERS)] if plan.items else []
    expressions += [excluded_match(plan)] if plan.excluded else []
    words = prefix_words(text)
    if words:
        expressions.append(None)
    for expression in expressions:
        if expression is None:
            fts.execute("SELECT rowid FROM s WHERE s MATCH ?", [suggest_match(words, True)]).fetchall()
        else:
            fts.execute("SELECT rowid FROM dialogue_search_fts WHERE dialogue_search_fts MATCH ?",
                        [expression]).fetchall()


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NASTY, st.sampled_from([None, *LOCALES]))
def test_postgres_conditions_always_run(text, locale):
    plan = plan_query(parse_query(text), [locale] if locale else LOCALES)
    if connection.vendor != "postgresql":
        for tier in range(TIERS):
            for item in plan.items:
                item_condition(item, tier, plan.locales, EXPANSIONS)
        return
    with connection.cursor() as cursor:
        for tier in range(TIERS):
            for item in plan.items + plan.excluded:
                sql, params = item_condition(item, tier, plan.locales, EXPANSIONS)
                cursor.execute(f"SELECT count(*) FROM dialogue_search_indexedtext WHERE {sql}", params)


def request_for(text: str, locale: str | None) -> SearchRequest:
    return SearchRequest(
        query=parse_query(text), locale=locale, filters=SearchFilters(status="open", year=2024, tag="Kultur"),
        limit=20, offset=0, today=datetime.date(2025, 5, 1), now=timezone.now(), content_locales=LOCALES,
    )


@settings(max_examples=300, deadline=None)
@given(NASTY, st.sampled_from([None, *LOCALES]))
def test_elasticsearch_bodies_always_build(text, locale):
    body = build_search(request_for(text, locale), "dialogues").to_dict()
    json.dumps(body)
    json.dumps(build_suggest(text, locale, 8, timezone.now(), LOCALES, "dialogues").to_dict())
    assert "query_string" not in json.dumps(body)  # never Elasticsearch's own query syntax


@pytest.fixture(scope="module")
def tantivy(tmp_path_factory):
    backend = TantivyBackend(tmp_path_factory.mktemp("nasty"))
    backend.index([DialogueDocument(page_id=1, locale="da", title="Havneplan og medborgardialog",
                                    intro='Borgermøder om havneområdet (NEAR "x")', purpose="", body="ærø å")])
    return backend


@settings(max_examples=300, deadline=None)
@given(NASTY, st.sampled_from([None, *LOCALES]))
def test_tantivy_queries_always_run(tantivy, text, locale):
    page = tantivy.search(request_for(text, locale))
    assert page.total >= 0 and set(page.facets) == set(FACETS)
    tantivy.suggest(text, locale, 8, timezone.now(), LOCALES)


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NASTY)
def test_the_api_never_fails(client, indexed, text):
    # Control characters may be refused as a problem (400) before search sees them; never a 5xx.
    refusable = any(ord(char) < 32 or ord(char) == 127 for char in text)
    for path in ("/api/v1/search/", "/api/v1/search/suggest/"):
        response = client.get(path, {"q": text})
        assert response.status_code == 200 or (refusable and response.status_code == 400), (text, response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["x" * 501, "ø" * 10_000, "a " * 5000])
def test_over_long_input_is_a_400(client, text):
    assert client.get("/api/v1/search/", {"q": text}).status_code == 400

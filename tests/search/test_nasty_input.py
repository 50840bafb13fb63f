"""No text a person can type makes search fail: property tests of the Tantivy and Elasticsearch query builders."""

import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogue_search.backends.base import FACETS, SearchFilters, SearchRequest
from dialogue_search.backends.elasticsearch.queries import build_search, build_suggest
from dialogue_search.backends.tantivy import TantivyBackend
from dialogue_search.documents import DialogueDocument
from dialogue_search.query import parse_query

# Everything a keyboard, a paste or a bot produces: all of Unicode, plus the syntax of every engine.
SYNTAX = st.sampled_from(['"', "'", "*", ":", "(", ")", "-", "^", "NEAR", "AND", "OR", "NOT", "{", "}", "+",
                          "\\", "%", "_", "&", "|", "!", "<->", "\x00", "\u200b", "😀", "å", "ß", "İ", "\ufeff"])
NASTY = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map(" ".join),
    st.lists(st.one_of(SYNTAX, st.text(max_size=8)), max_size=40).map("".join),
)
LOCALES = ("da", "sv", "en")


@pytest.fixture
def indexed(make_dialogue):
    make_dialogue(title="Havneplan og medborgardialog", intro="Borgermøder om havneområdet (NEAR \"x\")")


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_parsing_never_raises(text):
    query = parse_query(text)
    assert all(word.isalnum() for item in query.items + query.excluded for word in item.words)


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

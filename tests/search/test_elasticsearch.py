"""The Elasticsearch backend: its mapping and request bodies (no server here), the fallback, and a live
suite that runs when ELASTICSEARCH_URL points at a server."""

import datetime
import json
import logging
import os

import pytest
from django.utils import timezone

from dialogue_search import service
from dialogue_search.backends.base import SearchFilters, SearchRequest
from dialogue_search.backends.elasticsearch import ElasticsearchBackend, index_body
from dialogue_search.backends.elasticsearch.mapping import to_index_document
from dialogue_search.backends.elasticsearch.queries import build_search, build_suggest
from dialogue_search.backends.elasticsearch.responses import parse_response
from dialogue_search.documents import DialogueDocument
from dialogue_search.query import parse_query

from .conftest import search_json, titles

TODAY = datetime.date(2025, 5, 1)
NOW = timezone.make_aware(datetime.datetime(2025, 5, 1, 12, 0))
LOCALES = ("da", "sv", "en")


def body(q="", locale=None, **filters) -> dict:
    request = SearchRequest(query=parse_query(q), locale=locale, filters=SearchFilters(**filters), limit=10,
                            offset=20, today=TODAY, now=NOW, content_locales=LOCALES)
    return build_search(request, "dialogues").to_dict()


def test_mapping_has_language_folding_and_compound_analysis():
    mapping = index_body()
    analysis = mapping["settings"]["analysis"]
    assert {"danish_stemmed", "swedish_stemmed", "english_stemmed", "folded", "parts"} <= set(analysis["analyzer"])
    assert analysis["filter"]["danish_snowball"] == {"type": "snowball", "language": "Danish"}
    assert "ø => oe" in analysis["char_filter"]["nordic_letters"]["mappings"]
    assert analysis["filter"]["nordic_decompounder"]["type"] == "dictionary_decompounder"
    assert "asciifolding" in analysis["analyzer"]["folded"]["filter"]
    properties = mapping["mappings"]["properties"]
    assert set(properties["title"]["fields"]) == {"da", "sv", "en", "folded", "parts"}
    assert properties["title"]["fields"]["sv"]["analyzer"] == "swedish_stemmed"
    assert properties["suggest"]["type"] == "search_as_you_type"
    assert properties["organisation"]["type"] == "keyword"


def test_words_are_matched_in_the_locale_with_field_boosts():
    must = body("borgermøder", locale="da")["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    assert must[0]["multi_match"] == {"query": "borgermøder",
                                      "fields": ["title.da^10", "intro.da^5", "purpose.da^2", "body.da^1"]}
    assert must[1]["multi_match"]["fields"][0] == "title.folded^3"  # diacritics fallback weighs less
    assert must[2]["multi_match"]["fields"][0] == "title.parts^1"  # compounds weigh least


def test_without_a_locale_every_language_is_searched():
    fields = body("dialoger")["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"][0]["multi_match"]
    assert {"title.da^10", "title.sv^10", "title.en^10"} <= set(fields["fields"])


def test_phrases_and_exclusions():
    query = body('"grøn plan" -parkering', locale="da")["query"]["bool"]["must"][0]["bool"]
    assert query["must"][0]["multi_match"]["type"] == "phrase"
    assert query["must"][0]["multi_match"]["query"] == "grøn plan"
    assert query["must_not"][0]["bool"]["should"][0]["multi_match"]["query"] == "parkering"
    assert len(query["must_not"][0]["bool"]["should"]) == 2  # no compound parts when excluding


def test_nasty_text_stays_plain_text():
    text = json.dumps(body('a* OR (b:c) NEAR "d', locale="da"))
    assert "query_string" not in text and "simple_query_string" not in text


def test_empty_query_browses_and_punctuation_matches_nothing():
    assert body("")["query"]["bool"]["must"][0]["bool"]["must"] == [{"match_all": {}}]
    assert body("***")["query"]["bool"]["must"][0] == {"match_none": {}}


def test_visibility_filter():
    filters = body("x", locale="sv")["query"]["bool"]["filter"]
    assert filters[0] == {"terms": {"locale": ["sv"]}}
    assert filters[1]["bool"]["should"][1] == {"range": {"expire_at": {"gt": NOW.isoformat()}}}


def test_facets_leave_out_their_own_filter():
    data = body("skole", organisation="lund", status="open", year=2024, tag="Kultur")
    post_filter = data["post_filter"]["bool"]["filter"]
    assert {"prefix": {"organisation": "lund\x1f"}} in post_filter
    assert {"prefix": {"tag": "kultur\x1f"}} in post_filter
    aggregations = data["aggs"]
    assert set(aggregations) == {"rung", "status", "organisation", "year", "tag", "target_group", "area"}
    own = json.dumps(aggregations["organisation"]["filter"])
    assert "lund" not in own and "kultur" in own
    assert "lund" in json.dumps(aggregations["tag"]["filter"])
    assert aggregations["organisation"]["aggs"]["values"] == {"terms": {"field": "organisation", "size": 50}}
    assert set(aggregations["status"]["aggs"]["values"]["filters"]["filters"]) == {
        "planned", "open", "closed", "decided", "cancelled"}
    assert "2024" in aggregations["year"]["aggs"]["values"]["filters"]["filters"]


def test_area_is_a_keyword_filter_and_facet_like_organisation():
    assert index_body()["mappings"]["properties"]["area"] == {"type": "keyword"}
    document = DialogueDocument(page_id=7, locale="da", title="Havn", intro="", purpose="", body="",
                                facets=[("area", "sydhavnen", "Sydhavnen"), ("organisation", "kk", "KK")])
    assert to_index_document(document).to_dict()["area"] == ["sydhavnen\x1fSydhavnen"]
    data = body("havn", area="sydhavnen", organisation="kk")
    assert {"prefix": {"area": "sydhavnen\x1f"}} in data["post_filter"]["bool"]["filter"]
    area = data["aggs"]["area"]
    assert area["aggs"]["values"] == {"terms": {"field": "area", "size": 50}}
    assert "sydhavnen" not in json.dumps(area["filter"]) and "kk" in json.dumps(area["filter"])
    assert "sydhavnen" in json.dumps(data["aggs"]["organisation"]["filter"])
    request = SearchRequest(query=parse_query(""), locale="da", filters=SearchFilters(), limit=10, offset=0,
                            today=TODAY, now=NOW, content_locales=LOCALES)
    response = {"hits": {"total": {"value": 1}, "hits": []}, "aggregations": {
        "area": {"values": {"buckets": [{"key": "sydhavnen\x1fSydhavnen", "doc_count": 1}]}}}}
    assert parse_response(response, request).facets["area"][0].__dict__ == {
        "key": "sydhavnen", "label": "Sydhavnen", "count": 1}


def test_highlight_sort_and_page():
    data = body("havn", locale="da")
    assert data["highlight"]["pre_tags"] == ["<mark>"] and data["highlight"]["encoder"] == "html"
    assert "intro.da" in data["highlight"]["fields"]
    assert data["sort"][0] == "_score" and data["sort"][1] == {"sort_start": {"order": "desc", "missing": "_last"}}
    assert (data["from"], data["size"]) == (20, 10)
    assert data["track_total_hits"] is True


def test_suggest_body():
    data = build_suggest("havn pl", "da", 8, NOW, LOCALES, "dialogues").to_dict()
    match = data["query"]["bool"]["must"][0]["multi_match"]
    assert match["type"] == "bool_prefix" and match["fields"] == ["suggest", "suggest._2gram", "suggest._3gram"]
    assert data["size"] == 8


def test_response_parsing():
    request = SearchRequest(query=parse_query("havn"), locale="da", filters=SearchFilters(), limit=10, offset=0,
                            today=TODAY, now=NOW, content_locales=LOCALES)
    response = {
        "hits": {"total": {"value": 2}, "hits": [
            {"_id": "7", "_source": {"intro": "x"}, "highlight": {"body.da": ["b"], "intro.da": ["<mark>havn</mark>"]}},
            {"_id": "8", "_source": {"intro": "<script>"}},
        ]},
        "aggregations": {
            "rung": {"values": {"buckets": [{"key": "dialog", "doc_count": 2,
                                             "label": {"buckets": [{"key": "Dialog"}]}}]}},
            "status": {"values": {"buckets": {"open": {"doc_count": 1}, "planned": {"doc_count": 0}}}},
            "organisation": {"values": {"buckets": [{"key": "lund\x1fLunds kommun", "doc_count": 2}]}},
        },
    }
    page = parse_response(response, request)
    assert page.total == 2
    assert [(hit.page_id, hit.snippet) for hit in page.hits] == [(7, "<mark>havn</mark>"), (8, "&lt;script&gt;")]
    assert page.facets["organisation"][0].label == "Lunds kommun"
    assert page.facets["rung"][0].label == "Dialog"
    assert [facet.key for facet in page.facets["status"]] == ["open"]


@pytest.fixture
def unreachable(settings):
    settings.DIALOGUE_ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.DIALOGUE_ELASTICSEARCH_TIMEOUT = 0.5


def test_elasticsearch_is_chosen_by_its_url(unreachable):
    assert isinstance(service.get_backend(), ElasticsearchBackend)
    assert [backend.name for backend in service.index_backends()] == ["tantivy", "elasticsearch"]


def test_unreachable_elasticsearch_falls_back_to_the_embedded_index(client, unreachable, make_dialogue, caplog):
    with caplog.at_level(logging.WARNING):
        make_dialogue(title="Borgermødet")  # indexing into Elasticsearch fails, publishing does not
        assert titles(search_json(client, q="borgermøder")) == ["Borgermødet"]
        suggestions = client.get("/api/v1/search/suggest/", {"q": "bo"}).json()["items"]
    assert [item["title"] for item in suggestions] == ["Borgermødet"]
    assert "unreachable" in caplog.text and "could not index" in caplog.text


def test_readiness_reports_unreachable_elasticsearch(client, unreachable, db, settings):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "elasticsearch" in response.json()["checks"]["search"]["detail"]
    settings.DIALOGUE_SEARCH_REQUIRE_ELASTICSEARCH = False
    assert client.get("/readyz").status_code == 200


def test_readiness_of_the_embedded_backend(client, db):
    check = client.get("/readyz").json()["checks"]["search"]
    assert check["ok"] is True and check["detail"].startswith("tantivy: 0 dialogues")


LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")
live = pytest.mark.skipif(not LIVE_URL, reason="live Elasticsearch suite: set ELASTICSEARCH_URL to run it")


@pytest.fixture
def live_backend(settings):
    settings.DIALOGUE_ELASTICSEARCH_URL = LIVE_URL
    settings.DIALOGUE_ELASTICSEARCH_INDEX = "dialogues-test"
    backend = service.get_backend()
    yield backend
    backend.client.indices.delete(index="dialogues-test-*", ignore_unavailable=True)


@pytest.mark.elasticsearch
@live
def test_live_search(client, live_backend, make_dialogue, locales):
    make_dialogue(title="Borgermødet om havneområdet", intro="Om <script>trafik</script>.")
    make_dialogue(title="Cykelstier", intro="Grøn plan for byen.")
    assert titles(search_json(client, q="borgermøder")) == ["Borgermødet om havneområdet"]
    assert titles(search_json(client, q="havn")) == ["Borgermødet om havneområdet"]
    assert titles(search_json(client, q='"grøn plan"')) == ["Cykelstier"]
    assert titles(search_json(client, q="-cykelstier")) == ["Borgermødet om havneområdet"]
    assert "<mark>" in search_json(client, q="trafik")["items"][0]["snippet"]
    assert "&lt;script&gt;" in search_json(client, q="trafik")["items"][0]["snippet"]
    suggestions = client.get("/api/v1/search/suggest/", {"q": "cy"}).json()["items"]
    assert [item["title"] for item in suggestions] == ["Cykelstier"]
    assert live_backend.health()[0]

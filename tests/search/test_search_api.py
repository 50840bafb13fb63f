"""GET /api/v1/search/ on the default (Tantivy) backend: language, ranking, query language, facets, snippets."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_pages.api.responses import encode_cursor
from dialogue_pages.factories import (
    DialogueIndexPageFactory,
    DialoguePageFactory,
    OrganisationFactory,
    TargetGroupFactory,
    default_rung,
)
from dialogue_search.api import CURSOR_ORDERING

from .conftest import search_json, titles


def when(year: int) -> dict:
    return {"start_date": datetime.date(year, 1, 1), "end_date": datetime.date(year, 6, 30)}


@pytest.fixture
def index_in(locales, publish):
    """A published dialogue index of another locale under the root."""
    from wagtail.models import Page

    def make(code):
        return DialogueIndexPageFactory(parent=Page.get_first_root_node(), locale=locales[code],
                                        title=f"Index {code}", slug=f"index-{code}")

    return make


def test_danish_stemming(client, make_dialogue):
    make_dialogue(title="Borgermødet i Valby")
    make_dialogue(title="Trafikplan")
    assert titles(search_json(client, q="borgermøder")) == ["Borgermødet i Valby"]


def test_swedish_stemming(client, make_dialogue, index_in, locales):
    parent = index_in("sv")
    make_dialogue(parent=parent, locale=locales["sv"], title="Om dialogen i Dalby", slug="dalby")
    make_dialogue(parent=parent, locale=locales["sv"], title="Översiktsplan", slug="plan")
    assert titles(search_json(client, q="dialoger", locale="sv")) == ["Om dialogen i Dalby"]


def test_english_stemming(client, make_dialogue, index_in, locales):
    parent = index_in("en")
    make_dialogue(parent=parent, locale=locales["en"], title="A consultation on parks", slug="parks")
    assert titles(search_json(client, q="consultations", locale="en")) == ["A consultation on parks"]


def test_compounds_match_and_rank_below_whole_words(client, make_dialogue, index_in, locales):
    make_dialogue(title="Havneområdet", **when(2025))
    make_dialogue(title="Havn og by", **when(2020))
    assert titles(search_json(client, q="havn")) == ["Havn og by", "Havneområdet"]
    parent = index_in("sv")
    make_dialogue(parent=parent, locale=locales["sv"], title="Medborgardialog i Lund", slug="lund")
    assert titles(search_json(client, q="dialog", locale="sv")) == ["Medborgardialog i Lund"]


def test_a_compound_published_after_a_search_is_found_by_the_next(client, make_dialogue):
    make_dialogue(title="Havn og by")
    assert titles(search_json(client, q="havn")) == ["Havn og by"]  # the look-up of "havn" is kept
    make_dialogue(title="Lystbådehavnen")
    assert titles(search_json(client, q="havn")) == ["Havn og by", "Lystbådehavnen"]


def test_diacritics_fallback_ranks_lower(client, make_dialogue):
    make_dialogue(title="Aarhus havn", **when(2025))
    make_dialogue(title="Århus havn", **when(2020))
    assert titles(search_json(client, q="århus")) == ["Århus havn", "Aarhus havn"]
    assert titles(search_json(client, q="aarhus")) == ["Aarhus havn", "Århus havn"]


def test_ranking_title_intro_purpose_body_then_newer(client, make_dialogue):
    make_dialogue(title="Body", intro="Noget andet.", **when(2025),
                  body=[("rich_text", "<p>Her står skolegården.</p>")])
    make_dialogue(title="Purpose", intro="Noget andet.", purpose="<p>Om skolegården.</p>",
                  **when(2025))
    make_dialogue(title="Intro", intro="Skolegården skal fornyes.", **when(2025))
    make_dialogue(title="Skolegården (ældre)", **when(2019))
    make_dialogue(title="Skolegården (nyere)", **when(2024))
    assert titles(search_json(client, q="skolegården")) == [
        "Skolegården (nyere)", "Skolegården (ældre)", "Intro", "Purpose", "Body"]
    # Pages that end between two fields' matches, or start after them, rank the same as the whole list.
    for offset, expected in [(0, ["Skolegården (nyere)"]), (1, ["Skolegården (ældre)", "Intro"]),
                             (3, ["Purpose", "Body"])]:
        cursor = encode_cursor(CURSOR_ORDERING, [offset])
        found = search_json(client, q="skolegården", limit=len(expected), cursor=cursor)
        assert titles(found) == expected and found["total"] == 5


def test_feedback_text_is_searchable(client, make_dialogue):
    make_dialogue(title="Biblioteket", feedback=[("item", {
        "theme": "Åbningstider", "you_said": "Længere åbent om aftenen.", "we_did": "Åbent til klokken 22.",
        "outcome": "adopted", "reason": ""})])
    assert titles(search_json(client, q="aftenen")) == ["Biblioteket"]


def test_all_words_must_match(client, make_dialogue):
    make_dialogue(title="Cykelsti langs havnen")
    make_dialogue(title="Cykelsti i parken")
    assert titles(search_json(client, q="cykelsti havnen")) == ["Cykelsti langs havnen"]


def test_phrases(client, make_dialogue):
    make_dialogue(title="Grøn plan for byen")
    make_dialogue(title="Plan for en grøn by")
    assert titles(search_json(client, q='"grøn plan"')) == ["Grøn plan for byen"]
    assert set(titles(search_json(client, q="grøn plan"))) == {"Grøn plan for byen", "Plan for en grøn by"}


def test_exclusions(client, make_dialogue):
    make_dialogue(title="Parkering ved havnen")
    make_dialogue(title="Cykler ved havnen")
    assert titles(search_json(client, q="havnen -parkering")) == ["Cykler ved havnen"]
    assert titles(search_json(client, q='-"cykler ved"')) == ["Parkering ved havnen"]


@pytest.fixture
def faceted(make_dialogue):
    lund, malmo = OrganisationFactory(name="Lunds kommun", slug="lund"), OrganisationFactory(name="Malmö", slug="malmo")
    youth = TargetGroupFactory(name="Unga", slug="unga")
    a = make_dialogue(title="Skolplan A", organisers=[lund], target_groups=[youth],
                      start_date=datetime.date(2019, 3, 1), end_date=datetime.date(2020, 2, 1))
    b = make_dialogue(title="Skolplan B", organisers=[malmo], rung=default_rung("konsultation"),
                      start_date=datetime.date(2020, 3, 1), end_date=datetime.date(2020, 5, 1))
    c = make_dialogue(title="Skolplan C", organisers=[lund], start_date=datetime.date(2021, 3, 1),
                      end_date=datetime.date(2021, 5, 1))
    make_dialogue(title="Trafik", organisers=[lund])
    for page, tag in ((a, "Skola"), (b, "Skola"), (c, "Trafik")):
        page.tags.add(tag)
        page.save_revision().publish()
    return a, b, c


def counts(data, facet):
    return {value["key"]: value["count"] for value in data["facets"][facet]}


def test_facets_count_the_query(client, faceted, commit):
    with commit():
        for page in faceted:
            page.save_revision().publish()
    data = search_json(client, q="skolplan")
    assert data["total"] == 3
    assert counts(data, "organisation") == {"lund": 2, "malmo": 1}
    assert counts(data, "rung") == {"dialog": 2, "konsultation": 1}
    assert counts(data, "year") == {"2019": 1, "2020": 2, "2021": 1}
    assert counts(data, "tag") == {"skola": 2, "trafik": 1}
    assert counts(data, "target_group") == {"unga": 1}
    assert counts(data, "status") == {"closed": 3}
    labels = {value["key"]: value["label"] for value in data["facets"]["organisation"]}
    assert labels == {"lund": "Lunds kommun", "malmo": "Malmö"}


def test_facets_with_filters_leave_out_their_own_filter(client, faceted, commit):
    with commit():
        for page in faceted:
            page.save_revision().publish()
    data = search_json(client, q="skolplan", organisation="lund")
    assert titles(data) == ["Skolplan C", "Skolplan A"]
    assert data["total"] == 2
    assert counts(data, "organisation") == {"lund": 2, "malmo": 1}  # its own filter left out
    assert counts(data, "rung") == {"dialog": 2}
    data = search_json(client, q="skolplan", organisation="lund", year=2020)
    assert titles(data) == ["Skolplan A"]
    assert counts(data, "year") == {"2019": 1, "2020": 1, "2021": 1}
    assert counts(data, "organisation") == {"lund": 1, "malmo": 1}
    assert titles(search_json(client, q="skolplan", tag="SKOLA", rung="konsultation")) == ["Skolplan B"]
    assert titles(search_json(client, q="skolplan", status="open")) == []
    assert titles(search_json(client, q="skolplan", target_group="unga")) == ["Skolplan A"]


def test_browse_with_filters(client, faceted, commit):
    with commit():
        for page in faceted:
            page.save_revision().publish()
    data = search_json(client, organisation="lund")
    assert titles(data) == ["Skolplan C", "Skolplan A", "Trafik"] or data["total"] == 3
    assert data["total"] == 3


def test_snippets_highlight_and_escape(client, make_dialogue):
    make_dialogue(title="Sikkerhed", intro="Vi taler om <script>alert('x')</script> og trafiksikkerhed i byen.")
    item = search_json(client, q="trafiksikkerhed")["items"][0]
    assert item["snippet"] == (
        "Vi taler om &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; og <mark>trafiksikkerhed</mark> i byen."
    )
    assert set(item) == {"id", "title", "url", "locale", "snippet", "badge", "status", "start", "end", "organisers",
                         "example"}


def test_suggestions_from_two_letters(client, make_dialogue):
    make_dialogue(title="Havneplan for Nordhavn", **when(2020))
    make_dialogue(title="Ny havneplan", **when(2024))
    make_dialogue(title="Skoler")

    def suggest(**params):
        response = client.get("/api/v1/search/suggest/", params)
        assert response.status_code == 200
        return [item["title"] for item in response.json()["items"]]

    assert suggest(q="h") == []
    assert suggest(q="ha") == ["Havneplan for Nordhavn", "Ny havneplan"]  # title start first
    assert suggest(q="ny ha") == ["Ny havneplan"]
    assert suggest(q="HAVNEP") == ["Havneplan for Nordhavn", "Ny havneplan"]
    assert suggest(q="sk", locale="sv") == []


def test_pagination(client, make_dialogue):
    for number in range(5):
        make_dialogue(title=f"Lokalplan {number}", **when(2020 + number))
    seen, url = [], "/api/v1/search/?q=lokalplan&limit=2"
    while url:
        data = client.get(url).json()
        assert data["total"] == 5
        seen += titles(data)
        url = data["next"]
    assert seen == [f"Lokalplan {number}" for number in range(4, -1, -1)]


def test_query_count_is_constant(client, make_dialogue):
    make_dialogue(title="Borgermøde 1")
    client.get("/api/v1/search/", {"q": "borgermøde"})  # opens the index in this process
    with CaptureQueriesContext(connection) as few:
        assert search_json(client, q="borgermøde")["total"] == 1
    for number in range(2, 6):
        make_dialogue(title=f"Borgermøde {number}")
    client.get("/api/v1/search/", {"q": "borgermøde"})
    with CaptureQueriesContext(connection) as many:
        assert search_json(client, q="borgermøde")["total"] == 5
    # The index answers from its files; the one query reads the read-model rows of the page's hits.
    assert len(many) == len(few) == 1


@pytest.mark.parametrize(("params", "status"), [
    ({"q": "x" * 501}, 400), ({"limit": 0}, 422), ({"status": "nonsense"}, 422), ({"locale": "xx"}, 400),
    ({"year": "abc"}, 422), ({"cursor": "not-a-cursor"}, 400),
])
def test_bad_parameters_are_problems(client, db, params, status):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/search/suggest/", {"q": "x" * 501}).status_code == 400


def test_caching_headers(client, make_dialogue):
    make_dialogue(title="Borgermøde")
    response = client.get("/api/v1/search/", {"q": "borgermøde"})
    assert response["ETag"] and "max-age" in response["Cache-Control"]
    assert client.get("/api/v1/search/", {"q": "borgermøde"}, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_openapi_documents_search(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/search/" in document["paths"] and "/api/v1/search/suggest/" in document["paths"]
    assert "SearchResults" in document["components"]["schemas"]


def test_results_say_which_dialogues_are_illustrative_examples(client, make_dialogue):
    make_dialogue(title="Borgermøde om legepladsen", is_example=True)
    make_dialogue(title="Borgermøde om skolevejen")
    found = {item["title"]: item["example"] for item in search_json(client, q="borgermøde")["items"]}
    assert found == {"Borgermøde om legepladsen": True, "Borgermøde om skolevejen": False}
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["SearchItem"]
    assert schema["properties"]["example"]["type"] == "boolean"
    assert "illustrative" in schema["properties"]["example"]["description"]


def test_unindexed_page_types_and_locales_are_not_mixed(client, make_dialogue):
    make_dialogue(title="Borgermøde")
    assert search_json(client, q="borgermøde", locale="sv")["total"] == 0
    assert search_json(client, q="borgermøde", locale="da")["total"] == 1
    assert DialoguePageFactory._meta.model  # the concrete type is indexed through the read model

"""The public search page /search/: the search service rendered on the server, with facets and pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from wagtail.models import Page

from dialogue_pages.api.responses import encode_cursor
from dialogue_pages.factories import DialogueIndexPageFactory, DialoguePageFactory, OrganisationFactory
from dialogue_search.api import CURSOR_ORDERING
from dialogue_search.templatetags.dialogue_search import marked

from .conftest import search_json, titles


def da(message: str, **values) -> str:
    """``message`` as the Danish page shows it (the default language, without a URL prefix), HTML-escaped."""
    with translation.override("da"):
        return escape(gettext(message) % values if values else gettext(message))


def found(count: int) -> str:
    with translation.override("da"):
        return ngettext("%(counter)s dialogue found", "%(counter)s dialogues found", count) % {"counter": count}


def page_titles(html: str) -> list[str]:
    hits = html.split('<ol class="search-hits"', 1)[1].split("</ol>", 1)[0] if "search-hits" in html else ""
    return [part.split("</a>", 1)[0].split(">", 1)[1] for part in hits.split("<h3><a ")[1:]]


def test_results_count_snippets_and_facets_as_in_the_api(client, make_dialogue):
    lund = OrganisationFactory(name="Lund", slug="lund")
    make_dialogue(title="Borgermødet i Valby", intro="Om trafik i Valby", organisers=[lund])
    make_dialogue(title="Trafikplan", intro="Trafik i byen")
    response = client.get("/search/", {"q": "valby"})
    assert response.status_code == 200
    html = response.content.decode()
    assert page_titles(html) == titles(search_json(client, q="valby", locale="da"))
    assert found(1) in html
    assert "Om trafik i <mark>Valby</mark>" in html
    assert '<a href="?q=valby&amp;organisation=lund">Lund <span class="facet__count">(1)</span></a>' in html
    assert 'data-dialogue-suggest="/api/v1/"' in html and 'data-locale="da"' in html
    assert '<script type="module" src="/static/dialogue_pages/dialogue-elements.js"></script>' in html


def test_an_illustrative_example_has_its_notice_among_the_results(client, make_dialogue):
    make_dialogue(title="Legepladsen i Valby", is_example=True)
    make_dialogue(title="Skolevejen i Valby")
    html = client.get("/search/", {"q": "valby"}).content.decode()
    notice = da("Example: parts of this record are illustrative and not the organisation's own account.")
    assert html.count(notice) == 1
    assert html.index("Legepladsen i Valby") < html.index(notice)


def test_a_facet_link_filters_and_can_be_removed(client, make_dialogue):
    lund = OrganisationFactory(name="Lund", slug="lund")
    make_dialogue(title="Trafik i Lund", organisers=[lund])
    make_dialogue(title="Trafik i Malmø")
    html = client.get("/search/", {"q": "trafik", "organisation": "lund"}).content.decode()
    assert page_titles(html) == ["Trafik i Lund"]
    assert 'aria-current="true"' in html
    removal = da("Remove filter %(title)s: %(label)s", title=da("Organisation"), label="Lund")
    assert f'<a href="?q=trafik">{removal}</a>' in html
    # The filter travels with a new query typed into the form.
    assert '<input type="hidden" name="organisation" value="lund">' in html


def test_pages_use_the_same_relevance_cursor_as_the_api(client, make_dialogue):
    for n in range(23):
        make_dialogue(title=f"Skole {n}", start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    first = client.get("/search/", {"q": "skole"}).content.decode()
    cursor = encode_cursor(CURSOR_ORDERING, [20])
    assert found(23) in first and da("Showing %(first)s–%(last)s of %(total)s", first=1, last=20, total=23) in first
    assert f'href="?q=skole&amp;cursor={cursor}" rel="next"' in first
    second = client.get("/search/", {"q": "skole", "cursor": cursor}).content.decode()
    assert da("Showing %(first)s–%(last)s of %(total)s", first=21, last=23, total=23) in second
    assert '<ol class="search-hits" start="21">' in second
    assert 'href="?q=skole" rel="prev"' in second and 'rel="next"' not in second
    api = client.get("/api/v1/search/", {"q": "skole", "locale": "da", "cursor": cursor}).json()
    assert page_titles(second) == titles(api)


def test_no_results_and_an_empty_form(client, make_dialogue):
    make_dialogue(title="Trafikplan")
    empty = client.get("/search/").content.decode()
    assert '<input id="search-q" name="q" type="search" value=""' in empty
    nothing = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert da("No dialogues found") in nothing and da("Try fewer or other words, or remove a filter.") in nothing


BROKEN = "This link to a page of results is broken. Please search again."
UNUSABLE = "These search fields have values that cannot be used: %(fields)s."


@pytest.mark.parametrize(("params", "message", "values"), [
    ({"q": "x" * 501}, "Please search for at most %(count)d characters.", {"count": 500}),
    ({"q": "trafik", "status": "nonsense"}, UNUSABLE, {"fields": "status"}),
    ({"q": "trafik", "year": "abc"}, UNUSABLE, {"fields": "year"}),
    ({"q": "trafik", "cursor": "not-a-cursor"}, BROKEN, {}),
    ({"q": "trafik", "cursor": encode_cursor(CURSOR_ORDERING, [999999])}, BROKEN, {}),
])
def test_bad_input_is_400_with_a_message(client, make_dialogue, params, message, values):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert da(message, **values) in response.content.decode()


@pytest.mark.parametrize("q", ['"', "-", "*:()", "AND OR NOT", "ø" * 200, "<script>alert(1)</script>", "%00"])
def test_odd_queries_never_fail(client, make_dialogue, q):
    make_dialogue(title="Trafikplan")
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_control_characters_are_refused(client):
    assert client.get("/search/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/search/", {"q": "a\x07b"}).status_code == 400


def test_drafts_never_show(client, make_dialogue, dialogue_index):
    DialoguePageFactory(parent=dialogue_index, title="Hemmelig trafik", live=False)
    make_dialogue(title="Offentlig trafik")
    assert page_titles(client.get("/search/", {"q": "trafik"}).content.decode()) == ["Offentlig trafik"]


def test_each_language_searches_its_own_dialogues(client, make_dialogue, locales):
    swedish_index = DialogueIndexPageFactory(parent=Page.get_first_root_node(), locale=locales["sv"], slug="sv-index")
    make_dialogue(title="Trafik i Valby")
    make_dialogue(parent=swedish_index, locale=locales["sv"], title="Trafik i Lund", slug="lund")
    assert page_titles(client.get("/search/", {"q": "trafik"}).content.decode()) == ["Trafik i Valby"]
    swedish = client.get("/sv/search/", {"q": "trafik"})
    assert swedish.status_code == 200
    html = swedish.content.decode()
    assert page_titles(html) == ["Trafik i Lund"] and '<html lang="sv">' in html
    assert "<h1>Sök bland dialoger</h1>" in html


def test_the_page_is_limited_like_the_api(client, settings):
    settings.DIALOGUE_SEARCH_RATE_LIMIT = 2
    settings.DIALOGUE_SEARCH_RATE_WINDOW = 3600
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "search-page-rate"}}
    assert client.get("/search/", {"q": "a"}).status_code == 200
    assert client.get("/api/v1/search/", {"q": "a"}).status_code == 200
    refused = client.get("/search/", {"q": "a"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert da("Too many searches from your address. Please wait a minute and try again.") in refused.content.decode()


def test_one_request_a_few_queries(client, make_dialogue):
    for n in range(5):
        make_dialogue(title=f"Skole {n}")
    client.get("/search/", {"q": "skole"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", {"q": "skole"}).status_code == 200
    assert len(queries) <= 6


def test_snippets_keep_only_their_mark_tags():
    assert marked("a <mark>b</mark> &lt;c&gt;") == "a <mark>b</mark> &lt;c&gt;"
    assert marked("<script>x</script><mark>y") == "&lt;script&gt;x&lt;/script&gt;<mark>y</mark>"
    assert marked("</mark>z") == "z"


def test_every_facet_has_a_title_citizens_read():
    from dialogue_search.backends.base import FACETS
    from dialogue_search.page import FACET_TITLES

    assert set(FACETS) <= set(FACET_TITLES)


def test_areas_are_a_facet_and_a_filter(client, make_dialogue):
    from dialogue_pages.factories import AreaFactory

    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro")
    make_dialogue(title="Trafik på Vesterbro", areas=[vesterbro])
    make_dialogue(title="Trafik i Valby")
    html = client.get("/search/", {"q": "trafik"}).content.decode()
    assert '<a href="?q=trafik&amp;area=vesterbro">Vesterbro <span class="facet__count">(1)</span></a>' in html
    assert page_titles(client.get("/search/", {"q": "trafik", "area": "vesterbro"}).content.decode()) == [
        "Trafik på Vesterbro"]


def organisation_links(html: str) -> list[str]:
    section = html.split('id="facet-organisation"', 1)[1].split("</section>", 1)[0]
    return [part.split('"', 1)[0] for part in section.split('<li><a href="')[1:]]


def test_a_long_facet_shows_its_first_values_and_a_link_to_all(client, make_dialogue):
    from dialogue_search.page import FACET_LINKS

    organisations = [OrganisationFactory(name=f"Forvaltning {number:02}", slug=f"forvaltning-{number:02}")
                     for number in range(FACET_LINKS + 3)]
    for organisation in organisations:
        make_dialogue(title=f"Trafikplan for {organisation.name}", organisers=[organisation])
    html = client.get("/search/", {"q": "trafikplan"}).content.decode()
    assert len(organisation_links(html)) == FACET_LINKS
    assert '<a href="?q=trafikplan&amp;more=organisation">' in html
    assert da("Show all %(count)s (%(title)s)", count=FACET_LINKS + 3, title=da("Organisation")) in html
    everything = client.get("/search/", {"q": "trafikplan", "more": "organisation"}).content.decode()
    assert len(organisation_links(everything)) == FACET_LINKS + 3
    assert 'name="more"' not in everything and "more=organisation" not in everything.split("search-hits")[0]
    # The last organisation, chosen, is shown even when the list is cut.
    chosen = client.get("/search/", {"q": "trafikplan", "organisation": organisations[-1].slug}).content.decode()
    assert any("organisation=" not in link for link in organisation_links(chosen))


def test_an_unknown_more_parameter_is_ignored(client, make_dialogue):
    make_dialogue(title="Trafikplan")
    response = client.get("/search/", {"q": "trafikplan", "more": "<script>"})
    assert response.status_code == 200
    assert "more=" not in response.content.decode()

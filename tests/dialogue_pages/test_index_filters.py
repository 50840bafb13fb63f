"""Index pages: filters as a GET form (the list API's filters), open dialogues first, a clear empty state."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory, default_rung
from dialogue_pages.read_model.writer import refresh_dialogues


def dialogue(index, title: str, **fields):
    page = DialoguePageFactory(parent=index, title=title, **fields)
    refresh_dialogues([page.pk])
    return page


def running(start_days: int, end_days: int) -> dict:
    today = timezone.localdate()
    return {"start_date": today + datetime.timedelta(days=start_days),
            "end_date": today + datetime.timedelta(days=end_days)}


@pytest.fixture
def three(dialogue_index):
    """An open dialogue (Lund), a closed one of 2021 (Malmö, another rung), a planned one (Lund, tagged)."""
    lund, malmo = OrganisationFactory(name="Lund", slug="lund"), OrganisationFactory(name="Malmö", slug="malmo")
    opened = dialogue(dialogue_index, "Åben dialog", organisers=[lund], participation_channel="Skriv til os",
                      **running(-5, 30))
    closed = dialogue(dialogue_index, "Lukket dialog", organisers=[malmo], rung=default_rung("konsultation"),
                      start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2021, 5, 1))
    planned = DialoguePageFactory(parent=dialogue_index, title="Planlagt dialog", organisers=[lund],
                                  **running(40, 80))
    planned.tags.add("Skolegårde")
    planned.save()
    refresh_dialogues([planned.pk])
    return opened, closed, planned


def da(message: str) -> str:
    """``message`` as the Danish index shows it, HTML-escaped."""
    with translation.override("da"):
        return escape(gettext(message))


def section(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_open_dialogues_come_first_with_how_to_take_part(client, dialogue_index, three):
    html = client.get(dialogue_index.url).content.decode()
    open_now = section(html, 'class="open-now"', "</section>")
    assert "Åben dialog" in open_now and "Skriv til os" in open_now and 'class="take-part__window"' in open_now
    assert "Lukket dialog" not in open_now
    rest = html.split("</section>", 1)[1]
    # The open one is listed once, above the rest, which lists the others.
    assert "Åben dialog" not in rest and "Lukket dialog" in rest and "Planlagt dialog" in rest


@pytest.mark.parametrize(("query", "shown"), [
    ({"status": "open"}, {"Åben dialog"}),
    ({"status": "closed"}, {"Lukket dialog"}),
    ({"status": "planned"}, {"Planlagt dialog"}),
    ({"organisation": "lund"}, {"Åben dialog", "Planlagt dialog"}),
    ({"organisation": "lund", "status": "planned"}, {"Planlagt dialog"}),
    ({"rung": "konsultation"}, {"Lukket dialog"}),
    ({"year": "2021"}, {"Lukket dialog"}),
    ({"tag": "skolegårde"}, {"Planlagt dialog"}),
])
def test_filters_mean_what_they_mean_in_the_list_api(client, dialogue_index, three, query, shown):
    response = client.get(dialogue_index.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="open-now"' not in html
    listed = {title for title in ("Åben dialog", "Lukket dialog", "Planlagt dialog") if f">{title}</a>" in html}
    assert listed == shown
    api = client.get("/api/v1/dialogues/", query).json()
    assert {item["title"] for item in api["items"]} == shown


def test_the_form_offers_the_choices_and_keeps_the_chosen_ones(client, dialogue_index, three):
    html = client.get(dialogue_index.url, {"organisation": "malmo", "status": "closed"}).content.decode()
    form = section(html, '<form class="filters"', "</form>")
    assert 'method="get"' in html and '<label for="filter-status">' in form
    assert '<option value="malmo" selected>Malmö</option>' in form and '<option value="lund">Lund</option>' in form
    assert '<option value="closed" selected>' in form
    assert '<option value="skolegårde">Skolegårde</option>' in form
    assert '<option value="konsultation">' in form
    assert '<input id="filter-year" name="year" type="number"' in form
    assert '<a href="?">' in form


def test_no_match_shows_the_empty_state_with_a_link_to_clear_the_filters(client, dialogue_index, three):
    html = client.get(dialogue_index.url, {"organisation": "lund", "year": "2021"}).content.decode()
    assert da("No dialogues match these filters.") in html
    assert f'<a href="?">{da("Clear the filters and show all dialogues")}</a>' in html


@pytest.mark.parametrize("query", [
    {"status": "nonsense"}, {"year": "abc"}, {"year": "99999"}, {"rung": "x" * 500}, {"page": "1", "status": "<b>"},
])
def test_unusable_filter_values_are_left_out_with_a_message_never_a_500(client, dialogue_index, three, query):
    response = client.get(dialogue_index.url, query)
    assert response.status_code == 200
    html = response.content.decode()
    left_out = da("“%(value)s” is not a value the filter “%(filter)s” knows; it was left out.").split(";")[1]
    assert left_out in html and "<b>" not in html.split("<main", 1)[1]
    # Without the unusable value the page lists as unfiltered: the open dialogue first.
    assert 'class="open-now"' in html


def test_unknown_but_wellformed_values_just_match_nothing(client, dialogue_index, three):
    response = client.get(dialogue_index.url, {"organisation": "nowhere"})
    assert response.status_code == 200 and da("No dialogues match these filters.") in response.content.decode()


def test_pages_keep_the_filters(client, dialogue_index, settings):
    settings.DIALOGUE_INDEX_PAGE_SIZE = 2
    for n in range(5):
        dialogue(dialogue_index, f"Gammel {n}", start_date=datetime.date(2020, 1, 1 + n),
                 end_date=datetime.date(2020, 2, 1))
    html = client.get(dialogue_index.url, {"year": "2020", "page": "2"}).content.decode()
    assert 'href="?year=2020&amp;page=3"' in html and 'href="?year=2020&amp;page=1"' in html


@pytest.mark.parametrize("count", [3, 40])
def test_a_filtered_index_takes_a_fixed_number_of_queries(client, dialogue_index, django_assert_max_num_queries,
                                                           count, settings):
    settings.DIALOGUE_API_RESPONSE_CACHE_SIZE = 0  # the page's own queries, not the page cache's (one per repeat)
    lund = OrganisationFactory(name="Lund", slug="lund")
    pages = [DialoguePageFactory(parent=dialogue_index, title=f"D {n}", organisers=[lund], **running(-n - 1, n + 5))
             for n in range(count)]
    refresh_dialogues([page.pk for page in pages])
    client.get(dialogue_index.url)
    with django_assert_max_num_queries(10):
        assert client.get(dialogue_index.url).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(dialogue_index.url, {"status": "open", "organisation": "lund"}).status_code == 200


def test_areas_filter_the_index_like_the_list_api(client, dialogue_index):
    from dialogue_pages.factories import AreaFactory

    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro")
    dialogue(dialogue_index, "Vesterbro-dialog", areas=[vesterbro], start_date=datetime.date(2022, 1, 1),
             end_date=datetime.date(2022, 2, 1))
    dialogue(dialogue_index, "Valby-dialog", start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 2, 1))
    html = client.get(dialogue_index.url, {"area": "vesterbro"}).content.decode()
    assert ">Vesterbro-dialog</a>" in html and ">Valby-dialog</a>" not in html
    assert '<option value="vesterbro" selected>Vesterbro</option>' in html

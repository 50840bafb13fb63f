"""Area as a search filter and facet, in the Tantivy backend (the default) and the database backend."""

import pytest

from dialogue_pages.factories import AreaFactory, DialoguePageFactory

from .conftest import search_json, titles

BACKENDS = ["dialogue_search.backends.tantivy.TantivyBackend", "dialogue_search.backends.database.DatabaseBackend"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_search_filters_and_counts_by_area(client, settings, dialogue_index, publish, backend):
    settings.DIALOGUE_SEARCH_BACKEND = backend
    vesterbro = AreaFactory(name="Vesterbro", slug="vesterbro")
    sydhavnen = AreaFactory(name="Sydhavnen", slug="sydhavnen")
    for title, areas in (("Havnebad i Sydhavnen", [sydhavnen]), ("Havnefront", [vesterbro, sydhavnen]),
                         ("Havneplan uden bydel", [])):
        page = DialoguePageFactory(parent=dialogue_index, title=title)
        page.areas.set(areas)  # kept in memory until the page is saved, as in the editor
        publish(page)

    everything = search_json(client, q="havn")
    assert {(facet["key"], facet["label"], facet["count"]) for facet in everything["facets"]["area"]} == {
        ("sydhavnen", "Sydhavnen", 2), ("vesterbro", "Vesterbro", 1)}
    in_vesterbro = search_json(client, q="havn", area="vesterbro")
    assert titles(in_vesterbro) == ["Havnefront"]
    # A facet's own filter is left out of its counts; the other facets count the filtered results.
    assert {facet["key"] for facet in in_vesterbro["facets"]["area"]} == {"sydhavnen", "vesterbro"}
    assert sorted(titles(search_json(client, area="sydhavnen"))) == ["Havnebad i Sydhavnen", "Havnefront"]

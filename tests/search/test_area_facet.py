"""Area as a search filter and facet, through the API on the Tantivy backend (the default).

Elasticsearch's area filter and facet are checked on its request bodies (``test_elasticsearch``).
"""

from dialogue_pages.factories import AreaFactory, DialoguePageFactory

from .conftest import search_json, titles


def test_search_filters_and_counts_by_area(client, dialogue_index, publish):
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

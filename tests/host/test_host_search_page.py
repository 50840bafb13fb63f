"""The search page in a host project without site/: the host's own dialogue type."""

import pytest

from .test_host_site import council_dialogue  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def own_index(settings, tmp_path):
    settings.DIALOGUE_SEARCH_INDEX_DIR = str(tmp_path / "search-index")


def test_the_host_serves_the_search_page_with_its_dialogue_type(client, council_dialogue):  # noqa: F811
    response = client.get("/search/", {"q": "budget"})
    assert response.status_code == 200
    html = response.content.decode()
    assert council_dialogue.title in html and "1 dialogue found" in html
    assert client.get("/search/", {"q": "x" * 501}).status_code == 400

"""Fixtures for search: publishing runs the on-commit callbacks that index dialogues."""

import pytest

from dialogue_pages.factories import DialoguePageFactory
from dialogue_search import service


@pytest.fixture(autouse=True)
def fresh_search_state(settings, tmp_path):
    """Each test starts with an empty index of its own, without cached backends.

    Tests roll back their data, but not the files of an index: each gets its own directory.
    """
    settings.DIALOGUE_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    service._backends.clear()
    yield
    service._backends.clear()


@pytest.fixture
def make_dialogue(dialogue_index, publish):
    """Create and publish a dialogue under the index: ``make_dialogue(title=..., intro=...)``."""

    def make(parent=None, **fields):
        return publish(DialoguePageFactory(parent=parent or dialogue_index, **fields))

    return make


def search_json(client, **params):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["items"]]

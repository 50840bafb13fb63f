"""The backend interface is enough: a toy backend, configured by dotted path, serves the search API."""

import datetime

import pytest

from dialogue_search.backends.base import FacetCount, Hit, SearchBackend, SearchPage, SearchRequest, Suggestion
from dialogue_search.documents import DialogueDocument


class ToyBackend(SearchBackend):
    """Keeps documents in a dict and matches titles containing every query word."""

    name = "toy"
    documents: dict[int, DialogueDocument] = {}

    def index(self, documents) -> None:
        self.documents.update((document.page_id, document) for document in documents)

    def delete(self, page_ids) -> None:
        for page_id in page_ids:
            self.documents.pop(page_id, None)

    def search(self, request: SearchRequest) -> SearchPage:
        words = [word.lower() for word in request.query.words]
        found = [
            document for document in self.documents.values()
            if all(word in document.title.lower() for word in words)
            and (request.locale is None or document.locale == request.locale)
        ]
        found.sort(key=lambda document: document.page_id)
        shown = found[request.offset:request.offset + request.limit]
        hits = [Hit(document.page_id, document.title) for document in shown]
        return SearchPage(total=len(found), hits=hits, facets={"tag": [FacetCount("havn", "havn", len(found))]})

    def suggest(self, text: str, locale, limit: int, now: datetime.datetime, content_locales) -> list[Suggestion]:
        return [Suggestion(d.page_id, d.title) for d in self.documents.values() if d.title.lower().startswith(text)]

    def health(self) -> tuple[bool, str]:
        return True, "toy"


@pytest.fixture
def toy(settings):
    settings.DIALOGUE_SEARCH_BACKEND = f"{__name__}.ToyBackend"
    ToyBackend.documents.clear()
    return ToyBackend


def test_a_host_backend_is_indexed_and_asked(client, toy, make_dialogue):
    page = make_dialogue(title="Havnebad i Sydhavnen")
    make_dialogue(title="Cykelstier")
    assert page.pk in toy.documents
    data = client.get("/api/v1/search/", {"q": "havnebad"}).json()
    assert data["total"] == 1
    assert [item["id"] for item in data["items"]] == [page.pk]
    assert [item["id"] for item in client.get("/api/v1/search/suggest/", {"q": "ha"}).json()["items"]] == [page.pk]

"""The Elasticsearch backend (selected when ``ELASTICSEARCH_URL`` is set), for sites with several app servers.

``mapping`` holds the analysers and the index's ``Document`` (elasticsearch-dsl), ``queries`` the
request bodies of searches and suggestions, ``responses`` what is read from the answers.

Searches go to an alias; a full reindex fills a new timestamped index and then moves the alias
in one atomic step, so searches never see a half-built index. When Elasticsearch cannot be
reached the backend raises ``BackendUnavailable`` and the service answers from the embedded
Tantivy index.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, scan

from ...conf import elasticsearch_alias, elasticsearch_timeout, elasticsearch_url
from ...documents import DialogueDocument
from ..base import BackendUnavailable, SearchBackend, SearchPage, SearchRequest, Suggestion
from .mapping import DialogueIndexDocument, to_index_document
from .queries import build_search, build_suggest
from .responses import parse_response

logger = logging.getLogger(__name__)
T = TypeVar("T")


def index_body() -> dict[str, Any]:
    """Settings and mappings of a new index (what ``DialogueIndexDocument`` declares)."""
    return DialogueIndexDocument._index.to_dict()


class ElasticsearchBackend(SearchBackend):
    """Search in Elasticsearch with per-language analysers, aggregations and highlighting."""

    name = "elasticsearch"

    def __init__(self, url: str | None = None, alias: str | None = None) -> None:
        self.url = url or elasticsearch_url()
        self.alias = alias or elasticsearch_alias()
        self.write_index = self.alias
        self._client: Elasticsearch | None = None

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=elasticsearch_timeout(), max_retries=0)
        return self._client

    def call(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except (TransportError, ApiError, BulkIndexError) as error:
            raise BackendUnavailable(f"{type(error).__name__}: {error}") from error

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias) and not self.client.indices.exists(index=self.alias):
            self.create_index(self.new_index_name(), alias=True)

    def new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def create_index(self, name: str, alias: bool = False) -> None:
        body = index_body()
        if alias:
            body["aliases"] = {self.alias: {}}
        self.client.indices.create(index=name, **body)

    def index(self, documents: Iterable[DialogueDocument]) -> None:
        actions = [{**to_index_document(d).to_dict(include_meta=True), "_index": self.write_index} for d in documents]
        if not actions:
            return

        def write() -> None:
            if self.write_index == self.alias:
                self.ensure_index()
            bulk(self.client, actions, refresh="wait_for")

        self.call(write)

    def delete(self, page_ids: Iterable[int]) -> None:
        actions = [{"_op_type": "delete", "_index": self.write_index, "_id": pk} for pk in page_ids]
        if actions:
            self.call(lambda: bulk(self.client, actions, raise_on_error=False, refresh="wait_for"))

    def search(self, request: SearchRequest) -> SearchPage:
        body = build_search(request, self.alias).to_dict()
        response = self.call(lambda: self.client.search(index=self.alias, body=body))
        return parse_response(response, request)

    def suggest(self, text: str, locale: str | None, limit: int, now: datetime.datetime,
                content_locales: tuple[str, ...]) -> list[Suggestion]:
        if len("".join(text.split())) < 2:
            return []
        body = build_suggest(text, locale, limit, now, content_locales, self.alias).to_dict()
        response = self.call(lambda: self.client.search(index=self.alias, body=body))
        return [Suggestion(int(hit["_id"]), hit["_source"].get("title", "")) for hit in response["hits"]["hits"]]

    def health(self) -> tuple[bool, str]:
        try:
            health = self.client.cluster.health()
        except (TransportError, ApiError) as error:
            logger.warning("Elasticsearch unreachable at %s: %s", self.url, error)
            return False, f"unreachable ({type(error).__name__})"
        return health["status"] in ("green", "yellow"), f"cluster {health['status']}"

    def indexed_ids(self, locale: str | None = None) -> set[int]:
        query = {"query": {"term": {"locale": locale}}} if locale else {"query": {"match_all": {}}}
        return self.call(lambda: {
            int(hit["_id"]) for hit in scan(self.client, index=self.write_index, query=query, _source=False)
        })

    def prepare_rebuild(self, locale: str | None) -> None:
        """A full rebuild writes into a fresh index; a rebuild of one locale updates the live one."""
        if locale is None:
            self.write_index = self.new_index_name()
            self.call(lambda: self.create_index(self.write_index))
        else:
            self.call(self.ensure_index)

    def finish_rebuild(self, locale: str | None) -> None:
        if self.write_index == self.alias:
            return
        new_index, self.write_index = self.write_index, self.alias

        def swap() -> None:
            old = list(self.client.indices.get_alias(name=self.alias)) if self.client.indices.exists_alias(
                name=self.alias) else []
            actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
            self.client.indices.update_aliases(actions=[*actions, {"add": {"index": new_index, "alias": self.alias}}])
            for name in old:
                self.client.indices.delete(index=name)

        self.call(swap)


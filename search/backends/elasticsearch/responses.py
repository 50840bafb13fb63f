"""Reading Elasticsearch's answers: hits with snippets, the total and the facet counts."""

from html import escape
from typing import Any

from dialogue_pages.status import Status

from ..base import FacetCount, Hit, SearchPage, SearchRequest
from .mapping import FACET_SEPARATOR
from .queries import MULTI_VALUED, SNIPPET_FIELDS

STATUS_LABELS = tuple(Status.values)


def snippet_of(hit: dict[str, Any]) -> str:
    """The first highlighted fragment (intro before purpose before body), or the intro's start."""
    highlight = hit.get("highlight", {})
    for field in SNIPPET_FIELDS:
        for name, fragments in highlight.items():
            if name.split(".")[0] == field and fragments:
                return fragments[0]
    intro = hit.get("_source", {}).get("intro", "")
    return escape(" ".join(intro.split()[:30]))


def facet_values(name: str, aggregation: dict[str, Any]) -> list[FacetCount]:
    values = aggregation["values"]
    if name in ("status", "year"):
        buckets = values["buckets"]
        keys = STATUS_LABELS if name == "status" else sorted(buckets, reverse=True)
        return [FacetCount(key, key, buckets[key]["doc_count"])
                for key in keys if buckets.get(key, {}).get("doc_count")]
    counts = []
    for bucket in values["buckets"]:
        if name in MULTI_VALUED:
            key, _separator, label = bucket["key"].partition(FACET_SEPARATOR)
        else:
            labels = bucket.get("label", {}).get("buckets", [])
            key, label = bucket["key"], labels[0]["key"] if labels else bucket["key"]
        counts.append(FacetCount(key, label, bucket["doc_count"]))
    return counts


def parse_response(response: dict[str, Any], request: SearchRequest) -> SearchPage:
    hits = [Hit(int(hit["_id"]), snippet_of(hit)) for hit in response["hits"]["hits"]]
    aggregations = response.get("aggregations", {})
    facets = {name: facet_values(name, aggregation) for name, aggregation in aggregations.items()}
    return SearchPage(total=response["hits"]["total"]["value"], hits=hits, facets=facets)

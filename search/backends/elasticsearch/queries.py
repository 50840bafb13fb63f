"""Request bodies of the Elasticsearch backend, built with elasticsearch-dsl (test them with ``to_dict()``).

The query text is never parsed by Elasticsearch's query-string syntax: each parsed item goes
into a ``multi_match`` as plain text. Facet filters go into ``post_filter`` and into every
*other* facet's aggregation, so a facet's counts ignore its own filter.
"""

import datetime

from elasticsearch_dsl import A, Q, Search

from dialogue_pages.status import conditions

from ...query import Item, ParsedQuery
from ..base import FACET_SIZE, FACETS, SearchRequest
from .mapping import FACET_SEPARATOR, LANGUAGES

FIELD_WEIGHTS = {"title": 10, "intro": 5, "purpose": 2, "body": 1}
FOLDED_WEIGHT, PARTS_WEIGHT = 0.3, 0.1
FIRST_YEAR = 2000
SNIPPET_FIELDS = ("intro", "purpose", "body")
MULTI_VALUED = ("organisation", "tag", "target_group", "area")


def languages(locales: list[str]) -> list[str]:
    return [locale for locale in locales if locale in LANGUAGES] or list(LANGUAGES)


def weighted(locales: list[str], sub_field: str | None = None, factor: float = 1.0) -> list[str]:
    if sub_field:
        return [f"{field}.{sub_field}^{weight * factor:g}" for field, weight in FIELD_WEIGHTS.items()]
    return [f"{field}.{locale}^{weight}" for field, weight in FIELD_WEIGHTS.items() for locale in languages(locales)]


def item_query(item: Item, locales: list[str], with_parts: bool = True) -> Q:
    """A stemmed whole-word match, or (weighing less) a folded one, or one inside a compound."""
    text = " ".join(item.words)
    if item.is_phrase:
        return Q("multi_match", query=text, type="phrase",
                 fields=weighted(locales) + weighted(locales, "folded", FOLDED_WEIGHT))
    should = [
        Q("multi_match", query=text, fields=weighted(locales)),
        Q("multi_match", query=text, fields=weighted(locales, "folded", FOLDED_WEIGHT)),
    ]
    if with_parts:
        should.append(Q("multi_match", query=text, fields=weighted(locales, "parts", PARTS_WEIGHT)))
    return Q("bool", should=should, minimum_should_match=1)


def text_query(query: ParsedQuery, locales: list[str]) -> Q:
    if query.matches_nothing:
        return Q("match_none")
    return Q(
        "bool",
        must=[item_query(item, locales) for item in query.items] or [Q("match_all")],
        must_not=[item_query(item, locales, with_parts=False) for item in query.excluded],
    )


def visibility(locale: str | None, content_locales: tuple[str, ...], now: datetime.datetime) -> list[Q]:
    """The rule of ``visible_rows``: a content locale, and not expired."""
    wanted = [locale] if locale else list(content_locales)
    return [
        Q("terms", locale=[code for code in wanted if code in content_locales]),
        Q("bool", should=[~Q("exists", field="expire_at"), Q("range", expire_at={"gt": now.isoformat()})],
          minimum_should_match=1),
    ]


def status_query(status: str, today: datetime.date) -> Q:
    """Dialogues whose status is ``status`` today: the rule of ``dialogue_pages.status``, in Elasticsearch."""
    cancelled, rule = conditions(status)
    day = today.isoformat()
    query = Q("term", cancelled=cancelled)
    for field, when in rule:
        query &= Q("range", **{field: {"lte": day} if when == "reached" else {"gt": day}})
    return query


def year_query(year: int) -> Q:
    first, last = f"{year}-01-01", f"{year}-12-31"
    starts = Q("range", date_from={"lte": last})
    return (
        (starts & Q("range", date_to={"gte": first}))
        | (starts & ~Q("exists", field="date_to"))
        | (~Q("exists", field="date_from") & Q("range", date_to={"gte": first, "lte": last}))
    )


def filter_queries(request: SearchRequest) -> dict[str, Q]:
    queries = {}
    for name, value in request.filters.active().items():
        if name == "rung":
            queries[name] = Q("term", rung_key=value)
        elif name == "status":
            queries[name] = status_query(str(value), request.today)
        elif name == "year":
            queries[name] = year_query(int(value))
        else:
            key = str(value).lower() if name == "tag" else str(value)
            queries[name] = Q("prefix", **{name: key + FACET_SEPARATOR})
    return queries


def facet_aggregation(name: str, today: datetime.date) -> A:
    if name == "rung":
        return A("terms", field="rung_key", size=FACET_SIZE, aggs={"label": A("terms", field="rung_label", size=1)})
    if name == "status":
        return A("filters", filters={status: status_query(status, today) for status in
                                     ("planned", "open", "closed", "decided", "cancelled")})
    if name == "year":
        return A("filters", filters={str(year): year_query(year) for year in range(FIRST_YEAR, today.year + 2)})
    return A("terms", field=name, size=FACET_SIZE)


def build_search(request: SearchRequest, index: str) -> Search:
    """The search request: query, visibility, filters, facets, highlights, sort and page."""
    locales = [request.locale] if request.locale else list(request.content_locales)
    search = Search(index=index).query(Q(
        "bool", must=[text_query(request.query, locales)],
        filter=visibility(request.locale, request.content_locales, request.now),
    ))
    filters = filter_queries(request)
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for name in FACETS:
        others = [query for other, query in filters.items() if other != name]
        search.aggs.bucket(name, "filter", filter=Q("bool", filter=others)).bucket(
            "values", facet_aggregation(name, request.today))
    highlighted = {f"{field}.{locale}": {} for field in SNIPPET_FIELDS for locale in languages(locales)}
    highlighted.update({f"{field}.folded": {} for field in SNIPPET_FIELDS})
    search = search.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", number_of_fragments=1, fragment_size=200,
    ).highlight(*highlighted)
    search = search.sort("_score", {"sort_start": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"})
    search = search.source(["page_id", "locale", "intro"]).extra(track_total_hits=True)
    return search[request.offset: request.offset + request.limit]


def build_suggest(text: str, locale: str | None, limit: int, now: datetime.datetime,
                  content_locales: tuple[str, ...], index: str) -> Search:
    """As-you-type titles: every typed word a prefix (``bool_prefix`` on the search_as_you_type field)."""
    query = Q("multi_match", query=text, type="bool_prefix", operator="and",
              fields=["suggest", "suggest._2gram", "suggest._3gram"])
    search = Search(index=index).query(Q("bool", must=[query], filter=visibility(locale, content_locales, now)))
    search = search.sort("_score", {"sort_start": {"order": "desc", "missing": "_last"}}).source(["page_id", "title"])
    return search[:limit]

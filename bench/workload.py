"""The endpoints the harness loads and the request mix of each: which paths, in what proportions.

Pure functions of a *catalogue* of what the database holds (dialogue ids, filter keys) and a seed, so that the
probe (inside Django) and the harness agree on every path without sharing a process.
"""

import random
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from bench.generate import LEXICONS, LOCALES, Writer, vocabulary

STATUSES = ("planned", "open", "closed", "decided")
QUERY_COUNT = 200
MAX_DETAIL_IDS = 5000
LIST_FILTERS = ("locale", "status", "year", "rung", "organisation", "tag")
SEARCH_FILTERS = ("status", "year", "rung", "organisation", "tag")
INDEX_FILTERS = ("status", "year", "rung", "organisation", "tag")
INDEX_PAGE_SIZE = 20  # DIALOGUE_INDEX_PAGE_SIZE's default; the probe reads the setting
FEED_SIZE = 50  # entries of a feed (dialogue_pages.api.feeds.FEED_SIZE: fixed, no limit parameter)


@dataclass
class Endpoint:
    """One endpoint under load: its paths are requested in random order."""

    name: str
    label: str  # the path pattern shown in reports
    api: str  # "floor", "v1" (this project) or "v2" (stock Wagtail)
    counterpart: str | None  # the stock Wagtail endpoint doing the same job
    paths: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("paths")
        return data


def build_endpoints(catalogue: dict[str, Any], seed: int) -> list[Endpoint]:
    """Every endpoint with its request mix, given the ids and filter keys the database holds.

    ``catalogue``: ``{"ids": [...], "organisation": [...], "tag": [...], "rung": [...], "years": [first, last]}``,
    and optionally ``"indexes"`` (see ``index_paths``), ``"index_page_size"`` and ``"locales"`` (the content
    languages of the feeds' ``?locale=``).
    """
    rng = random.Random(f"workload:{seed}")
    ids = list(catalogue["ids"])
    if len(ids) > MAX_DETAIL_IDS:
        ids = rng.sample(ids, MAX_DETAIL_IDS)
    terms = {locale: terms_of(rng, locale) for locale in LOCALES}
    queries = search_queries(rng, terms, catalogue)
    words = [quote(rng.choice(terms[locale])) for locale in rng.choices(LOCALES, weights=(40, 40, 20), k=QUERY_COUNT)]
    return [
        Endpoint("healthz", "/healthz", "floor", None, ["/healthz"]),
        Endpoint("v1_detail", "/api/v1/dialogues/{id}/", "v1", "v2_detail",
                 [f"/api/v1/dialogues/{pk}/" for pk in ids]),
        Endpoint("v1_list", "/api/v1/dialogues/?limit=20&<filter>", "v1", "v2_list",
                 [f"/api/v1/dialogues/?limit=20&{urlencode(list_filter(rng, catalogue))}" for _ in range(QUERY_COUNT)]),
        Endpoint("v1_search", "/api/v1/search/?q=<1-3 words>[&filters]", "v1", "v2_search",
                 [f"/api/v1/search/?{urlencode(query)}" for query in queries]),
        Endpoint("page_search", "/search/?q=<1-3 words>[&filters] (HTML, the query's language)", "v1", None,
                 [search_page_path(query) for query in queries]),
        Endpoint("v1_suggest", "/api/v1/search/suggest/?q=<2-4 letters>&locale=", "v1", None,
                 [f"/api/v1/search/suggest/?{urlencode(prefix)}" for prefix in suggest_prefixes(rng, terms)]),
        Endpoint("v2_detail", "/api/v2/pages/{id}/", "v2", None, [f"/api/v2/pages/{pk}/" for pk in ids]),
        Endpoint("v2_list", "/api/v2/pages/?type=dialogue_pages.DialoguePage&limit=20", "v2", None,
                 ["/api/v2/pages/?type=dialogue_pages.DialoguePage&limit=20"]),
        Endpoint("v2_search", "/api/v2/pages/?search=<word>", "v2", None,
                 [f"/api/v2/pages/?search={word}" for word in words]),
        Endpoint("page_index", "/<lang>/[?<filter>][&page=N] (HTML dialogue index)", "v1", None,
                 index_paths(rng, catalogue)),
        Endpoint("feed_dialogues", f"/api/v1/feeds/dialogues.atom[?locale=] ({FEED_SIZE} entries)", "v1", None,
                 feed_paths("/api/v1/feeds/dialogues.atom", catalogue)),
        Endpoint("feed_feedback", f"/api/v1/feeds/feedback.atom[?locale=] ({FEED_SIZE} entries)", "v1", None,
                 feed_paths("/api/v1/feeds/feedback.atom", catalogue)),
        Endpoint("calendar", "/api/v1/calendar.ics[?locale=]", "v1", None,
                 feed_paths("/api/v1/calendar.ics", catalogue)),
    ]


def index_paths(rng: random.Random, catalogue: dict[str, Any]) -> list[str]:
    """``QUERY_COUNT`` paths of the HTML dialogue indexes, an index drawn by its share of the dialogues.

    ``catalogue["indexes"]``: ``[{"path": "/da/", "dialogues": n, "statuses": {"open": k, ...}}, ...]``. The mix:
    30 % the first page (with its "open now" section), 25 % pages 2–5, 15 % any later page, 30 % one filter
    (status, year, rung, organisation or tag), a status filter on one of its first three pages. Every page
    number exists (the unfiltered pages list the dialogues not open now; a page past the end is a 404).
    """
    indexes = [index for index in catalogue.get("indexes", []) if index.get("path")]
    if not indexes:
        return []
    size = catalogue.get("index_page_size") or INDEX_PAGE_SIZE
    weights = [max(index.get("dialogues", 0), 1) for index in indexes]
    paths = []
    for _ in range(QUERY_COUNT):
        index = rng.choices(indexes, weights=weights)[0]
        statuses = index.get("statuses", {})
        pages = pages_of(index.get("dialogues", 0) - statuses.get("open", 0), size)
        kind = rng.choices(("first", "next", "deep", "filter"), weights=(30, 25, 15, 30))[0]
        query: dict[str, str] = {}
        if kind == "next" and pages > 1:
            query["page"] = str(rng.randint(2, min(5, pages)))
        elif kind == "deep" and pages > 1:
            query["page"] = str(rng.randint(2, pages))
        elif kind == "filter":
            query = list_filter(rng, catalogue, INDEX_FILTERS)
            if "status" in query:
                page = rng.randint(1, min(3, pages_of(statuses.get(query["status"], 0), size)))
                if page > 1:
                    query["page"] = str(page)
        paths.append(f"{index['path']}?{urlencode(query)}" if query else index["path"])
    return paths


def pages_of(count: int, size: int) -> int:
    """Pages of a paginator of ``count`` items, ``size`` a page (an empty list has one, empty, page)."""
    return max(1, -(-max(count, 0) // size))


def feed_paths(path: str, catalogue: dict[str, Any]) -> list[str]:
    """A feed or calendar of every language, and of each language (``?locale=``)."""
    return [path, *(f"{path}?locale={locale}" for locale in catalogue.get("locales", LOCALES))]


def list_filter(rng: random.Random, catalogue: dict[str, Any], names: tuple[str, ...] = LIST_FILTERS) -> dict[str, str]:
    """One filter, by one of ``names``, with a value drawn from the keys that exist."""
    first_year, last_year = catalogue["years"]
    values = {
        "locale": list(LOCALES), "status": list(STATUSES), "year": list(range(first_year, last_year + 1)),
        "rung": catalogue["rung"], "organisation": catalogue["organisation"], "tag": catalogue["tag"],
    }
    name = rng.choice([name for name in names if values[name]])
    return {name: str(rng.choice(values[name]))}


def terms_of(rng: random.Random, locale: str) -> list[str]:
    """Words a citizen might search for in ``locale``: content words of the generator's vocabulary, compounds."""
    terms = list(vocabulary(locale).content_words[:3000])
    if LEXICONS[locale].stems:
        writer = Writer(rng, locale)
        terms += [writer.compound() for _ in range(300)]
    return terms


def search_queries(rng: random.Random, terms: dict[str, list[str]], catalogue: dict[str, Any]) -> list[dict[str, str]]:
    """``QUERY_COUNT`` queries of 1–3 words in the three languages; most name their locale, some filter more."""
    queries = []
    for _ in range(QUERY_COUNT):
        locale = rng.choices(LOCALES, weights=(40, 40, 20))[0]
        query = {"q": " ".join(rng.sample(terms[locale], rng.choices((1, 2, 3), weights=(50, 35, 15))[0]))}
        if rng.random() < 0.7:
            query["locale"] = locale
        if rng.random() < 0.2:
            query.update(list_filter(rng, catalogue, SEARCH_FILTERS))
        queries.append(query)
    return queries


def search_page_path(query: dict[str, str]) -> str:
    """The search page's path for an API search: the page searches its language, chosen by the URL's prefix."""
    query = dict(query)
    locale = query.pop("locale", None)
    prefix = "" if locale in (None, LOCALES[0]) else f"/{locale}"
    return f"{prefix}/search/?{urlencode(query)}"


def suggest_prefixes(rng: random.Random, terms: dict[str, list[str]]) -> list[dict[str, str]]:
    """``QUERY_COUNT`` prefixes of 2–4 letters of the words of each language."""
    prefixes = []
    for locale in rng.choices(LOCALES, weights=(40, 40, 20), k=QUERY_COUNT):
        word = rng.choice(terms[locale])
        prefixes.append({"q": word[: rng.randint(2, 4)], "locale": locale})
    return prefixes

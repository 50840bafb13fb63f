"""The search page joins the benchmark's endpoints with the same queries as the search API, in their language."""

from bench.harness import check_targets, shown_value
from bench.workload import build_endpoints, search_page_path

CATALOGUE = {"ids": [1, 2, 3], "organisation": ["lund"], "tag": ["skole"], "rung": ["dialog"], "years": [2020, 2024]}


def test_the_page_searches_the_querys_language_by_its_url_prefix():
    assert search_page_path({"q": "skole", "locale": "da"}) == "/search/?q=skole"
    assert search_page_path({"q": "skola", "locale": "sv", "status": "open"}) == "/sv/search/?q=skola&status=open"
    assert search_page_path({"q": "school"}) == "/search/?q=school"


def test_the_page_gets_the_api_searches():
    endpoints = {endpoint.name: endpoint for endpoint in build_endpoints(CATALOGUE, seed=1)}
    api, page = endpoints["v1_search"].paths, endpoints["page_search"].paths
    assert len(api) == len(page) and all("/search/?" in path for path in page)


def test_the_target_compares_the_page_with_the_api():
    report = {"import": {}, "endpoints": [{"name": "v1_search", "requests_per_s": 1000.0},
                                          {"name": "page_search", "requests_per_s": 850.0}]}
    (target,) = [row for row in check_targets(report) if row["target"].startswith("search page")]
    assert target["value"] == 0.85 and target["met"] is True


def test_each_target_says_what_its_ratio_is_of():
    assert shown_value(0.65, "ratio") == "65% of /healthz"
    assert shown_value(0.68, "ratio of search API") == "68% of search API"
    assert shown_value(18.41, "ms") == "18.4 ms"
    assert shown_value(None, "ms") == "–"

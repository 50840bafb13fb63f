"""Search and suggestions are rate-limited per client: 429 problem documents with Retry-After."""

import pytest
from django.core.cache import cache

from dialogue_search import throttle

SEARCH, SUGGEST = "/api/v1/search/", "/api/v1/search/suggest/"


@pytest.fixture
def limited(settings, db):
    """A limit of three requests per minute, counted from an empty cache, in a window that is not ending."""
    settings.DIALOGUE_SEARCH_RATE_LIMIT = 3
    settings.DIALOGUE_SEARCH_RATE_WINDOW = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """Time stands still at 10 s into a window, until a test moves it."""
    now = {"value": 6_000_010.0}
    monkeypatch.setattr(throttle.time, "time", lambda: now["value"])
    return now


@pytest.mark.parametrize("url", [SEARCH, SUGGEST])
def test_the_request_over_the_limit_is_a_429_problem(client, limited, clock, url):
    for _ in range(3):
        assert client.get(url, {"q": "havn"}).status_code == 200
    response = client.get(url, {"q": "havn"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 429
    assert response["Retry-After"] == "50"


def test_search_and_suggest_share_the_count(client, limited, clock):
    for url in (SEARCH, SUGGEST, SEARCH):
        assert client.get(url, {"q": "havn"}).status_code == 200
    assert client.get(SUGGEST, {"q": "havn"}).status_code == 429


def test_the_next_window_starts_afresh(client, limited, clock):
    for _ in range(4):
        client.get(SEARCH, {"q": "havn"})
    clock["value"] += 60
    assert client.get(SEARCH, {"q": "havn"}).status_code == 200


def test_clients_are_counted_apart(client, limited, clock):
    for _ in range(3):
        client.get(SEARCH, {"q": "havn"}, REMOTE_ADDR="10.0.0.1")
    assert client.get(SEARCH, {"q": "havn"}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get(SEARCH, {"q": "havn"}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_x_forwarded_for_is_ignored_unless_trusted(client, limited, clock):
    for hop in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        client.get(SEARCH, {"q": "havn"}, HTTP_X_FORWARDED_FOR=hop)
    # A client cannot escape the limit by inventing X-Forwarded-For headers.
    assert client.get(SEARCH, {"q": "havn"}, HTTP_X_FORWARDED_FOR="4.4.4.4").status_code == 429


def test_behind_a_trusted_proxy_the_first_hop_is_the_client(client, limited, clock, settings):
    settings.DIALOGUE_TRUST_X_FORWARDED_FOR = True
    for _ in range(3):
        client.get(SEARCH, {"q": "havn"}, HTTP_X_FORWARDED_FOR="10.0.0.1, 172.16.0.1")
    assert client.get(SEARCH, {"q": "havn"}, HTTP_X_FORWARDED_FOR="10.0.0.1, 172.16.0.1").status_code == 429
    assert client.get(SEARCH, {"q": "havn"}, HTTP_X_FORWARDED_FOR="10.0.0.2, 172.16.0.1").status_code == 200


def test_zero_turns_the_limit_off(client, limited, clock, settings):
    settings.DIALOGUE_SEARCH_RATE_LIMIT = 0
    for _ in range(10):
        assert client.get(SEARCH, {"q": "havn"}).status_code == 200


def test_other_endpoints_are_not_limited(client, limited, clock):
    for _ in range(5):
        assert client.get("/api/v1/dialogues/").status_code == 200


def test_a_failing_cache_lets_searches_through(client, limited, clock, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache server gone")

    monkeypatch.setattr(throttle.cache, "add", broken)
    for _ in range(5):
        assert client.get(SEARCH, {"q": "havn"}).status_code == 200


def test_the_limit_is_documented(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    for path in (SEARCH, SUGGEST):
        response = spec["paths"][path]["get"]["responses"]["429"]
        assert "application/problem+json" in response["content"]
        assert "Retry-After" in response["headers"]


def test_defaults(settings):
    del settings.DIALOGUE_SEARCH_RATE_LIMIT
    del settings.DIALOGUE_SEARCH_RATE_WINDOW
    from dialogue_search.conf import search_rate_limit, search_rate_window, trust_x_forwarded_for

    assert (search_rate_limit(), search_rate_window()) == (120, 60)
    assert trust_x_forwarded_for() is False


def test_the_benchmark_server_runs_without_the_limit(tmp_path):
    from bench.harness import bench_env

    assert bench_env(tmp_path)["DIALOGUE_SEARCH_RATE_LIMIT"] == "0"

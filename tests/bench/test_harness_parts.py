"""The harness's pure parts: request mixes of the new endpoints, memory and load sampling, timed requests,
targets and their Markdown."""

import gzip
import json
import os
import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from bench import generate, harness, monitor, report, streams, workload
from bench.workload import build_endpoints, feed_paths, index_paths, pages_of

INDEXES = [
    {"id": 3, "path": "/", "locale": "da", "dialogues": 400, "children": 402,
     "statuses": {"planned": 30, "open": 45, "closed": 125, "decided": 200}},
    {"id": 4, "path": "/sv/", "locale": "sv", "dialogues": 10, "children": 10,
     "statuses": {"planned": 1, "open": 2, "closed": 3, "decided": 4}},
]
CATALOGUE = {"ids": [1, 2, 3], "organisation": ["lund"], "tag": ["skole"], "rung": ["dialog"], "years": [2020, 2024],
             "indexes": INDEXES, "index_page_size": 20, "locales": ["da", "sv", "en"]}


# --- workload ----------------------------------------------------------------------------------------------------

def test_pages_of_counts_a_paginators_pages():
    assert [pages_of(count, 20) for count in (0, 1, 20, 21, 400, -3)] == [1, 1, 1, 2, 20, 1]


def test_index_paths_ask_only_for_pages_that_exist():
    paths = index_paths(random.Random(1), CATALOGUE)
    assert len(paths) == workload.QUERY_COUNT
    for path in paths:
        split = urlsplit(path)
        index = next(index for index in INDEXES if index["path"] == split.path)
        query = {key: values[0] for key, values in parse_qs(split.query).items()}
        page = int(query.pop("page", "1"))
        assert set(query) <= set(workload.INDEX_FILTERS) and len(query) <= 1
        if "status" in query:
            assert page <= pages_of(index["statuses"][query["status"]], 20)
        elif query:
            assert page == 1
        else:  # unfiltered pages list the dialogues not open now
            assert page <= pages_of(index["dialogues"] - index["statuses"]["open"], 20)


def test_index_paths_mix_first_pages_later_pages_and_filters():
    paths = index_paths(random.Random(2), CATALOGUE)
    assert "/" in paths and any("page=" in path for path in paths) and any("status=" in path for path in paths)
    assert any(path.startswith("/sv/") for path in paths)
    deep = [int(parse_qs(urlsplit(path).query)["page"][0]) for path in paths if path.startswith("/?page=")]
    assert max(deep) > 5  # beyond the first pages too
    share = sum(path.startswith("/sv/") for path in paths) / len(paths)
    assert share < 0.2  # drawn by the indexes' share of the dialogues


def test_without_indexes_the_index_endpoint_has_no_paths():
    assert index_paths(random.Random(1), {**CATALOGUE, "indexes": []}) == []
    old = {key: value for key, value in CATALOGUE.items() if key not in ("indexes", "locales", "index_page_size")}
    endpoints = {endpoint.name: endpoint for endpoint in build_endpoints(old, seed=1)}
    assert endpoints["page_index"].paths == [] and len(endpoints["feed_dialogues"].paths) == 4


def test_feeds_of_every_language_and_each():
    assert feed_paths("/api/v1/calendar.ics", {"locales": ["da", "sv"]}) == [
        "/api/v1/calendar.ics", "/api/v1/calendar.ics?locale=da", "/api/v1/calendar.ics?locale=sv"]


def test_the_new_endpoints_join_the_run():
    endpoints = {endpoint.name: endpoint for endpoint in build_endpoints(CATALOGUE, seed=1)}
    assert {"page_index", "feed_dialogues", "feed_feedback", "calendar"} <= endpoints.keys()
    assert all(path.startswith("/api/v1/feeds/feedback.atom") for path in endpoints["feed_feedback"].paths)


# --- monitor -----------------------------------------------------------------------------------------------------

STATUS = ("Name:\tgunicorn\nVmPeak:\t  500000 kB\nVmHWM:\t  163840 kB\nVmRSS:\t  102400 kB\n"
          "RssAnon:\t   61440 kB\nRssFile:\t   40960 kB\nThreads:\t1\n")


def test_parse_status_reads_rss_and_peak_in_mb():
    assert monitor.parse_status(STATUS) == {"VmHWM": 160.0, "VmRSS": 100.0, "RssAnon": 60.0, "RssFile": 40.0}
    assert monitor.parse_status("Name:\tzombie\nState:\tZ\n") == {}


def test_parse_children_and_parent_of_stat():
    assert monitor.parse_children("123 456 \n") == [123, 456] and monitor.parse_children("") == []
    assert monitor.parent_of_stat("77 (gunicorn: worker (x)) S 42 77 77 0") == 42
    assert monitor.parent_of_stat("garbage") is None


def test_children_of_this_process():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert child.pid in monitor.children_of(os.getpid())
        assert monitor.memory_of(child.pid).keys() == {"VmRSS", "VmHWM", "RssAnon", "RssFile"}
    finally:
        child.kill()
        child.wait()


class FakeMonitor(monitor.Monitor):
    """Workers 1 and 2 whose memory the test sets."""

    def __init__(self) -> None:
        super().__init__(master_pid=0, interval=3600)
        self.memory = {1: {"VmRSS": 100.0, "VmHWM": 120.0}, 2: {"VmRSS": 90.0, "VmHWM": 95.0}}

    def workers(self) -> list[int]:
        return list(self.memory)

    def sample(self):
        saved = monitor.memory_of
        monitor.memory_of = lambda pid: dict(self.memory.get(pid, {}))
        try:
            return super().sample()
        finally:
            monitor.memory_of = saved


def test_a_stage_keeps_the_peak_reached_between_samples():
    watcher = FakeMonitor().start()
    with watcher.stage("quiet") as quiet:
        pass
    with watcher.stage("busy") as busy:
        # a spike between two samples: only the high-water mark saw it
        watcher.memory[1] = {"VmRSS": 101.0, "VmHWM": 180.0}
    watcher.stop()
    assert quiet["peak_rss_mb"] == 100.0 and busy["peak_rss_mb"] == 180.0
    assert quiet["load_before"] and busy["load_after"] and busy["seconds"] is not None
    summary = watcher.summary()
    assert summary["worker_max"] == 180.0 and summary["workers_total"] == 275.0 and summary["workers_seen"] == 2


def test_nested_stages_both_see_the_samples():
    watcher = FakeMonitor()
    with watcher.stage("server") as outer, watcher.stage("load:x") as inner:
        watcher.memory[2] = {"VmRSS": 130.0, "VmHWM": 130.0}
        watcher.sample()
    assert outer["peak_rss_mb"] == inner["peak_rss_mb"] == 130.0


# --- timed requests ----------------------------------------------------------------------------------------------

def test_timed_gets_leaves_out_the_warm_ups():
    calls = []

    def get(url, cookie, timeout):
        calls.append(cookie)
        return 200, 10
    timing = streams.timed_gets("http://x/admin/", "sessionid=1", repeats=3, warmups=2, get=get)
    assert len(calls) == 5 and timing["repeats"] == 3 and len(timing["first_s"]) == 2
    assert timing["statuses"] == {"200": 5} and timing["ok"] and timing["max_s"] >= timing["median_s"]


def test_timed_gets_stops_past_its_budget_with_one_timed_request():
    calls = []

    def get(url, cookie, timeout):
        calls.append(1)
        return 302, 0
    timing = streams.timed_gets("http://x/admin/", "", repeats=5, warmups=2, budget=0, get=get)
    assert len(calls) == 2 and timing["repeats"] == 1 and len(timing["first_s"]) == 1
    assert not timing["ok"] and timing["statuses"] == {"302": 2}


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/gone":
                self.send_error(404)
                return
            body = b"".join(json.dumps({"n": n}).encode() + b"\n" for n in range(1000))
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_download_counts_lines_as_they_stream(server):
    result = streams.download(f"{server}/export.jsonl")
    assert result["status"] == 200 and result["lines"] == 1000 and result["bytes"] > 10_000
    assert result["seconds"] >= result["first_byte_s"] >= 0
    assert streams.download(f"{server}/gone")["status"] == 404
    assert streams.rate(1000, 0.5) == 2000.0 and streams.rate(None, 1) is None


# --- harness helpers ---------------------------------------------------------------------------------------------

def test_seconds_of_reads_the_last_mark():
    assert harness.seconds_of("noise\nBENCH_SECONDS 1.5\nBENCH_SECONDS 12.25\n") == 12.25
    assert harness.seconds_of("nothing") is None


def test_indexed_by_backend():
    output = ("      tantivy [####] 2007/2007 150.0/s\ntantivy: indexed 2007 dialogues, removed 0 stale entries.\n"
              "database: indexed 2007 dialogues, removed 3 stale entries.\n")
    assert harness.indexed_by_backend(output) == {"tantivy": 2007, "database": 2007}
    assert harness.indexed_by_backend("") == {}


def test_bench_env_sets_the_response_cache_only_when_asked(tmp_path):
    inherited = os.environ.get("DIALOGUE_API_RESPONSE_CACHE_SIZE")
    assert harness.bench_env(tmp_path).get("DIALOGUE_API_RESPONSE_CACHE_SIZE") == inherited
    env = harness.bench_env(tmp_path, response_cache_size=0)
    assert env["DIALOGUE_API_RESPONSE_CACHE_SIZE"] == "0"
    assert env["DIALOGUE_SEARCH_INDEX_DIR"] == str(tmp_path / "search-index")


def test_wrk_figures():
    figures = harness.wrk_figures({
        "requests": 2000, "duration_us": 2_000_000, "bytes": 200_000,
        "errors": {"connect": 1, "read": 0, "write": 0, "status": 3, "timeout": 1},
        "latency_us": {"mean": 1500.0, "max": 9000, "p50": 1200, "p90": 2000, "p95": 2500, "p99": 4000},
    })
    assert figures["requests_per_s"] == 1000.0 and figures["latency_ms"]["p50"] == 1.2
    assert figures["errors"] == {"status": 3, "socket": 2} and figures["bytes_per_request"] == 100


def test_exports_and_admin_paths():
    names = [name for name, _path, _locale in harness.export_paths(["da", "sv"])]
    assert names == ["jsonl", "jsonl_da", "jsonl_sv", "csv"]
    session = {"index": {"id": 7, "children": 41000}, "word": "børn og unge", "cookie": "", "method": ""}
    assert harness.admin_paths(session) == [
        ("explorer", "/admin/pages/7/"), ("explorer_page_2", "/admin/pages/7/?p=2"),
        ("search", "/admin/pages/search/?q=b%C3%B8rn%20og%20unge")]


def test_script_sizes():
    script = harness.ROOT / "bench" / "random_paths.lua"
    sizes = harness.script_sizes(script)
    assert sizes["bytes"] == script.stat().st_size
    assert sizes["gzip_bytes"] == len(gzip.compress(script.read_bytes(), compresslevel=6, mtime=0))
    assert harness.script_sizes(harness.ROOT / "bench" / "missing.js")["gzip_bytes"] is None
    assert harness.script_sizes()["gzip_bytes"] > 0  # the component script itself


def test_reindex_is_on_by_default_only_in_the_full_run():
    assert harness.parse_args(["--full"]).reindex is True
    assert harness.parse_args(["--full", "--no-reindex"]).reindex is False
    assert harness.parse_args([]).reindex is False and harness.parse_args(["--reindex"]).reindex is True
    assert harness.parse_args([]).duration == 6 and harness.parse_args(["--full"]).count == 100_000
    assert harness.parse_args(["--full", "--reindex-locale", "en"]).reindex_locale == "en"


def test_generating_in_processes_gives_the_same_lines():
    serial = list(generate.encoded_lines(generate.CHUNK + 40, seed=5))
    assert list(generate.encoded_lines(generate.CHUNK + 40, seed=5, processes=2)) == serial


def test_dataset_cache_reuses_an_archive(tmp_path):
    first = harness.generate_dataset(tmp_path / "one", 30, 2, cache=tmp_path / "cache")
    second = harness.generate_dataset(tmp_path / "two", 30, 2, cache=tmp_path / "cache")
    assert not first["cached"] and second["cached"] and first["files"] == second["files"]
    assert sum(len(Path(path).read_bytes().splitlines()) for path in first["files"].values()) == 30
    assert harness.generate_dataset(tmp_path, 30, 2)["bytes"] == first["bytes"]


# --- targets and Markdown ----------------------------------------------------------------------------------------

def stage(load: float, rss: float | None = None) -> dict:
    return {"load_before": [1.0, 1.0, 1.0], "load_after": [load, 1.0, 1.0], "peak_rss_mb": rss, "seconds": 1.0}


def endpoint(name: str, rate: float, p50: float, p95: float, floor: float, stock: float | None = None,
             load: float = 1.5) -> dict:
    return {"name": name, "label": f"/{name}", "api": "v1", "counterpart": None, "available": True,
            "queries": {"mean": 1.0, "max": 1}, "requests_per_s": rate, "errors": {"status": 0, "socket": 0},
            "latency_ms": {"p50": p50, "p95": p95, "p99": p95 * 1.2}, "ratio_to_floor": round(rate / floor, 3),
            "ratio_to_stock": round(rate / stock, 3) if stock else None, "stage": stage(load, 140.0)}


def full_report(count: int = 100_000) -> dict:
    floor = 2000.0
    return {
        "command": "python -m bench.harness --full", "date": "2026-12-04T00:00:00+00:00",
        "machine": {"cores": 2, "cpu_model": "cpu", "load_average": [0.5, 0.5, 0.5], "python": "3.11",
                    "django": "5.2", "wagtail": "8.0", "sqlite": "3.40", "wrk": "wrk 4"},
        "settings": {"workers": 2, "threads": 1, "connections": 4, "duration_s": 6, "warmup_s": 2},
        "dataset": {"dialogues": count, "seed": 1, "bytes": 1_300_000_000},
        "database": {"bytes": 6_000_000_000, "index_bytes": 1_000_000_000, "total_bytes": 7_000_000_000,
                     "dialogues_live": count + 7},
        "import": {"available": True, "dialogues": count, "seconds": 300.0, "dialogues_per_s": 333.3,
                   "wall_seconds": 310.0, "workers": 2, "stage": stage(2.1)},
        "reindex": {"available": True, "run": True, "seconds": 40.0, "dialogues": count, "dialogues_per_s": 2500.0,
                    "stage": stage(2.2)},
        "server": {"peak_rss_mb": {"worker_max": 140.0, "workers_total": 280.0, "interval_s": 0.25,
                                   "workers_seen": 2}, "stage": stage(2.3)},
        "endpoints": [
            endpoint("healthz", floor, 1.0, 1.5, floor),
            endpoint("v1_detail", 1700, 1.5, 2.0, floor),
            endpoint("v1_list", 1100, 3.0, 4.0, floor),
            endpoint("v1_search", 300, 12.0, 18.0, floor, stock=90),
            endpoint("page_search", 250, 15.0, 22.0, floor),
            endpoint("v1_suggest", 900, 4.0, 8.0, floor),
            endpoint("page_index", 500, 7.0, 12.0, floor, load=3.25),
            endpoint("feed_dialogues", 1100, 3.0, 4.0, floor),
            endpoint("feed_feedback", 700, 5.0, 7.0, floor),
        ],
        "exports": [{"name": "jsonl", "path": "/api/v1/export/dialogues.jsonl", "status": 200, "dialogues": count,
                     "bytes": 1_500_000_000, "seconds": 16.0, "dialogues_per_s": 6250.0, "mb_per_s": 93.0,
                     "stage": stage(2.4, 149.0)}],
        "admin": {"method": "HTTP", "index": {"id": 3, "children": 41_000}, "word": "kommune", "pages": [
            {"name": "explorer", "path": "/admin/pages/3/", "statuses": {"200": 7}, "ok": True, "first_s": [1.2, 0.8],
             "median_s": 0.6, "max_s": 0.9, "repeats": 5, "bytes": 300_000, "stage": stage(2.5)},
            {"name": "explorer_page_2", "path": "/admin/pages/3/?p=2", "statuses": {"200": 7}, "ok": True,
             "first_s": [0.8, 0.8], "median_s": 0.7, "max_s": 1.4, "repeats": 5, "bytes": 300_000,
             "stage": stage(2.5)},
            {"name": "search", "path": "/admin/pages/search/?q=kommune", "statuses": {"200": 7}, "ok": True,
             "first_s": [0.3, 0.3], "median_s": 0.2, "max_s": 0.3, "repeats": 5, "bytes": 40_000,
             "stage": stage(2.5)}]},
        "static": {"script": {"path": "dialogue-elements.js", "bytes": 23_000, "gzip_bytes": 7_300,
                              "gzip9_bytes": 7_290}},
        "timings_s": {"migrate": 18.0, "import": 310.0, "total": 1500.0},
    }


def targets_by_text(data: dict) -> dict[str, dict]:
    return {target["target"].split(" (")[0]: target for target in report.check_targets(data)}


def test_every_target_of_issues_14_to_17_is_checked():
    targets = report.check_targets(full_report())
    assert {target["issue"] for target in targets} == {14, 15, 16, 17}
    assert all(target["met"] is not None for target in targets)
    by_text = targets_by_text(full_report())
    index = by_text["dialogue index page p50 ≤ 2× the v1 list's p50"]
    assert index["value"] == pytest.approx(7 / 3, abs=0.001) and index["met"] is False and index["load"] == 3.25
    assert by_text["admin explorer, its page 2, < 1 s"]["result"] == "**FAIL**"
    assert by_text["search ≥ 3× Wagtail v2 search req/s"]["value"] == pytest.approx(3.333, abs=0.001)
    assert by_text["full JSON Lines export ≥ 5,000 dialogues/s"]["result"] == "PASS"
    assert by_text["worker RSS ≤ 150 MB during the full JSON Lines export"]["value"] == 149.0
    assert by_text["database plus search index < 10 GB"]["value"] == 7.0
    assert by_text["reindex ≥ 2,000 dialogues/s"]["load"] == 2.2
    assert by_text["component script < 15 KB gzipped"]["value"] == 7.3


def test_a_pass_below_the_targets_scale_says_so():
    by_text = targets_by_text(full_report(count=10_000))
    assert by_text["search p95 < 20 ms"]["result"] == "PASS at 10,000 only (target at 100,000)"
    assert by_text["detail ≥ 80 % of /healthz req/s"]["result"] == "PASS"  # no scale
    assert report.result_of(None, 10, None) == "not measured" and report.result_of(False, 10, 100) == "**FAIL**"


def test_an_empty_report_measures_nothing():
    assert all(target["met"] is None and target["result"] == "not measured"
               for target in report.check_targets({"import": {}, "endpoints": []}))


def test_markdown_names_target_result_and_load_of_every_figure():
    data = full_report()
    data["targets"] = report.check_targets(data)
    block = report.markdown_block(data)
    assert "| issue | target | measured | load | result |" in block
    assert "| #14 | dialogue index page p50 ≤ 2× the v1 list's p50 | 2.33× v1 list p50 | 3.25 | **FAIL** |" in block
    assert "| #17 | full JSON Lines export ≥ 5,000 dialogues/s | 6,250.0 dialogues/s | 2.40 | PASS |" in block
    assert "| `/page_index` | 500 | 7.0 | 12.0 | 14.4 | 0 | 0.25 | – | 1.0 | 140 | 3.25 |" in block
    assert "| `/api/v1/export/dialogues.jsonl` | 200 | 100,000 | 1,500.0 | 16.0 | 6,250 | 93.0 | 149 | 2.40 |" in block
    assert "| `/admin/pages/3/?p=2` | 200×7 | 0.700 | 1.400 | 0.800, 0.800 | 300 | 2.50 |" in block
    assert "- reindex: 2,500 dialogues/s" in block and "7,300 gzipped" in block
    assert "seconds per stage: migrate 18, import 310, total 1,500" in block


def test_shown_values_of_the_new_units():
    assert report.shown_value(2.3333, "× v1 list p50") == "2.33× v1 list p50"
    assert report.shown_value(0.43, "s") == "0.43 s" and report.shown_value(7.0, "GB") == "7.00 GB"
    assert report.shown_value(7.3, "KB") == "7.3 KB"

"""The benchmark harness end to end on a tiny dataset: the report's shape, not its numbers."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.harness import BEGIN, END, update_markdown

ROOT = Path(__file__).resolve().parents[2]
ENDPOINTS = {"healthz", "v1_detail", "v1_list", "v1_search", "page_search", "v1_suggest", "v2_detail", "v2_list",
             "v2_search", "page_index", "feed_dialogues", "feed_feedback", "calendar"}
NUMBER = (int, float)


def test_markdown_keeps_the_prose_around_the_markers(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(f"# Benchmarks\n\nProse.\n\n{BEGIN}\nold table\n{END}\n\nMore prose.\n")
    update_markdown(path, "new table")
    assert path.read_text() == f"# Benchmarks\n\nProse.\n\n{BEGIN}\nnew table\n{END}\n\nMore prose.\n"
    bare = tmp_path / "bare.md"
    bare.write_text("# Benchmarks\n")
    update_markdown(bare, "table")
    assert bare.read_text() == f"# Benchmarks\n\n{BEGIN}\ntable\n{END}\n"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[dict, str]:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (Debian: apt-get install wrk); .ci/run installs it")
    tmp = tmp_path_factory.mktemp("bench")
    results, markdown = tmp / "latest.json", tmp / "BENCHMARKS.md"
    markdown.write_text(f"Prose before.\n\n{BEGIN}\nstale\n{END}\n")
    command = [sys.executable, "-m", "bench.harness", "--count", "200", "--duration", "1", "--warmup", "0",
               "--results", str(results), "--markdown", str(markdown)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-5000:]
    return json.loads(results.read_text()), markdown.read_text()


@pytest.mark.slow
def test_report_shape(report):
    data, _markdown = report
    assert data.keys() >= {"schema", "date", "command", "machine", "settings", "dataset", "database", "import",
                           "reindex", "server", "endpoints", "exports", "admin", "static", "targets", "timings_s"}
    assert isinstance(data["date"], str) and data["command"].startswith("python -m bench.harness")
    machine = data["machine"]
    assert isinstance(machine["cores"], int) and isinstance(machine["cpu_model"], str)
    assert data["dataset"]["dialogues"] == 200 and isinstance(data["dataset"]["bytes"], int)
    assert isinstance(data["database"]["bytes"], int) and isinstance(data["database"]["dialogues_live"], int)
    assert isinstance(data["import"]["available"], bool)
    if data["import"]["available"]:
        assert isinstance(data["import"]["dialogues_per_s"], NUMBER)
        # 200 dialogues fit in one batch per language: nothing to share between processes.
        assert data["import"]["workers"] == 1
    assert isinstance(data["reindex"]["available"], bool) and data["reindex"]["run"] is False
    assert isinstance(data["server"]["peak_rss_mb"]["worker_max"], NUMBER)
    assert data["server"]["peak_rss_mb"]["samples"] > 1
    assert data["database"]["total_bytes"] >= data["database"]["bytes"] > 0
    assert data["static"]["script"]["gzip_bytes"] > 0
    assert {"migrate", "import", "probe", "load", "exports", "admin", "total"} <= data["timings_s"].keys()
    for target in data["targets"]:
        assert target.keys() == {"issue", "target", "value", "unit", "met", "load", "scale", "result"}
        assert target["met"] in (True, False, None) and target["issue"] in (14, 15, 16, 17)
    measured = {target["target"] for target in data["targets"] if target["met"] is not None}
    # Everything but the reindex (not asked for) is measured on the tiny run too.
    assert {target["target"] for target in data["targets"]} - measured == {"reindex ≥ 2,000 dialogues/s"}


@pytest.mark.slow
def test_exports_stream_every_dialogue(report):
    data, _markdown = report
    exports = {item["name"]: item for item in data["exports"]}
    live = data["database"]["dialogues_live"]
    assert {"jsonl", "csv"} <= exports.keys() and all(item["status"] == 200 for item in exports.values())
    assert exports["jsonl"]["dialogues"] == live
    assert sum(item["dialogues"] for name, item in exports.items() if name.startswith("jsonl_")) == live
    assert isinstance(exports["jsonl"]["stage"]["peak_rss_mb"], NUMBER)


@pytest.mark.slow
def test_admin_pages_are_timed_logged_in(report):
    data, _markdown = report
    pages = {page["name"]: page for page in data["admin"]["pages"]}
    assert pages.keys() == {"explorer", "explorer_page_2", "search"}
    assert pages["explorer"]["statuses"] == {"200": pages["explorer"]["repeats"] + len(pages["explorer"]["first_s"])}
    assert all(page["ok"] and isinstance(page["max_s"], NUMBER) for page in pages.values())


@pytest.mark.slow
def test_every_endpoint_is_reported(report):
    data, _markdown = report
    endpoints = {endpoint["name"]: endpoint for endpoint in data["endpoints"]}
    assert endpoints.keys() == ENDPOINTS
    assert endpoints["healthz"]["available"] and endpoints["v1_detail"]["available"]
    for endpoint in endpoints.values():
        assert isinstance(endpoint["label"], str) and endpoint["api"] in {"floor", "v1", "v2"}
        if endpoint["available"]:
            assert isinstance(endpoint["requests_per_s"], NUMBER)
            assert {"p50", "p95", "p99"} <= endpoint["latency_ms"].keys()
            assert {"status", "socket"} == endpoint["errors"].keys()
            assert isinstance(endpoint["queries"]["mean"], NUMBER)
            assert isinstance(endpoint["ratio_to_floor"], NUMBER)
        else:  # e.g. a search API not built yet: reported, not loaded
            assert endpoint["requests_per_s"] is None and endpoint["latency_ms"] is None
    assert isinstance(endpoints["v1_detail"]["ratio_to_stock"], NUMBER)


@pytest.mark.slow
def test_markdown_table_is_rewritten(report):
    _data, markdown = report
    assert markdown.startswith("Prose before.") and "stale" not in markdown
    assert "| `/healthz` |" in markdown and "| issue | target | measured | load | result |" in markdown
    assert "| #14 | dialogue index page" in markdown and "/api/v1/export/dialogues.jsonl" in markdown

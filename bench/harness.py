"""Load-test the dialogue site against its floor (/healthz) and stock Wagtail API v2, in one run, and check
every speed target of the open issues (14–17) side by side.

    python -m bench.harness                       # 10,000 dialogues, 6 s per endpoint
    python -m bench.harness --full                # 100,000 dialogues, with a timed reindex (make bench-full)
    python -m bench.harness --count 300 --duration 1 --results /tmp/r.json --markdown /tmp/B.md

Steps, each timed and logged: a fresh SQLite database in a temporary directory; migrate; the demo content
(one dialogue index per language); a generated archive (``bench.generate``, in one process per core;
``--dataset-cache`` keeps it for the next run) imported per language with ``import_dialogues --publish``;
``reindex_dialogues`` (``--reindex``, on by default with ``--full``); the probe (``bench.probe``: request
mixes, queries per request, an admin session); gunicorn with production settings and two workers on a free
port of 127.0.0.1; wrk on every endpoint for a fixed time; the open data downloads streamed whole; the
admin explorer and search timed. A monitor samples the workers' memory and the machine's load throughout
(``bench.monitor``). Writes the report as JSON and rewrites the table of BENCHMARKS.md between its markers
(``bench.report``).
"""

import argparse
import datetime
import gzip
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import streams
from bench.generate import LOCALES, encoded_lines
from bench.monitor import Monitor, load_average
from bench.report import BEGIN, END, FULL_COUNT, check_targets, markdown_block, ratio, shown_value, update_markdown

__all__ = ["BEGIN", "END", "check_targets", "markdown_block", "main", "shown_value", "update_markdown"]

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "manage.py"
LUA_SCRIPT = Path(__file__).with_name("random_paths.lua")
RESULTS = ROOT / "bench" / "results" / "latest.json"
MARKDOWN = ROOT / "BENCHMARKS.md"
COMPONENT_SCRIPT = ROOT / "dialogue_pages" / "static" / "dialogue_pages" / "dialogue-elements.js"
QUICK_COUNT = 10_000
WORKERS = 2
# Long enough for a whole export to stream from a sync worker (which cannot signal the master meanwhile).
WORKER_TIMEOUT = 900
INDEX_PATHS = {"da": "/da/", "sv": "/sv/", "en": "/en/"}  # the dialogue indexes load_demo_dialogues creates
LOAD_FIGURES = ("requests", "requests_per_s", "latency_ms", "errors", "bytes_per_request")
RATE = re.compile(r"([\d.,]+)\s*dialogues/s")
IMPORT_WORKERS = re.compile(r"Importing \((\d+) workers?\)")
SECONDS_MARK = "BENCH_SECONDS"
EXPORTS = "/api/v1/export"

STARTED = time.monotonic()


class HarnessError(RuntimeError):
    """A step of the benchmark failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


@contextmanager
def stage(timings: dict[str, float], name: str) -> Iterator[dict[str, Any]]:
    """Time a step of the run into ``timings`` and log how long it took; yields its load averages."""
    entry: dict[str, Any] = {"load_before": load_average()}
    started = time.monotonic()
    log(f"{name}: started (load {entry['load_before'][0]})")
    try:
        yield entry
    finally:
        timings[name] = time.monotonic() - started
        entry.update(seconds=round(timings[name], 1), load_after=load_average())
        log(f"{name}: {timings[name]:.1f} s (load {entry['load_after'][0]})")


def bench_env(workdir: Path, response_cache_size: int | None = None) -> dict[str, str]:
    """The environment of every Django process of the run: production settings on the run's own database
    (and, if given, the size of each process's cache of list-shaped API responses; 0 turns it off)."""
    env = {key: value for key, value in os.environ.items() if key not in {"ELASTICSEARCH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="dialogue_site.settings.production",
        SECRET_KEY="bench-only-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        DIALOGUE_SEARCH_INDEX_DIR=str(workdir / "search-index"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        # wrk sends thousands of searches a second from one address: the per-client limit is off.
        DIALOGUE_SEARCH_RATE_LIMIT="0",
    )
    if response_cache_size is not None:
        env["DIALOGUE_API_RESPONSE_CACHE_SIZE"] = str(response_cache_size)
    return env


def manage(env: dict[str, str], *args: str) -> tuple[str, float]:
    """Run ``manage.py`` with ``args``; return its output and how long it took."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(MANAGE), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise HarnessError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout + result.stderr, time.monotonic() - started


def dataset_key(count: int, seed: int) -> str:
    """The name of a cached archive: its size, seed, and the generator's code and word lists."""
    digest = hashlib.sha1(Path(__file__).with_name("generate.py").read_bytes())
    for package in ("wordfreq", "Faker"):
        digest.update(importlib.metadata.version(package).encode())
    return f"{count}-seed{seed}-{digest.hexdigest()[:12]}"


def generate_dataset(workdir: Path, count: int, seed: int, cache: Path | None = None,
                     processes: int | None = None) -> dict[str, Any]:
    """Write the archive as one file per language (each is imported under its own index), in one process per
    core; with ``cache``, reuse the archive of an earlier run of the same size, seed and generator."""
    started = time.monotonic()
    folder = workdir
    if cache is not None:
        folder = cache / dataset_key(count, seed)
        meta = folder / "dataset.json"
        if meta.exists():
            dataset = json.loads(meta.read_text())
            if all(Path(path).exists() for path in dataset["files"].values()):
                return {**dataset, "cached": True, "generate_seconds": round(time.monotonic() - started, 1)}
        building = folder.with_name(f"{folder.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
    else:
        building = workdir
    paths = {locale: building / f"dialogues-{locale}.jsonl" for locale in LOCALES}
    counts = dict.fromkeys(LOCALES, 0)
    files = {locale: path.open("wb") for locale, path in paths.items()}
    try:
        for locale, line in encoded_lines(count, seed, processes or os.cpu_count() or 1):
            files[locale].write(line)
            counts[locale] += 1
    finally:
        for file in files.values():
            file.close()
    dataset = {
        "dialogues": count,
        "seed": seed,
        "bytes": sum(path.stat().st_size for path in paths.values()),
        "per_locale": counts,
        "generate_seconds": round(time.monotonic() - started, 1),
        "files": {locale: str(folder / path.name) for locale, path in paths.items() if counts[locale]},
    }
    if cache is not None:
        (building / "dataset.json").write_text(json.dumps(dataset, indent=1))
        shutil.rmtree(folder, ignore_errors=True)
        building.rename(folder)
    return {**dataset, "cached": False}


def import_dataset(env: dict[str, str], dataset: dict[str, Any]) -> dict[str, Any]:
    """``import_dialogues --publish`` per language; the rate is the command's own (without Django's start-up)."""
    per_locale = {}
    for locale, path in dataset["files"].items():
        count = dataset["per_locale"][locale]
        output, wall = manage(env, "import_dialogues", path, "--parent", INDEX_PATHS[locale], "--locale", locale,
                              "--publish")
        rates = RATE.findall(output)
        reported = float(rates[-1].replace(",", "")) if rates else None
        workers = IMPORT_WORKERS.search(output)
        per_locale[locale] = {"dialogues": count, "wall_seconds": round(wall, 1), "reported_per_s": reported,
                              "workers": int(workers.group(1)) if workers else 1, "load_after": load_average()}
        log(f"imported {count} ({locale}) in {wall:.1f} s: {output.strip().splitlines()[-1] if output else ''}")
    seconds = sum(item["dialogues"] / item["reported_per_s"] if item["reported_per_s"] else item["wall_seconds"]
                  for item in per_locale.values())
    total = sum(item["dialogues"] for item in per_locale.values())
    return {
        "available": True,
        "dialogues": total,
        "seconds": round(seconds, 1),
        "dialogues_per_s": round(total / seconds, 1) if seconds else None,
        "wall_seconds": round(sum(item["wall_seconds"] for item in per_locale.values()), 1),
        "workers": max((item["workers"] for item in per_locale.values()), default=1),
        "per_locale": per_locale,
    }


def timed_in_shell(env: dict[str, str], statement: str) -> tuple[str, float]:
    """Run ``statement`` in a ``manage.py shell``; its own duration, without Django's start-up."""
    code = (f"import time\nstarted = time.monotonic()\n{statement}\n"
            f"print({SECONDS_MARK!r}, time.monotonic() - started)")
    output, _wall = manage(env, "shell", "--no-imports", "-c", code)
    seconds = seconds_of(output)
    if seconds is None:
        raise HarnessError(f"no {SECONDS_MARK} line in:\n{output[-2000:]}")
    return output, seconds


def seconds_of(output: str) -> float | None:
    """The figure of the last ``BENCH_SECONDS <s>`` line of ``output``."""
    found = re.findall(rf"^{SECONDS_MARK} ([\d.]+)$", output, flags=re.MULTILINE)
    return float(found[-1]) if found else None


def reindex(env: dict[str, str], dialogues: int, locale: str | None = None) -> dict[str, Any]:
    """A full ``reindex_dialogues`` (every backend it rebuilds by default; of one language with ``locale``),
    timed inside the shell. The rate counts the dialogues it reports indexing (each backend indexes them all)."""
    options = f", locale={locale!r}" if locale else ""
    output, seconds = timed_in_shell(
        env, f"from django.core.management import call_command\ncall_command('reindex_dialogues'{options})")
    backends = indexed_by_backend(output)
    indexed = max(backends.values(), default=dialogues)
    return {"seconds": round(seconds, 1), "dialogues": indexed, "locale": locale,
            "dialogues_per_s": round(indexed / seconds, 1) if seconds else None, "backends": list(backends)}


def indexed_by_backend(output: str) -> dict[str, int]:
    """``{backend: dialogues}`` of the "tantivy: indexed 2007 dialogues, removed 0 stale entries." lines."""
    return {name: int(count) for name, count in re.findall(r"^\s*(\S+): indexed (\d+) dialogues", output,
                                                             flags=re.MULTILINE)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workdir: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    """The site under gunicorn on a free local port; yields the master process and the base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = workdir / "gunicorn.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dialogue_site.wsgi:application", "--workers", str(WORKERS),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", str(WORKER_TIMEOUT)],
            cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_healthy(base, process, log_path)
            yield process, base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(base: str, process: subprocess.Popen, log_path: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"gunicorn exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise HarnessError(f"{base}/healthz did not answer within {timeout:.0f} s")


def run_wrk(base: str, paths_file: str, seconds: float, connections: int, threads: int) -> dict[str, Any]:
    """Load one endpoint for ``seconds`` with random paths from ``paths_file``; wrk's figures as a dict."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "10s", "-s", str(LUA_SCRIPT), base, "--", paths_file]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if result.returncode or not lines:
        raise HarnessError(f"wrk failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return wrk_figures(json.loads(lines[-1].removeprefix("BENCH_JSON ")))


def wrk_figures(data: dict[str, Any]) -> dict[str, Any]:
    """The report's figures of one wrk run from the JSON line of ``random_paths.lua``."""
    errors = data["errors"]
    requests = data["requests"]
    return {
        "requests": requests,
        "requests_per_s": round(requests / (data["duration_us"] / 1e6), 1),
        "latency_ms": {key: round(value / 1000, 2) for key, value in data["latency_us"].items()},
        "errors": {"status": errors["status"],
                   "socket": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]},
        "bytes_per_request": data["bytes"] // requests if requests else 0,
    }


def load_endpoints(base: str, endpoints: list[dict[str, Any]], args: argparse.Namespace, monitor: Monitor) -> None:
    """wrk on every available endpoint, one after the other, adding its figures (and the workers' peak memory
    and the load while it ran) to its entry."""
    for endpoint in endpoints:
        if not endpoint["available"]:
            log(f"{endpoint['name']}: unavailable (404), not loaded")
            endpoint.update(dict.fromkeys(LOAD_FIGURES), stage=None)
            continue
        with monitor.stage(f"load:{endpoint['name']}") as figures:
            if args.warmup:
                run_wrk(base, endpoint["paths_file"], args.warmup, args.connections, args.threads)
            endpoint.update(run_wrk(base, endpoint["paths_file"], args.duration, args.connections, args.threads))
        endpoint["stage"] = figures
        log(f"{endpoint['name']}: {endpoint['requests_per_s']} req/s, p50 {endpoint['latency_ms']['p50']} ms, "
            f"p95 {endpoint['latency_ms']['p95']} ms, errors {endpoint['errors']}, worker RSS "
            f"{figures['peak_rss_mb']} MB, load {figures['load_after'][0]}")
    add_ratios(endpoints)


def add_ratios(endpoints: list[dict[str, Any]]) -> None:
    """Each endpoint's req/s as a share of /healthz's and of its stock Wagtail counterpart's."""
    by_name = {endpoint["name"]: endpoint for endpoint in endpoints}
    floor = by_name.get("healthz", {}).get("requests_per_s")
    for endpoint in endpoints:
        rate = endpoint.get("requests_per_s")
        stock = by_name.get(endpoint["counterpart"] or "", {}).get("requests_per_s")
        endpoint["ratio_to_floor"] = ratio(rate, floor)
        endpoint["ratio_to_stock"] = ratio(rate, stock)


def export_paths(locales: list[str]) -> list[tuple[str, str, str | None]]:
    """``(name, path, locale)`` of the downloads: the whole JSON Lines export, each language's, the whole CSV."""
    return [("jsonl", f"{EXPORTS}/dialogues.jsonl", None),
            *((f"jsonl_{locale}", f"{EXPORTS}/dialogues.jsonl?locale={locale}", locale) for locale in locales),
            ("csv", f"{EXPORTS}/dialogues.csv", None)]


def download_exports(base: str, locales: list[str], per_locale: dict[str, int], monitor: Monitor) -> list[dict]:
    """Each export downloaded whole, one at a time: dialogues/s, and the workers' peak memory meanwhile.

    A JSON Lines file has one dialogue a line; the CSV's rows are counted as the whole JSON Lines file's
    (a quoted field may hold a line break)."""
    results = []
    total = None
    for name, path, locale in export_paths(locales):
        with monitor.stage(f"export:{name}") as figures:
            item = {"name": name, "path": path, **streams.download(base + path)}
        if name.startswith("jsonl"):
            item["dialogues"] = item["lines"]
            expected = per_locale.get(locale) if locale else None
            if expected is not None and item["lines"] != expected:
                item["expected"] = expected
        else:
            item["dialogues"] = total
        if name == "jsonl":
            total = item["lines"]
        item["dialogues_per_s"] = streams.rate(item["dialogues"], item["seconds"])
        item["stage"] = figures
        results.append(item)
        log(f"export {path}: {item['status']}, {item['dialogues']} dialogues, {item['bytes'] / 1e6:.1f} MB in "
            f"{item['seconds']} s ({item['dialogues_per_s']} dialogues/s), worker RSS {figures['peak_rss_mb']} MB, "
            f"load {figures['load_after'][0]}" + (f", broken: {item['error']}" if item.get("error") else ""))
    return results


def admin_paths(session: dict[str, Any]) -> list[tuple[str, str]]:
    """``(name, path)`` of the timed admin pages: the biggest index in the explorer, its page 2, a page search."""
    index = session.get("index")
    paths = []
    if index:
        paths += [("explorer", f"/admin/pages/{index['id']}/"), ("explorer_page_2", f"/admin/pages/{index['id']}/?p=2")]
    return [*paths, ("search", f"/admin/pages/search/?q={urllib.parse.quote(session['word'])}")]


def time_admin(base: str, session: dict[str, Any], repeats: int, monitor: Monitor) -> dict[str, Any]:
    """The admin pages, each requested ``repeats`` times after two warm-ups; median and slowest."""
    pages = []
    for name, path in admin_paths(session):
        with monitor.stage(f"admin:{name}") as figures:
            timing = streams.timed_gets(base + path, session["cookie"], repeats)
        pages.append({"name": name, "path": path, **timing, "stage": figures})
        log(f"admin {path}: {timing['statuses']}, median {timing['median_s']} s, max {timing['max_s']} s "
            f"(first {timing['first_s']})")
    return {"method": session["method"], "index": session.get("index"), "word": session["word"], "pages": pages}


def script_sizes(path: Path = COMPONENT_SCRIPT) -> dict[str, Any]:
    """The component script's size, raw and gzipped (level 6 as ``gzip`` does by default, and level 9)."""
    if not path.exists():
        return {"path": str(path.relative_to(ROOT)), "bytes": None, "gzip_bytes": None, "gzip9_bytes": None}
    data = path.read_bytes()
    return {"path": str(path.relative_to(ROOT)), "bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, compresslevel=6, mtime=0)),
            "gzip9_bytes": len(gzip.compress(data, compresslevel=9, mtime=0))}


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor() or "unknown")
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    import django
    import wagtail

    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "load_average": load_average(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wrk": (wrk_version.stdout + wrk_version.stderr).split(" Copyright", 1)[0].strip(),
    }


def database_bytes(workdir: Path) -> int:
    return sum(path.stat().st_size for path in workdir.glob("bench.sqlite3*"))


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) if folder.exists() else 0


def run(args: argparse.Namespace, command: str) -> dict[str, Any]:
    """Every step of a benchmark run; returns the report."""
    if shutil.which("wrk") is None:
        raise HarnessError("wrk is not installed (Debian: apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="dialogue-bench-"))
    (workdir / "static").mkdir()
    env = bench_env(workdir, args.response_cache_size)
    timings: dict[str, float] = {}
    machine_before = machine()
    try:
        log(f"working in {workdir}")
        with stage(timings, "migrate"):
            manage(env, "migrate", "--noinput")
        # The pages link their stylesheet and script through the manifest, as in any production deployment.
        with stage(timings, "collectstatic"):
            manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        with stage(timings, "demo"):
            manage(env, "load_demo_dialogues")
        with stage(timings, "generate"):
            dataset = generate_dataset(workdir, args.count, args.seed, args.dataset_cache)
        log(f"{'reused' if dataset['cached'] else 'generated'} {args.count} dialogues "
            f"({dataset['bytes'] / 1e6:.1f} MB) in {dataset['generate_seconds']} s")
        commands = set(manage(env, "help", "--commands")[0].split())
        if "import_dialogues" in commands:
            with stage(timings, "import") as figures:
                imported = import_dataset(env, dataset)
            imported["stage"] = figures
        else:
            log("no import_dialogues command: benchmarking the demo content only")
            imported = {"available": False}
        # The import indexes as it writes; a full reindex is timed when asked for (by default with --full).
        reindexed: dict[str, Any] = {"available": "reindex_dialogues" in commands, "run": bool(args.reindex)}
        if reindexed["available"] and reindexed["run"]:
            with stage(timings, "reindex") as figures:
                reindexed.update(reindex(env, imported.get("dialogues") or args.count, args.reindex_locale))
            reindexed["stage"] = figures
            log(f"reindexed at {reindexed['dialogues_per_s']} dialogues/s ({reindexed['backends']})")
        probe_path = workdir / "probe.json"
        with stage(timings, "probe"):
            manage(env, "shell", "--no-imports", "-c",
                   f"from bench.probe import main; main({str(probe_path)!r}, {args.seed})")
        probe = json.loads(probe_path.read_text())
        endpoints = probe["endpoints"]
        log(f"probed {len(endpoints)} endpoints over {probe['dialogues']} live dialogues")
        per_locale = {index["locale"]: index["dialogues"] for index in probe.get("indexes", [])}
        with gunicorn(env, workdir) as (server, base):
            monitor = Monitor(server.pid, args.sample_interval).start()
            try:
                with monitor.stage("server") as server_stage:
                    with stage(timings, "load"):
                        load_endpoints(base, endpoints, args, monitor)
                    with stage(timings, "exports"):
                        exports = download_exports(base, list(per_locale), per_locale, monitor)
                    with stage(timings, "admin"):
                        admin = time_admin(base, probe["admin"], args.admin_repeats, monitor)
            finally:
                monitor.stop()
        index_bytes = tree_bytes(workdir / "search-index")
        report = {
            "schema": 2,
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "command": command,
            "machine": machine_before,
            "settings": {"count": args.count, "seed": args.seed, "duration_s": args.duration,
                         "warmup_s": args.warmup, "connections": args.connections, "threads": args.threads,
                         "workers": WORKERS, "database": "sqlite", "settings_module": env["DJANGO_SETTINGS_MODULE"],
                         "worker_timeout_s": WORKER_TIMEOUT,
                         "response_cache_size": env.get("DIALOGUE_API_RESPONSE_CACHE_SIZE", "site default")},
            "dataset": {key: value for key, value in dataset.items() if key != "files"},
            "database": {"bytes": database_bytes(workdir), "index_bytes": index_bytes,
                         "total_bytes": database_bytes(workdir) + index_bytes, "dialogues_live": probe["dialogues"],
                         "indexes": probe.get("indexes", [])},
            "import": imported,
            "reindex": reindexed,
            "server": {"workers": WORKERS, "peak_rss_mb": monitor.summary(), "stage": server_stage,
                       "stages": monitor.stages},
            "endpoints": [{key: value for key, value in endpoint.items() if key != "paths_file"}
                          for endpoint in endpoints],
            "exports": exports,
            "admin": admin,
            "static": {"script": script_sizes()},
            "timings_s": {key: round(value, 1) for key, value in timings.items()},
        }
        report["timings_s"]["total"] = round(time.monotonic() - STARTED, 1)
        report["targets"] = check_targets(report)
        return report
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, help=f"dialogues to generate (default {QUICK_COUNT:,})")
    parser.add_argument("--full", action="store_true",
                        help=f"the full run: {FULL_COUNT:,} dialogues, and --reindex unless --no-reindex")
    parser.add_argument("--duration", type=float, default=6, help="seconds of load per endpoint (default 6)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per endpoint (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the dataset and request mixes (default 1)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="report JSON (default bench/results/latest.json)")
    parser.add_argument("--markdown", type=Path, default=MARKDOWN, help="Markdown file whose table to rewrite")
    parser.add_argument("--reindex", action=argparse.BooleanOptionalAction, default=None,
                        help="time a full reindex_dialogues after the import (default: with --full only)")
    parser.add_argument("--reindex-locale", help="time the reindex of this language only (a shorter run)")
    parser.add_argument("--response-cache-size", type=int,
                        help="DIALOGUE_API_RESPONSE_CACHE_SIZE of the server (0: every list, feed and calendar is "
                             "built per request; default: the site's setting)")
    parser.add_argument("--admin-repeats", type=int, default=5, help="timed requests per admin page (default 5)")
    parser.add_argument("--sample-interval", type=float, default=0.25,
                        help="seconds between samples of the workers' memory (default 0.25)")
    parser.add_argument("--dataset-cache", type=Path,
                        help="folder to keep generated archives in and reuse them from (keyed by size, seed and "
                             "generator)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    args = parser.parse_args(argv)
    if args.count is None:
        args.count = FULL_COUNT if args.full else QUICK_COUNT
    if args.reindex is None:
        args.reindex = args.full
    return args


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    command = " ".join(["python -m bench.harness", *argv])
    try:
        report = run(args, command)
    except HarnessError as error:
        sys.exit(f"benchmark failed: {error}")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    block = markdown_block(report)
    update_markdown(args.markdown, block)
    print(block)
    log(f"wrote {args.results} and {args.markdown} ({report['timings_s']['total']:.0f} s in all)")


if __name__ == "__main__":
    main()

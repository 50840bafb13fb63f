"""Load-test the dialogue API against its floor (/healthz) and stock Wagtail API v2, in one run.

    python -m bench.harness                       # 10,000 dialogues, 10 s per endpoint
    python -m bench.harness --full                # 100,000 dialogues (make bench-full)
    python -m bench.harness --count 200 --duration 1 --results /tmp/r.json --markdown /tmp/B.md

Steps: a fresh SQLite database in a temporary directory; migrate; the demo content (one dialogue
index per language); a generated archive (``bench.generate``) imported per language with
``import_dialogues --publish`` (timed); ``reindex_dialogues`` if ``--reindex`` is given; the probe
(``bench.probe``: request mixes, queries per request); gunicorn with production settings and two
workers on 127.0.0.1; wrk on every endpoint for a fixed time. Writes the report as JSON and
rewrites the table of BENCHMARKS.md between its markers.
"""

import argparse
import datetime
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
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

from bench.generate import LOCALES, dialogues

ROOT = Path(__file__).resolve().parent.parent
MANAGE = ROOT / "manage.py"
LUA_SCRIPT = Path(__file__).with_name("random_paths.lua")
RESULTS = ROOT / "bench" / "results" / "latest.json"
MARKDOWN = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
QUICK_COUNT, FULL_COUNT = 10_000, 100_000
WORKERS = 2
INDEX_PATHS = {"da": "/da/", "sv": "/sv/", "en": "/en/"}  # the dialogue indexes load_demo_dialogues creates
LOAD_FIGURES = ("requests", "requests_per_s", "latency_ms", "errors", "bytes_per_request")
RATE = re.compile(r"([\d.,]+)\s*dialogues/s")
IMPORT_WORKERS = re.compile(r"Importing \((\d+) workers?\)")

STARTED = time.monotonic()


class HarnessError(RuntimeError):
    """A step of the benchmark failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def bench_env(workdir: Path) -> dict[str, str]:
    """The environment of every Django process of the run: production settings on the run's own database."""
    env = {key: value for key, value in os.environ.items() if key not in {"ELASTICSEARCH_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="dialogue_site.settings.production",
        SECRET_KEY="bench-only-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        # wrk sends thousands of searches a second from one address: the per-client limit is off.
        DIALOGUE_SEARCH_RATE_LIMIT="0",
    )
    return env


def manage(env: dict[str, str], *args: str) -> tuple[str, float]:
    """Run ``manage.py`` with ``args``; return its output and how long it took."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(MANAGE), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise HarnessError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout + result.stderr, time.monotonic() - started


def generate_dataset(workdir: Path, count: int, seed: int) -> dict[str, Any]:
    """Write the archive as one file per language (each is imported under its own index)."""
    started = time.monotonic()
    paths = {locale: workdir / f"dialogues-{locale}.jsonl" for locale in LOCALES}
    counts = dict.fromkeys(LOCALES, 0)
    files = {locale: path.open("wb") for locale, path in paths.items()}
    try:
        for line in dialogues(count, seed):
            files[line["locale"]].write(orjson.dumps(line) + b"\n")
            counts[line["locale"]] += 1
    finally:
        for file in files.values():
            file.close()
    return {
        "dialogues": count,
        "seed": seed,
        "bytes": sum(path.stat().st_size for path in paths.values()),
        "per_locale": counts,
        "generate_seconds": round(time.monotonic() - started, 1),
        "files": {locale: str(path) for locale, path in paths.items() if counts[locale]},
    }


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
                              "workers": int(workers.group(1)) if workers else 1}
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


def reindex_line(reindex: dict[str, Any]) -> str:
    if not reindex["available"]:
        return "- reindex: no `reindex_dialogues` command"
    if not reindex.get("run", True):
        return "- reindex: not timed (the import indexes as it writes; `--reindex` times a full rebuild)"
    return f"- reindex: {reindex['seconds']} s"


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
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"],
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


def children_of(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (gunicorn's workers)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def peak_rss_mb(pid: int) -> float | None:
    """The peak resident set size (VmHWM) of a process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def run_wrk(base: str, paths_file: str, seconds: float, connections: int, threads: int) -> dict[str, Any]:
    """Load one endpoint for ``seconds`` with random paths from ``paths_file``; wrk's figures as a dict."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "10s", "-s", str(LUA_SCRIPT), base, "--", paths_file]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")]
    if result.returncode or not lines:
        raise HarnessError(f"wrk failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    data = json.loads(lines[-1].removeprefix("BENCH_JSON "))
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


def load_endpoints(base: str, endpoints: list[dict[str, Any]], args: argparse.Namespace) -> None:
    """wrk on every available endpoint, one after the other, adding its figures to its entry."""
    for endpoint in endpoints:
        if not endpoint["available"]:
            log(f"{endpoint['name']}: unavailable (404), not loaded")
            endpoint.update(dict.fromkeys(LOAD_FIGURES))
            continue
        if args.warmup:
            run_wrk(base, endpoint["paths_file"], args.warmup, args.connections, args.threads)
        endpoint.update(run_wrk(base, endpoint["paths_file"], args.duration, args.connections, args.threads))
        log(f"{endpoint['name']}: {endpoint['requests_per_s']} req/s, p95 {endpoint['latency_ms']['p95']} ms, "
            f"errors {endpoint['errors']}")
    by_name = {endpoint["name"]: endpoint for endpoint in endpoints}
    floor = by_name["healthz"].get("requests_per_s")
    for endpoint in endpoints:
        rate = endpoint.get("requests_per_s")
        stock = by_name.get(endpoint["counterpart"] or "", {}).get("requests_per_s")
        endpoint["ratio_to_floor"] = round(rate / floor, 3) if rate and floor else None
        endpoint["ratio_to_stock"] = round(rate / stock, 3) if rate and stock else None


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
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "sqlite": sqlite3.sqlite_version,
        "wrk": (wrk_version.stdout + wrk_version.stderr).split(" Copyright", 1)[0].strip(),
    }


def database_bytes(workdir: Path) -> int:
    return sum(path.stat().st_size for path in workdir.glob("bench.sqlite3*"))


def ratio(part: float | None, whole: float | None) -> float | None:
    return round(part / whole, 3) if part and whole else None


def check_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets of BENCHMARKS.md against this run's figures (``met`` is None when not measured)."""
    by_name = {endpoint["name"]: endpoint for endpoint in report["endpoints"]}

    def figure(name: str, *keys: str) -> float | None:
        value: Any = by_name.get(name, {})
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    rows = [
        ("detail ≥ 80 % of /healthz req/s", figure("v1_detail", "ratio_to_floor"), lambda v: v >= 0.8, "ratio"),
        ("list of 20 with a filter ≥ 50 % of /healthz req/s", figure("v1_list", "ratio_to_floor"),
         lambda v: v >= 0.5, "ratio"),
        ("search p95 < 20 ms (at 100k)", figure("v1_search", "latency_ms", "p95"), lambda v: v < 20, "ms"),
        ("search page ≥ 80 % of the search API's req/s", ratio(figure("page_search", "requests_per_s"),
                                                                figure("v1_search", "requests_per_s")),
         lambda v: v >= 0.8, "ratio of search API"),
        ("suggest p95 < 10 ms (at 100k)", figure("v1_suggest", "latency_ms", "p95"), lambda v: v < 10, "ms"),
        ("import ≥ 300 dialogues/s into SQLite", report["import"].get("dialogues_per_s"), lambda v: v >= 300,
         "dialogues/s"),
    ]
    return [{"target": text, "value": value, "unit": unit, "met": None if value is None else check(value)}
            for text, value, check, unit in rows]


def number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def shown_value(value: float | None, unit: str) -> str:
    """A target's measured value as the table shows it: "65% of /healthz", "68% of search API", "18.4 ms"."""
    if value is None:
        return "–"
    if unit == "ratio":
        return f"{value:.0%} of /healthz"
    if unit.startswith("ratio of "):
        return f"{value:.0%} of {unit.removeprefix('ratio of ')}"
    return f"{value:,.1f} {unit}"


def markdown_block(report: dict[str, Any]) -> str:
    """The generated part of BENCHMARKS.md: run facts, the endpoint table and the targets."""
    m, data, imp = report["machine"], report["dataset"], report["import"]
    rss = report["server"]["peak_rss_mb"]
    import_text = (f"{number(imp['dialogues_per_s'])} dialogues/s ({imp['dialogues']:,} in {imp['seconds']} s, "
                   f"{imp['wall_seconds']} s with Django start-up; {imp.get('workers', 1)} worker processes)"
                   if imp.get("available") else "unavailable")
    lines = [
        f"Run `{report['command']}` on {report['date']}: {m['cores']} cores ({m['cpu_model']}), load average "
        f"{m['load_average'][0]} before the run; Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, "
        f"SQLite {m['sqlite']}, {m['wrk']}. gunicorn {report['settings']['workers']} sync workers; wrk "
        f"{report['settings']['threads']} thread, {report['settings']['connections']} connections, "
        f"{report['settings']['duration_s']} s per endpoint after {report['settings']['warmup_s']} s of warm-up.",
        "",
        f"- dataset: {data['dialogues']:,} generated dialogues (seed {data['seed']}, "
        f"{data['bytes'] / 1e6:,.1f} MB of JSON Lines); {report['database']['dialogues_live']:,} live dialogues "
        f"with the demo content",
        f"- database: {report['database']['bytes'] / 1e6:,.1f} MB (SQLite)",
        f"- import: {import_text}",
        reindex_line(report["reindex"]),
        f"- peak RSS of the workers: {number(rss['worker_max'])} MB each at most, {number(rss['workers_total'])} MB "
        "together",
        "",
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | × /healthz | × Wagtail v2 | queries/request |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for endpoint in report["endpoints"]:
        label = f"`{endpoint['label']}`"
        queries = endpoint["queries"]
        queries_text = f"{queries['mean']:.1f}" if queries else "–"
        if endpoint["requests_per_s"] is None:
            lines.append(f"| {label} | unavailable (404) | | | | | | | {queries_text} |")
            continue
        latency, errors = endpoint["latency_ms"], endpoint["errors"]
        lines.append(
            f"| {label} | {number(endpoint['requests_per_s'])} | {latency['p50']:.1f} | {latency['p95']:.1f} | "
            f"{latency['p99']:.1f} | {errors['status'] + errors['socket']} | {number(endpoint['ratio_to_floor'], 2)} | "
            f"{number(endpoint['ratio_to_stock'], 2)} | {queries_text} |"
        )
    lines += ["", "| target | measured | met |", "|---|--:|:-:|"]
    for target in report["targets"]:
        shown = shown_value(target["value"], target["unit"])
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        lines.append(f"| {target['target']} | {shown} | {met} |")
    return "\n".join(lines)


def update_markdown(path: Path, block: str) -> None:
    """Replace what stands between the markers of ``path`` (appending them if missing); keep the prose around."""
    text = path.read_text() if path.exists() else ""
    generated = f"{BEGIN}\n{block}\n{END}"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + generated + after
    else:
        text = text.rstrip() + ("\n\n" if text else "") + generated + "\n"
    path.write_text(text)


def run(args: argparse.Namespace, command: str) -> dict[str, Any]:
    """Every step of a benchmark run; returns the report."""
    if shutil.which("wrk") is None:
        raise HarnessError("wrk is not installed (Debian: apt-get install wrk)")
    workdir = Path(tempfile.mkdtemp(prefix="dialogue-bench-"))
    (workdir / "static").mkdir()
    env = bench_env(workdir)
    timings: dict[str, float] = {}
    try:
        log(f"working in {workdir}")
        _output, timings["migrate"] = manage(env, "migrate", "--noinput")
        # The pages link their stylesheet and script through the manifest, as in any production deployment.
        _output, timings["collectstatic"] = manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        _output, timings["demo"] = manage(env, "load_demo_dialogues")
        log("migrated; demo content with a dialogue index per language loaded")
        dataset = generate_dataset(workdir, args.count, args.seed)
        timings["generate"] = dataset["generate_seconds"]
        log(f"generated {args.count} dialogues ({dataset['bytes'] / 1e6:.1f} MB) in {dataset['generate_seconds']} s")
        commands = set(manage(env, "help", "--commands")[0].split())
        if "import_dialogues" in commands:
            imported = import_dataset(env, dataset)
            timings["import"] = imported["wall_seconds"]
        else:
            log("no import_dialogues command: benchmarking the demo content only")
            imported = {"available": False}
        # The import indexes as it writes; a full reindex is timed only when asked for.
        reindex = {"available": "reindex_dialogues" in commands, "run": bool(args.reindex)}
        if reindex["available"] and reindex["run"]:
            _output, seconds = manage(env, "reindex_dialogues")
            reindex["seconds"] = timings["reindex"] = round(seconds, 1)
        probe_path = workdir / "probe.json"
        _output, timings["probe"] = manage(
            env, "shell", "--no-imports", "-c", f"from bench.probe import main; main({str(probe_path)!r}, {args.seed})")
        probe = json.loads(probe_path.read_text())
        endpoints = probe["endpoints"]
        log(f"probed {len(endpoints)} endpoints over {probe['dialogues']} live dialogues")
        with gunicorn(env, workdir) as (server, base):
            started = time.monotonic()
            load_endpoints(base, endpoints, args)
            timings["load"] = time.monotonic() - started
            workers = [rss for rss in map(peak_rss_mb, children_of(server.pid)) if rss is not None]
        report = {
            "schema": 1,
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "command": command,
            "machine": machine(),
            "settings": {"count": args.count, "seed": args.seed, "duration_s": args.duration,
                         "warmup_s": args.warmup, "connections": args.connections, "threads": args.threads,
                         "workers": WORKERS, "database": "sqlite", "settings_module": env["DJANGO_SETTINGS_MODULE"]},
            "dataset": {key: value for key, value in dataset.items() if key != "files"},
            "database": {"bytes": database_bytes(workdir), "dialogues_live": probe["dialogues"]},
            "import": imported,
            "reindex": reindex,
            "server": {"workers": WORKERS, "peak_rss_mb": {"worker_max": max(workers, default=None),
                                                           "workers_total": round(sum(workers), 1)}},
            "endpoints": [{key: value for key, value in endpoint.items() if key != "paths_file"}
                          for endpoint in endpoints],
            "timings_s": {key: round(value, 1) for key, value in timings.items()},
        }
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
    parser.add_argument("--full", action="store_true", help=f"the full run: {FULL_COUNT:,} dialogues")
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per endpoint (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per endpoint (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the dataset and request mixes (default 1)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="report JSON (default bench/results/latest.json)")
    parser.add_argument("--markdown", type=Path, default=MARKDOWN, help="Markdown file whose table to rewrite")
    parser.add_argument("--reindex", action="store_true", help="also time a full reindex_dialogues after the import")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    args = parser.parse_args(argv)
    if args.count is None:
        args.count = FULL_COUNT if args.full else QUICK_COUNT
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
    log(f"wrote {args.results} and {args.markdown}")


if __name__ == "__main__":
    main()

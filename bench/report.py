"""The harness's report as targets and Markdown: pure functions of the report dict (no Django, no I/O but
``update_markdown``).

Every target names its issue, the figure it is checked against, PASS or FAIL, and the machine's 1-minute
load average when that figure was measured. Targets stated "at 100,000 dialogues" that pass on a smaller
run say so instead of a bare PASS.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
FULL_COUNT = 100_000
RSS_LIMIT_MB = 150
ADMIN_LIMIT_S = 1.0


def ratio(part: float | None, whole: float | None) -> float | None:
    return round(part / whole, 3) if part and whole else None


def number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def load_1min(stage: dict[str, Any] | None) -> float | None:
    """The 1-minute load average at the end of a stage (``load_after``), or at its start if it has no end."""
    if not stage:
        return None
    load = stage.get("load_after") or stage.get("load_before")
    return load[0] if load else None


def shown_value(value: float | None, unit: str) -> str:
    """A target's measured value as the table shows it: "65% of /healthz", "68% of search API", "18.4 ms"."""
    if value is None:
        return "–"
    if unit == "ratio":
        return f"{value:.0%} of /healthz"
    if unit.startswith("ratio of "):
        return f"{value:.0%} of {unit.removeprefix('ratio of ')}"
    if unit.startswith("×"):
        return f"{value:.2f}{unit}"
    if unit in ("s", "GB"):
        return f"{value:,.2f} {unit}"
    return f"{value:,.1f} {unit}"


def result_of(met: bool | None, count: int | None, scale: int | None) -> str:
    """PASS, FAIL or "not measured"; a pass below the target's scale says at which size it passed."""
    if met is None:
        return "not measured"
    if not met:
        return "**FAIL**"
    if scale and count is not None and count < scale:
        return f"PASS at {count:,} only (target at {scale:,})"
    return "PASS"


def check_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets of the open issues against this run's figures (``met`` is None when not measured)."""
    by_name = {endpoint["name"]: endpoint for endpoint in report.get("endpoints", [])}
    exports = {item["name"]: item for item in report.get("exports", [])}
    admin = {item["name"]: item for item in report.get("admin", {}).get("pages", [])}
    imp, reindex = report.get("import", {}), report.get("reindex", {})
    count = report.get("dataset", {}).get("dialogues")

    def figure(name: str, *keys: str) -> Any:
        value: Any = by_name.get(name, {})
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def load(name: str) -> float | None:
        return load_1min(by_name.get(name, {}).get("stage"))

    rss = report.get("server", {}).get("peak_rss_mb", {})
    jsonl = exports.get("jsonl", {})
    database = report.get("database", {})
    size_bytes = database.get("total_bytes")
    script = report.get("static", {}).get("script", {})
    index_children = (report.get("admin", {}).get("index") or {}).get("children")
    # (issue, target, value, unit, check, load, scale)
    rows: list[tuple[int, str, Any, str, Callable[[float], bool], float | None, int | None]] = [
        (14, "dialogue index page p50 ≤ 2× the v1 list's p50",
         ratio(figure("page_index", "latency_ms", "p50"), figure("v1_list", "latency_ms", "p50")),
         "× v1 list p50", lambda v: v <= 2, load("page_index"), FULL_COUNT),
        (15, "detail ≥ 80 % of /healthz req/s", figure("v1_detail", "ratio_to_floor"), "ratio", lambda v: v >= 0.8,
         load("v1_detail"), None),
        (15, "list of 20 with a filter ≥ 50 % of /healthz req/s", figure("v1_list", "ratio_to_floor"), "ratio",
         lambda v: v >= 0.5, load("v1_list"), None),
        (15, "search p95 < 20 ms", figure("v1_search", "latency_ms", "p95"), "ms", lambda v: v < 20,
         load("v1_search"), FULL_COUNT),
        (15, "search ≥ 3× Wagtail v2 search req/s", figure("v1_search", "ratio_to_stock"), "× v2 search",
         lambda v: v >= 3, load("v1_search"), FULL_COUNT),
        (15, "suggest p95 < 10 ms", figure("v1_suggest", "latency_ms", "p95"), "ms", lambda v: v < 10,
         load("v1_suggest"), FULL_COUNT),
        (15, "import ≥ 300 dialogues/s into SQLite", imp.get("dialogues_per_s"), "dialogues/s", lambda v: v >= 300,
         load_1min(imp.get("stage")), None),
        (15, "reindex ≥ 2,000 dialogues/s", reindex.get("dialogues_per_s"), "dialogues/s", lambda v: v >= 2000,
         load_1min(reindex.get("stage")), None),
        (15, f"worker peak RSS ≤ {RSS_LIMIT_MB} MB over the whole run", rss.get("worker_max"), "MB",
         lambda v: v <= RSS_LIMIT_MB, load_1min(report.get("server", {}).get("stage")), None),
        (15, "database plus search index < 10 GB", size_bytes / 1e9 if size_bytes else None, "GB",
         lambda v: v < 10, None, FULL_COUNT),
        (15, f"admin explorer of the biggest index ({number(index_children)} children) < 1 s, slowest of "
             f"{admin.get('explorer', {}).get('repeats', '–')}",
         admin.get("explorer", {}).get("max_s"), "s", lambda v: v < ADMIN_LIMIT_S,
         load_1min(admin.get("explorer", {}).get("stage")), FULL_COUNT),
        (15, "admin explorer, its page 2, < 1 s", admin.get("explorer_page_2", {}).get("max_s"), "s",
         lambda v: v < ADMIN_LIMIT_S, load_1min(admin.get("explorer_page_2", {}).get("stage")), FULL_COUNT),
        (15, "admin page search < 1 s", admin.get("search", {}).get("max_s"), "s", lambda v: v < ADMIN_LIMIT_S,
         load_1min(admin.get("search", {}).get("stage")), FULL_COUNT),
        (16, "search page ≥ 80 % of the search API's req/s",
         ratio(figure("page_search", "requests_per_s"), figure("v1_search", "requests_per_s")),
         "ratio of search API", lambda v: v >= 0.8, load("page_search"), None),
        (16, "component script < 15 KB gzipped", script.get("gzip_bytes") / 1000 if script.get("gzip_bytes") else None,
         "KB", lambda v: v < 15, None, None),
        (17, "dialogue feed of 50 entries ≥ 50 % of /healthz req/s", figure("feed_dialogues", "ratio_to_floor"),
         "ratio", lambda v: v >= 0.5, load("feed_dialogues"), None),
        (17, "feedback feed of 50 entries ≥ 50 % of /healthz req/s", figure("feed_feedback", "ratio_to_floor"),
         "ratio", lambda v: v >= 0.5, load("feed_feedback"), None),
        (17, "full JSON Lines export ≥ 5,000 dialogues/s", jsonl.get("dialogues_per_s"), "dialogues/s",
         lambda v: v >= 5000, load_1min(jsonl.get("stage")), None),
        (17, f"worker RSS ≤ {RSS_LIMIT_MB} MB during the full JSON Lines export",
         (jsonl.get("stage") or {}).get("peak_rss_mb"), "MB", lambda v: v <= RSS_LIMIT_MB,
         load_1min(jsonl.get("stage")), None),
    ]
    targets = []
    for issue, text, value, unit, check, at_load, scale in rows:
        met = None if value is None else bool(check(value))
        targets.append({"issue": issue, "target": text, "value": value, "unit": unit, "met": met, "load": at_load,
                        "scale": scale, "result": result_of(met, count, scale)})
    return targets


def latency(endpoint: dict[str, Any], key: str) -> str:
    return f"{endpoint['latency_ms'][key]:.1f}"


def endpoint_rows(report: dict[str, Any]) -> list[str]:
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | × /healthz | × Wagtail v2 | queries/request "
        "| worker RSS MB | load |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for endpoint in report["endpoints"]:
        label = f"`{endpoint['label']}`"
        queries = endpoint["queries"]
        queries_text = f"{queries['mean']:.1f}" if queries else "–"
        stage = endpoint.get("stage") or {}
        if endpoint["requests_per_s"] is None:
            lines.append(f"| {label} | unavailable (404) | | | | | | | {queries_text} | | |")
            continue
        errors = endpoint["errors"]
        lines.append(
            f"| {label} | {number(endpoint['requests_per_s'])} | {latency(endpoint, 'p50')} | "
            f"{latency(endpoint, 'p95')} | {latency(endpoint, 'p99')} | {errors['status'] + errors['socket']} | "
            f"{number(endpoint['ratio_to_floor'], 2)} | {number(endpoint['ratio_to_stock'], 2)} | {queries_text} | "
            f"{number(stage.get('peak_rss_mb'))} | {number(load_1min(stage), 2)} |"
        )
    return lines


def export_rows(report: dict[str, Any]) -> list[str]:
    exports = report.get("exports") or []
    if not exports:
        return []
    lines = ["", "| download (one request, streamed) | status | dialogues | MB | s | dialogues/s | MB/s "
                 "| worker RSS MB | load |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for item in exports:
        stage = item.get("stage") or {}
        status = item.get("status") if not item.get("error") else f"broken: {item['error'][:60]}"
        lines.append(
            f"| `{item['path']}` | {status} | {number(item.get('dialogues'))} | {number(item['bytes'] / 1e6, 1)} | "
            f"{number(item.get('seconds'), 1)} | {number(item.get('dialogues_per_s'))} | "
            f"{number(item.get('mb_per_s'), 1)} | {number(stage.get('peak_rss_mb'))} | "
            f"{number(load_1min(stage), 2)} |"
        )
    return lines


def admin_rows(report: dict[str, Any]) -> list[str]:
    admin = report.get("admin") or {}
    if not admin.get("pages"):
        return [f"- admin: not measured ({admin.get('skipped', 'no admin session')})"] if admin else []
    lines = ["", f"Admin pages ({admin['method']}; one request at a time, the first two untimed warm-ups, fewer "
                 "repetitions past a minute):", "",
             "| admin page | status | median s | max s | first requests s | KB | load |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    for page in admin["pages"]:
        statuses = ", ".join(f"{code}×{count}" for code, count in page["statuses"].items())
        lines.append(
            f"| `{page['path']}` | {statuses} | {number(page['median_s'], 3)} | {number(page['max_s'], 3)} | "
            f"{', '.join(f'{value:.3f}' for value in page['first_s']) or '–'} | {number(page['bytes'] / 1000)} | "
            f"{number(load_1min(page.get('stage')), 2)} |"
        )
    return lines


def target_rows(report: dict[str, Any]) -> list[str]:
    lines = ["", "| issue | target | measured | load | result |", "|--:|---|--:|--:|:-:|"]
    for target in report["targets"]:
        lines.append(f"| #{target['issue']} | {target['target']} | {shown_value(target['value'], target['unit'])} | "
                     f"{number(target['load'], 2)} | {target['result']} |")
    return lines


def markdown_block(report: dict[str, Any]) -> str:
    """The generated part of BENCHMARKS.md: run facts, the endpoint, download and admin tables, the targets."""
    m, data, imp = report["machine"], report["dataset"], report["import"]
    settings, database = report["settings"], report["database"]
    rss = report["server"]["peak_rss_mb"]
    import_text = (f"{number(imp['dialogues_per_s'])} dialogues/s ({imp['dialogues']:,} in {imp['seconds']} s, "
                   f"{imp['wall_seconds']} s with Django start-up; {imp.get('workers', 1)} worker processes)"
                   if imp.get("available") else "unavailable")
    script = report.get("static", {}).get("script", {})
    timings = ", ".join(f"{key} {value:,.0f}" for key, value in report.get("timings_s", {}).items())
    lines = [
        f"Run `{report['command']}` on {report['date']}: {m['cores']} cores ({m['cpu_model']}), load average "
        f"{m['load_average'][0]} before the run; Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}, "
        f"SQLite {m['sqlite']}, {m['wrk']}. gunicorn {settings['workers']} sync workers; wrk "
        f"{settings['threads']} thread, {settings['connections']} connections, "
        f"{settings['duration_s']} s per endpoint after {settings['warmup_s']} s of warm-up; API response cache "
        f"size {settings.get('response_cache_size', 'site default')} per worker. The load column is "
        "the machine's 1-minute load average at the end of each measurement (the run's own processes included).",
        "",
        f"- dataset: {data['dialogues']:,} generated dialogues (seed {data['seed']}, "
        f"{data['bytes'] / 1e6:,.1f} MB of JSON Lines); {database['dialogues_live']:,} live dialogues "
        f"with the demo content",
        f"- database: {database['bytes'] / 1e6:,.1f} MB (SQLite) plus {database.get('index_bytes', 0) / 1e6:,.1f} MB "
        "of search index",
        f"- import: {import_text}",
        reindex_line(report["reindex"]),
        f"- peak RSS of the gunicorn workers over the whole run: {number(rss['worker_max'])} MB each at most, "
        f"{number(rss['workers_total'])} MB together (VmRSS sampled every {rss.get('interval_s', '–')} s and VmHWM; "
        f"{rss.get('workers_seen', '–')} worker processes seen); of it, private memory (RssAnon) "
        f"{number(rss.get('private_max'))} MB at most, and up to {number(rss.get('file_mapped_max'))} MB of mapped "
        "files (RssFile: the search index's memory-mapped segments, shared by the workers and reclaimable)",
        f"- component script `{script.get('path', '–')}`: {number(script.get('bytes'))} bytes, "
        f"{number(script.get('gzip_bytes'))} gzipped (level 6, as `gzip`), {number(script.get('gzip9_bytes'))} at "
        "level 9",
        f"- seconds per stage: {timings}",
        "",
        *endpoint_rows(report),
        *export_rows(report),
        *admin_rows(report),
        *target_rows(report),
    ]
    return "\n".join(lines)


def reindex_line(reindex: dict[str, Any]) -> str:
    if not reindex["available"]:
        return "- reindex: no `reindex_dialogues` command"
    if not reindex.get("run", True):
        return ("- reindex: not timed (the import indexes as it writes; `--reindex`, default with `--full`, times a "
                "rebuild)")
    scope = f"`reindex_dialogues --locale {reindex['locale']}`" if reindex.get("locale") else "`reindex_dialogues`"
    return (f"- reindex: {number(reindex.get('dialogues_per_s'))} dialogues/s ({number(reindex.get('dialogues'))} "
            f"in {reindex['seconds']} s, {scope} in a shell, without Django's start-up; "
            f"{', '.join(reindex.get('backends') or []) or 'backends not reported'})")


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

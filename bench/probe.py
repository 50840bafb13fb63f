"""The harness's look inside Django: what the database holds and how many queries each endpoint makes.

Runs in a ``manage.py shell`` against the benchmark database (the harness starts it):

    manage.py shell -c "from bench.probe import main; main('/tmp/…/probe.json')"

It reads a catalogue of dialogue ids and filter keys, builds the request mix of every endpoint
(``bench.workload``), writes each endpoint's paths to a file for wrk, and requests a sample of
each endpoint through Django's test client inside ``CaptureQueriesContext`` to count its
database queries. An endpoint whose every sampled request answers 404 (a search API not built
yet) is marked unavailable.
"""

import json
import random
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.workload import build_endpoints
from dialogue_pages.pages import DialoguePage
from dialogue_pages.read_model.models import PublishedDialogueFacet

SAMPLE = 20


def catalogue() -> dict[str, Any]:
    """Ids of the live public dialogues and the filter keys they use."""
    pages = DialoguePage.objects.live().public()
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    keys: dict[str, list[str]] = {"organisation": [], "tag": []}
    for kind, key in PublishedDialogueFacet.objects.filter(kind__in=list(keys)).values_list("kind", "key").distinct():
        keys[kind].append(key)
    rungs = sorted(set(pages.exclude(rung=None).values_list("rung__key", flat=True)))
    years = [date.year for date in pages.exclude(date_from=None).values_list("date_from", flat=True)]
    return {
        "ids": ids,
        "organisation": sorted(keys["organisation"]),
        "tag": sorted(keys["tag"]),
        "rung": rungs,
        "years": [min(years, default=2010), max(years, default=2026)],
    }


def measure(client: Client, paths: list[str], rng: random.Random) -> dict[str, Any]:
    """Status codes and database queries of a sample of ``paths`` (after one warm-up request)."""
    if not paths:
        return {"statuses": {}, "queries": None, "available": False}
    client.get(paths[0])
    statuses: Counter[int] = Counter()
    queries = []
    for path in rng.sample(paths, min(SAMPLE, len(paths))):
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        statuses[response.status_code] += 1
        queries.append(len(context.captured_queries))
    available = set(statuses) != {404}
    return {
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "queries": {"mean": round(statistics.fmean(queries), 2), "max": max(queries)} if available else None,
        "available": available,
    }


def main(out: str, seed: int = 1) -> None:
    out_path = Path(out)
    rng = random.Random(f"probe:{seed}")
    found = catalogue()
    client = Client(HTTP_HOST="localhost")
    endpoints = []
    for endpoint in build_endpoints(found, seed):
        paths_file = out_path.parent / f"paths-{endpoint.name}.txt"
        paths_file.write_text("\n".join(endpoint.paths) + "\n")
        endpoints.append({**endpoint.describe(), "paths_file": str(paths_file), "paths": len(endpoint.paths),
                          **measure(client, endpoint.paths, rng)})
    out_path.write_text(json.dumps({"dialogues": len(found["ids"]), "endpoints": endpoints}, indent=1))

"""The harness's look inside Django: what the database holds and how many queries each endpoint makes.

Runs in a ``manage.py shell`` against the benchmark database (the harness starts it):

    manage.py shell -c "from bench.probe import main; main('/tmp/…/probe.json')"

It reads a catalogue of dialogue ids and filter keys, builds the request mix of every endpoint
(``bench.workload``), writes each endpoint's paths to a file for wrk, and requests a sample of
each endpoint through Django's test client inside ``CaptureQueriesContext`` to count its
database queries. An endpoint whose every sampled request answers 404 (a search API not built
yet) is marked unavailable.

It also prepares the admin timings: a superuser ``bench-admin`` logged in with the test client's
``force_login`` (the harness sends its session cookie to gunicorn), the biggest dialogue index (the
explorer's heaviest listing) and a common word of that index's language for the admin page search.
"""

import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.workload import STATUSES, build_endpoints
from dialogue_pages.api.listing import filtered
from dialogue_pages.api.params import DialogueFilters
from dialogue_pages.conf import index_page_size
from dialogue_pages.index_listing import rows_under
from dialogue_pages.pages import DialogueIndexPage, DialoguePage
from dialogue_pages.read_model.models import PublishedDialogueFacet
from dialogue_pages.serializers import content_language_codes

SAMPLE = 20
WORD = re.compile(r"\w+")
ADMIN_USER = "bench-admin"


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
        "indexes": indexes(),
        "index_page_size": index_page_size(),
        "locales": list(content_language_codes()),
    }


def indexes() -> list[dict[str, Any]]:
    """Every live dialogue index: its path, language, dialogues listed and how many of them have each status."""
    found = []
    for index in DialogueIndexPage.objects.live().public().select_related("locale").order_by("path"):
        parts = index.get_url_parts()
        if not parts:
            continue
        site_id, _root_url, path = parts
        rows = rows_under(site_id, path, index.locale.language_code)
        found.append({
            "id": index.pk, "path": path, "locale": index.locale.language_code, "dialogues": rows.count(),
            "children": index.numchild,
            "statuses": {status: filtered(DialogueFilters(status=status), rows).count() for status in STATUSES},
        })
    return found


def admin_session(found: dict[str, Any]) -> dict[str, Any]:
    """A logged-in superuser's session cookie, the biggest index (by children) and a common word to search."""
    user_model = get_user_model()
    user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: ADMIN_USER}).first()
    if user is None:
        user = user_model._default_manager.create_superuser(
            **{user_model.USERNAME_FIELD: ADMIN_USER}, email="bench-admin@example.org", password=None)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    biggest = max(found["indexes"], key=lambda index: index["children"], default=None)
    titles = (DialoguePage.objects.child_of(DialogueIndexPage.objects.get(pk=biggest["id"]))
              .values_list("title", flat=True)[:2000]) if biggest else []
    return {
        "method": "HTTP through gunicorn with the session cookie of a superuser logged in by force_login",
        "cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
        "index": biggest,
        "word": common_word(titles),
    }


def common_word(titles: Iterable[str]) -> str:
    """The most frequent word of four letters or more in ``titles`` (what an editor might search for)."""
    counts = Counter(word for title in titles for word in WORD.findall(title.lower()) if len(word) >= 4)
    return counts.most_common(1)[0][0] if counts else "dialog"


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
    out_path.write_text(json.dumps({"dialogues": len(found["ids"]), "indexes": found["indexes"],
                                    "admin": admin_session(found), "endpoints": endpoints}, indent=1))

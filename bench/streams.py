"""Timed HTTP requests of the harness outside wrk: the open data downloads and the admin pages.

Plain ``urllib`` against the gunicorn server, one request at a time: a download is read in chunks of a
megabyte as it streams (lines counted on the way, nothing kept), an admin page is requested with the
session cookie of a logged-in superuser, without following redirects (a redirect to the login page is
reported as such, not timed as a page).
"""

import statistics
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from typing import Any

CHUNK = 1 << 20


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def download(url: str, timeout: float = 900) -> dict[str, Any]:
    """Read the whole response of ``url`` as it streams: status, bytes, lines, seconds, time to the first byte."""
    started = time.perf_counter()
    first_byte = None
    size = lines = 0
    status = None
    try:
        with OPENER.open(url, timeout=timeout) as response:
            status = response.status
            while data := response.read1(CHUNK):
                if first_byte is None:
                    first_byte = time.perf_counter() - started
                size += len(data)
                lines += data.count(b"\n")
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:  # the connection broke (e.g. a worker killed for its timeout mid-stream)
        return {"status": status, "error": str(error), "bytes": size, "lines": lines,
                "seconds": round(time.perf_counter() - started, 3), "first_byte_s": first_byte}
    seconds = time.perf_counter() - started
    return {"status": status, "bytes": size, "lines": lines, "seconds": round(seconds, 3),
            "first_byte_s": round(first_byte, 3) if first_byte is not None else None,
            "mb_per_s": round(size / 1e6 / seconds, 1) if seconds else None}


def rate(dialogues: int | None, seconds: float | None) -> float | None:
    return round(dialogues / seconds, 1) if dialogues and seconds else None


def fetch(url: str, cookie: str, timeout: float) -> tuple[int, int]:
    """GET ``url`` with ``cookie``, not following redirects: its status (0 if the connection failed) and size."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, len(error.read())
    except OSError:
        return 0, 0


def timed_gets(url: str, cookie: str, repeats: int, warmups: int = 2, timeout: float = 120, budget: float = 60,
               get: Callable[[str, str, float], tuple[int, int]] = fetch) -> dict[str, Any]:
    """``warmups`` requests (their times kept as ``first_s``, not counted), then ``repeats`` timed ones.

    Past ``budget`` seconds the remaining warm-ups and repetitions are skipped, leaving one timed request
    at least: a page far over its target is not requested a dozen times."""
    times: list[float] = []
    statuses: Counter[int] = Counter()
    sizes = []
    started_all = time.perf_counter()
    planned = warmups + repeats
    while len(times) < planned:
        started = time.perf_counter()
        status, size = get(url, cookie, timeout)
        times.append(time.perf_counter() - started)
        statuses[status] += 1
        sizes.append(size)
        if time.perf_counter() - started_all > budget and len(times) < planned:
            if len(times) > warmups:
                break
            warmups = len(times)  # over budget during the warm-ups: the next request is the one timed
            planned = warmups + 1
    timed = times[warmups:]
    return {
        "url": url,
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "ok": set(statuses) == {200},
        "first_s": [round(value, 3) for value in times[:warmups]],
        "median_s": round(statistics.median(timed), 3) if timed else None,
        "max_s": round(max(timed), 3) if timed else None,
        "repeats": len(timed),
        "bytes": max(sizes, default=0),
    }

"""Writing an archive's valid lines in batches, in this process or in several worker processes.

A batch is checked again (to get its lines' cleaned blocks), built into pages, written, and —
with ``publish`` — given its read-model rows and search entries. Most of that is Python work
that needs no lock: checking, building pages, serialising the API JSON, analysing words. So
several processes can share it, and the database orders their writes: SQLite's write
transactions begin IMMEDIATE (see the settings), and on PostgreSQL a batch locks the parent
pages while it allocates tree paths and snippets (``bulk.lock_parents``).
"""

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db import connection, connections

from blocks.choosers import chosen_memo

from .bulk import write
from .importing import LineReader
from .signals import sync_dialogues

BATCH = 250  # lines written, published and indexed together
MAX_AUTO_WORKERS = 4
NumberedLine = tuple[int, str]


@dataclass(frozen=True)
class ImportJob:
    """What every batch of one import shares."""

    default_locale: str
    locales: list[str]
    parents: dict  # locale -> parent page
    publish: bool


@dataclass(frozen=True)
class BatchResult:
    created: int
    updated: int


def import_batch(job: ImportJob, lines: list[NumberedLine]) -> BatchResult:
    """Write one batch of valid lines (checked before by ``check_lines``)."""
    reader = LineReader(job.default_locale, job.locales)
    with chosen_memo():
        items = [item for item in (reader.check(number, text)[0] for number, text in lines) if item is not None]
        result = write(items, job.parents, job.publish)
        if job.publish and result.created:
            sync_dialogues(result.created, result.created_pages)
    return BatchResult(created=len(result.created), updated=len(result.updated))


def line_batches(lines: Iterable[str], numbers: set[int], size: int | None = None) -> Iterator[list[NumberedLine]]:
    """The lines ``numbers`` of an archive, ``size`` (default ``BATCH``) at a time."""
    size = size or BATCH
    batch: list[NumberedLine] = []
    for number, text in enumerate(lines, start=1):
        if number in numbers:
            batch.append((number, text))
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


def worker_count(requested: int | None, lines: int) -> int:
    """How many processes to write with: ``requested``, or one per core (at most 4).

    One when parallel writing cannot work or cannot help: an in-memory SQLite database (other
    processes cannot see it), a caller's open transaction (other processes cannot see its rows),
    or a single batch of lines.
    """
    if requested is not None and requested < 1:
        raise ValueError("workers must be at least 1")
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if in_memory or connection.in_atomic_block or lines <= BATCH:
        return 1
    return requested if requested is not None else max(1, min(os.cpu_count() or 1, MAX_AUTO_WORKERS))


def write_batches(
    job: ImportJob, batches: Iterable[list[NumberedLine]], workers: int, on_batch: Callable[[BatchResult], None]
) -> None:
    """``import_batch`` for every batch, with ``workers`` processes (in this process when 1)."""
    if workers == 1:
        for batch in batches:
            on_batch(import_batch(job, batch))
        return
    # Forked workers must open their own database connections, never share the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(job,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_import_in_worker, (batch,)))
            # A few batches in flight per worker: enough to keep them busy, memory stays bounded.
            while len(pending) >= 2 * workers:
                on_batch(pending.popleft().get())
        while pending:
            on_batch(pending.popleft().get())


_job: ImportJob | None = None


def _start_worker(job: ImportJob) -> None:
    global _job
    _job = job
    for alias in connections:
        connections[alias].connection = None  # a fork's copy of a parent's connection is never used


def _import_in_worker(lines: list[NumberedLine]) -> BatchResult:
    assert _job is not None, "started without _start_worker"
    return import_batch(_job, lines)

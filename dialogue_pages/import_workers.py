"""Checking and writing an archive in parts, in this process or in several worker processes.

The first reading checks parts of the archive in parallel (``importing.check_part``). In the
second, a batch of valid lines is checked again (to get its lines' cleaned blocks), built into
pages, written, and — with ``publish`` — given its read-model rows. Search is left out while
batches are written (``sync.importing``): the command indexes everything once at the end. Most
of that is Python work that needs no lock: checking, building pages, serialising the API JSON.
So several processes can share it, and the database orders their writes:
SQLite's write transactions begin IMMEDIATE (see the settings), and on PostgreSQL a batch locks
the parent pages while it allocates tree paths and snippets (``bulk.lock_parents``).
"""

import multiprocessing
import multiprocessing.util
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection, connections
from wagtail.models import Page

from dialogue_blocks.choosers import chosen_memo

from .bulk import write
from .importing import LineReader
from .sync import importing, sync_dialogues

BATCH = 250  # lines written and published together
MAX_AUTO_WORKERS = 4
NumberedLine = tuple[int, str]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class ImportJob:
    """What every batch of one import shares."""

    default_locale: str
    locales: list[str]
    parents: dict[str, Page]  # locale -> the page to import under
    publish: bool


@dataclass(frozen=True)
class BatchResult:
    """The pages a batch created and updated."""

    created_ids: list[int]
    updated_ids: list[int]
    # ids of the snippets the batch created, by model label
    created_snippets: dict[str, list[int]]

    @property
    def created(self) -> int:
        return len(self.created_ids)

    @property
    def updated(self) -> int:
        return len(self.updated_ids)


def import_batch(job: ImportJob, lines: list[NumberedLine]) -> BatchResult:
    """Write one batch of lines that the first reading found valid (``importing.check_part``)."""
    reader = LineReader(job.default_locale, job.locales)
    with chosen_memo(), importing():
        items = [item for item in (reader.check(number, text)[0] for number, text in lines) if item is not None]
        result = write(items, job.parents, job.publish)
        if job.publish and result.created:
            sync_dialogues(result.created, result.created_pages)
    return BatchResult(created_ids=result.created, updated_ids=result.updated,
                       created_snippets=result.created_snippets)


def line_batches(
    lines: Iterable[str], numbers: set[int] | None, size: int | None = None
) -> Iterator[list[NumberedLine]]:
    """The lines ``numbers`` (all when None) of an archive, numbered, ``size`` (default ``BATCH``) at a time."""
    size = size or BATCH
    batch: list[NumberedLine] = []
    for number, text in enumerate(lines, start=1):
        if numbers is None or number in numbers:
            batch.append((number, text))
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


def worker_count(requested: int | None, lines: int | None) -> int:
    """How many processes to read or write ``lines`` (None: not yet known) with: ``requested``, or one per core (≤ 4).

    One when parallel work cannot work or cannot help: an in-memory SQLite database (other
    processes cannot see it), a caller's open transaction (other processes cannot see its rows),
    or a single batch of lines.
    """
    if requested is not None and requested < 1:
        raise ValueError("workers must be at least 1")
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if in_memory or connection.in_atomic_block or (lines is not None and lines <= BATCH):
        return 1
    return requested if requested is not None else max(1, min(os.cpu_count() or 1, MAX_AUTO_WORKERS))


def in_parallel(
    function: Callable[[T], R], tasks: Iterable[T], workers: int, on_result: Callable[[R], None]
) -> None:
    """``on_result(function(task))`` for every task in order, with ``workers`` processes (this one when 1).

    Only a few tasks per worker are in flight at once, so memory stays bounded for any archive.
    """
    if workers == 1:
        for task in tasks:
            on_result(function(task))
        return
    # Forked workers must open their own database connections, never share the parent's.
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_close_connections_at_exit) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.apply_async(function, (task,)))
            while len(pending) >= 2 * workers:
                on_result(pending.popleft().get())
        while pending:
            on_result(pending.popleft().get())
        # Let the workers finish and close their connections (leaving the block would kill them).
        pool.close()
        pool.join()


def _close_connections_at_exit() -> None:
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)


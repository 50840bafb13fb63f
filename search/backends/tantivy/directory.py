"""The index directory: generations behind a pointer, a lock for writers, and the journal of a rebuild.

::

    <root>/current          symlink to the generation searches read (replaced atomically)
    <root>/gen-v1-<time>/   one Tantivy index
    <root>/write.lock       held (flock) by the one process writing at a time
    <root>/building         while a full rebuild runs: the generation it fills
    <root>/journal/         while a full rebuild runs: what other processes wrote meanwhile

A full rebuild fills a new generation without the lock, so publishing goes on; writes made
meanwhile land in the current generation and in the journal, which the rebuild replays under
the lock before it moves the pointer. Nothing written while it ran is lost.
"""

import contextlib
import errno
import fcntl
import os
import pickle
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from ..base import BackendUnavailable
from .schema import SCHEMA_VERSION

GENERATION_PREFIX = f"gen-v{SCHEMA_VERSION}-"
LOCK_POLL = 0.01


class IndexDirectory:
    """The files of one site's index."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.pointer = self.root / "current"
        self.building_marker = self.root / "building"
        self.journal = self.root / "journal"

    def current(self) -> Path | None:
        """The generation searches read, or None before the first write."""
        try:
            target = os.readlink(self.pointer)
        except FileNotFoundError:
            return None
        return self.root / target

    def is_compatible(self, generation: Path) -> bool:
        return generation.name.startswith(GENERATION_PREFIX)

    def new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        generation = self.root / f"{GENERATION_PREFIX}{time.time_ns()}-{os.getpid()}"
        generation.mkdir()
        return generation

    def point_to(self, generation: Path) -> None:
        """Make ``generation`` current in one step (rename of a new symlink over the old)."""
        temporary = self.root / f".current-{os.getpid()}-{time.time_ns()}"
        os.symlink(generation.name, temporary)
        os.replace(temporary, self.pointer)

    def prune(self) -> None:
        """Remove generations but the current one and the one before it (a process may still read it)."""
        current = self.current()
        generations = sorted((path for path in self.root.glob("gen-*") if path != current),
                             key=lambda path: path.stat().st_mtime)
        building = self.building()
        for old in generations[:-1]:
            if old != building:
                shutil.rmtree(old, ignore_errors=True)

    @contextlib.contextmanager
    def locked(self, timeout: float) -> Iterator[None]:
        """Hold the write lock (waiting up to ``timeout`` seconds for another process's write)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "write.lock", "a+b") as handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                        raise BackendUnavailable(f"search index {self.root} is locked by another writer") from error
                    time.sleep(LOCK_POLL)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # A full rebuild in progress (read and written under the lock).

    def building(self) -> Path | None:
        """The generation a rebuild is filling, unless there is none or its process has died."""
        try:
            name, pid = self.building_marker.read_text().split()
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, someone else's
        return self.root / name

    def start_building(self, generation: Path) -> None:
        shutil.rmtree(self.journal, ignore_errors=True)
        self.journal.mkdir(parents=True)
        self.building_marker.write_text(f"{generation.name} {os.getpid()}")

    def stop_building(self) -> None:
        self.building_marker.unlink(missing_ok=True)
        shutil.rmtree(self.journal, ignore_errors=True)

    def record(self, entry: tuple) -> None:
        """Add a write (``("index", documents)`` or ``("delete", ids)``) to the rebuild's journal."""
        (self.journal / f"{time.time_ns():020d}-{os.getpid()}.pickle").write_bytes(pickle.dumps(entry))

    def recorded(self) -> list[tuple]:
        """The journal's writes in the order they were made (the files are only ours to read)."""
        return [pickle.loads(path.read_bytes()) for path in sorted(self.journal.glob("*.pickle"))]  # noqa: S301

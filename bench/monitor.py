"""What the harness watches while the server runs: the workers' memory and the machine's load, per stage.

A ``Monitor`` samples the resident memory (``VmRSS``) of every child of the gunicorn master a few times a
second in a background thread, and reads their high-water marks (``VmHWM``) at the start and end of each
stage, so a peak between two samples is not missed: a stage whose end finds a worker's ``VmHWM`` higher
than at its start reached that peak. Cheap: two small ``/proc`` reads per worker and sample.
"""

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

KB_PER_MB = 1024


def parse_status(text: str) -> dict[str, float]:
    """``VmRSS``, ``VmHWM``, ``RssAnon`` and ``RssFile`` of a ``/proc/<pid>/status`` text, in MB (keys missing
    when absent). ``RssAnon`` is the worker's private memory; ``RssFile`` the file pages it maps (the search
    index's memory-mapped segments), shared with the other workers and the page cache."""
    found = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            parts = value.split()
            if parts and parts[0].isdigit():
                found[key] = round(int(parts[0]) / KB_PER_MB, 1)
    return found


def memory_of(pid: int) -> dict[str, float]:
    """``{"VmRSS": MB, "VmHWM": MB}`` of a process; empty if it has gone."""
    try:
        return parse_status(Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return {}


def parse_children(text: str) -> list[int]:
    """The pids of a ``/proc/<pid>/task/<tid>/children`` text (space-separated)."""
    return [int(part) for part in text.split() if part.isdigit()]


def parent_of_stat(text: str) -> int | None:
    """The parent pid in a ``/proc/<pid>/stat`` text (the command name may hold spaces and parentheses)."""
    try:
        return int(text.rsplit(")", 1)[1].split()[1])
    except (IndexError, ValueError):
        return None


def children_of(pid: int) -> list[int]:
    """The ids of the processes whose parent is ``pid`` (gunicorn's workers)."""
    children: list[int] = []
    tasks = Path(f"/proc/{pid}/task")
    try:
        for task in tasks.iterdir():
            children += parse_children((task / "children").read_text())
        return sorted(set(children))
    except OSError:  # no /proc/<pid>/task/<tid>/children (a kernel without CONFIG_PROC_CHILDREN): scan /proc
        pass
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if parent_of_stat(stat.read_text()) == pid:
                children.append(int(stat.parent.name))
        except OSError:
            continue
    return sorted(children)


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages of the machine."""
    return [round(value, 2) for value in os.getloadavg()]


class Monitor:
    """Samples the workers of ``master_pid`` every ``interval`` seconds until ``stop()``; ``stage(name)`` marks
    what runs, and ``stages`` holds per stage its peak worker RSS, the load before and after, and its length."""

    def __init__(self, master_pid: int, interval: float = 0.25) -> None:
        self.master_pid, self.interval = master_pid, interval
        self.stages: dict[str, dict[str, Any]] = {}
        self.active: list[str] = []  # the stages running (they may nest)
        self.workers_seen: set[int] = set()
        self.alive: set[int] = set()
        self.hwm: dict[int, float] = {}  # the last VmHWM read of every worker seen (kept after it exits)
        self.peak_rss = 0.0
        self.peak_anon = 0.0  # the highest private memory (RssAnon) sampled
        self.peak_file = 0.0  # the most mapped file pages (RssFile) sampled
        self.samples = 0
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, name="rss-monitor", daemon=True)

    def start(self) -> "Monitor":
        self.sample()
        self.thread.start()
        return self

    def stop(self) -> None:
        self.done.set()
        self.thread.join(timeout=5)
        self.sample()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            self.sample()

    def workers(self) -> list[int]:
        return children_of(self.master_pid)

    def sample(self) -> dict[int, dict[str, float]]:
        """Read every worker once; fold the figures into the run's and the current stage's peaks."""
        memory = {pid: memory_of(pid) for pid in self.workers()}
        memory = {pid: figures for pid, figures in memory.items() if figures}
        with self.lock:
            self.samples += 1
            self.workers_seen |= set(memory)
            self.alive = set(memory) or self.alive
            for pid, figures in memory.items():
                rss, hwm = figures.get("VmRSS", 0.0), figures.get("VmHWM", 0.0)
                self.peak_rss = max(self.peak_rss, rss)
                self.peak_anon = max(self.peak_anon, figures.get("RssAnon", 0.0))
                self.peak_file = max(self.peak_file, figures.get("RssFile", 0.0))
                self.hwm[pid] = max(self.hwm.get(pid, 0.0), hwm)
                for name in self.active:
                    stage = self.stages[name]
                    stage["peak_rss_mb"] = max(stage["peak_rss_mb"] or 0.0, rss)
        return memory

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, Any]]:
        """Mark ``name`` as running; yields its entry of ``stages`` (filled in when the stage ends)."""
        entry: dict[str, Any] = {"peak_rss_mb": None, "load_before": load_average(), "load_after": None,
                                 "seconds": None}
        with self.lock:
            self.stages[name] = entry
            self.active.append(name)
        before = {pid: figures.get("VmHWM", 0.0) for pid, figures in self.sample().items()}
        started = time.monotonic()
        try:
            yield entry
        finally:
            after = self.sample()
            with self.lock:
                for pid, figures in after.items():  # a new high-water mark was reached during this stage
                    hwm = figures.get("VmHWM", 0.0)
                    if hwm > before.get(pid, 0.0):
                        entry["peak_rss_mb"] = max(entry["peak_rss_mb"] or 0.0, hwm)
                entry["seconds"] = round(time.monotonic() - started, 1)
                entry["load_after"] = load_average()
                self.active.remove(name)

    def summary(self) -> dict[str, Any]:
        """The workers' peaks over the whole life of the server."""
        with self.lock:
            hwm = dict(self.hwm)
            return {
                "worker_max": max([self.peak_rss, *hwm.values()], default=None) or None,
                "workers_total": round(sum(hwm[pid] for pid in self.alive if pid in hwm), 1),
                "workers_seen": len(self.workers_seen),
                "private_max": self.peak_anon or None,
                "file_mapped_max": self.peak_file or None,
                "samples": self.samples,
                "interval_s": self.interval,
            }

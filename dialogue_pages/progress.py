"""A small progress bar for management commands (one line, redrawn in place on a terminal)."""

import time
from typing import TextIO


class Progress:
    """Counts work done and draws ``label [####    ] 40/100 12.3/s`` on ``stream``."""

    width = 30

    def __init__(self, stream: TextIO, total: int, label: str) -> None:
        self.stream, self.total, self.label = stream, total, label
        self.done = 0
        self.started = time.monotonic()
        self.interactive = getattr(stream, "isatty", lambda: False)()
        self.last_drawn = -1.0

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.interactive and (now - self.last_drawn > 0.1 or self.done >= self.total):
            self.last_drawn = now
            self.stream.write("\r" + self.line())
            self.stream.flush()

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + " " * (self.width - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {self.rate:.1f}/s"

    def finish(self) -> str:
        """End the bar and return the summary line."""
        if self.interactive:
            self.stream.write("\n")
        return self.line()

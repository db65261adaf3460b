"""What a run tells as it goes. On a terminal, a bar with the total and the time left; anywhere else (nohup,
a log file, a scheduler's job) the same numbers as a line every few seconds. A partition that fails is one
line on stderr, its traceback appended to a log file in the output folder."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

LOGS = "_logs"
EVERY = 30.0
"""Seconds between two progress lines off a terminal."""
LINE = "{n_fmt}/{total_fmt} articles ({percentage:.0f} %), {rate_fmt}, {elapsed} elapsed, {remaining} left"


class Progress:
    """Articles done out of `total`: a tqdm bar when `stream` is a terminal, else a line at most every
    `every` seconds and one at the end; nothing when not `shown`."""

    def __init__(self, total: int, every: float, shown: bool = True, stream: TextIO = sys.stderr):
        self.total, self.every, self.stream = total, every, stream
        self.done = 0
        self.started = self.told = time.monotonic()
        terminal = shown and stream.isatty()
        self.bar = tqdm(total=total, unit="doc", file=stream, dynamic_ncols=True) if terminal else None
        self.lines = shown and not terminal

    def update(self, articles: int) -> None:
        self.done += articles
        if self.bar is not None:
            self.bar.update(articles)
        elif self.lines and time.monotonic() - self.told >= self.every:
            self._line()

    def _line(self) -> None:
        self.told = time.monotonic()
        text = tqdm.format_meter(self.done, self.total, self.told - self.started, unit="doc", bar_format=LINE)
        print(f"progress: {text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.lines:
            self._line()


class FailureLog:
    """The tracebacks of this run's failed partitions, in `ROOT/_logs/corpus-<UTC time>.log`."""

    def __init__(self, root: Path):
        self.path = root / LOGS / f"corpus-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.log"

    def add(self, partition: str, articles: int, traceback: str) -> str:
        """Log the traceback; returns the line that tells of the failure (and of the log's, on a full disk)."""
        last = traceback.strip().splitlines()[-1] if traceback.strip() else "no traceback"
        told = f"error: partition {partition} ({articles:,} articles) failed: {last}"
        try:
            self.path.parent.mkdir(exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as log:
                log.write(f"== {partition} ({articles} articles)\n{traceback}\n")
        except OSError as error:
            return f"{told}; its traceback could not be logged ({error})"
        return f"{told}; the traceback is in {self.path}"

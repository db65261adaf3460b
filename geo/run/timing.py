"""Seconds spent per pipeline stage, for benchmarks: a caller that wants them passes a StageTimes."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from spacy.tokens import Doc

T = TypeVar("T")
STAGE_SECONDS = "stage_seconds"
"""doc.user_data key of the seconds each of Strike Map's spaCy components spent, so benchmarks can tell the
stages apart."""


def spent(doc: Doc, stage: str, started: float) -> None:
    """Count the seconds since `started` under `stage` on the doc (a component's own time inside `nlp.pipe`)."""
    seconds = doc.user_data.setdefault(STAGE_SECONDS, {})
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


class StageTimes:
    """Accumulates wall-clock seconds under stage names, in the order the stages first ran."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """`items`, with the time spent producing each one counted under `name` (for lazy pipelines)."""
        iterator = iter(items)
        while True:
            with self.stage(name):
                try:
                    item = next(iterator)
                except StopIteration:
                    return
            yield item

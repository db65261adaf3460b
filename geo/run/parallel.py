"""Parse a corpus in worker processes: results come back in input order, and only a few batches of
articles are in flight at once, so memory does not grow with the corpus."""

from __future__ import annotations

import math
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from threadpoolctl import threadpool_limits

from geo.model import ParsedDocument
from geo.nlp import pipeline
from geo.pipeline import parse_many

BATCH_DOCUMENTS = 32
"""Articles per task, as many as one spaCy batch (geo.pipeline.BATCH): the tagger's, parser's and NER's
networks take about half as much CPU again on batches of 8 as on batches of 32."""
SMALLEST_BATCH = 4
IN_FLIGHT_PER_JOB = 2
AHEAD_PER_JOB = 8
"""Tasks, finished or not, held for the output's order: a slow task at the head lets the others run on
(their results wait) up to this many, so memory stays bounded."""


def one_thread_each() -> None:
    """Each worker computes on one core: BLAS threads on top of the workers only contend for the cores."""
    threadpool_limits(limits=1)


def _parse_batch(batch: list[tuple]) -> list[ParsedDocument]:
    return list(parse_many(batch))


def _batches(items: Iterable[tuple], size: int, jobs: int) -> Iterator[list[tuple]]:
    """Batches of `size` while the input lasts, then its last `size * jobs` articles in shrinking batches
    (guided self-scheduling), so that no worker is left with a full batch while the others idle."""
    iterator = iter(items)
    ahead = deque(islice(iterator, size * jobs))
    for item in iterator:
        ahead.append(item)
        if len(ahead) > size * jobs:
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        count = min(len(ahead), size, max(SMALLEST_BATCH, math.ceil(len(ahead) / (2 * jobs))))
        yield [ahead.popleft() for _ in range(count)]


def parse_parallel(items: Iterable[tuple], jobs: int) -> Iterator[ParsedDocument]:
    """`parse_many` over `jobs` processes. The models are loaded once, before the workers are forked, so
    they share them; each worker opens its own gazetteer connection. A new task is sent whenever one
    finishes, not when the oldest does, so no worker waits behind a long article."""
    if jobs <= 1:
        yield from parse_many(items)
        return
    pipeline()
    with multiprocessing.get_context("fork").Pool(jobs, initializer=one_thread_each) as pool:
        running = threading.BoundedSemaphore(IN_FLIGHT_PER_JOB * jobs)

        def done(_: object) -> None:
            running.release()

        pending: deque = deque()
        for batch in _batches(items, BATCH_DOCUMENTS, jobs):
            while len(pending) >= AHEAD_PER_JOB * jobs:
                yield from pending.popleft().get()
            running.acquire()
            pending.append(pool.apply_async(_parse_batch, (batch,), callback=done, error_callback=done))
            while pending and pending[0].ready():
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

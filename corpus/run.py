"""`strike-map corpus`: stream the input into partitions and map `parse_partition` over them on a Dask
cluster, a LocalCluster of single-threaded worker processes or a running `dask scheduler`. A run adds to the
datasets: articles they already hold (the same id or the same text) are skipped and counted, so rerunning
the command resumes it and a day's new articles are appended. At most a few partitions per worker are in
flight, so the client's memory does not grow with the input."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import dask
import gazetteer
import yaml
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from threadpoolctl import threadpool_limits

from geo import spacy_pipeline
from corpus.articles import Partition, partitions, ready
from corpus.dataset import BusyError, LayoutError, prepare, remove_unrecorded, schema_fingerprint, tidy, writing
from corpus.progress import EVERY, FailureLog, Progress
from corpus.seen import SAME_ID, Seen
from corpus.sources import articles, count
from corpus.work import PartitionResult, parse_partition

PARTITION_SIZE = 100
"""Articles per partition: a couple of seconds of one core's work, so that partitions far outnumber the
workers (even load to the end) while each file still holds hundreds of rows."""
IN_FLIGHT_PER_WORKER = 2
WORKER_SETTINGS = Path(__file__).with_name("dask.yaml")
"""Dask settings for the workers (profiler off, slower health checks, glibc's malloc settings), with the
reasons: applied to the LocalCluster here, and read by `dask worker` through DASK_CONFIG on a cluster."""


def _dotted(tree: dict, prefix: str = "") -> dict[str, object]:
    """A nested settings mapping as dotted keys, as `dask.config.set` takes them without replacing the
    sections they sit in."""
    flat: dict[str, object] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= _dotted(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


WORKER_CONFIG = _dotted(yaml.safe_load(WORKER_SETTINGS.read_text(encoding="utf-8")))
CONNECT_SECONDS = 30


INSTALL = (
    "install the project in the environment of `dask scheduler` and `dask worker` on every machine of the "
    "cluster: `make setup` in a checkout, or `pip install --no-deps -e CHECKOUT` after its requirements.txt "
    "(docs/corpus.md)"
)


class CorpusError(Exception):
    """A run that cannot go on: no scheduler at the address, a cluster that cannot import the project, or a
    task that Dask could not run."""


def require_project(client: Client) -> None:
    """The scheduler unpickles the tasks and the workers run them, so both must import the project: said
    before any partition is sent (a task that cannot be unpickled fails with no hint of why)."""
    for where, call in (("scheduler", client.run_on_scheduler), ("workers", client.run)):
        try:
            call(exec, "import corpus.work")
        except ImportError as error:
            raise CorpusError(f"the Dask {where} cannot import Strike Map ({error}): {INSTALL}") from None


def _failure(key: str, error: BaseException) -> CorpusError:
    """What to do about a task Dask could not run: install the project where a worker that joined later
    lacks it, else rerun."""
    if isinstance(error, ImportError) or "deserialization" in str(error):
        return CorpusError(f"{key} failed: {error!r}; {INSTALL}")
    return CorpusError(f"{key} failed: {error!r}; the partitions written are kept, rerun the same command to resume")


class LoadModels(WorkerPlugin):
    """Runs once in every worker process, including one that replaces a dead worker: one BLAS thread, the
    spaCy models loaded and the gazetteer opened before the first partition arrives."""

    name = "strike-map-models"

    def setup(self, worker) -> None:
        threadpool_limits(limits=1)
        spacy_pipeline()
        gazetteer.default()


@dataclass
class RunSummary:
    """What a run did: articles read, parsed now or skipped as repeats, errors, rows, bytes, files, time."""

    partitions: int = 0
    articles: int = 0
    parsed: int = 0
    same_id: int = 0
    same_text: int = 0
    failed: int = 0
    failed_articles: int = 0
    errors: int = 0
    places: int = 0
    claims: int = 0
    bytes_written: int = 0
    files: int = 0
    removed: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    peak_worker_mb: dict[str, float] = field(default_factory=dict)

    def add(self, result: PartitionResult) -> None:
        self.parsed += result.articles
        self.errors += result.errors
        self.places += result.places
        self.claims += result.claims
        self.bytes_written += result.bytes_written
        self.files += result.files
        self.peak_worker_mb[result.process] = max(self.peak_worker_mb.get(result.process, 0.0), result.peak_rss_mb)

    def line(self) -> str:
        rate = self.parsed / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles:,} articles read: {self.parsed:,} parsed now ({rate:,.1f} docs/s) in "
            f"{self.partitions:,} partitions, {self.same_id + self.same_text:,} skipped as already in the datasets "
            f"({self.same_id:,} same id, {self.same_text:,} same text); {self.errors:,} with status error; "
            f"{self.places:,} places, {self.claims:,} claims, {self.bytes_written:,} bytes in {self.files:,} files "
            f"written; {self.removed:,} files of unfinished partitions removed"
            + (f"; {self.failed:,} partitions ({self.failed_articles:,} articles) failed" if self.failed else "")
        )


@contextmanager
def connect(workers: int | None, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, else of a LocalCluster of `workers` single-threaded
    processes (one per core by default) on this machine only."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except OSError as error:
            raise CorpusError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with client:
            yield client
        return
    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run(
    inputs: Sequence[str],
    out: str | Path,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int | None = None,
    published: str | None = None,
    progress: bool = True,
    progress_every: float = EVERY,
) -> RunSummary:
    """Parse every article of `inputs` that the datasets below `out` do not hold yet into them (see
    corpus.schema for their columns), PARTITION_SIZE articles a partition by default; `published` dates
    the articles that state no date. A partition that cannot be written is told on stderr and counted in
    `failed`; the run goes on."""
    partition_size = partition_size or PARTITION_SIZE
    began = time.perf_counter()
    root = Path(out).resolve()
    try:
        prepare(root)
        with writing(root):
            tidy(root)
            seen = Seen(root)
            summary = RunSummary()
            stream = partitions((ready(a, published) for a in articles(inputs)), partition_size, schema_fingerprint())
            first = next(stream, None)
            if first is None:
                raise CorpusError(f"no articles in {' '.join(inputs)}")
            with connect(workers, scheduler) as client:
                require_project(client)
                client.register_plugin(LoadModels())
                print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr, flush=True)
                summary.startup_seconds = time.perf_counter() - began
                started = time.perf_counter()
                bar = Progress(count(inputs), progress_every, progress)
                failures = FailureLog(root)
                running = as_completed()

                def slots() -> int:
                    """Partitions in flight: a few per worker thread, counting workers that joined since."""
                    return IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))

                def collect_one() -> None:
                    future = next(running)
                    try:
                        result = future.result()
                    except Exception as error:  # KilledWorker, or a task that could not be unpickled
                        raise _failure(str(future.key), error) from error
                    future.release()
                    bar.update(result.articles)
                    if result.failure is not None:
                        summary.failed += 1
                        summary.failed_articles += result.articles
                        print(failures.add(result.name, result.articles, result.failure), file=sys.stderr, flush=True)
                    else:
                        summary.add(result)

                for partition in chain([first], stream):
                    summary.articles += len(partition.articles)
                    fresh = []
                    for article in partition.articles:
                        if (repeat := seen.repeat(article)) is None:
                            fresh.append(article)
                        elif repeat == SAME_ID:
                            summary.same_id += 1
                        else:
                            summary.same_text += 1
                    bar.update(len(partition.articles) - len(fresh))
                    if not fresh:
                        continue
                    summary.partitions += 1
                    task = Partition(partition.index, partition.name, tuple(fresh))
                    running.add(
                        client.submit(parse_partition, task, str(root), key=f"parse-{partition.name}", pure=False)
                    )
                    while running.count() >= slots():
                        collect_one()
                while running.count():
                    collect_one()
                bar.close()
                summary.seconds = time.perf_counter() - started
            summary.removed = remove_unrecorded(root)
            return summary
    except (LayoutError, BusyError) as error:
        raise CorpusError(str(error)) from None

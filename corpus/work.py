"""What a worker does with a partition: parse its articles with `geo.parse_many` (the batched `geo.parse`),
check their claims and write the partition's rows. Nothing here knows of Dask; the runner ships
`parse_partition` to the workers."""

from __future__ import annotations

import os
import resource
import socket
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import ParsedDocument, parse, parse_many
from corpus.articles import Article, Partition
from corpus.dataset import write_partition
from corpus.rows import Rows, add_error, add_parsed
from corpus.schema import ERROR


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What the runner hears back: counts, bytes and files written, and the peak memory so far of the worker
    process ("host:pid") that wrote it; `failure`, the traceback of a partition that could not be written
    (a full disk, say), whose articles are then in no dataset."""

    name: str
    articles: int
    errors: int
    places: int
    claims: int
    bytes_written: int
    files: int
    peak_rss_mb: float
    process: str
    failure: str | None = None


def _parse_each(readable: Sequence[Article]) -> list[ParsedDocument | Exception]:
    """Batched parsing; if one article makes the parser fail, the batch is redone one by one so that only
    that article is lost."""
    items = [(a.meta.document, a.text or "", a.meta.published) for a in readable]
    try:
        return list(parse_many(items))
    except Exception:  # noqa: BLE001 - whatever broke the batch, each article is retried alone
        results: list[ParsedDocument | Exception] = []
        for name, text, published in items:
            try:
                results.append(parse(text, name, published))
            except Exception as error:  # noqa: BLE001 - any failure of one article is that article's error row
                results.append(error)
        return results


def _memory() -> tuple[float, str]:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, f"{socket.gethostname()}:{os.getpid()}"


def parse_partition(partition: Partition, root: str) -> PartitionResult:
    """Parse one partition and write its rows below `root`, in input order; an article that cannot be read
    or parsed is a documents row with status `error`. A partition that cannot be written comes back with
    its traceback rather than as the task's exception, which Dask would log with the traceback on every
    try."""
    try:
        return _parse_partition(partition, root)
    except Exception:  # noqa: BLE001 - whatever stopped the writing is told, once, by the runner
        return PartitionResult(
            partition.name, len(partition.articles), 0, 0, 0, 0, 0, *_memory(), traceback.format_exc()
        )


def _parse_partition(partition: Partition, root: str) -> PartitionResult:
    parsed = iter(_parse_each([a for a in partition.articles if a.error is None]))
    rows = Rows()
    for article in partition.articles:
        if article.error is not None:
            add_error(rows, article.meta, article.error)
        elif isinstance(result := next(parsed), Exception):
            add_error(
                rows, article.meta, f"{article.meta.document}: the parser failed ({result!r})", len(article.text or "")
            )
        else:
            add_parsed(rows, article.meta, result)
    record = write_partition(Path(root), partition.name, rows)
    return PartitionResult(
        partition.name,
        len(partition.articles),
        sum(d["status"] == ERROR for d in rows.documents),
        len(rows.places),
        len(rows.claims),
        sum(entry["bytes"] for entry in record["files"]),
        len(record["files"]),
        *_memory(),
    )

"""What a worker does with a partition: decode its articles, parse them with `geo.parse_many` (the batched
`geo.parse`), check their claims and write the partition's rows. Nothing here knows of Dask; the runner
ships `parse_partition` to the workers."""

from __future__ import annotations

import hashlib
import os
import resource
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from geo import InputError, MAX_BYTES, ParsedDocument, article_from_bytes, iso_date, parse, parse_many
from corpus.dataset import write_partition
from corpus.rows import ArticleMeta, Rows, add_error, add_parsed
from corpus.schema import ERROR
from corpus.sources import ArticleInput, Partition


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What the runner hears back: counts, bytes written, and the peak memory so far of the worker process
    ("host:pid") that wrote it."""

    name: str
    articles: int
    errors: int
    places: int
    claims: int
    bytes_written: int
    peak_rss_mb: float
    process: str


@dataclass(frozen=True, slots=True)
class _Readable:
    meta: ArticleMeta
    text: str


def text_id(text: str) -> str:
    """The id of an article that has none: a stable hash of its text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _optional_text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _decode(article: ArticleInput) -> tuple[str, str | None]:
    """(text, date the page states) of a file's bytes or a table row; raises InputError."""
    if article.error:
        raise InputError(article.error)
    if article.data is not None:
        decoded = article_from_bytes(article.document, article.data)
        text, published = decoded.text, decoded.published
    elif isinstance(article.text, str):
        text, published = article.text, None
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise InputError(f"{article.document}: too large (more than {MAX_BYTES:,} bytes)")
    else:
        raise InputError(f"{article.document}: 'text' is {type(article.text).__name__}, not a string")
    if not text.strip():
        raise InputError(f"{article.document}: empty article (no text)")
    return text, published


def _meta(article: ArticleInput, text: str | None, page_date: str | None) -> ArticleMeta:
    given = _optional_text(article.id)
    fallback = text if text is not None else repr(article.data or article.document)
    published = iso_date(article.published) or page_date
    warnings: tuple[str, ...] = ()
    if article.published not in (None, "") and not iso_date(article.published):
        warnings = (f"published {article.published!r} is not an ISO 8601 date or date-time; left out",)
    return ArticleMeta(
        given or text_id(fallback),
        article.document,
        published,
        _optional_text(article.url),
        _optional_text(article.title),
        _optional_text(article.source),
        warnings,
    )


def _parse_each(readable: Sequence[_Readable]) -> list[ParsedDocument | Exception]:
    """Batched parsing; if one article makes the parser fail, the batch is redone one by one so that only
    that article is lost."""
    items = [(r.meta.document, r.text, r.meta.published) for r in readable]
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


def parse_partition(partition: Partition, root: str) -> PartitionResult:
    """Parse one partition and write its rows below `root`, in input order; an article that cannot be read
    or parsed is a documents row with status `error`, never an exception."""
    entries: list[tuple[ArticleMeta, str | InputError]] = []
    for article in partition.articles:
        try:
            text, page_date = _decode(article)
            entries.append((_meta(article, text, page_date), text))
        except InputError as error:
            entries.append((_meta(article, None, None), error))
    readable = [_Readable(meta, read) for meta, read in entries if isinstance(read, str)]
    parsed = iter(_parse_each(readable))
    rows = Rows()
    for meta, read in entries:
        if isinstance(read, InputError):
            add_error(rows, meta, str(read))
        elif isinstance(result := next(parsed), Exception):
            add_error(rows, meta, f"{meta.document}: the parser failed ({result!r})", len(read))
        else:
            add_parsed(rows, meta, result)
    written = write_partition(Path(root), partition.name, rows)
    return PartitionResult(
        partition.name,
        len(partition.articles),
        sum(d["status"] == ERROR for d in rows.documents),
        len(rows.places),
        len(rows.claims),
        written,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        f"{socket.gethostname()}:{os.getpid()}",
    )

"""Stream the articles of a corpus run from files, folders and article tables, in a fixed order, and cut
them into numbered partitions. Only what a partition needs is held in memory; files are sent as bytes and
decoded where they are parsed."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path

import pyarrow.parquet as pq

from geo import ARTICLE_SUFFIXES, MAX_BYTES

TABLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
TABLE_COLUMNS = ("text", "id", "published", "url", "title", "source")
"""Columns read from an article table; only `text` is required."""
ROWS_PER_READ = 1024


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as it enters a run: raw bytes of a file, or the text and fields of a table row; `error`
    when it cannot even be read (it then becomes a `documents` row with status error)."""

    document: str
    data: bytes | None = None
    text: object = None
    id: object = None
    published: object = None
    url: object = None
    title: object = None
    source: object = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive articles of the input; `name` holds its number and a fingerprint of its content, so a
    rerun over the same input finds it already written."""

    index: int
    name: str
    articles: tuple[ArticleInput, ...]


def _is_table(path: Path) -> bool:
    return path.name.lower().endswith(TABLE_SUFFIXES)


def _is_input(path: Path) -> bool:
    return path.is_file() and (path.suffix.lower() in ARTICLE_SUFFIXES or _is_table(path))


def expand(arguments: Sequence[str]) -> Iterator[tuple[Path, str]]:
    """(path, name) of every input: a file as given, a folder's articles and tables sorted by path and named
    by their path below it, like `geo parse` names them."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            yield from ((p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*")) if _is_input(p))
        else:
            yield path, path.name


def _file(path: Path, name: str) -> ArticleInput:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ArticleInput(name, error=f"{path}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        return ArticleInput(name, data=path.read_bytes())
    except FileNotFoundError:
        return ArticleInput(name, error=f"{path}: no such file")
    except OSError as error:
        return ArticleInput(name, error=f"{path}: cannot be read ({error.strerror})")


def _scalar(value: object) -> object:
    """Dates and date-times from Parquet as ISO 8601 text, other values as they are."""
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _row(name: str, number: int, row: dict) -> ArticleInput:
    fields = {key: _scalar(row.get(key)) for key in TABLE_COLUMNS}
    document = str(fields["id"]) if fields["id"] not in (None, "") else f"{name}:{number}"
    return ArticleInput(
        document,
        text=fields["text"],
        id=fields["id"],
        published=fields["published"],
        url=fields["url"],
        title=fields["title"],
        source=fields["source"],
    )


def _jsonl(path: Path, name: str) -> Iterator[ArticleInput]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield ArticleInput(f"{name}:{number}", error=f"{path}:{number}: not JSON ({error.msg})")
                continue
            if not isinstance(row, dict):
                yield ArticleInput(f"{name}:{number}", error=f"{path}:{number}: not a JSON object")
                continue
            yield _row(name, number, row)


def _parquet(path: Path, name: str) -> Iterator[ArticleInput]:
    table = pq.ParquetFile(path)
    present = [c for c in TABLE_COLUMNS if c in table.schema_arrow.names]
    if "text" not in present:
        yield ArticleInput(name, error=f"{path}: no 'text' column")
        return
    number = 0
    for batch in table.iter_batches(batch_size=ROWS_PER_READ, columns=present):
        for row in batch.to_pylist():
            number += 1
            yield _row(name, number, row)


def _table(path: Path, name: str) -> Iterator[ArticleInput]:
    """The rows of an article table; a table that cannot be read at all is one error row."""
    try:
        yield from (_parquet if path.suffix.lower() == ".parquet" else _jsonl)(path, name)
    except (OSError, UnicodeDecodeError, EOFError) as error:
        yield ArticleInput(name, error=f"{path}: cannot be read ({error})")
    except Exception as error:  # noqa: BLE001 - a damaged table fails in pyarrow or the row reader in many ways
        yield ArticleInput(name, error=f"{path}: not a readable table ({error})")


def articles(arguments: Sequence[str]) -> Iterator[ArticleInput]:
    """Every article of the arguments, lazily and in order."""
    for path, name in expand(arguments):
        if _is_table(path) and path.exists():
            yield from _table(path, name)
        else:
            yield _file(path, name)


def fingerprint(batch: Iterable[ArticleInput], salt: str) -> str:
    """A short hash of a partition's articles (and `salt`: the datasets' schema), stable across runs."""
    digest = hashlib.sha256(salt.encode())
    for article in batch:
        for value in astuple(article):
            digest.update(value if isinstance(value, bytes) else repr(value).encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
    return digest.hexdigest()[:12]


def partitions(items: Iterable[ArticleInput], size: int, salt: str = "") -> Iterator[Partition]:
    """`items` cut into partitions of `size` articles, numbered from 0."""
    iterator = iter(items)
    index = 0
    while batch := tuple(islice(iterator, size)):
        yield Partition(index, f"part-{index:06d}-{fingerprint(batch, salt)}", batch)
        index += 1

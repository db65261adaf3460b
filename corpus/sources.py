"""Stream the articles of a corpus run from files, folders and article tables, in a fixed order, as they are
stored: a file's bytes and the fields of its sidecar (`NAME.json` beside `NAME`), a table row's fields. Only
what a partition needs is held in memory."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq

from geo import ARTICLE_SUFFIXES, MAX_BYTES

TABLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
TABLE_COLUMNS = ("text", "id", "published", "url", "title", "source")
"""Columns read from an article table; only `text` is required."""
SIDECAR_FIELDS = ("id", "published", "url", "title", "source")
"""What the sidecar of an article file (`saratov.txt.json` beside `saratov.txt`) may say of it."""
ROWS_PER_READ = 1024


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as it enters a run: raw bytes of a file, or the text and fields of a table row;
    `published_from` says which gave the date ("table" or "sidecar"); `error` when it cannot even be read
    (it then becomes a `documents` row with status error)."""

    document: str
    data: bytes | None = None
    text: object = None
    id: object = None
    published: object = None
    url: object = None
    title: object = None
    source: object = None
    error: str | None = None
    published_from: str | None = None


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


def _sidecar(path: Path) -> dict:
    """The fields of the article file's sidecar (`NAME.json`), {} when there is none; ValueError when it is no
    JSON object."""
    sidecar = path.with_name(f"{path.name}.json")
    if not sidecar.is_file():
        return {}
    fields = json.loads(sidecar.read_text(encoding="utf-8"))
    if not isinstance(fields, dict):
        raise ValueError(f"{sidecar}: not a JSON object")
    return {key: _scalar(fields[key]) for key in SIDECAR_FIELDS if key in fields} | {"published_from": "sidecar"}


def _file(path: Path, name: str) -> ArticleInput:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return ArticleInput(name, error=f"{path}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        return ArticleInput(name, data=path.read_bytes(), **_sidecar(path))
    except ValueError as error:
        return ArticleInput(name, error=f"{path}: its sidecar cannot be read ({error})")
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
        published_from="table",
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


def _rows_in(path: Path) -> int:
    """How many articles a table holds: a Parquet file's rows (from its footer), a JSON Lines file's
    non-blank lines; 1 for a table that cannot be read (its error row)."""
    try:
        if path.suffix.lower() == ".parquet":
            return pq.ParquetFile(path).metadata.num_rows
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
            return sum(1 for line in lines if line.strip())
    except Exception:  # noqa: BLE001 - the reader turns the same damage into an error row
        return 1


def count(arguments: Sequence[str]) -> int:
    """How many articles `articles(arguments)` yields: the progress's total, read before the run."""
    return sum(_rows_in(path) if _is_table(path) and path.exists() else 1 for path, _ in expand(arguments))

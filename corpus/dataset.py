"""The datasets on disk: `DATASET/day=DAY/NAME.parquet` (hive partitions by publication day), and in
`_partitions/NAME.json` the record of each partition written: its files with their day, rows, errors and
bytes, the schema version and when it was written. Every file is written under a hidden temporary name and
renamed into place, and a partition's record is renamed into place last: only the files some record names
are the datasets, so a reader never sees a partition half written. A compaction writes one file per dataset
for a day and a record that `replaces` the day's small files, so one rename switches them."""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from corpus.rows import Rows
from corpus.schema import CRS, DATASETS, DAY, DOCUMENTS, ERROR, GEOMETRY, SCHEMA_VERSION, SCHEMAS

SUFFIX = ".parquet"
RECORDS = "_partitions"
COMMON_METADATA = "_common_metadata"
VERSION_KEY, VERSION = b"strike_map_schema_version", str(SCHEMA_VERSION).encode()


class LayoutError(Exception):
    """The folder holds datasets of another schema version, or of the flat layout before day partitions."""


class BusyError(Exception):
    """Another run or compaction is writing to the folder."""


@contextmanager
def writing(root: Path) -> Iterator[None]:
    """Holds the folder's lock (`_lock`, a flock, which NFS v4 keeps too) while a run or a compaction
    writes: two writers would delete each other's partitions in flight. BusyError when another holds it."""
    with open(root / "_lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BusyError(f"another run or compaction is writing to {root}: wait for it to end") from None
        yield


def schema_fingerprint() -> str:
    """Changes whenever a dataset's columns change, so partitions of other columns are never taken as written."""
    return "|".join(str(SCHEMAS[name]) for name in DATASETS)


def _write_atomically(final: Path, write: Callable[[Path], object]) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def prepare(root: Path) -> None:
    """The folders, and each dataset's `_common_metadata` (its schema with SCHEMA_VERSION); LayoutError when
    the folder holds datasets of another version."""
    (root / RECORDS).mkdir(parents=True, exist_ok=True)
    for name in DATASETS:
        folder = root / name
        folder.mkdir(exist_ok=True)
        common = folder / COMMON_METADATA
        if next(folder.glob(f"part-*{SUFFIX}"), None) is not None:
            raise LayoutError(f"{folder} holds datasets of schema version 1 (no day partitions): write to a new folder")
        if common.exists():
            found = (pq.read_schema(common).metadata or {}).get(VERSION_KEY, b"?").decode()
            if found != VERSION.decode():
                raise LayoutError(f"{folder} holds datasets of schema version {found}, not {SCHEMA_VERSION}")
            continue
        _write_atomically(common, partial(pq.write_metadata, SCHEMAS[name].with_metadata({VERSION_KEY: VERSION})))


def _plain(dataset: str) -> pa.Schema:
    return pa.schema([f for f in SCHEMAS[dataset] if f.name != GEOMETRY])


def _write_table(path: Path, dataset: str, table: pa.Table, geometry: geopandas.GeoSeries | None) -> None:
    """`table` (the dataset's columns but the geometry) and the geometries, as one file: GeoParquet for
    places and claims."""
    if geometry is None:
        _write_atomically(path, lambda temporary: pq.write_table(table, temporary))
        return
    frame = geopandas.GeoDataFrame(table.to_pandas(types_mapper=pd.ArrowDtype), geometry=geometry)
    _write_atomically(path, lambda temporary: frame.to_parquet(temporary, index=False))


def _entry(root: Path, path: Path, dataset: str, day: str, table: pa.Table) -> dict:
    """What a record says of one of its files."""
    entry = {"path": path.relative_to(root).as_posix(), "dataset": dataset, DAY: day, "rows": table.num_rows}
    if dataset == DOCUMENTS:
        entry["errors"] = table.column("status").to_pylist().count(ERROR)
    return entry | {"bytes": path.stat().st_size}


def _write_record(root: Path, name: str, files: list[dict], replaces: list[str]) -> dict:
    record = {
        "name": name,
        "schema_version": SCHEMA_VERSION,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": files,
        "replaces": replaces,
    }
    text = json.dumps(record, indent=1)
    _write_atomically(root / RECORDS / f"{name}.json", lambda path: path.write_text(text, encoding="utf-8"))
    return record


def write_partition(root: Path, name: str, rows: Rows) -> dict:
    """Write the partition's rows, one file per dataset and day (places, claims, then documents), then its
    record; returns the record."""
    files = []
    for dataset, table_rows in zip(DATASETS, (rows.places, rows.claims, rows.documents), strict=True):
        by_day: dict[str, list[dict]] = defaultdict(list)
        for row in table_rows:
            by_day[row[DAY]].append(row)
        for day, day_rows in sorted(by_day.items()):
            path = root / dataset / f"{DAY}={day}" / f"{name}{SUFFIX}"
            table = pa.Table.from_pylist(day_rows, schema=_plain(dataset))
            has_geometry = GEOMETRY in SCHEMAS[dataset].names
            geometry = geopandas.GeoSeries([r[GEOMETRY] for r in day_rows], crs=CRS) if has_geometry else None
            _write_table(path, dataset, table, geometry)
            files.append(_entry(root, path, dataset, day, table))
    return _write_record(root, name, files, [])


def records(root: Path) -> list[dict]:
    """Every partition's record, by name."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted((root / RECORDS).glob("*.json"))]


def visible(root: Path, dataset: str, day: str | None = None) -> list[Path]:
    """The files of `dataset` (of one day) that the records name and no record replaces, by day and name."""
    found = records(root)
    replaced = {path for record in found for path in record["replaces"]}
    return sorted(
        root / entry["path"]
        for record in found
        for entry in record["files"]
        if entry["dataset"] == dataset and entry["path"] not in replaced and day in (None, entry[DAY])
    )


def tidy(root: Path) -> int:
    """Finish what a compaction left: delete the files records replace and drop them from the records that
    named them. Returns the files deleted."""
    found = records(root)
    replaced = {path for record in found for path in record["replaces"]}
    for path in replaced:
        (root / path).unlink(missing_ok=True)
    for record in found:
        kept = [entry for entry in record["files"] if entry["path"] not in replaced]
        if kept != record["files"] or record["replaces"]:
            if kept:
                _write_record(root, record["name"], kept, [])
            else:
                (root / RECORDS / f"{record['name']}.json").unlink()
    return len(replaced)


def remove_unrecorded(root: Path) -> int:
    """Delete the Parquet files no record names (left by a partition that was cut short and not redone);
    returns how many."""
    named = {entry["path"] for record in records(root) for entry in record["files"]}
    removed = 0
    for dataset in DATASETS:
        for path in (root / dataset).glob(f"{DAY}=*/*{SUFFIX}"):
            if path.relative_to(root).as_posix() not in named:
                path.unlink()
                removed += 1
    return removed


def compact(root: Path, day: str) -> int:
    """Rewrite the day's files of each dataset into one, switched in by one record; returns the files
    replaced (0 when the day holds at most one file per dataset)."""
    olds = {dataset: visible(root, dataset, day) for dataset in DATASETS}
    if all(len(paths) < 2 for paths in olds.values()):
        return 0
    name = f"compact-{day}-{uuid.uuid4().hex[:12]}"
    files = []
    for dataset, paths in olds.items():
        if not paths:
            continue
        table = pa.concat_tables(pq.read_table(path, schema=SCHEMAS[dataset]) for path in paths)
        geometry = None
        if GEOMETRY in table.column_names:
            geometry = geopandas.GeoSeries.from_wkb(table.column(GEOMETRY).to_pylist(), crs=CRS)
            table = table.drop_columns([GEOMETRY])
        path = root / dataset / f"{DAY}={day}" / f"{name}{SUFFIX}"
        _write_table(path, dataset, table, geometry)
        files.append(_entry(root, path, dataset, day, table))
    replaced = [path.relative_to(root).as_posix() for paths in olds.values() for path in paths]
    _write_record(root, name, files, replaced)
    tidy(root)
    return len(replaced)

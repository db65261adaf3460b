"""Write a partition of the three datasets so that it is either whole or absent: each file is written under
a hidden temporary name and renamed into place, and the documents file, written last, marks the partition
done. Readers (pyarrow, DuckDB's `*.parquet` globs, geopandas) never see a temporary file."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from corpus.rows import Rows
from corpus.schema import CLAIMS, CRS, DATASETS, DOCUMENTS, ERROR, GEOMETRY, PLACES, SCHEMAS

SUFFIX = ".parquet"


def schema_fingerprint() -> str:
    """Changes whenever a dataset's columns change, so a rerun after such a change rewrites every partition."""
    return "|".join(str(SCHEMAS[name]) for name in DATASETS)


def prepare(root: Path) -> None:
    for name in DATASETS:
        (root / name).mkdir(parents=True, exist_ok=True)


def path_of(root: Path, dataset: str, partition: str) -> Path:
    return root / dataset / f"{partition}{SUFFIX}"


def is_written(root: Path, partition: str) -> bool:
    """Whether a partition was written whole (its documents file is the last one renamed into place)."""
    return path_of(root, DOCUMENTS, partition).exists()


def errors_in(root: Path, partition: str) -> int:
    """How many articles of a written partition have status error."""
    statuses = pq.read_table(path_of(root, DOCUMENTS, partition), columns=["status"]).column("status")
    return statuses.to_pylist().count(ERROR)


def _table(dataset: str, rows: list[dict]) -> pa.Table:
    schema = SCHEMAS[dataset]
    if GEOMETRY not in schema.names:
        return pa.Table.from_pylist(rows, schema=schema)
    plain = pa.schema([f for f in schema if f.name != GEOMETRY])
    return pa.Table.from_pylist(rows, schema=plain)


def _write_atomically(final: Path, write) -> None:
    temporary = final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        os.replace(temporary, final)
    finally:
        temporary.unlink(missing_ok=True)


def _write(root: Path, dataset: str, partition: str, rows: list[dict]) -> None:
    table = _table(dataset, rows)
    final = path_of(root, dataset, partition)
    if GEOMETRY not in SCHEMAS[dataset].names:
        _write_atomically(final, lambda path: pq.write_table(table, path))
        return
    geometry = geopandas.GeoSeries([row[GEOMETRY] for row in rows], crs=CRS)
    frame = geopandas.GeoDataFrame(table.to_pandas(types_mapper=pd.ArrowDtype), geometry=geometry)
    _write_atomically(final, lambda path: frame.to_parquet(path, index=False))


def write_partition(root: Path, partition: str, rows: Rows) -> int:
    """Write places, claims, then documents; returns the bytes written."""
    for dataset, table_rows in ((PLACES, rows.places), (CLAIMS, rows.claims), (DOCUMENTS, rows.documents)):
        _write(root, dataset, partition, table_rows)
    return sum(path_of(root, d, partition).stat().st_size for d in DATASETS)


def remove_others(root: Path, keep: Iterable[str]) -> int:
    """Delete partitions not in `keep` (left by a run over other input or older columns); returns how many."""
    kept = set(keep)
    removed = 0
    for dataset in DATASETS:
        for path in (root / dataset).glob(f"part-*{SUFFIX}"):
            if path.name.removesuffix(SUFFIX) not in kept:
                path.unlink()
                removed += dataset == DOCUMENTS
    return removed

"""Read a corpus run's datasets: the one module the dashboard uses for them. Filters and aggregates run in
DuckDB over the plain columns; geometries are read with geopandas (DuckDB's spatial extension is not used:
it is downloaded at run time, and this tool runs offline).

    corpus = Corpus("out/")
    corpus.places(roles=["strike_target"], since="2024-06-01", until="2024-06-30")
    corpus.place_summary(roles=["strike_target"])
    corpus.documents(ids=["4f1c..."])

Only the files that partitions' records name are read (corpus.dataset), so a partition being written or cut
short is never half seen; `day`, the hive partition, is a column of every dataset."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import geopandas
import pandas as pd
import pyarrow as pa

from corpus.dataset import records, visible
from corpus.schema import CLAIMS, CRS, DAY, DOCUMENTS, GEOMETRY, PLACES, SCHEMAS

ROLE_RANK = "CASE role WHEN 'strike_target' THEN 0 WHEN 'origin' THEN 1 ELSE 2 END"
"""strike_target > origin > mention, as in the GeoJSON export: a place's role is its strongest mention's."""
INPUT_ORDER = "ORDER BY filename, file_row_number"
"""By day, then partition by partition (named by number within a run) and row by row: the input's order."""
HIVE = "hive_partitioning = true, hive_types = {'day': VARCHAR}"
"""`day` as written in the folder's name: an ISO date, or 'undated'."""
Filter = tuple[str, object]
"""A condition with one `?` and its value; left out when the value is None."""


class Corpus:
    """The datasets below `root` (the -o DIR of `geo corpus`); every method returns a new DataFrame."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def files(self, dataset: str) -> list[str]:
        """The dataset's files, in input order."""
        return [str(path) for path in visible(self.root, dataset)]

    def manifest(self) -> pd.DataFrame:
        """One row per file: the partition that wrote it, when, its dataset, day, rows, errors (documents)
        and bytes; files a compaction replaced are left out."""
        found = records(self.root)
        replaced = {path for record in found for path in record["replaces"]}
        rows = [
            {"partition": record["name"], "written": record["written"], **entry}
            for record in found
            for entry in record["files"]
            if entry["path"] not in replaced
        ]
        columns = ["partition", "written", "path", "dataset", DAY, "rows", "errors", "bytes"]
        return pd.DataFrame(rows, columns=columns)

    def version(self) -> tuple:
        """Changes whenever a partition is written or a day compacted (cached answers are stale then)."""
        folder = self.root / "_partitions"
        return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.json")))

    def query(self, dataset: str, select: str, where: Sequence[Filter] = (), tail: str = "") -> pd.DataFrame:
        """`SELECT select FROM dataset WHERE ... tail` in DuckDB, in UTC. The dataset has three more columns,
        `day`, `filename` and `file_row_number`; with no partition written yet it is an empty table of the
        same columns."""
        kept = [(condition, value) for condition, value in where if value is not None]
        sql = f"SELECT {select} FROM source"
        if kept:
            sql += " WHERE " + " AND ".join(condition for condition, _ in kept)
        values = [value for _, value in kept]
        with duckdb.connect() as connection:
            connection.execute("SET TimeZone = 'UTC'")
            if files := self.files(dataset):
                connection.execute(
                    f"CREATE VIEW source AS SELECT * FROM read_parquet(?, union_by_name = true, {HIVE}, "
                    "filename = true, file_row_number = true)".replace("?", _literal(files))
                )
            else:
                connection.register("source", _empty(dataset))
            return connection.execute(f"{sql} {tail}", values).df()

    def documents(self, ids: Sequence[str] | None = None, status: str | None = None) -> pd.DataFrame:
        """One row per article (corpus.schema.DOCUMENTS_SCHEMA, and `day`), in input order."""
        where = [among("article_id", ids), ("status = ?", status)]
        return self.query(DOCUMENTS, "* EXCLUDE (filename, file_row_number)", where, INPUT_ORDER)

    def places(
        self,
        roles: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        place_id: str | None = None,
        article_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Mentions in input order, without the WKB geometry (lat/lon say where), filtered by role, by
        publication date (inclusive ISO dates; a date filter leaves out articles with no date), by gazetteer
        id or by article."""
        where = [
            among("role", roles),
            *_dates(since, until),
            ("place_id = ?", place_id),
            among("article_id", article_ids),
        ]
        return self.query(PLACES, f"* EXCLUDE ({GEOMETRY}, filename, file_row_number)", where, INPUT_ORDER)

    def place_summary(
        self, roles: Sequence[str] | None = None, since: str | None = None, until: str | None = None
    ) -> pd.DataFrame:
        """One row per resolved place over the filtered mentions: where it is, how often and in how many
        articles it is named, its strongest role, its most named attacker, its first and last dates."""
        select = f"""place_id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
            any_value(admin1) AS admin1, any_value(lat) AS lat, any_value(lon) AS lon, count(*) AS mentions,
            count(DISTINCT article_id) AS articles, arg_min(role, {ROLE_RANK}) AS role,
            mode(attacker) FILTER (WHERE role = 'strike_target') AS attacker,
            min(published) AS first_published, max(published) AS last_published"""
        where = [among("role", roles), *_dates(since, until), ("place_id IS NOT NULL AND ?", True)]
        return self.query(PLACES, select, where, "GROUP BY place_id ORDER BY mentions DESC, place_id")

    def claims(self, article_ids: Sequence[str] | None = None, verdicts: Sequence[str] | None = None) -> pd.DataFrame:
        """Checked distance claims (the fields of `geo check-distances --format json`), without geometry."""
        where = [among("article_id", article_ids), among("verdict", verdicts)]
        return self.query(CLAIMS, f"* EXCLUDE ({GEOMETRY}, filename, file_row_number)", where, INPUT_ORDER)

    def geodataframe(self, dataset: str) -> geopandas.GeoDataFrame:
        """places/ or claims/ whole, with its geometries, in input order."""
        if files := self.files(dataset):
            return geopandas.read_parquet(files)
        return geopandas.GeoDataFrame(
            SCHEMAS[dataset].empty_table().drop_columns([GEOMETRY]).to_pandas(), geometry=[], crs=CRS
        )


def among(column: str, values: Sequence[str] | None) -> Filter:
    """A filter keeping rows whose `column` is one of `values`; no filter when `values` is None."""
    return f"list_contains(?, {column})", None if values is None else list(values)


def _dates(since: str | None, until: str | None) -> list[Filter]:
    return [
        ("CAST(published AS DATE) >= CAST(? AS DATE)", since),
        ("CAST(published AS DATE) <= CAST(? AS DATE)", until),
    ]


def _literal(files: Sequence[str]) -> str:
    """A DuckDB list of file names (a view cannot take parameters)."""
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


def _empty(dataset: str) -> pa.Table:
    extra = {DAY: pa.string(), "filename": pa.string(), "file_row_number": pa.int64()}
    empty = SCHEMAS[dataset].empty_table()
    for name, kind in extra.items():
        empty = empty.append_column(name, pa.array([], kind))
    return empty

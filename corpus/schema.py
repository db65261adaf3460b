"""The columns of the three datasets a corpus run writes. Place columns come from PlaceMention's scalar
fields, so a field added to it becomes a column without changing the writer; the few whose names would be
ambiguous or reserved words in SQL (`id`, `start`, `end`) get names of their own. Dates are Parquet dates
and UTC timestamps, lists are lists."""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from datetime import date

import pyarrow as pa

from geo import PlaceMention

PLACES, CLAIMS, DOCUMENTS = "places", "claims", "documents"
DATASETS = (PLACES, CLAIMS, DOCUMENTS)
GEOMETRY = "geometry"
"""WKB column of places/ (Point) and claims/ (LineString, MultiLineString across the antimeridian)."""
CRS = "EPSG:4326"
OK, ERROR = "ok", "error"
SCHEMA_VERSION = 2
"""Written into each dataset's `_common_metadata` and each partition's record; 1 was the flat layout of
text dates, `id`, `start` and `end`."""
DAY = "day"
"""The hive partition of every dataset (`day=2024-06-01/`, `day=undated/`): the article's publication day,
UTC. It is the folder, not a column of the files; readers that know hive partitions add it."""
UNDATED = "undated"
TIMESTAMP = pa.timestamp("us", tz="UTC")
RENAMED = {"id": "place_id", "start": "span_start", "end": "span_end"}
"""Column names of the fields of PlaceMention and of the claim records that would be ambiguous (`id` is the
article's elsewhere) or reserved words in SQL (`end`)."""

_ARROW_TYPES: dict[object, pa.DataType] = {
    str: pa.string(),
    int: pa.int64(),
    float: pa.float64(),
    bool: pa.bool_(),
    date: pa.date32(),
}

ARTICLE_COLUMNS: list[pa.Field] = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("document", pa.string(), nullable=False),
    pa.field("published", TIMESTAMP),
]
"""Leading columns of places/ and claims/: which article a row is from (documents/ `id`), its name as
`geo parse` calls it (file path below the folder argument, or the table row's id) and its publication date."""


def _arrow_type(hint: object) -> pa.DataType | None:
    """The Arrow type of a scalar annotation (`str`, `float | None`, ...); None for anything else."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else None
    return _ARROW_TYPES.get(hint)


def _place_columns() -> dict[str, pa.Field]:
    hints = typing.get_type_hints(PlaceMention) | {"event_date": date}
    typed = ((f.name, _arrow_type(hints[f.name])) for f in fields(PlaceMention))
    return {name: pa.field(RENAMED.get(name, name), kind) for name, kind in typed if kind is not None}


PLACE_COLUMNS = _place_columns()
"""Every scalar field of PlaceMention and its column: the same name but for RENAMED (`place_id` is the
gazetteer id), `event_date` a date; `candidates` and
`role_evidence` are left out."""
PLACE_FIELDS = list(PLACE_COLUMNS.values())

PLACES_SCHEMA = pa.schema(
    [*ARTICLE_COLUMNS, pa.field("mention", pa.int32()), *PLACE_FIELDS, pa.field(GEOMETRY, pa.binary())]
)

CLAIM_FIELDS = [
    pa.field(name, kind)
    for name, kind in [
        ("subject", pa.string()),
        ("subject_name", pa.string()),
        ("subject_id", pa.string()),
        ("origin", pa.string()),
        ("origin_name", pa.string()),
        ("origin_id", pa.string()),
        ("claimed", pa.string()),
        ("value", pa.float64()),
        ("value_high", pa.float64()),
        ("unit", pa.string()),
        ("hedge", pa.string()),
        ("claimed_km", pa.float64()),
        ("claimed_km_high", pa.float64()),
        ("computed_km", pa.float64()),
        ("deviation_pct", pa.float64()),
        ("verdict", pa.string()),
        ("reason", pa.string()),
        ("article", pa.string()),
        ("sentence", pa.string()),
        ("span_start", pa.int64()),
        ("span_end", pa.int64()),
    ]
]
"""The keys of `geo.output.geojson.claim_properties`, i.e. of `geo check-distances --format json`, in its
order, `start` and `end` RENAMED."""

CLAIMS_SCHEMA = pa.schema(
    [*ARTICLE_COLUMNS, pa.field("claim", pa.int32()), *CLAIM_FIELDS, pa.field(GEOMETRY, pa.binary())]
)

_DOCUMENT_FIELDS: list[pa.Field] = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("document", pa.string(), nullable=False),
    pa.field("published", TIMESTAMP),
    pa.field("published_from", pa.string()),
    pa.field("url", pa.string()),
    pa.field("title", pa.string()),
    pa.field("source", pa.string()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("warnings", pa.list_(pa.string())),
    pa.field("places", pa.int32()),
    pa.field("claims", pa.int32()),
    pa.field("chars", pa.int64()),
    pa.field("text_hash", pa.string()),
]
DOCUMENTS_SCHEMA = pa.schema(_DOCUMENT_FIELDS)

SCHEMAS = {PLACES: PLACES_SCHEMA, CLAIMS: CLAIMS_SCHEMA, DOCUMENTS: DOCUMENTS_SCHEMA}

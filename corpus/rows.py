"""A parsed article as rows of the three datasets: the same places as `geo parse` and the same claim
records as `geo check-distances --format json` (under the columns of corpus.schema), plus the article's id
and date on every row, and its day: the partition the row is written to."""

from __future__ import annotations

from dataclasses import dataclass, field

from datetime import date

import shapely

from geo import ParsedDocument, PlaceMention, check_claims, claim_line, claim_properties
from corpus.dates import day_of, utc
from corpus.schema import DAY, ERROR, GEOMETRY, OK, PLACE_COLUMNS, RENAMED


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a `documents` row says of an article besides the parse: its id, name, publication date (ISO
    8601, as given to `geo.parse`) and where that came from, source fields, and the key of its text."""

    id: str
    document: str
    published: str | None = None
    published_from: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = ()
    text_hash: str | None = None


@dataclass(slots=True)
class Rows:
    """Rows of one partition, dataset by dataset; geometries are shapely objects or None."""

    places: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)


def _lead(meta: ArticleMeta) -> dict:
    return {
        "article_id": meta.id,
        "document": meta.document,
        "published": utc(meta.published),
        DAY: day_of(meta.published),
    }


def _document(meta: ArticleMeta, status: str, error: str | None, places: int, claims: int, chars: int) -> dict:
    return {
        **_lead(meta),
        "published_from": meta.published_from,
        "url": meta.url,
        "title": meta.title,
        "source": meta.source,
        "status": status,
        "error": error,
        "warnings": list(meta.warnings),
        "places": places,
        "claims": claims,
        "chars": chars,
        "text_hash": meta.text_hash,
    }


def _place(mention: PlaceMention) -> dict:
    row = {column.name: getattr(mention, field) for field, column in PLACE_COLUMNS.items()}
    row["event_date"] = mention.event_date and date.fromisoformat(mention.event_date)
    return row


def _point(mention: PlaceMention) -> shapely.Point | None:
    point = mention.point
    return None if point is None else shapely.Point(point[1], point[0])


def add_parsed(rows: Rows, meta: ArticleMeta, doc: ParsedDocument) -> None:
    """The article's places, its checked claims and its `ok` documents row."""
    lead = _lead(meta)
    for number, mention in enumerate(doc.places):
        rows.places.append({**lead, "mention": number, **_place(mention), GEOMETRY: _point(mention)})
    checks = check_claims(doc)
    for number, check in enumerate(checks):
        claim = {RENAMED.get(key, key): value for key, value in claim_properties(check).items()}
        rows.claims.append({**lead, "claim": number, **claim, GEOMETRY: claim_line(check)})
    rows.documents.append(_document(meta, OK, None, len(doc.places), len(checks), len(doc.text)))


def add_error(rows: Rows, meta: ArticleMeta, message: str, chars: int = 0) -> None:
    """An article that could not be parsed: a documents row with status `error`, no places, no claims."""
    rows.documents.append(_document(meta, ERROR, message, 0, 0, chars))

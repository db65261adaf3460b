"""A parsed article as rows of the three datasets: the same places as `geo parse` and the same claim
records as `geo check-distances --format json`, plus the article's id and date on every row."""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely

from geo import ParsedDocument, PlaceMention, check_claims, claim_line, claim_properties
from corpus.schema import CLAIM_FIELDS, ERROR, GEOMETRY, OK, PLACE_FIELDS

PLACE_KEYS = tuple(f.name for f in PLACE_FIELDS)
CLAIM_KEYS = tuple(f.name for f in CLAIM_FIELDS)


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What a `documents` row says of an article besides the parse: its id, name and source fields."""

    id: str
    document: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class Rows:
    """Rows of one partition, dataset by dataset; geometries are shapely objects or None."""

    places: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)


def _lead(meta: ArticleMeta) -> dict:
    return {"article_id": meta.id, "document": meta.document, "published": meta.published}


def _document(meta: ArticleMeta, status: str, error: str | None, places: int, claims: int, chars: int) -> dict:
    return {
        "id": meta.id,
        "document": meta.document,
        "published": meta.published,
        "url": meta.url,
        "title": meta.title,
        "source": meta.source,
        "status": status,
        "error": error,
        "warnings": "; ".join(meta.warnings) or None,
        "places": places,
        "claims": claims,
        "chars": chars,
    }


def _point(mention: PlaceMention) -> shapely.Point | None:
    point = mention.point
    return None if point is None else shapely.Point(point[1], point[0])


def add_parsed(rows: Rows, meta: ArticleMeta, doc: ParsedDocument) -> None:
    """The article's places, its checked claims and its `ok` documents row."""
    lead = _lead(meta)
    for number, mention in enumerate(doc.places):
        rows.places.append(
            {**lead, "mention": number, **{k: getattr(mention, k) for k in PLACE_KEYS}, GEOMETRY: _point(mention)}
        )
    checks = check_claims(doc)
    for number, check in enumerate(checks):
        rows.claims.append({**lead, "claim": number, **claim_properties(check), GEOMETRY: claim_line(check)})
    rows.documents.append(_document(meta, OK, None, len(doc.places), len(checks), len(doc.text)))


def add_error(rows: Rows, meta: ArticleMeta, message: str, chars: int = 0) -> None:
    """An article that could not be parsed: a documents row with status `error`, no places, no claims."""
    rows.documents.append(_document(meta, ERROR, message, 0, 0, chars))

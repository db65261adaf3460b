"""RFC 7946 GeoJSON of parsed articles: a Point per resolved place, a geodesic LineString per checked claim.

List-valued properties (roles, articles, sentences) are JSON-encoded strings, because GDAL flattens or
retypes JSON arrays; `json.loads` of the property gives the list back, so the file reads back losslessly."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from shapely.geometry import LineString, MultiLineString, Point, mapping

from geo.claims.check import WGS84, claimed_text, geodesic_km, shown_distance
from geo.output.credits import metadata
from geo.model import ROLES, ClaimCheck, ParsedDocument, PlaceMention

DECIMALS = 6
STEP_KM = 50.0
"""Claim lines get a vertex about every STEP_KM along the geodesic ..."""
MAX_POINTS = 200
"""... and at most MAX_POINTS vertices."""
ROLE_STRENGTH = {role: rank for rank, role in enumerate(ROLES)}
"""strike_target > origin > mention: a place's role is the strongest of its mentions'."""


@dataclass
class _Place:
    """A gazetteer entry and every mention of it across the articles."""

    first: PlaceMention
    point: tuple[float, float]
    """(lat, lon) of the entry."""
    mentions: list[tuple[str, PlaceMention]] = field(default_factory=list)


def _round(lon: float, lat: float) -> tuple[float, float]:
    return round(lon, DECIMALS), round(lat, DECIMALS)


def _attacker(mentions: Sequence[PlaceMention]) -> str | None:
    """The attacker named most often where the place is a strike target (first named on a tie)."""
    named = [m.attacker for m in mentions if m.role == "strike_target" and m.attacker]
    return max(dict.fromkeys(named), key=named.count) if named else None


def _place_feature(place: _Place) -> dict:
    mentions = [m for _, m in place.mentions]
    roles = sorted({m.role for m in mentions}, key=ROLE_STRENGTH.__getitem__)
    articles = list(dict.fromkeys(doc for doc, _ in place.mentions))
    sentences: dict[tuple[str, str], dict] = {}
    for doc, m in place.mentions:
        if (doc, m.sentence) not in sentences or (
            m.event_date_source and "event_date" not in sentences[doc, m.sentence]
        ):
            sentences[doc, m.sentence] = _sentence_record(doc, m)
    dates = sorted({m.event_date for m in mentions if m.event_date})
    first = place.first
    lat, lon = place.point
    return {
        "type": "Feature",
        "geometry": mapping(Point(_round(lon, lat))),
        "properties": {
            "id": first.id,
            "name": first.name,
            "kind": first.kind,
            "role": roles[0],
            "roles": json.dumps(roles),
            "attacker": _attacker(mentions),
            "country": first.country,
            "admin1": first.admin1,
            "mentions": len(mentions),
            "articles": json.dumps(articles, ensure_ascii=False),
            "sentences": json.dumps(list(sentences.values()), ensure_ascii=False),
            "confidence": max(m.confidence for m in mentions),
            "event_dates": json.dumps(dates),
        },
    }


def _sentence_record(document: str, mention: PlaceMention) -> dict:
    """A sentence that names the place; with the strike's date where the mention is a dated strike target."""
    record: dict[str, str | None] = {"document": document, "sentence": mention.sentence}
    if mention.event_date_source:
        record.update(
            event_date=mention.event_date,
            event_date_text=mention.event_date_text,
            event_date_source=mention.event_date_source,
        )
    return record


def _crossing_latitude(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Latitude where the geodesic segment between two vertices crosses the antimeridian (by bisection)."""
    azimuth, _, distance = WGS84.inv(lon1, lat1, lon2, lat2)
    low, high = 0.0, distance
    lat = lat1
    for _ in range(40):
        middle = (low + high) / 2
        lon, lat, _ = WGS84.fwd(lon1, lat1, azimuth, middle)
        if (lon >= 0) == (lon1 >= 0) and abs(lon - lon1) < 180:
            low = middle
        else:
            high = middle
    return lat


def _split_at_antimeridian(points: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Cut a (lon, lat) path where it jumps across ±180°, ending and restarting parts on the meridian."""
    parts = [[points[0]]]
    for (lon1, lat1), (lon2, lat2) in pairwise(points):
        if abs(lon2 - lon1) > 180:
            edge = math.copysign(180.0, lon1)
            lat = _crossing_latitude(lon1, lat1, lon2, lat2)
            parts[-1].append((edge, lat))
            parts.append([(-edge, lat)])
        parts[-1].append((lon2, lat2))
    return parts


def geodesic_line(lat1: float, lon1: float, lat2: float, lon2: float, km: float) -> LineString | MultiLineString:
    """The geodesic between two points densified to a vertex about every STEP_KM, split at the antimeridian;
    coordinates rounded to DECIMALS, repeated vertices dropped."""
    inner = min(MAX_POINTS - 2, int(km // STEP_KM))
    points = [(lon1, lat1), *(WGS84.npts(lon1, lat1, lon2, lat2, inner) if inner else ()), (lon2, lat2)]
    parts = []
    for part in _split_at_antimeridian(points):
        rounded = list(dict.fromkeys(_round(lon, lat) for lon, lat in part))
        if len(rounded) > 1:
            parts.append(rounded)
    if not parts:
        return LineString([_round(lon1, lat1), _round(lon2, lat2)])
    return LineString(parts[0]) if len(parts) == 1 else MultiLineString(parts)


def claim_properties(check: ClaimCheck) -> dict:
    """The properties of a claim feature; also the rows of the CLI's json and csv output."""
    claim = check.claim
    subject, origin = claim.subject, claim.origin
    return {
        "subject": subject.text if subject else None,
        "subject_name": subject.name if subject else None,
        "subject_id": subject.id if subject else None,
        "origin": origin.text if origin else claim.origin_text,
        "origin_name": origin.name if origin else None,
        "origin_id": origin.id if origin else None,
        "claimed": claimed_text(claim),
        "value": claim.value,
        "value_high": claim.value_high,
        "unit": claim.unit,
        "hedge": claim.hedge,
        "claimed_km": shown_distance(claim.claimed_km),
        "claimed_km_high": None if claim.claimed_km_high is None else shown_distance(claim.claimed_km_high),
        "computed_km": None if check.computed_km is None else shown_distance(check.computed_km),
        "deviation_pct": None if check.deviation_pct is None else round(check.deviation_pct, 3),
        "verdict": check.verdict,
        "reason": check.reason,
        "article": check.document,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
    }


def claim_line(check: ClaimCheck) -> LineString | MultiLineString | None:
    """The densified geodesic from a claim's subject to its origin; None unless both are resolved,
    distinct points."""
    points = check.claim.points
    if points is None:
        return None
    (lat1, lon1), (lat2, lon2) = points
    km = check.computed_km if check.computed_km is not None else geodesic_km(lat1, lon1, lat2, lon2)
    if km == 0:
        return None
    return geodesic_line(lat1, lon1, lat2, lon2, km)


def _claim_feature(check: ClaimCheck) -> dict | None:
    line = claim_line(check)
    if line is None:
        return None
    return {"type": "Feature", "geometry": mapping(line), "properties": claim_properties(check)}


def feature_collection(docs: Sequence[ParsedDocument], checks: Sequence[ClaimCheck]) -> dict:
    """Places merged by gazetteer id in order of first mention, then the claim lines in the order given; the
    data sources credited in a "metadata" member (RFC 7946 allows foreign members)."""
    places: dict[str, _Place] = {}
    for doc in docs:
        for mention in doc.places:
            if mention.id is not None and mention.point is not None:
                places.setdefault(mention.id, _Place(mention, mention.point)).mentions.append((doc.document, mention))
    features = [_place_feature(p) for p in places.values()]
    features.extend(f for f in map(_claim_feature, checks) if f is not None)
    return {"type": "FeatureCollection", "metadata": metadata(), "features": features}


def to_geojson_text(docs: Sequence[ParsedDocument], checks: Sequence[ClaimCheck]) -> str:
    """The FeatureCollection as UTF-8 JSON text, the same bytes for the CLI and the dashboard."""
    return json.dumps(feature_collection(docs, checks), ensure_ascii=False) + "\n"

"""Places as the dashboard shows them: geo.output.geojson's merged Point features with their mentions attached.

geo.output.geojson decides how mentions merge into places (role, attacker, coordinates), so the map, the tables
and the GeoJSON download always agree; the dashboard only adds the PlaceMention objects behind each
place, for the tally, the review flag and the "why this place" panel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geo import ParsedDocument, PlaceMention, ROLES, check_claims, feature_collection

_ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a place, with the article it came from."""

    document: str
    mention: PlaceMention


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place (one gazetteer entry) with every mention of it across the selected articles."""

    id: str
    name: str
    kind: str
    role: str
    attacker: str | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    mentions: tuple[Mention, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.document for m in self.mentions))

    @property
    def needs_review(self) -> bool:
        return any(m.mention.needs_review for m in self.mentions)


def places_of(docs: Sequence[ParsedDocument]) -> list[Place]:
    """The places the dashboard's map shows for `docs` with every filter on and default tolerances."""
    return places_from(feature_collection(docs, [c for d in docs for c in check_claims(d)]), docs)


def places_from(feature_collection: dict, docs: Sequence[ParsedDocument]) -> list[Place]:
    """One Place per Point feature of `geo.output.geojson.feature_collection(docs, ...)`; strike targets first,
    then origins, then mentions, each by name."""
    mentions: dict[str, list[Mention]] = {}
    for doc in docs:
        for mention in doc.places:
            if mention.id is not None:
                mentions.setdefault(mention.id, []).append(Mention(doc.document, mention))
    places = []
    for feature in feature_collection["features"]:
        if feature["geometry"]["type"] != "Point":
            continue
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        places.append(
            Place(
                id=props["id"],
                name=props["name"],
                kind=props["kind"],
                role=props["role"],
                attacker=props["attacker"],
                lat=lat,
                lon=lon,
                country=props["country"],
                admin1=props["admin1"],
                mentions=tuple(mentions.get(props["id"], ())),
            )
        )
    return sorted(places, key=lambda p: (_ROLE_RANK.get(p.role, len(ROLES)), p.name))

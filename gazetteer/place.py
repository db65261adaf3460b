"""The one record type every gazetteer source is turned into."""

from __future__ import annotations

from dataclasses import asdict, dataclass

KINDS = ("country", "admin1", "admin2", "city", "airbase", "airport", "heliport", "port", "region", "other")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry; `id` is "<source>:<source id>", e.g. "geonames:703448", "ourairports:UIIB"."""

    id: str
    kind: str
    name: str
    country: str | None
    admin1: str | None
    population: int | None
    lat: float
    lon: float
    prior: float = 0.0
    """Prominence in [0, 1] from kind, population and airfield size; ranks candidates with no other evidence."""

    def to_dict(self) -> dict:
        return asdict(self)

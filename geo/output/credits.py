"""The data behind every place, credited wherever places are shown or exported (GeoNames requires it: CC BY 4.0)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    licence: str
    url: str
    provides: str


SOURCES = (
    Source(
        "GeoNames",
        "CC BY 4.0",
        "https://www.geonames.org/",
        "cities, countries and their points, first- and second-level divisions",
    ),
    Source("OurAirports", "public domain", "https://ourairports.com/data/", "air bases, airports, heliports"),
    Source("airportsdata", "MIT", "https://github.com/mborsetti/airportsdata", "current airfield names"),
    Source("searoute", "Apache-2.0", "https://github.com/genthalili/searoute-py", "seaports (UN/LOCODE)"),
    Source(
        "MIMU",
        "free with attribution (packaged by mm-geo-coder, MIT)",
        "https://themimu.info/place-codes",
        "villages of Myanmar",
    ),
    Source("Natural Earth", "public domain", "https://www.naturalearthdata.com/", "country outlines and names"),
)

ATTRIBUTION = "Places: " + "; ".join(f"{s.name} ({s.licence})" for s in SOURCES)
"""One line for a map or a file: "Places: GeoNames (CC BY 4.0); OurAirports (public domain); ..."."""


def metadata() -> dict:
    """The sources as JSON-ready records, for exported files."""
    return {
        "attribution": ATTRIBUTION,
        "sources": [{"name": s.name, "licence": s.licence, "url": s.url, "provides": s.provides} for s in SOURCES],
    }

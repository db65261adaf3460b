"""The basemap's town names by zoom and its tile grid, on the gazetteer's own towns."""

from __future__ import annotations

import numpy as np

import gazetteer
from dashboard.detail_tiles import LABEL_CELL, LABEL_ZOOMS, label_zooms, mercator, tile_box


def _ukraine():
    towns = [p for p in gazetteer.default().places("city") if p.country == "UA"]
    lat, lon = np.array([p.lat for p in towns]), np.array([p.lon for p in towns])
    population = np.array([p.population or 0 for p in towns])
    return towns, lat, lon, population


def test_towns_are_named_from_the_zoom_they_lead_their_label_cell_and_never_two_in_one_cell():
    towns, lat, lon, population = _ukraine()
    zooms = label_zooms(lat, lon, population)
    by_name = {t.name: z for t, z in zip(towns, zooms, strict=True)}
    assert by_name["Kyiv"] == LABEL_ZOOMS.start  # the largest city is named from the farthest zoom
    assert by_name["Kyiv"] < by_name["Brovary"] < LABEL_ZOOMS.stop  # its neighbour only closer in
    x, y = mercator(lat, lon)
    named = [int((zooms <= zoom).sum()) for zoom in LABEL_ZOOMS]
    assert named == sorted(named) and named[0] < 10 < 1000 < named[-1]
    for zoom in LABEL_ZOOMS:
        shown = zooms <= zoom
        world = 256 * 2**zoom
        cells = set(zip((x[shown] * world // LABEL_CELL[0]).tolist(), (y[shown] * world // LABEL_CELL[1]).tolist()))
        assert len(cells) == shown.sum(), zoom


def test_a_tile_box_is_the_web_mercator_tile():
    west, south, east, north = tile_box(6, 38, 21)  # Kharkiv's tile at zoom 6
    assert (west, east) == (33.75, 39.375)
    assert south < 49.99 < north and round(north - south, 2) == 3.56
    x, y = mercator(np.array([49.99]), np.array([36.23]))
    assert (int(x[0] * 64), int(y[0] * 64)) == (38, 21)

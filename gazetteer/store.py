"""Read-only queries on the built store: name lookup, id lookup, nearest places."""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections.abc import Collection
from pathlib import Path

from gazetteer.ensure import ensure_store
from gazetteer.freshness import STORE_PATH
from gazetteer.normalize import name_key, sound_key
from gazetteer.place import Place

_COLUMNS = "p.id, p.kind, p.name, p.country, p.admin1, p.population, p.lat, p.lon, p.prior"
_KM_PER_DEGREE = 111.0
OWN_NAME_BONUS = 0.1


def _kinds(kind: str | Collection[str] | None) -> tuple[str, ...]:
    if kind is None:
        return ()
    return (kind,) if isinstance(kind, str) else tuple(kind)


def _kind_clause(kinds: tuple[str, ...]) -> str:
    return f" AND p.kind IN ({','.join('?' * len(kinds))})" if kinds else ""


class Gazetteer:
    """An opened store. Each thread gets its own read-only SQLite connection, so one instance can be
    shared by Streamlit's script threads. The store is built first when missing or stale."""

    def __init__(self, path: Path = STORE_PATH, build_if_needed: bool = True) -> None:
        if build_if_needed:
            ensure_store(path)
        elif not path.exists():
            raise FileNotFoundError(f"no gazetteer store at {path}: run `python -m gazetteer build`")
        self.path = path
        self._local = threading.local()
        self._connection()

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection; a process forked from one that had a connection opens its own, since
        SQLite connections must not cross a fork (the parallel parser forks its workers)."""
        con = getattr(self._local, "con", None)
        if con is None or self._local.pid != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("PRAGMA cache_size = -16000")
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def lookup(self, name: str, kind: str | Collection[str] | None = None, limit: int = 20) -> list[Place]:
        """Places whose names normalise to the same key as `name`, most prominent first: by `Place.prior`,
        plus OWN_NAME_BONUS when `name` is the place's own name rather than an alternate or historical one."""
        key = name_key(name) if isinstance(name, str) else ""
        return self._under("names", key, f"p.prior + {OWN_NAME_BONUS} * n.own", kind, limit)

    def sounds_like(self, name: str, kind: str | Collection[str] | None = None, limit: int = 10) -> list[Place]:
        """Places whose own name has the same `sound_key` (another romanisation: "Peshawer" for Peshawar), most
        prominent first; for names the index does not hold under `name_key`. Alternate names are left out of
        this index: a large city's hundreds of them would sound like anything."""
        key = sound_key(name) if isinstance(name, str) else ""
        return self._under("sounds", key, "p.prior", kind, limit)

    def _under(self, table: str, key: str, rank: str, kind: str | Collection[str] | None, limit: int) -> list[Place]:
        """The places a key table (`names` or `sounds`) holds under `key`, by `rank` (an SQL expression)."""
        if not key or limit <= 0:
            return []
        kinds = _kinds(kind)
        rows = self._connection().execute(
            f"SELECT {_COLUMNS} FROM {table} n JOIN places p ON p.pid = n.pid WHERE n.key = ?{_kind_clause(kinds)}"
            f" ORDER BY {rank} DESC, p.population DESC, p.id LIMIT ?",
            (key, *kinds, limit),
        )
        return [Place(*row) for row in rows]

    def is_name(self, text: str) -> bool:
        """True when `text` normalises to a key of the name index (one indexed probe, no row fetch)."""
        key = name_key(text) if isinstance(text, str) else ""
        probe = "SELECT 1 FROM names WHERE key = ? LIMIT 1"
        return bool(key) and self._connection().execute(probe, (key,)).fetchone() is not None

    def count(self, kind: str | Collection[str] | None = None) -> int:
        """Number of places, optionally only of some kinds."""
        kinds = _kinds(kind)
        return (
            self._connection()
            .execute(f"SELECT count(*) FROM places p WHERE 1{_kind_clause(kinds)}", kinds)
            .fetchone()[0]
        )

    def places(self, kind: str | Collection[str]) -> list[Place]:
        """Every place of some kinds, most populous first (the dashboard's basemap labels towns from them)."""
        kinds = _kinds(kind)
        query = f"SELECT {_COLUMNS} FROM places p WHERE 1{_kind_clause(kinds)} ORDER BY p.population DESC, p.id"
        return [Place(*row) for row in self._connection().execute(query, kinds)]

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("geonames:703448", "ourairports:UIIB"), or None."""
        row = self._connection().execute(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        return Place(*row) if row else None

    def nearest(self, lat: float, lon: float, kind: str | Collection[str] | None = None, k: int = 1) -> list[Place]:
        """The `k` places nearest to (lat, lon) by WGS84 geodesic distance, optionally only of some kinds.

        Candidates come from a growing bounding box on the R*-tree; once it holds `k` of them, the box is
        widened to the k-th distance so no nearer place outside the box can be missed."""
        if k <= 0 or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return []
        kinds = _kinds(kind)
        half = 0.05
        while True:
            places = self._in_box(lat, lon, half, kinds)
            if len(places) >= k or half >= 180:
                break
            half *= 4
        ranked = _by_distance(lat, lon, places)
        if len(ranked) >= k and ranked[k - 1][0] / 1000 > half * _KM_PER_DEGREE * 0.99:
            ranked = _by_distance(
                lat, lon, self._in_box(lat, lon, ranked[k - 1][0] / 1000 / _KM_PER_DEGREE * 1.01, kinds)
            )
        return [place for _, place in ranked[:k]]

    def _in_box(self, lat: float, lon: float, half: float, kinds: tuple[str, ...]) -> list[Place]:
        lon_half = min(180.0, half / max(math.cos(math.radians(lat)), 1e-6))
        boxes = [(max(-90.0, lat - half), min(90.0, lat + half), lon - lon_half, lon + lon_half)]
        if lon_half >= 180:
            boxes = [(boxes[0][0], boxes[0][1], -180.0, 180.0)]
        elif boxes[0][2] < -180:
            boxes = [(*boxes[0][:2], -180.0, boxes[0][3]), (*boxes[0][:2], boxes[0][2] + 360, 180.0)]
        elif boxes[0][3] > 180:
            boxes = [(*boxes[0][:2], boxes[0][2], 180.0), (*boxes[0][:2], -180.0, boxes[0][3] - 360)]
        found: list[Place] = []
        for lat0, lat1, lon0, lon1 in boxes:
            found += [
                Place(*row)
                for row in self._connection().execute(
                    f"SELECT {_COLUMNS} FROM places_box b JOIN places p ON p.pid = b.pid WHERE b.min_lat >= ? AND"
                    f" b.max_lat <= ? AND b.min_lon >= ? AND b.max_lon <= ?{_kind_clause(kinds)}",
                    (lat0, lat1, lon0, lon1, *kinds),
                )
            ]
        return found


def _by_distance(lat: float, lon: float, places: list[Place]) -> list[tuple[float, Place]]:
    """Places with their geodesic distance in metres from (lat, lon), nearest first."""
    if not places:
        return []
    from pyproj import Geod

    _, _, metres = Geod(ellps="WGS84").inv(
        [lon] * len(places), [lat] * len(places), [p.lon for p in places], [p.lat for p in places]
    )
    return sorted(zip(metres, places, strict=True), key=lambda pair: (pair[0], pair[1].id))

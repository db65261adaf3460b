"""Myanmar's villages from `mm-geo-coder` (MIT), which ships the Myanmar Information Management Unit's
village list (MIMU, place codes v9.6, free to use with attribution) as an SQLite file: English and Burmese
names, village tract, township, district, state and a point for most of its 72,569 villages.

GeoNames' cities500, the gazetteer's towns, holds few of them, and villages are where air strikes land in
Myanmar. The file is read directly; the package's geocoder (and its web client) is never imported. A
village without a point is left out, and so is one beside a GeoNames town of its name: the town already
places it, and two entries for one place would split an article's mentions of it. "X (Y)" is a village
known as X and as Y; "X (East)" is its own village, known under the whole name."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from importlib.metadata import distribution

from pyproj import Geod

from gazetteer.normalize import name_key
from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable, towns_named

DATABASE = "mm_geo_coder/database/mimu_geo_data_public.db"
BESIDE_TOWN_M = 5_000.0
"""A village this close (metres) to a GeoNames town of its name is that town."""
_BRACKET = re.compile(r"\s*\(([^()]*(?:\([^()]*\))?[^()]*)\)\s*")
_QUARTERS = frozenset({"east", "west", "north", "south", "upper", "lower", "middle", "new", "old"})
_GEOD = Geod(ellps="WGS84")


def names_of(raw: str) -> tuple[str, frozenset[str]]:
    """The village's name and every name it is known by: "Let Yet Kone (Leik Ya Kone)" -> "Let Yet Kone",
    both; "Hle Seik (East)" -> "Hle Seik East", with "Hle Seik (East)"."""
    inner = [m.group(1).strip() for m in _BRACKET.finditer(raw)]
    outer = _BRACKET.sub(" ", raw).strip()
    if inner and all(word.lower() in _QUARTERS for word in " ".join(inner).split()):
        whole = f"{outer} {' '.join(inner)}"
        return whole, frozenset({raw.strip(), whole})
    names = frozenset(n for n in (outer, *(_BRACKET.sub(" ", i).strip() for i in inner)) if n)
    return outer, names


def _admin1(state: str, admin1_names: Sequence[str]) -> str | None:
    """The gazetteer's first-level division for MIMU's state ("Sagaing" -> "Sagaing Region", "Shan (South)"
    -> "Shan State")."""
    core = name_key(_BRACKET.sub(" ", state))
    return next((name for name in admin1_names if name_key(name).startswith(core)), None)


def village_entries(towns: Sequence[Entry], admin1_names: Sequence[str]) -> list[Entry]:
    """One "city" entry per MIMU village with a point; `towns` are the GeoNames city entries and
    `admin1_names` the names of Myanmar's first-level divisions in the gazetteer."""
    path = distribution("mm-geo-coder").locate_file(DATABASE)
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        rows = con.execute(
            "SELECT village_pcode, village_eng, state_eng, latitude, longitude FROM villages"
            " WHERE latitude IS NOT NULL AND longitude IS NOT NULL AND village_eng IS NOT NULL"
        ).fetchall()
    named = [(code, *names_of(raw), state, lat, lon) for code, raw, state, lat, lon in rows]
    beside = towns_named({name_key(n) for _, _, names, *_ in named for n in names}, towns)
    entries = []
    for code, name, names, state, lat, lon in named:
        kept = frozenset(n for n in names if readable(n))
        if not name or not readable(name):
            continue
        near = [pt for n in kept for pt in beside.get(("MM", name_key(n)), ())]
        if any(_GEOD.inv(lon, lat, t_lon, t_lat)[2] <= BESIDE_TOWN_M for t_lat, t_lon in near):
            continue
        place = Place(
            id=f"mimu:{code}",
            kind="city",
            name=name,
            country="MM",
            admin1=_admin1(state or "", admin1_names),
            population=None,
            lat=float(lat),
            lon=float(lon),
            prior=prior("city"),
        )
        entries.append(Entry(place, kept))
    return entries

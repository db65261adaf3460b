"""Builds the SQLite store from the installed data packages, atomically (temporary file, then rename)."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from tqdm import tqdm

from gazetteer.freshness import STORE_PATH, source_versions
from gazetteer.normalize import name_key, sound_key
from gazetteer.sources import Entry
from gazetteer.sources.admin2 import admin2_entries, load_rows
from gazetteer.sources.airports import airfield_entries
from gazetteer.sources.countries import (
    country_aliases,
    countryinfo_countries,
    geonames_country_points,
    natural_earth_countries,
)
from gazetteer.sources.feature_points import feature_points
from gazetteer.sources.geonames import (
    arabic_countries,
    capitals,
    city_entries,
    continent_entries,
    country_entries,
    load_cities,
    load_countries,
)
from gazetteer.sources.myanmar import village_entries
from gazetteer.sources.overlay import overlay_entries
from gazetteer.sources.ports import port_entries
from gazetteer.sources.subdivisions import admin1_entries, load_subdivisions

# Shorter alternate names ("A" for Å i Åfjord) only add noise to the index; a place's own name is always kept.
_MIN_ALIAS_KEY = 3
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
    country TEXT, admin1 TEXT, population INTEGER, lat REAL NOT NULL, lon REAL NOT NULL, prior REAL NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, own INTEGER NOT NULL, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE sounds (key TEXT NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE VIRTUAL TABLE places_box USING rtree (pid, min_lat, max_lat, min_lon, max_lon);
"""


def collect_entries() -> list[Entry]:
    """Every entry of every source, admin1 names resolved for cities and airports."""
    steps = tqdm(total=6, desc="gazetteer sources", unit="source", file=sys.stderr, mininterval=1)
    cities = load_cities()
    steps.update()
    subdivisions = load_subdivisions()
    admin1 = admin1_entries(subdivisions, cities, feature_points(s.geonameid for s in subdivisions.values()))
    admin1_by_code = {code: e.place.name for code, e in admin1.items()}
    admin1_by_iso = {s.iso: admin1_by_code.get(code, s.name) for code, s in subdivisions.items() if s.iso}
    steps.update()
    countries = load_countries()
    capital_cities = capitals(cities, countries)
    towns = city_entries(
        cities, admin1_by_code, {c["geonameid"] for c in capital_cities.values()}, arabic_countries(countries)
    )
    entries = list(towns)
    steps.update()
    label_points, ne_names = natural_earth_countries()
    centres, spellings = countryinfo_countries()
    aliases = country_aliases()
    for code, names in ne_names.items():
        aliases[code] |= names
    entries += country_entries(
        countries, {**label_points, **centres, **geonames_country_points()}, aliases, capital_cities, spellings
    )
    entries += continent_entries()
    steps.update()
    entries += airfield_entries(admin1_by_iso)
    steps.update()
    entries += list(admin1.values()) + overlay_entries()
    entries += admin2_entries(load_rows(), cities, admin1_by_code) + port_entries(towns)
    entries += village_entries(towns, [e.place.name for e in admin1.values() if e.place.country == "MM"])
    steps.update()
    steps.close()
    return entries


def _write(con: sqlite3.Connection, entries: list[Entry]) -> None:
    keys: dict[str, str] = {}
    sound_keys: dict[str, str] = {}
    rows = []
    names: dict[tuple[str, int], int] = {}
    sounds: set[tuple[str, int]] = set()
    for pid, (place, own_names, aliases) in enumerate(
        tqdm(entries, desc="gazetteer names", unit="place", file=sys.stderr, mininterval=1)
    ):
        rows.append(
            (
                pid,
                place.id,
                place.kind,
                place.name,
                place.country,
                place.admin1,
                place.population,
                place.lat,
                place.lon,
                place.prior,
            )
        )
        for own, raw_names in ((1, own_names), (0, aliases)):
            for raw in raw_names:
                key = keys.get(raw)
                if key is None:
                    key = keys[raw] = name_key(raw)
                if len(key) >= (1 if own else _MIN_ALIAS_KEY):
                    names[(key, pid)] = max(own, names.get((key, pid), 0))
                    sound = sound_keys.get(raw) if own else ""
                    if sound is None:
                        sound = sound_keys[raw] = sound_key(raw)
                    if sound:
                        sounds.add((sound, pid))
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO places_box VALUES (?,?,?,?,?)", ((r[0], r[7], r[7], r[8], r[8]) for r in rows))
    con.executemany("INSERT INTO names VALUES (?,?,?)", ((k, p, own) for (k, p), own in sorted(names.items())))
    con.executemany("INSERT INTO sounds VALUES (?,?)", sorted(sounds))


def build(path: Path = STORE_PATH) -> Path:
    """Build the store into a temporary file next to `path` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = collect_entries()
    handle, tmp = tempfile.mkstemp(prefix=".building-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        _write(con, entries)
        meta = {**source_versions(), "built_entries": str(len(entries))}
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
        con.execute("ANALYZE")
        con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path

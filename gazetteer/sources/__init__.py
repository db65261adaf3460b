"""Readers that turn each installed data package into gazetteer entries (a Place and the names it answers to)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from gazetteer.normalize import name_key
from gazetteer.place import Place

# Codes such as IATA "KIV" that GeoNames lists among alternate names; they collide with words and names.
_CODE = re.compile(r"[A-Z0-9]{2,4}")
# Latin (with extensions) and Cyrillic transliterate well with unidecode; other scripts give noise keys.
_FOREIGN_SCRIPT = re.compile(r"[^\x00-\u024f\u0300-\u036f\u0400-\u052f\u1e00-\u1eff\u2000-\u206f]")


class Entry(NamedTuple):
    """One place and the raw names it should be found under: its own names (its name and the forms derived
    from it) and aliases (alternate, historical, foreign names), which rank a little lower."""

    place: Place
    names: frozenset[str]
    aliases: frozenset[str] = frozenset()


def readable(name: str) -> bool:
    """True when the name is in a script the index keeps (Latin or Cyrillic), not empty and not a code."""
    return bool(name.strip()) and not _FOREIGN_SCRIPT.search(name) and not _CODE.fullmatch(name)


def towns_named(keys: set[str], towns: Sequence[Entry]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Points of the populated places indexed under one of the keys (their names and aliases as the store
    holds them), by (country, key)."""
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for town in towns:
        for key in {name_key(n) for n in town.names | town.aliases} & keys:
            found[(town.place.country or "", key)].append((town.place.lat, town.place.lon))
    return found

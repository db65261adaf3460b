"""Memoised gazetteer access: an article repeats its names, and a corpus repeats them across articles."""

from __future__ import annotations

from collections.abc import Collection
import re
from functools import lru_cache

import gazetteer
from gazetteer import Place
from geo import vocab


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The gazetteer's normalised form of a name."""
    return gazetteer.normalize(text)


DESIGNATOR = re.compile(r"[A-Z][a-z]{2,}-\d{1,2}")
"""An airfield's numbered designator ("Engels-2", "Soltsy-2"), one token for spaCy's tokenizer."""
ADMIN_WORDS = vocab.words("admin_words")
ADJECTIVE_ENDING = re.compile(r"(?<=\w{3})s?(?:kaia|kaja|kai|kii|kiy|ki|ka|koe|kie)$")
STEM_ENDING = re.compile(r"(?<=\w{3})(?:sk|s)$")
"""Russian and Ukrainian region names are adjectives in GeoNames ("Leningradskaya oblast'", "Kharkivs'ka
oblast'", "Tomskaya oblast'") and nouns in English ("Kaluga Oblast", "Tomsk Oblast"): the stem is what
both share."""


@lru_cache(maxsize=20_000)
def admin_core(name: str) -> str:
    """A region's name without its generic word and adjectival ending, for comparing spellings."""
    words = fold(name).split()
    if not any(w in ADMIN_WORDS for w in words):
        return " ".join(words)
    core = [w for w in words if w not in ADMIN_WORDS]
    if core:
        core[-1] = STEM_ENDING.sub("", ADJECTIVE_ENDING.sub("", core[-1]))
    return " ".join(core)


@lru_cache(maxsize=100_000)
def _lookup(text: str, kinds: tuple[str, ...] | None, limit: int) -> tuple[Place, ...]:
    return tuple(gazetteer.lookup(text, kind=kinds, limit=limit))


def lookup(text: str, kinds: Collection[str] | None = None, limit: int = 20) -> tuple[Place, ...]:
    return _lookup(text, tuple(sorted(kinds)) if kinds else None, limit)


@lru_cache(maxsize=200_000)
def is_name(text: str) -> bool:
    return gazetteer.is_name(text)


def inner_names(text: str) -> list[str]:
    """The word sequences inside a name that the gazetteer knows, longest first ("Camp Lemonnier" ->
    "Lemonnier"): where a name is missing, the place it contains may not be."""
    words = text.split()
    found = []
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            inner = " ".join(words[first : first + size])
            if len(inner) >= 3 and is_name(inner):
                found.append(inner)
    return found


def _initials(text: str) -> bool:
    """ "UK", "U.S.": capitals of at most three letters are a code, not the name of the town "Uk"."""
    letters = text.replace(".", "")
    return text.isupper() and letters.isalpha() and len(letters) <= 3


def name_match(text: str, place: Place) -> str:
    """How the name matched: "exact", "core" (the entry's name begins with it: "Engels" in "Engels Air Base",
    "Irkutsk" in "Irkutsk Oblast"; a numbered designator's name, "Engels-2"; either part of a double name,
    "Y County" in "X/Y County Airport"), or "alias" (an alternate name, a spelling variant, a
    code; initials that fold to a place's name: "UK" is no exact name of Uk)."""
    query = fold(text)
    names = [fold(part) for part in place.name.split("/")]
    if query in names:
        return "alias" if _initials(text) and not place.name.isupper() else "exact"
    if any(name.startswith(query + " ") for name in names):
        return "core"
    if (
        DESIGNATOR.fullmatch(text)
        and place.kind in ("airbase", "airport")
        and any(name.startswith(fold(text.rsplit("-", 1)[0]) + " ") for name in names)
    ):
        return "core"
    return "alias"


@lru_cache(maxsize=200_000)
def _plain(text: str) -> str:
    return gazetteer.plain(text)


def spelled_as(text: str, place: Place) -> bool:
    """The entry's own name is the text's spelling (letters and case aside) or begins with it: no spelling
    variant or alternate name was needed to match ("Budai" is no spelling of "Buday")."""
    query = _plain(text)
    return any(name == query or name.startswith(query + " ") for name in map(_plain, place.name.split("/")))


def best_prior(name: str, kinds: frozenset[str], alias_prior: float = 2.0) -> float:
    """Prior of the best entry the name really names: its own name or the start of it ("Engels" Air Base);
    an alternate name counts only for an entry at least `alias_prior` prominent ("Kiev" for Kyiv)."""
    priors = [
        p.prior for p in lookup(name, kinds, limit=10) if name_match(name, p) != "alias" or p.prior >= alias_prior
    ]
    return max(priors, default=-1.0)

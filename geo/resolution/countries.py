"""Country facts the parser needs beyond the gazetteer: demonyms ("Ukrainian" -> UA) and capitals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import countryinfo
import pycountry

from geo.resolution.names import fold


@dataclass(frozen=True, slots=True)
class Countries:
    by_demonym: dict[str, tuple[str, str]]
    """normalised demonym -> (ISO alpha-2, country name)"""
    capitals: dict[str, str]
    """ISO alpha-2 -> normalised capital name"""
    capital_names: dict[str, str]
    """ISO alpha-2 -> capital name as written ("Kyiv")"""
    names: dict[str, str]
    """ISO alpha-2 -> short English name"""

    def demonym(self, word: str) -> tuple[str, str] | None:
        return self.by_demonym.get(fold(word))


@lru_cache(maxsize=1)
def countries() -> Countries:
    """Read largest country first: where several share a demonym ("American": the United States and its
    territories), the most populous is meant."""
    by_demonym: dict[str, tuple[str, str]] = {}
    capitals: dict[str, str] = {}
    capital_names: dict[str, str] = {}
    names: dict[str, str] = {}
    by_size = sorted(countryinfo.all_countries(), key=lambda c: -(c.info().get("population") or 0))
    for info in by_size:
        data = info.info()
        code = (data.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        names[code] = data.get("name") or code
        capital = data.get("capital")
        if isinstance(capital, str) and capital:
            capitals[code] = fold(capital)
            capital_names[code] = capital
        demonym = data.get("demonym")
        if isinstance(demonym, str) and demonym:
            by_demonym.setdefault(fold(demonym), (code, names[code]))
    return Countries(by_demonym, capitals, capital_names, names)


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    return {fold(name): code for code, name in countries().names.items()}


def country_names() -> frozenset[str]:
    """The normalised short names of all countries ("chile", "new zealand")."""
    return frozenset(_codes_by_name())


def country_code(name: str) -> str | None:
    """The ISO alpha-2 code of a country's short name ("Chile" -> "CL"), or None."""
    return _codes_by_name().get(fold(name))


def load() -> None:
    """Read the country facts and pycountry's languages now, with the models (`geo.nlp.pipeline`), rather
    than in each worker on first use."""
    country_names()
    len(pycountry.languages)  # pycountry reads a database on its first use


@lru_cache(maxsize=4096)
def is_language(word: str) -> bool:
    """ "English", "Spanish": spaCy sometimes tags language names as places."""
    try:
        return pycountry.languages.get(name=word) is not None
    except LookupError:
        return False

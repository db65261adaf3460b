"""Country facts the parser needs beyond the gazetteer: demonyms ("Ukrainian" -> UA) and capitals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import countryinfo
import pycountry

from geo.resolution.names import fold, is_name


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


@lru_cache(maxsize=1)
def _language_names() -> tuple[frozenset[str], frozenset[str]]:
    """Folded names of the languages with an ISO 639-1 code ("English", "Arabic"), and of all ISO 639-3's."""
    languages = list(pycountry.languages)
    major = frozenset(fold(language.name) for language in languages if hasattr(language, "alpha_2"))
    return major, frozenset(fold(language.name) for language in languages)


def load() -> None:
    """Read the country facts and pycountry's languages now, with the models (`geo.nlp.pipeline`), rather
    than in each worker on first use."""
    country_names()
    _language_names()


@lru_cache(maxsize=4096)
def is_language(word: str) -> bool:
    """ "English", "Spanish": spaCy sometimes tags language names as places. ISO 639-3's thousands of other
    languages count only where no place has the name: most are named like their speakers' places ("Ottawa",
    "Miami", "Mali", "Colorado"). A country's name ("Nauru") is the country."""
    major, every = _language_names()
    key = fold(word)
    return (key in major or (key in every and not is_name(word))) and country_code(word) is None

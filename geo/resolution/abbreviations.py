"""Places written short, which the gazetteer's folded keys cannot tell from towns ("La." from La, "SA" from Saa):
US states as the AP abbreviates them ("Calif.", "W.Va."), from the `us` package; the first-level divisions of
the countries whose press writes them by code ("NSW", "B.C.", "TX" after a town), from pycountry's ISO 3166-2;
countries by the initials news writes for them ("DPRK", "T&T"; geo/vocab/country_initials.txt), as the names
countryinfo gives them spell them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import countryinfo
import pycountry
import us

from geo import vocab

CODED_DIVISIONS = ("US", "CA", "AU")
"""Countries whose news writes first-level divisions by their postal or ISO code ("Austin, TX", "NSW")."""
SKIPPED_WORDS = frozenset({"of", "the"})
"""Words an initialism leaves out ("Republic of South Africa" -> "RSA", "DRC")."""
CONNECTIVES = SKIPPED_WORDS | {"and"}
"""The lower-case words of an English name; a name with any other ("de", "y") is in another language."""


@dataclass(frozen=True, slots=True)
class Short:
    """What an abbreviation stands for: the name to look up and the kind of place it is."""

    name: str
    kind: str


def _initials(name: str) -> set[str]:
    """ "Democratic People's Republic of Korea" -> {"DPRK", "DPROK"}, "Trinidad and Tobago" -> {"T&T"}: the
    initials of a name of two words or more written in English, "of" and "the" left out or kept."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    if len(words) < 2 or not all(w.isascii() and (w[:1].isupper() or w in CONNECTIVES) for w in words):
        return set()
    return {
        "".join("&" if w == "and" else w[0].upper() for w in words if keep or w not in SKIPPED_WORDS)
        for keep in (False, True)
    }


@cache
def _countries() -> dict[str, str]:
    """Initials in vocab's country_initials -> the one country whose English names have them."""
    named: dict[str, set[str]] = defaultdict(set)
    for info in countryinfo.all_countries():
        data = info.info()
        if name := data.get("name"):
            spellings = {str(name), str(data.get("official_name") or ""), *map(str, data.get("altSpellings") or [])}
            for spelling in spellings:
                for initials in _initials(spelling) | ({spelling} if spelling.isupper() else set()):
                    named[initials].add(name)
    found: dict[str, str] = {}
    for entry in vocab.entries("country_initials"):
        names = named.get(entry.upper(), set())
        if len(names) != 1:
            raise vocab.VocabularyError(f"country_initials: {entry!r} names {len(names)} countries, not one")
        found[entry.upper()] = next(iter(names))
    return found


@cache
def _divisions() -> dict[str, tuple[str, str]]:
    """Code -> (first-level division name, country code) for CODED_DIVISIONS; a code two countries use ("WA")
    is left out."""
    named: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for country in CODED_DIVISIONS:
        for division in pycountry.subdivisions.get(country_code=country) or ():
            if division.parent_code is None:
                named[division.code.split("-", 1)[1]].add((division.name, country))
    return {code: next(iter(names)) for code, names in named.items() if len(names) == 1}


@cache
def _ap_states() -> dict[str, str]:
    states = [*us.states.STATES_AND_TERRITORIES, us.states.DC]
    return {s.ap_abbr: s.name for s in states if s.ap_abbr and s.ap_abbr.endswith(".")}


def load() -> None:
    """Read the countries' initials and the divisions' codes (countryinfo's, pycountry's and us' data) now,
    with the models (`geo.nlp.pipeline`), rather than in each worker on first use."""
    _countries()
    _divisions()
    _ap_states()


def state_named(text: str) -> str | None:
    """The state's name for its AP abbreviation, written exactly ("Wash." -> "Washington"), or None."""
    return _ap_states().get(text)


def abbreviated(text: str, after_place: bool = False) -> Short | None:
    """What `text` abbreviates, written exactly, or None. Anywhere: an AP state abbreviation, a country's
    initials, a division's code of three letters or more ("NSW") or dotted ("B.C.", outside the US, whose
    dotted forms are the AP's); after a place and a comma (`after_place`): a division's code in capitals
    ("Kelowna, BC", "Austin, TX"), or of three letters or more capitalised ("Toowoomba, Qld")."""
    if state := state_named(text):
        return Short(state, "admin1")
    if text in _countries():
        return Short(_countries()[text], "country")
    code = text.replace(".", "").upper()
    if code not in _divisions() or not code.isalpha():
        return None
    division, country = _divisions()[code]
    dotted = text == ".".join(code) + "." and country != "US"
    written = text == code or (len(code) >= 3 and text == code.title())
    if dotted or (written and (after_place or (len(code) >= 3 and text == code))):
        return Short(division, "admin1")
    return None

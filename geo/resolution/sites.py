"""Sites and districts no gazetteer row holds, placed at the place the text says holds them: "the X oil
terminal in Y", "Y's X Stadium", "the city's X district". Each gets its own id under the holder's
(`site_in_place`), so what hits the site is not said to hit the whole place."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer import Place
from geo.recognition.toponyms import Toponym
from geo.resolution.cues import DISTRICT_WORDS, FACILITY_WORDS, MARINE_WORDS
from geo.resolution.names import fold, lookup, name_match
from geo.resolution.ranking import GEOD, Resolution, site_in_place

SITE_GAP = re.compile(
    rf"(?:\s+(?P<facility>(?:[a-z-]+\s+){{0,2}}(?:{'|'.join(sorted(FACILITY_WORDS))})s?))?"
    r"(?:\s+(?:in|near|outside|at)\s+(?:the\s+(?:city|town|village|port|region)\s+of\s+)?(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)[a-z-]*\s+)?|,\s+)"
)
"""The words between a site's name and the place holding it: " oil terminal in ", " refinery near the town of ",
" in northern ", or a comma ("X Hospital, Y")."""
SITE_OWNER = re.compile(r"\s*['’]s\s+(?:the\s+)?")
"""The possessive between a place and a site it holds: "Y's X Stadium"."""
SITE_HOLDERS = frozenset({"city", "admin2", "admin1", "region", "country"})
SITE_NEAR_KM = 50.0
"""A site's name may contain its own town ("the X Neftegaz refinery near Y"): kept when this close to Y."""


def districts(toponyms: Sequence[Toponym], resolutions: list[Resolution]) -> list[Resolution]:
    """A city's district ("the city's X district") is placed at the city that owns it: the one named as
    its owner, or for "the city's", the last city named before it; never at the place it is named after. A
    district of a country or a region ("the X district of Russia") is resolved as any other name."""
    result = list(resolutions)
    for i, toponym in enumerate(toponyms):
        owner = toponym.district_of
        if not owner:
            continue
        cities = [
            (j, r.place)
            for j, r in enumerate(resolutions[:i])
            if r.place is not None
            and r.place.kind == "city"
            and (owner == "city" or fold(toponyms[j].text) == fold(owner))
        ]
        if not cities and owner != "city":
            named = lookup(owner, limit=1)
            if named and named[0].kind != "city":
                continue  # "the X district of Russia's Y Krai": a country's or a region's district, no city's
            cities = [(i, p) for p in lookup(owner, ("city",), 1)]
        text = toponym.text
        label = text if text.split()[-1].lower() in DISTRICT_WORDS else f"{text} district"
        if cities:
            city = cities[-1][1]
            result[i] = site_in_place(
                label,
                city,
                f"a district of {city.name}: placed at the city, not at a place named \u201c{toponym.text}\u201d",
            )
        else:
            result[i] = Resolution(
                None, 0.0, (), f"a district of a city the text does not name before it ({label})", True
            )
    return result


def _holds(container: Place, place: Place) -> bool:
    """The place lies in or beside the container: within SITE_NEAR_KM of a city or district, in a region's
    country, in the first-level division itself."""
    if container.kind in ("city", "admin2"):
        return GEOD.inv(container.lon, container.lat, place.lon, place.lat)[2] / 1000.0 <= SITE_NEAR_KM
    if container.kind == "admin1":
        return place.admin1 == container.name
    return container.country is None or place.country == container.country


def _holder(
    text: str, toponyms: Sequence[Toponym], sentences: Sequence[int], resolutions: Sequence[Resolution], i: int
) -> tuple[Place, str] | None:
    """The place the text says holds the i-th name, and the site's words: the next name of its sentence
    after "in", "near", "at" or a comma, past facility words ("X oil terminal in Y", "X Hospital, Y"), or the
    name before it owning it ("Y's X Stadium"). A bare name needs the words around it to call it a place;
    a sea lies in no place ("the Gulf, Qatar" is a list)."""
    toponym = toponyms[i]
    if set(toponym.text.lower().split()) & MARINE_WORDS:
        return None
    if i + 1 < len(toponyms) and sentences[i + 1] == sentences[i]:
        gap = SITE_GAP.fullmatch(text[toponym.end : toponyms[i + 1].start])
        if gap is not None and (gap["facility"] or toponym.placelike):
            holder = resolutions[i + 1].place
            label = f"{toponym.text} {gap['facility']}" if gap["facility"] else toponym.text
            return (holder, label) if holder is not None else None
    if i and sentences[i - 1] == sentences[i] and toponym.placelike:
        holder = resolutions[i - 1].place
        if holder is not None and SITE_OWNER.fullmatch(text[toponyms[i - 1].end : toponym.start]):
            return holder, toponym.text
    return None


def sites_in_places(
    text: str, toponyms: Sequence[Toponym], sentences: Sequence[int], resolutions: list[Resolution]
) -> list[Resolution]:
    """A named site no source holds, with the place that contains it beside it in its sentence ("the X oil
    terminal in Y", "the X chemical plant near Y", "X Avenue in Y", "Y's X Stadium"): placed at Y, under the
    site's own words, unless the place named inside the site's name lies in Y."""
    result = list(resolutions)
    for i, toponym in enumerate(toponyms):
        own = resolutions[i].place
        held = _holder(text, toponyms, sentences, resolutions, i)
        if held is None or (own is not None and _holds(held[0], own)):
            continue
        container, label = held
        guessed = resolutions[i].inner or (
            own is not None and label != toponym.text and name_match(toponym.text, own) == "alias"
        )
        if container.kind not in SITE_HOLDERS or (own is not None and not guessed):
            continue
        result[i] = site_in_place(
            label,
            container,
            f"no gazetteer entry is named \u201c{label}\u201d; placed at {container.name}, which the text says holds it",
        )
    return result

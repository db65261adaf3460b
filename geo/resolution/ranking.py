"""Choose the gazetteer entry for each toponym from the evidence in the document, and say why."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from pyproj import Geod

import gazetteer
from gazetteer import Place
from gazetteer.prior import AIRFIELD_SIZE, prior
from geo.resolution import cues
from geo.resolution.countries import countries
from geo.model import SITE_IN_PLACE, Candidate
from geo.resolution.names import admin_core, fold, inner_names, lookup, name_match, sounds_like, spelled_as

GEOD = Geod(ellps="WGS84")
CANDIDATES = 25
REVIEW_MARGIN = 0.75
"""A winner whose score beats the runner-up by less than this is flagged for review."""
NEAR_KM = 400.0
REGION_COUNTRY_SHARE = 0.5
"""A region across borders (an ocean, "the Middle East") is neither favoured nor ruled out by the article's
countries."""
BIG_CITY = 100_000
"""A region sharing its exact name with a city this large in its own country needs a cue ("Zhytomyr" is the
city, not the oblast); a same-named city abroad, however large, does not count."""
ALIAS_MIN_PRIOR = 0.5
"""An entry reached only through an alternate name or spelling variant must be at least this prominent."""
DOMINANCE_DECADES = 2.0
DOMINANT_MIN_POPULATION = 100_000
"""`dominant` is 1 for a place a hundred times as peopled as its next namesake, and only for one this large."""
HOME_PLACES = 2
"""Other places of the article in one first-level division that make it the article's home: a namesake there
is not outweighed by a larger one elsewhere."""
CONTAINED_MIN_PRIOR = 0.45
CONTAINED_ALONE_PRIOR = 0.55
"""With no country in the article to check it against, the place inside a longer name must be prominent:
"Ras Isa" is no town called Ras in India."""
CONTAINED_MIN_CONFIDENCE = 0.3
AIRFIELD_BESIDE_KM = 8.0
OUTSIDE_KM = 500.0
"""A place matched only through a spelling variant or an alternate name, in none of the countries the
article's other names give, and this far from every other place it resolved with confidence, is a far
namesake, not the place meant, however big ("Palmyra" beside Homs is no Palmira in Colombia): no point is the
honest answer."""
SMALL_FIELD_PRIOR = prior("airport", size=AIRFIELD_SIZE["small_airport"])
"""A civil airport no more prominent than this is named by its airfield word (`_bare_small_field`)."""
POINT_KINDS = frozenset({"city", "admin2", "airbase", "airport", "heliport", "port", "other"})
FIELD_KINDS = frozenset({"airbase", "airport"})

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
WEIGHTS: dict[str, float] = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["weights"]
"""Log-linear weights of the evidence, learned from GeoWebNews (`make ranker`, geo/evaluate/training.py; the
file also records how they were measured), never from the sample articles."""


@dataclass(frozen=True, slots=True)
class Query:
    """What the resolver knows about one toponym."""

    text: str
    sentence: int
    kinds: frozenset[str] = frozenset()
    sentence_kinds: frozenset[str] = frozenset()
    attacked: bool = False
    """An attack hits the name: a bare "X" hit may be the military air base named after a small place
    ("missiles hit Mozdok": the base, not the town beside it); never after a big city ("Odesa")."""
    reference: bool = False
    """The name only places something else ("north of X", "the base in X"): the kinds its sentence speaks
    of are not its own."""
    country: str = ""
    """ISO code of the country the text itself puts the name in ("Chile's X region"), or ""."""
    listed_kinds: frozenset[str] = frozenset()
    """Kinds of the places listed with it ("Iowa, Texas and X"): the items of one list are mostly of one kind."""


@dataclass(frozen=True, slots=True)
class Context:
    """Document-level evidence shared by all toponyms."""

    countries: dict[str, float] = field(default_factory=dict)
    """ISO code -> share of the article's country evidence, the most named country being 1."""
    admin1_document: frozenset[tuple[str, str]] = frozenset()
    """(core name of a first-level division or region the article names, folded text of the toponym naming it)."""
    admin1_by_sentence: dict[int, frozenset[tuple[str, str]]] = field(default_factory=dict)
    anchors: tuple[tuple[str, float, float], ...] = ()
    """(normalised toponym text, lat, lon) of confidently resolved places."""
    country_names: dict[str, frozenset[str]] = field(default_factory=dict)
    """ISO code -> the normalised texts of the toponyms that gave the country its evidence."""
    division_names: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    """(ISO code, core name of a first-level division) -> the normalised texts of the confidently resolved
    toponyms that lie in it or name it: the article's own state, even when it never names it."""


@dataclass(frozen=True, slots=True)
class Resolution:
    place: Place | None
    confidence: float
    candidates: tuple[Candidate, ...]
    why: str
    needs_review: bool
    inner: bool = False
    """Placed at the place a longer name contains ("Lake X" at X): a guess a holder named beside it beats."""


def candidates_for(query: Query) -> list[Place]:
    """Gazetteer entries under the name, plus those of the kinds the cues ask for; where there are none, those
    under another romanisation of a one-word name ("Makhmour" for Mexmur; one outside the article's countries
    or far from its places gets no point; "North Ossetia" is no romanisation of "North East"); none
    for a name made only of generic words ("Town Hall"), which would match any "City Hall Heliport"."""
    if cues.only_generic(query.text):
        return []
    found: dict[str, Place] = {p.id: p for p in lookup(query.text, limit=CANDIDATES)}
    for kinds in (query.kinds, query.sentence_kinds):
        if kinds:
            for place in lookup(query.text, kinds, limit=10):
                found.setdefault(place.id, place)
    if not found and len(query.text.split()) == 1:
        return list(sounds_like(query.text))
    return [
        p
        for p in found.values()
        if (p.prior >= ALIAS_MIN_PRIOR or name_match(query.text, p) != "alias") and not _bare_small_field(query, p)
    ]


def _bare_small_field(query: Query, place: Place) -> bool:
    """A small civil airport named without its airfield word ("Beryl" for Beryl Airport) where no cue speaks of
    airfields: such a bare name is a person's or a word ("Scout", "Easter"), not the field's. A helipad's name
    is its site's (a residence's or a hospital's helipad bears the site's name), so a bare name still finds it."""
    return (
        place.kind == "airport"
        and place.prior <= SMALL_FIELD_PRIOR
        and not (query.kinds | query.sentence_kinds) & cues.AIRFIELD_KINDS
        and name_match(query.text, place) == "core"
    )


def _nearby(places: Sequence[Place], text: str, all_anchors: Sequence[tuple[str, float, float]]) -> np.ndarray:
    """1 for a candidate right beside another place of the article, falling off over NEAR_KM."""
    key = fold(text)
    anchors = [(lat, lon) for name, lat, lon in all_anchors if name != key]
    if not anchors or not places:
        return np.zeros(len(places))
    lat = np.repeat([p.lat for p in places], len(anchors))
    lon = np.repeat([p.lon for p in places], len(anchors))
    alat = np.tile([a[0] for a in anchors], len(places))
    alon = np.tile([a[1] for a in anchors], len(places))
    _, _, dist = GEOD.inv(lon, lat, alon, alat)
    dist = np.asarray(dist).reshape(len(places), len(anchors)) / 1000.0
    return np.exp(-dist.min(axis=1) / NEAR_KM)


def _dominance(
    exact: Sequence[Place], query: Query, context: Context, others: dict[tuple[str, str], int]
) -> dict[str, float]:
    """For the most populous of the places named exactly so, how many times more people it holds than the
    next, on a log scale (1 for a hundred times): "London" is first of all the capital, not the towns named
    after it, and "Peru" the country. Only a large place counts ("the Atlantic" is no town of 7,000); and
    none when a kind word speaks, when an attack may mean an air base ("drones hit X" may be the base, not
    the city), or when a smaller namesake lies in a division the article names or where HOME_PLACES of its
    other places lie: local news names its own towns."""
    if query.kinds or query.attacked or (query.sentence_kinds and not query.reference):
        return {}
    peopled = sorted((p for p in exact if p.population), key=lambda p: -(p.population or 0))
    if len(peopled) < 2 or (peopled[0].population or 0) < DOMINANT_MIN_POPULATION:
        return {}
    if any(
        _named_by_another(admin_core(p.admin1 or ""), context.admin1_document, query)
        or others.get(division_of(p), 0) >= HOME_PLACES
        for p in peopled[1:]
    ):
        return {}
    first, second = peopled[0].population or 1, peopled[1].population or 1
    return {peopled[0].id: min(1.0, math.log10(first / second) / DOMINANCE_DECADES)}


def _features(
    place: Place,
    match: str,
    query: Query,
    context: Context,
    nearby: float,
    context_city: bool,
    dominance: float,
    division_share: float,
) -> dict[str, float]:
    """The evidence for one candidate; `match` is `name_match(query.text, place)`."""
    admin1 = admin_core(place.admin1) if place.admin1 else ""
    airfield_family = {"airbase", "airport", "heliport"}
    kind_cue = place.kind in query.kinds and (
        match != "alias" or (place.kind == "admin1" and admin_core(place.name) == admin_core(query.text))
    )
    airfield_named = (
        match == "core"
        and place.kind in airfield_family
        and bool(airfield_family & (query.kinds or (frozenset() if query.reference else query.sentence_kinds)))
    )
    return {
        "prior": place.prior,
        "kind_cue": float(kind_cue) - float(bool(query.kinds) and not kind_cue) * 0.5,
        "kind_family": float(
            not kind_cue and match != "alias" and place.kind in airfield_family and bool(airfield_family & query.kinds)
        ),
        "sentence_kind": float(
            not query.kinds
            and match != "alias"
            and not query.reference
            and (
                place.kind in query.sentence_kinds or (query.attacked and place.kind == "airbase" and not context_city)
            )
        ),
        "admin_uncued": float(place.kind == "admin1" and not query.kinds and match == "exact" and context_city),
        "admin1_sentence": float(_named_by_another(admin1, context.admin1_by_sentence.get(query.sentence, ()), query)),
        "admin1_document": float(_named_by_another(admin1, context.admin1_document, query)),
        "country": context.countries.get(place.country, 0.0) if place.country else REGION_COUNTRY_SHARE,
        "exact_name": float(match == "exact" or (match == "core" and place.kind == "region") or airfield_named),
        "nearby": nearby,
        "stated_country": (1.0 if place.country == query.country else -1.0) if query.country else 0.0,
        "list_kind": float(place.kind in query.listed_kinds and match != "alias"),
        "dominant": dominance,
        "admin1_share": division_share,
    }


def division_of(place: Place) -> tuple[str, str]:
    """(country, core name of the first-level division) the place lies in, or is."""
    return place.country or "", admin_core(place.name if place.kind == "admin1" else place.admin1 or "")


def _other_places_by_division(query: Query, context: Context) -> dict[tuple[str, str], int]:
    """How many of the article's places other than the query's name lie in each first-level division."""
    own = fold(query.text)
    return {key: len(names - {own}) for key, names in context.division_names.items()}


def _division_shares(
    places: Sequence[Place], exact: Sequence[Place], others: dict[tuple[str, str], int]
) -> list[float]:
    """For each candidate, how many of the article's other places lie in its first-level division (`others`),
    against the division that holds most: a local paper's Dublin is the one in the state its other towns are
    in. A town gets none where a country is named so: China, Texas, is no reading of "China" beside Texas
    towns."""
    most = max(others.values(), default=0)
    country_named = any(p.kind == "country" for p in exact)
    return [
        others.get(key, 0) / most
        if most and (key := division_of(p))[1] and not (country_named and p.kind != "admin1")
        else 0.0
        for p in places
    ]


def _named_by_another(admin1: str, named: Collection[tuple[str, str]], query: Query) -> bool:
    """The candidate's division is named by another toponym than the query itself: "the Red Sea", resolved
    once to a division of that name, is no evidence for that division."""
    own = fold(query.text)
    return bool(admin1) and any(core == admin1 and source != own for core, source in named)


def _describe(place: Place) -> str:
    where = ", ".join(x for x in (place.admin1, place.country) if x)
    return f"{place.name} ({place.kind}{', ' + where if where else ''})"


def _reason(feature: str, place: Place, query: Query) -> str:
    return {
        "prior": f"it is the more prominent place ({place.kind}"
        + (f", population {place.population:,}" if place.population else "")
        + ")",
        "kind_cue": f"the text calls it a{'n' if place.kind[0] in 'aeiou' else ''} {place.kind}",
        "kind_family": "the text speaks of an airfield",
        "sentence_kind": f"its sentence speaks of {'air bases' if place.kind == 'airbase' else place.kind + 's'}",
        "admin_uncued": "nothing calls it a region",
        "admin1_sentence": f"it lies in {place.admin1}, named in the same sentence",
        "admin1_document": f"it lies in {place.admin1}, named in the article",
        "country": f"the article is about its country ({place.country})",
        "exact_name": f"its name is exactly \u201c{query.text}\u201d",
        "nearby": "it lies near the other places of the article",
        "stated_country": f"the text puts it in {place.country}",
        "list_kind": f"it is a{'n' if place.kind[0] in 'aeiou' else ''} {place.kind} like the places listed with it",
        "dominant": "it is far larger than any other place of this name",
        "admin1_share": f"the article's other places lie in {place.name if place.kind == 'admin1' else place.admin1}",
    }[feature]


def _contained(query: Query, context: Context) -> Resolution | None:
    """For a name the gazetteer lacks ("Lake Constance", "Danube River"), the place named inside it,
    if it lies in a country the article speaks of, or is prominent where the article names none; a sea
    is not the coast named in it ("the Gulf of X" is not the port of X)."""
    if set(query.text.lower().split()) & cues.MARINE_WORDS:
        return None
    for inner in inner_names(query.text):
        if cues.only_generic(inner):
            continue
        cued = resolve(replace(query, text=inner), context) if query.kinds & cues.AIRFIELD_KINDS else None
        if (
            cued is not None
            and cued.place is not None
            and cued.place.kind in query.kinds
            and name_match(inner, cued.place) != "alias"
        ):
            found = cued
        else:
            found = resolve(replace(query, text=inner, kinds=frozenset()), context)
        in_article = found.place is not None and (
            found.place.country in context.countries
            or (not context.countries and found.place.prior >= CONTAINED_ALONE_PRIOR)
        )
        if found.place is not None and (
            found is cued
            or (
                in_article
                and (
                    name_match(inner, found.place) == "exact"
                    and found.place.prior >= CONTAINED_MIN_PRIOR
                    and found.confidence >= CONTAINED_MIN_CONFIDENCE
                )
            )
        ):
            why = f"no gazetteer entry is named \u201c{query.text}\u201d; placed at {_describe(found.place)}, the place its name contains"
            return Resolution(found.place, round(found.confidence / 2, 4), found.candidates, why, True, inner=True)
    return None


def _airfield_beside(query: Query, context: Context, places: Sequence[Place]) -> Resolution | None:
    """ "The X airfield" where no airfield is named X: an airfield is named after the place beside it
    (OurAirports names it after another village, or in another language), so the nearest field within
    AIRFIELD_BESIDE_KM of a place named X is meant; among several such places, the best ranked one."""
    kinds = query.kinds & FIELD_KINDS
    beside: dict[str, tuple[Place, float]] = {}
    for place in places:
        if place.kind in cues.AIRFIELD_KINDS:
            continue
        for field_place in gazetteer.nearest(place.lat, place.lon, kind=tuple(kinds), k=1):
            km = GEOD.inv(place.lon, place.lat, field_place.lon, field_place.lat)[2] / 1000.0
            if km <= AIRFIELD_BESIDE_KM:
                beside[place.id] = (field_place, km)
    if not beside:
        return None
    ranked = resolve(replace(query, kinds=frozenset()), context, [p for p in places if p.id in beside])
    town = ranked.place
    if town is None:
        return None
    field_place, km = beside[town.id]
    why = f"no airfield is named \u201c{query.text}\u201d; {field_place.name} lies {km:.0f} km from {_describe(town)}"
    return Resolution(field_place, round(ranked.confidence / 2, 4), ranked.candidates, why, True)


def site_in_place(label: str, container: Place, why: str) -> Resolution:
    """A site no source holds (a city's district, a named plant), placed at the place that contains it;
    its own id, so that what hits the site is not said to hit the whole place."""
    place = Place(
        id=f"{container.id}/{fold(label).replace(' ', '-')}",
        kind=SITE_IN_PLACE,
        name=f"{label}, {container.name}",
        country=container.country,
        admin1=container.admin1,
        population=None,
        lat=container.lat,
        lon=container.lon,
        prior=container.prior,
    )
    return Resolution(place, 0.5, (), why, True)


def _in_stated_country(query: Query) -> Resolution:
    """ "Chile's X region" where no region X lies in Chile: X is in Chile all the same, so it is placed
    there, never at an X of another country (a bare "Chile's X" keeps its only X, wherever it lies)."""
    country = next(iter(lookup(countries().names.get(query.country, query.country), ("country",), 1)), None)
    if country is None:
        return Resolution(None, 0.0, (), f"no entry named \u201c{query.text}\u201d lies in {query.country}", True)
    why = (
        f"no entry named \u201c{query.text}\u201d lies in {country.name}, where the text puts it: placed at the country"
    )
    return site_in_place(query.text, country, why)


def _named_countries(text: str, context: Context) -> set[str]:
    """The countries the article's names other than `text` give."""
    own = fold(text)
    return {c for c, texts in context.country_names.items() if texts - {own}}


def _outside(place: Place, text: str, context: Context) -> bool:
    """A place outside the article's geography: in none of the countries its other names give, and far from
    every other place it resolved with confidence."""
    named = _named_countries(text, context)
    if not named or place.kind not in POINT_KINDS or place.country in named:
        return False
    return _far(place, text, context)


def _far(place: Place, text: str, context: Context) -> bool:
    """More than OUTSIDE_KM from every other place the article resolved with confidence; an article with no
    such place gives no distance to judge by."""
    own = fold(text)
    if all(name == own for name, _, _ in context.anchors):
        return False
    return bool(_nearby([place], text, context.anchors)[0] < math.exp(-OUTSIDE_KM / NEAR_KM))


def resolve(query: Query, context: Context, among: Sequence[Place] | None = None) -> Resolution:
    """The best entry for the query (among `among` when given, else among the name's candidates)."""
    places = list(among) if among is not None else candidates_for(query)
    named_kind = query.kinds and any(p.kind in query.kinds for p in places)
    if places and query.kinds & FIELD_KINDS and not any(p.kind in FIELD_KINDS for p in places):
        beside = _airfield_beside(query, context, places)
        if beside is not None:
            return beside
    if not places or (
        query.kinds
        and not named_kind
        and (query.text.split()[-1].lower() in cues.GENERIC_WORDS or query.kinds & cues.AIRFIELD_KINDS)
    ):
        contained = _contained(query, context) if " " in query.text.strip() else None
        if contained or not places:
            return contained or Resolution(None, 0.0, (), f"no gazetteer entry is named \u201c{query.text}\u201d", True)
    near = _nearby(places, query.text, context.anchors)
    matches = [name_match(query.text, p) for p in places]
    exact = [p for p, m in zip(places, matches, strict=True) if m == "exact"]
    big_city_countries = {p.country for p in exact if p.kind == "city" and (p.population or 0) >= BIG_CITY}
    others = _other_places_by_division(query, context)
    dominance = _dominance(exact, query, context, others)
    shares = _division_shares(places, exact, others)
    scored = []
    for place, match, nearby, share in zip(places, matches, near, shares, strict=True):
        features = _features(
            place,
            match,
            query,
            context,
            float(nearby),
            place.country in big_city_countries,
            dominance.get(place.id, 0.0),
            share,
        )
        contributions = {k: WEIGHTS[k] * v for k, v in features.items()}
        scored.append((sum(contributions.values()), place, contributions))
    scored.sort(key=lambda s: (-s[0], -s[1].prior, s[1].id))
    top = max(s[0] for s in scored)
    weights = [math.exp(s[0] - top) for s in scored]
    total = sum(weights)
    candidates = tuple(
        Candidate(
            id=p.id,
            name=p.name,
            kind=p.kind,
            country=p.country,
            admin1=p.admin1,
            lat=p.lat,
            lon=p.lon,
            score=round(w / total, 4),
            evidence=tuple(f"{k} {v:+.2f}" for k, v in c.items() if v),
        )
        for (s, p, c), w in zip(scored[:10], weights[:10], strict=True)
    )
    best_score, best, best_c = scored[0]
    if query.country and best.country != query.country and query.kinds & cues.ADMIN_KINDS:
        return _in_stated_country(query)
    if not lookup(query.text, limit=CANDIDATES) and (
        best.country not in _named_countries(query.text, context) or _far(best, query.text, context)
    ):
        why = (
            f"no entry is named \u201c{query.text}\u201d; {_describe(best)} sounds alike but lies outside the "
            f"countries the article names or over {OUTSIDE_KM:.0f} km from its other places"
        )
        return Resolution(None, candidates[0].score, candidates, why, True)
    if not spelled_as(query.text, best) and _outside(best, query.text, context):
        named = ", ".join(sorted(_named_countries(query.text, context)))
        why = (
            f"no candidate lies in the countries the article names ({named}) or within {OUTSIDE_KM:.0f} km of "
            f"its other places; the best, {_describe(best)}, is a far namesake"
        )
        return Resolution(None, candidates[0].score, candidates, why, True)
    if len(scored) == 1:
        return Resolution(best, candidates[0].score, candidates, "the only gazetteer entry with this name", False)
    second_score, second, second_c = scored[1]
    gains = sorted(((best_c[k] - second_c[k], k) for k in best_c), reverse=True)
    decisive = [k for gain, k in gains if gain > 0.05]
    if "admin1_sentence" in decisive and "admin1_document" in decisive:
        decisive.remove("admin1_document")
    reasons = [_reason(k, best, query) for k in decisive][:3]
    why = f"preferred over {_describe(second)}: " + ("; ".join(reasons) if reasons else "equal evidence, higher prior")
    return Resolution(best, candidates[0].score, candidates, why, best_score - second_score < REVIEW_MARGIN)

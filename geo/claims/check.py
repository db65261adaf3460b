"""Check the distances an article claims against the WGS84 geodesic between the places it links them to."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pyproj import Geod

from geo.claims.borders import nearest_border_point
from geo.claims.extraction import HEDGE_RULES, KM_PER_UNIT, LESS, MORE, NEARLY, PLAIN, RANGE
from geo.model import ClaimCheck, DistanceClaim, ParsedDocument, PlaceMention
from geo.resolution.countries import countries

WGS84 = Geod(ellps="WGS84")
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})
"""Kinds whose coordinates are a representative point of an area, not the place a distance is measured to."""


@dataclass(frozen=True, slots=True)
class Tolerances:
    """The verdict rules' numbers; the defaults are issue 4's."""

    plain: float = 0.10
    """Plain or "about" numbers: consistent when |claimed - true| / true <= plain."""
    nearly_low: float = 0.85
    """"nearly" / "almost" / "just under": consistent when claimed x nearly_low <= true ..."""
    nearly_high: float = 1.02
    """... and true <= claimed x nearly_high."""
    more_than: float = 0.98
    """"more than" / "over" / "at least": consistent when true >= claimed x more_than."""
    less_than: float = 1.02
    """"less than" / "under" / "up to" / "within": consistent when true <= claimed x less_than."""
    range_margin: float = 0.02
    """A range "between a and b" is consistent when a x (1 - margin) <= true <= b x (1 + margin)."""
    direction_deg: float = 67.5
    """A stated direction ("east of X") holds when the true bearing from X is within this many degrees of it:
    the neighbouring compass points count ("east" for an east-north-east), the opposite ones do not."""


BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}


def compass(bearing: float) -> str:
    """The nearest of the eight compass points to a bearing in degrees."""
    return min(BEARINGS, key=lambda name: _angle(BEARINGS[name], bearing))


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def rule_for(claim: DistanceClaim) -> str:
    """The verdict rule of a claim: a range whenever it has an upper value, else the one its hedge selects."""
    if claim.claimed_km_high is not None:
        return RANGE
    return HEDGE_RULES.get(claim.hedge.lower() if claim.hedge else None, PLAIN)


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """WGS84 geodesic distance in km between two points given in degrees."""
    return float(geodesic_km_many([lat1], [lon1], [lat2], [lon2])[0])


def geodesic_km_many(
    lat1: Sequence[float], lon1: Sequence[float], lat2: Sequence[float], lon2: Sequence[float]
) -> np.ndarray:
    """Vectorised `geodesic_km` over equally long coordinate sequences."""
    if not len(lat1):
        return np.zeros(0)
    _, _, metres = WGS84.inv(
        np.asarray(lon1, float), np.asarray(lat1, float), np.asarray(lon2, float), np.asarray(lat2, float)
    )
    return np.asarray(metres, float) / 1000.0


def _bearings(ends: Sequence[tuple[tuple[float, float], tuple[float, float]]]) -> list[float]:
    """The bearing (degrees from north) from each claim's origin to its subject, on the WGS84 ellipsoid."""
    if not ends:
        return []
    bearing, _, _ = WGS84.inv(
        np.asarray([o[1] for _, o in ends], float),
        np.asarray([o[0] for _, o in ends], float),
        np.asarray([s[1] for s, _ in ends], float),
        np.asarray([s[0] for s, _ in ends], float),
    )
    return [float(b) % 360.0 for b in np.atleast_1d(bearing)]


def shown_distance(distance: float) -> int:
    """The one rounding of every distance shown (reasons, tables, tooltips, GeoJSON properties): whole
    kilometres (or miles), halves up, so that 4,836.5 km reads 4,837 km everywhere."""
    return math.floor(distance + 0.5)


def claimed_text(claim: DistanceClaim) -> str:
    """The claim as the article states it: "nearly 5,000 km", "between 700–800 km"."""
    value = f"{claim.value:,g}" + (f"–{claim.value_high:,g}" if claim.value_high is not None else "")
    return " ".join(filter(None, (claim.hedge, value, claim.unit)))


def _not_a_point(role: str, mention: PlaceMention | None, origin_text: str | None = None) -> str | None:
    """Why one end of a claim cannot be measured to, or None when it is a resolved point."""
    if mention is None:
        if role == "origin" and origin_text:
            return f"origin '{origin_text}' is not a point"
        if role == "origin" and origin_text == "":
            return "origin is implied, not named"
        return f"no {role} place found"
    if not mention.resolved:
        return f"{role} '{mention.text}' is not resolved"
    if mention.kind in AREA_KINDS:
        return f"{role} '{mention.text}' is an area ({mention.kind}), not a point"
    return None


def border_name(codes: tuple[str, ...]) -> str:
    """ "Ukraine's border", "Ukraine's border with Russia"."""
    names = [countries().names.get(code, code) for code in codes]
    return f"{names[0]}'s border" + "".join(f" with {name}" for name in names[1:])


def _ends(
    claim: DistanceClaim,
) -> tuple[tuple[tuple[float, float], tuple[float, float]] | None, str | None]:
    """The (subject, origin) points a claim is measured between, the origin of a border claim being the
    border's nearest point (`geo.claims.borders`); or why it cannot be measured."""
    reason = _not_a_point("subject", claim.subject)
    if claim.border:
        subject = claim.subject.point if claim.subject is not None and reason is None else None
        country = claim.subject.country if claim.subject is not None else None
        near = nearest_border_point(*subject, claim.border, country) if subject is not None else None
        if subject is None or near is None:
            return None, reason or f"{border_name(claim.border)}: no outline to measure to"
        return (subject, near), None
    reason = reason or _not_a_point("origin", claim.origin, claim.origin_text)
    points = claim.points
    if reason is None and points is not None and points[0] == points[1]:
        reason = "subject and origin are the same place"
    return (points if reason is None else None), reason


def _judge(claim: DistanceClaim, true_km: float, bearing: float, tol: Tolerances) -> tuple[str, str]:
    """(verdict, reason) of a claim whose geodesic is `true_km`, from the origin at `bearing` degrees."""
    claimed, high = claim.claimed_km, claim.claimed_km_high
    rule = rule_for(claim)
    if rule == RANGE and high is not None:
        low, top = claimed * (1 - tol.range_margin), high * (1 + tol.range_margin)
        ok, why = (
            low <= true_km <= top,
            f"range widened by {tol.range_margin:.0%}: {shown_distance(low):,}–{shown_distance(top):,} km",
        )
    elif rule == NEARLY:
        low, top = claimed * tol.nearly_low, claimed * tol.nearly_high
        ok, why = low <= true_km <= top, f"'{claim.hedge}' allows {shown_distance(low):,}–{shown_distance(top):,} km"
    elif rule == MORE:
        low = claimed * tol.more_than
        ok, why = true_km >= low, f"'{claim.hedge}' needs at least {shown_distance(low):,} km"
    elif rule == LESS:
        top = claimed * tol.less_than
        ok, why = true_km <= top, f"'{claim.hedge}' allows at most {shown_distance(top):,} km"
    else:
        ok = abs(claimed - true_km) / true_km <= tol.plain
        why = f"{'plain number' if claim.hedge is None else repr(claim.hedge)} allows ±{tol.plain:.0%}"
    true = f"true {shown_distance(true_km):,} km"
    if claim.unit != "km":
        true = (
            f"true {shown_distance(true_km / KM_PER_UNIT[claim.unit]):,} {claim.unit} ({shown_distance(true_km):,} km)"
        )
    origin = claim.origin.text if claim.origin else "the origin"
    if claim.border:
        origin = border_name(claim.border)
        true = f"{true} to the nearest point of {origin}"
    if claim.direction and _angle(BEARINGS[claim.direction], bearing) > tol.direction_deg:
        where = f"it lies {compass(bearing)} of {origin}"
        return "inconsistent", f"{true}; {where}, not {claim.direction}"
    return ("consistent" if ok else "inconsistent"), f"{true}; {why}"


def check_claims(doc: ParsedDocument, tolerances: Tolerances = Tolerances()) -> tuple[ClaimCheck, ...]:
    """One ClaimCheck per claim of `doc`, in order; geodesics of all measurable claims computed at once.

    deviation_pct = (computed - claimed) / claimed x 100, with a range's midpoint as the claimed value:
    negative when the true distance is shorter than the article says ("claimed 781 km, computed 770 km (-1.5 %)")."""
    measurable: list[int] = []
    ends: list[tuple[tuple[float, float], tuple[float, float]]] = []
    reasons: dict[int, str] = {}
    for i, claim in enumerate(doc.claims):
        points, reason = _ends(claim)
        if reason is not None:
            reasons[i] = reason
        elif points is not None:
            measurable.append(i)
            ends.append(points)
    km = geodesic_km_many(
        [s[0] for s, _ in ends], [s[1] for s, _ in ends], [o[0] for _, o in ends], [o[1] for _, o in ends]
    )
    computed = dict(zip(measurable, km.tolist(), strict=True))
    bearings = dict(zip(measurable, _bearings(ends), strict=True))
    checks = []
    for i, claim in enumerate(doc.claims):
        if i not in computed:
            checks.append(ClaimCheck(claim, None, None, "unverifiable", reasons[i], doc.document))
            continue
        true_km = computed[i]
        claimed = claim.claimed_km if claim.claimed_km_high is None else (claim.claimed_km + claim.claimed_km_high) / 2
        verdict, reason = _judge(claim, true_km, bearings[i], tolerances)
        checks.append(ClaimCheck(claim, true_km, (true_km - claimed) / claimed * 100, verdict, reason, doc.document))
    return tuple(checks)

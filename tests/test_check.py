"""Distance checking: WGS84 geodesics and the verdict rules, on claims built from real coordinates."""

from __future__ import annotations

import dataclasses

import pytest
import shapely
from geopy.distance import geodesic

import geo
from geo.claims.borders import nearest_border_point, shared_border
from geo.claims.check import HEDGE_RULES, Tolerances, check_claims, claimed_text, geodesic_km, rule_for
from geo.model import DistanceClaim, ParsedDocument, PlaceMention

KYIV = (50.4547, 30.5238)
BELAYA = (52.915, 103.575)
DYAGILEVO = (54.642284, 39.569047)
MI = 1.609344


def mention(text: str, at: tuple[float, float] | None, kind: str = "airbase", id: str | None = None) -> PlaceMention:
    lat, lon = at if at else (None, None)
    return PlaceMention(
        text=text,
        start=0,
        end=len(text),
        id=(id or f"test:{text}") if at else None,
        name=text if at else None,
        kind=kind if at else None,
        lat=lat,
        lon=lon,
        country=None,
        admin1=None,
        confidence=1.0,
        role="mention",
        attacker=None,
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
    )


def claim(
    value: float,
    subject: PlaceMention | None,
    origin: PlaceMention | None,
    hedge: str | None = None,
    unit: str = "km",
    high: float | None = None,
    origin_text: str | None = None,
) -> DistanceClaim:
    per = {"km": 1.0, "mi": MI}[unit]
    return DistanceClaim(
        value=value,
        value_high=high,
        unit=unit,
        hedge=hedge,
        claimed_km=value * per,
        claimed_km_high=high * per if high is not None else None,
        subject=subject,
        origin=origin,
        origin_text=origin_text,
        text="",
        start=0,
        end=0,
        sentence="",
        sentence_start=0,
        sentence_end=0,
    )


def check(*claims: DistanceClaim, tolerances: Tolerances = Tolerances()):
    return check_claims(ParsedDocument("doc.txt", "", claims=claims), tolerances)


KYIV_M = mention("Kyiv", KYIV, "city")
BELAYA_M = mention("Belaya", BELAYA)
DYAGILEVO_M = mention("Dyagilevo", DYAGILEVO)


def test_geodesics_match_the_issue_and_geopy():
    assert geodesic_km(*KYIV, *BELAYA) == pytest.approx(4836, abs=5)
    assert geodesic_km(*KYIV, *DYAGILEVO) == pytest.approx(770, abs=2)
    assert geodesic_km(*KYIV, *BELAYA) == pytest.approx(geodesic(KYIV, BELAYA).km, rel=1e-9)
    assert geodesic_km(0, 179.5, 0, -179.5) == pytest.approx(geodesic((0, 179.5), (0, -179.5)).km, rel=1e-9)


def test_sample_claims_are_consistent_with_deviation_and_document():
    checks = check(
        claim(5000, BELAYA_M, KYIV_M, "nearly"),
        claim(3100, BELAYA_M, KYIV_M, "nearly", "mi"),
        claim(781, DYAGILEVO_M, KYIV_M),
    )
    assert [c.verdict for c in checks] == ["consistent"] * 3
    assert checks[0].computed_km == pytest.approx(4836.5, abs=0.5)
    assert checks[1].computed_km / MI == pytest.approx(3005, abs=1)
    assert checks[2].deviation_pct == pytest.approx((checks[2].computed_km - 781) / 781 * 100)
    assert all(c.document == "doc.txt" for c in checks)


def test_false_distance_is_inconsistent():
    (c,) = check(claim(300, DYAGILEVO_M, KYIV_M))
    assert c.verdict == "inconsistent" and c.deviation_pct == pytest.approx(156.5, abs=1)
    assert "10%" in c.reason


@pytest.mark.parametrize(
    ("hedge", "value", "verdict"),
    [
        (None, 700, "consistent"),
        (None, 690, "inconsistent"),
        ("about", 846, "consistent"),
        ("about", 850, "inconsistent"),
        ("nearly", 800, "consistent"),
        ("nearly", 760, "consistent"),
        ("nearly", 750, "inconsistent"),
        ("almost", 905, "consistent"),
        ("almost", 906, "inconsistent"),
        ("just under", 780, "consistent"),
        ("more than", 700, "consistent"),
        ("more than", 785, "consistent"),
        ("over", 790, "inconsistent"),
        ("at least", 1000, "inconsistent"),
        ("less than", 800, "consistent"),
        ("under", 755, "consistent"),
        ("up to", 740, "inconsistent"),
        ("within", 500, "inconsistent"),
    ],
)
def test_hedge_rules_at_their_edges(hedge, value, verdict):
    # true distance is ~769.49 km
    (c,) = check(claim(value, DYAGILEVO_M, KYIV_M, hedge))
    assert c.verdict == verdict, c.reason


def test_ranges_are_widened_by_two_percent():
    in_range, widened, outside = check(
        claim(700, DYAGILEVO_M, KYIV_M, "between", high=800),
        claim(600, DYAGILEVO_M, KYIV_M, "between", high=760),
        claim(600, DYAGILEVO_M, KYIV_M, "between", high=750),
    )
    assert (in_range.verdict, widened.verdict, outside.verdict) == ("consistent", "consistent", "inconsistent")
    assert in_range.deviation_pct == pytest.approx((in_range.computed_km - 750) / 750 * 100)
    assert rule_for(claim(1, None, None, None, high=2)) == "range"


def test_tolerances_are_configurable():
    loose = Tolerances(plain=0.7)
    assert check(claim(300, DYAGILEVO_M, KYIV_M), tolerances=loose)[0].verdict == "consistent"
    assert (
        check(claim(760, DYAGILEVO_M, KYIV_M, "nearly"), tolerances=Tolerances(nearly_high=0.99))[0].verdict
        == "inconsistent"
    )
    assert all(isinstance(f.default, float) for f in dataclasses.fields(Tolerances))


def test_unverifiable_claims_say_why():
    front = claim(600, DYAGILEVO_M, None, "some", origin_text="the front line")
    away = claim(1000, DYAGILEVO_M, None, "about", "mi", origin_text="")
    unresolved = claim(781, mention("Xyzzy", None), KYIV_M)
    region = claim(500, DYAGILEVO_M, mention("Irkutsk region", BELAYA, "admin1"))
    same = claim(10, mention("Kyiv", KYIV, "city", "a"), mention("Kiev", KYIV, "city", "a"))
    no_subject = claim(781, None, KYIV_M)
    checks = check(front, away, unresolved, region, same, no_subject)
    assert [c.verdict for c in checks] == ["unverifiable"] * 6
    assert [c.computed_km for c in checks] == [None] * 6 and [c.deviation_pct for c in checks] == [None] * 6
    assert [c.reason for c in checks] == [
        "origin 'the front line' is not a point",
        "origin is implied, not named",
        "subject 'Xyzzy' is not resolved",
        "origin 'Irkutsk region' is an area (admin1), not a point",
        "subject and origin are the same place",
        "no subject place found",
    ]


def test_many_claims_keep_their_order_and_empty_document_gives_none():
    claims = [
        claim(781, DYAGILEVO_M, KYIV_M),
        claim(600, DYAGILEVO_M, None, origin_text="x"),
        claim(5000, BELAYA_M, KYIV_M, "nearly"),
    ]
    checks = check(*claims)
    assert [c.claim for c in checks] == claims
    assert checks[2].computed_km == pytest.approx(geodesic_km(*BELAYA, *KYIV))
    assert check() == ()


def test_hedges_and_claimed_text():
    assert {HEDGE_RULES[h] for h in ("about", "around", "roughly", "some", "approximately", None)} == {"plain"}
    assert claimed_text(claim(5000, None, None, "nearly")) == "nearly 5,000 km"
    assert claimed_text(claim(700, None, None, "between", high=800)) == "between 700–800 km"
    assert claimed_text(claim(3100, None, None, None, "mi")) == "3,100 mi"


def test_a_stated_direction_is_checked_with_the_distance():
    (wrong,) = geo.check_claims(geo.parse("Lviv, about 470 km east of Kyiv, was hit overnight."))
    assert wrong.verdict == "inconsistent" and "lies west of Kyiv, not east" in wrong.reason
    (right,) = geo.check_claims(geo.parse("Lviv, about 470 km west of Kyiv, was hit overnight."))
    assert right.verdict == "consistent"


def test_a_miles_claim_is_judged_in_miles_with_the_kilometres_beside():
    (c,) = geo.check_claims(geo.parse("Lviv, some 290 miles west of Kyiv, was hit overnight."))
    assert c.verdict == "consistent" and c.reason.startswith("true 292 mi (470 km);")


@pytest.mark.parametrize(
    ("text", "verdict", "reason"),
    [
        ("Kharkiv, 30 km from the Russian border, was shelled.", "consistent", "true 33 km to the nearest point"),
        ("Lutsk, 200 km from the Polish border, was hit.", "inconsistent", "true 86 km to the nearest point"),
        ("Drones hit Engels, some 480 km from the border with Ukraine.", "consistent", "true 473 km"),
        # a place in a neighbour is measured to the stretch the two share, named or not
        ("Drones hit Pskov, about 500 km from Ukraine's border with Russia.", "inconsistent", "with Russia;"),
        ("Drones hit Pskov, about 650 km from the Ukrainian border.", "consistent", "true 663 km"),
        # a place inside the country is measured to its land border, not its coast
        ("Drones hit Odesa, 50 km from the Ukrainian border.", "consistent", "true 48 km"),
        ("Drones hit Engels, about 470 km west of the Ukrainian border.", "inconsistent", "northeast of Ukraine's"),
        ("Drones hit Lutsk, 90 km from the border.", "unverifiable", "origin 'border' is not a point"),
    ],
)
def test_a_distance_from_a_named_country_s_border_is_checked(text, verdict, reason):
    (c,) = geo.check_claims(geo.parse(text))
    assert c.verdict == verdict and reason in c.reason


def test_the_nearest_border_point_is_the_nearest_of_the_border_s_vertices():
    """The projection's nearest point, against a brute force over every vertex of Russia's border with
    Ukraine measured on the ellipsoid by geopy: no vertex is nearer, and the nearest is within a vertex
    spacing of it."""
    kharkiv = (49.9935, 36.2304)
    near = nearest_border_point(*kharkiv, ("UA", "RU"))
    assert near is not None
    found = geodesic(kharkiv, near).km
    vertices = shapely.get_coordinates(shared_border("UA", "RU"))
    nearest_vertex = min(geodesic(kharkiv, (lat, lon)).km for lon, lat in vertices)
    assert found <= nearest_vertex + 1e-6 and nearest_vertex - found < 2.0
    assert 25 < found < 40


def test_a_border_claim_draws_no_line_to_the_country_s_centre():
    (c,) = geo.check_claims(geo.parse("Drones hit Engels, some 480 km from the border with Ukraine."))
    assert c.claim.origin is not None and c.claim.origin.point is not None
    assert c.claim.points is None and geo.claim_line(c) is None

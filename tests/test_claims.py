"""Distance-claim extraction: forms news uses, and robustness against any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo
from geo.claims.extraction import extract


def claims(text: str):
    return geo.parse(text).claims


def test_hedged_claim_with_parenthetical_restatement():
    found = claims(
        "Among the sites hit was the Belaya air base, located in Russia's Irkutsk region, "
        "nearly 5,000 kilometers (3,100 miles) from Kyiv."
    )
    assert [(c.value, c.unit, c.hedge) for c in found] == [(5000, "km", "nearly"), (3100, "mi", "nearly")]
    for c in found:
        assert c.subject.text == "Belaya" and c.origin.text == "Kyiv"
    assert abs(found[1].claimed_km - 3100 * 1.609344) < 1e-6


def test_list_with_origin_stated_once():
    found = claims(
        "The other air bases struck include Dyagilevo (781 km from Kyiv), Ivanovo (1,017 km), and Olenya (1,982 km)."
    )
    assert [(c.subject.text, c.value, c.origin.text) for c in found] == [
        ("Dyagilevo", 781, "Kyiv"),
        ("Ivanovo", 1017, "Kyiv"),
        ("Olenya", 1982, "Kyiv"),
    ]


def test_origin_that_is_not_a_point_is_kept_with_its_words():
    (c,) = claims("The depot in Bryansk is some 600 km from the front line.")
    assert c.hedge == "some" and c.origin is None and c.origin_text == "front line"
    (c,) = claims("Drones struck a refinery in Ryazan, about 1,000 miles away.")
    assert c.origin is None and c.origin_text == "" and c.subject.text == "Ryazan"


def test_ranges_decimals_and_attached_units():
    (c,) = claims("Kursk lies between 700 and 800 km from Kharkiv.")
    assert (c.value, c.value_high, c.hedge) == (700, 800, "between")
    (c,) = claims("Belgorod is 80.5km from Kharkiv.")
    assert c.value == 80.5 and c.unit == "km"
    (c,) = claims("Sevastopol is about 170 nautical miles from Odesa.")
    assert c.unit == "nmi" and abs(c.claimed_km - 170 * 1.852) < 1e-6


def test_quantities_that_are_not_distances_between_places_are_ignored():
    assert claims("The convoy stretched 40 km. A 1,500-km range missile was shown in Moscow.") == ()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("0123456789,. ()kmiles from nearlyabout-–\n")), max_size=200))
def test_extractor_never_crashes_on_adversarial_text(text):
    sentences = [(0, len(text))]
    for draft in extract(text, sentences, [], []):
        assert 0 <= draft.start <= draft.end <= len(text)
        assert draft.value >= 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_extractor_never_crashes_on_random_text(text):
    spans = [(0, min(3, len(text)))] if text else []
    extract(text, [(0, len(text))], spans, [None] * len(spans))


def test_an_earlier_claims_origin_is_not_the_next_claims_subject():
    found = claims(
        "Engels air base, some 730 km (450 miles) from Moscow and 600 km from the front line, was hit again."
    )
    assert [(c.subject.text, c.origin.text if c.origin else c.origin_text) for c in found] == [
        ("Engels", "Moscow"),
        ("Engels", "Moscow"),
        ("Engels", "front line"),
    ]


def test_subjects_named_before_a_facility_word_or_a_locative_verb():
    (c,) = claims("Ukrainian drones struck the Tuapse refinery, roughly 1,400 km from Ukrainian-controlled territory.")
    assert c.subject.text == "Tuapse" and c.subject.role == "strike_target"
    (c,) = claims("Sumy lies just 30 km from the Russian border.")
    assert c.subject.text == "Sumy" and c.origin_text == "Russian border"


def test_origins_named_by_direction_by_city_of_or_as_a_capital():
    (c,) = claims("Belgorod lies about 70 km to the north of Kharkiv.")
    assert (c.subject.text, c.origin.text, c.hedge) == ("Belgorod", "Kharkiv", "about")
    (c,) = claims("The depot in Bryansk is 120 km from the city of Kursk.")
    assert c.origin.text == "Kursk"
    (c,) = claims("The refinery in Ryazan, about 180 km from the Russian capital, was hit.")
    assert c.subject.text == "Ryazan" and c.origin.name == "Moscow"


def test_an_origin_named_after_common_words_is_that_place():
    (c,) = claims("Missiles hit Bila Tserkva, about 80 km south of the capital Kyiv, overnight.")
    assert (c.subject.text, c.origin.text, c.origin_text) == ("Bila Tserkva", "Kyiv", None)
    (d,) = claims("Drones hit Chuhuiv, 40 km from the regional centre Kharkiv.")
    assert d.origin.text == "Kharkiv"


def test_a_place_named_after_its_kind_of_is_the_claims_subject_not_the_region_before_it():
    (c,) = claims("Drones struck a depot in the Black Sea port of Tuapse, about 110 km south of Krasnodar.")
    assert (c.subject.text, c.origin.text) == ("Tuapse", "Krasnodar")


@pytest.mark.parametrize(
    ("text", "border"),
    [
        ("Engels lies about 600 km from the Ukrainian border.", ("UA",)),
        ("Engels lies about 600 km from Ukraine's border.", ("UA",)),
        ("Engels lies about 600 km from the border with Ukraine.", ("UA",)),
        ("Engels lies about 600 km from Ukraine's border with Russia.", ("UA", "RU")),
        ("Baalbek lies some 100 km from the Israel-Lebanon border.", ("IL", "LB")),
        ("Engels lies about 600 km from the border.", ()),
        ("Engels lies about 600 km from the front line.", ()),
    ],
)
def test_a_claim_from_a_country_s_border_names_the_country(text, border):
    (c,) = claims(text)
    assert c.border == border

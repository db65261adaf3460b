"""The geoparser on the sample articles: the acceptance table of the geoparser issue, by general rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyproj import Geod

import geo
from geo.model import ParsedDocument, PlaceMention
from geo.resolution.cues import LAND_NOUNS

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
GEOD = Geod(ellps="WGS84")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000


@pytest.fixture(scope="module")
def docs() -> dict[str, ParsedDocument]:
    paths = sorted(ARTICLES.glob("*.txt"))
    items = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    return {d.document: d for d in geo.parse_many(items)}


def mentions(docs: dict[str, ParsedDocument], text: str) -> list[PlaceMention]:
    return [m for d in docs.values() for m in d.places if m.text == text]


@pytest.mark.parametrize(
    ("text", "lat", "lon", "kind"),
    [
        ("Olenya", 68.152, 33.464, "airbase"),
        ("Belaya", 52.915, 103.575, "airbase"),
        ("Dyagilevo", 54.642, 39.569, "airbase"),
        ("Ivanovo", 57.058, 40.982, "airbase"),
    ],
)
def test_air_bases_resolve_and_are_strike_targets(docs, text, lat, lon, kind):
    found = mentions(docs, text)
    assert found, f"{text} not recognised"
    for m in found:
        assert m.kind == kind
        assert km(m.lat, m.lon, lat, lon) < 10
        assert m.role == "strike_target"
        assert m.id.startswith("ourairports:")


def test_belaya_is_the_air_base_not_the_kursk_village(docs):
    (belaya,) = mentions(docs, "Belaya")
    assert belaya.id == "ourairports:UIIB"
    assert belaya.admin1 and "Irkutsk" in belaya.admin1
    assert any(c.id != belaya.id for c in belaya.candidates), "runner-up candidates are kept"


def test_kharkiv_is_struck_by_russia(docs):
    found = mentions(docs, "Kharkiv")
    assert found
    assert all(km(m.lat, m.lon, 49.98, 36.25) < 10 for m in found)
    struck = [m for m in found if m.role == "strike_target"]
    assert struck and all(m.attacker == "Russia" for m in struck)


def test_kyiv_is_an_origin_when_distances_are_measured_from_it(docs):
    found = mentions(docs, "Kyiv") + mentions(docs, "Kiev")
    assert len(found) >= 8
    origins = {id(c.origin) for d in docs.values() for c in d.claims if c.origin is not None}
    for m in found:
        assert km(m.lat, m.lon, 50.45, 30.52) < 10
        assert m.role == ("origin" if id(m) in origins else "mention"), m.sentence
    assert any(m.role == "origin" for m in found)


@pytest.mark.parametrize(
    ("text", "lat", "lon"), [("Istanbul", 41.01, 28.95), ("Moscow", 55.75, 37.62), ("Novo-Ogaryovo", 55.73, 37.23)]
)
def test_places_only_mentioned_are_never_targets(docs, text, lat, lon):
    found = mentions(docs, text)
    assert found
    for m in found:
        assert m.role == "mention"
        assert km(m.lat, m.lon, lat, lon) < 10


@pytest.mark.parametrize("text", ["Bryansk", "Kursk"])
def test_railway_sabotage_regions_are_targets(docs, text):
    (m,) = mentions(docs, text)
    assert m.kind == "admin1" and m.country == "RU"
    assert m.name.startswith(text)
    assert m.role == "strike_target"


def test_demonyms_name_their_country_only_before_a_noun_of_land(docs):
    """ "Russian territory" speaks of Russia's land; "Ukrainian drones" and "Russian President" name no place."""
    found = mentions(docs, "Russian") + mentions(docs, "Ukrainian")
    assert found and {m.text for m in found} == {"Russian"}
    for d in docs.values():
        for m in d.places:
            if m.text in ("Russian", "Ukrainian"):
                assert d.text[m.end :].split()[0].strip(".,") in LAND_NOUNS
                assert (m.name, m.kind, m.role) == ("Russia", "country", "mention")


def test_offsets_point_into_the_original_text(docs):
    for d in docs.values():
        for m in d.places:
            assert d.text[m.start : m.end] == m.text
            assert d.text[m.sentence_start : m.sentence_end] == m.sentence
            assert m.sentence_start <= m.start < m.end <= m.sentence_end


def test_every_mention_explains_its_choice(docs):
    for d in docs.values():
        for m in d.places:
            assert m.why
            if m.resolved:
                assert m.candidates and m.candidates[0].id == m.id
                assert 0 < m.confidence <= 1


def test_parse_is_deterministic(docs):
    name, doc = next(iter(docs.items()))
    assert geo.parse(doc.text, name) == doc


def test_metonymic_capital_is_no_target():
    doc = geo.parse("Moscow has not verified the claims. Ukrainian drones struck an oil refinery in Ryazan.")
    by_text = {m.text: m for m in doc.places}
    assert by_text["Moscow"].role == "mention"
    assert by_text["Ryazan"].role == "strike_target"
    assert by_text["Ryazan"].attacker == "Ukraine"


def test_other_articles_work_the_same_way():
    doc = geo.parse(
        "Russian missiles hit the port of Odesa overnight, officials said. "
        "Ukrainian drones later attacked Engels air base in the Saratov region, about 700 km from Kharkiv."
    )
    by_text = {m.text: m for m in doc.places}
    assert by_text["Odesa"].role == "strike_target" and by_text["Odesa"].attacker == "Russia"
    assert km(by_text["Odesa"].lat, by_text["Odesa"].lon, 46.48, 30.73) < 15
    assert by_text["Engels"].kind == "airbase" and by_text["Engels"].role == "strike_target"
    assert by_text["Kharkiv"].role == "origin"


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        (
            "A court in New York ruled that the murals in Brooklyn were protected, and a consultant from London"
            " said the ruling would be read across the United States.",
            "London",
            51.51,
            -0.13,
        ),
        ("Ohio officials said prices rose in Texas and in Peru last year.", "Peru", -10.0, -76.0),
    ],
)
def test_a_place_far_larger_than_its_namesakes_wins_in_an_article_about_their_country(text, name, lat, lon):
    (place,) = [m for m in geo.parse(text).places if m.text == name]
    assert km(place.lat, place.lon, lat, lon) < 300


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01"])
def test_empty_or_blank_text_gives_an_empty_result(text):
    assert geo.parse(text).places == ()


def test_huge_text_is_chunked_and_offsets_stay_right():
    paragraph = (ARTICLES / "001_b0afaa8d746288aa.txt").read_text(encoding="utf-8")
    text = "\n".join([paragraph] * 40)
    doc = geo.parse(text)
    assert len([m for m in doc.places if m.text == "Belaya"]) == 40
    assert all(text[m.start : m.end] == m.text for m in doc.places)


def test_unresolvable_names_are_reported_not_dropped():
    doc = geo.parse("Explosions were heard near the Zwyrtplotz refinery, officials said.")
    (m,) = [m for m in doc.places if m.text == "Zwyrtplotz"]
    assert m.id is None and m.lat is None and m.why


def roles(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.role, m.attacker) for m in geo.parse(text).places}


def test_attacker_is_the_subject_of_the_sentence():
    assert roles("Russia launched 90 drones at Ukraine overnight, targeting energy infrastructure in the Lviv region.")[
        "Lviv"
    ] == ("strike_target", "Russia")
    assert roles("Ukraine says it hit a Russian oil depot in Feodosia overnight.")["Feodosia"] == (
        "strike_target",
        "Ukraine",
    )


def test_country_around_a_target_is_only_mentioned():
    found = roles("Israeli jets bombed the port of Hodeidah in Yemen on Tuesday.")
    assert found["Yemen"] == ("mention", None)
    assert found["Hodeidah"] == ("strike_target", "Israel")


def test_every_launch_site_of_a_list_is_only_mentioned():
    found = roles("The drones were launched from Primorsko-Akhtarsk and Kursk, the Ukrainian military said.")
    assert found["Primorsko-Akhtarsk"][0] == "mention" and found["Kursk"][0] == "mention"


def test_passive_strikes_make_targets_even_when_ner_misses_the_name():
    assert roles("Kherson was shelled 40 times in 24 hours.")["Kherson"][0] == "strike_target"
    assert roles("Russian drones struck Kharkiv overnight.")["Kharkiv"] == ("strike_target", "Russia")


def test_air_base_attacker_comes_from_the_article_when_the_sentence_names_none(docs):
    for text in ("Belaya", "Dyagilevo", "Ivanovo", "Olenya"):
        assert {m.attacker for m in mentions(docs, text)} == {"Ukraine"}


def test_the_nearest_attack_word_names_the_attacker_and_speakers_do_not():
    assert roles("The strike came hours after Ukrainian drones hit the Engels air base.")["Engels"] == (
        "strike_target",
        "Ukraine",
    )
    assert roles("Ukrainian officials said a Russian missile struck a hospital in Sumy.")["Sumy"] == (
        "strike_target",
        "Russia",
    )
    assert roles("Air defence units shot down 30 drones over the Belgorod region.")["Belgorod"][0] == "mention"


def test_a_demonym_names_its_country_but_puts_no_point_on_the_map():
    doc = geo.parse("Artillery shelled villages near the Russian border overnight.")
    (m,) = [m for m in doc.places if m.text == "Russian"]
    assert (m.name, m.kind, m.point) == ("Russia", "country", None)
    assert not [f for f in geo.feature_collection([doc], [])["features"] if f["properties"]["name"] == "Russia"]

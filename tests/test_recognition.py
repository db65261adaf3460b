"""What counts as a toponym and where its span ends, on sentences written for each case: a name spaCy's
small model cuts in two, a state that owns an office, a demonym that names its country's land."""

from __future__ import annotations

import pytest
from pyproj import Geod

import geo
from geo.model import PlaceMention
from geo.resolution.names import admin_core, lookup, name_match
from geo.resolution.ranking import Context, Query, resolve

GEOD = Geod(ellps="WGS84")


def km(m: PlaceMention, lat: float, lon: float) -> float:
    return GEOD.inv(m.lon, m.lat, lon, lat)[2] / 1000


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("The delegation from Bosnia and Herzegovina arrived.", "Bosnia and Herzegovina", 44.0, 18.0),
        ("Workers in Nizhny Novgorod went on strike.", "Nizhny Novgorod", 56.33, 44.0),
    ],
)
def test_a_name_spacy_cuts_in_two_is_one_place(text, name, lat, lon):
    (place,) = geo.parse(text).places
    assert place.text == name
    assert km(place, lat, lon) < 150


@pytest.mark.parametrize(
    ("text", "state", "place", "lat", "lon"),
    [
        ("Officials at Chile's foreign ministry said talks in Lima would resume.", "Chile", "Lima", -12.05, -77.04),
        ("The president of Peru visited Cusco on Friday.", "Peru", "Cusco", -13.53, -71.97),
        ("The embassy of Kenya in Kampala was closed.", "Kenya", "Kampala", 0.32, 32.58),
    ],
)
def test_a_state_that_owns_an_office_names_no_location(text, state, place, lat, lon):
    found = geo.parse(text).places
    assert state not in [m.text for m in found]
    (other,) = [m for m in found if m.text == place]
    assert km(other, lat, lon) < 30


@pytest.mark.parametrize(
    ("text", "demonym", "country"),
    [
        ("Shelling was reported near the Lebanese border.", "Lebanese", "LB"),
        ("Refugees reached a Greek island at dawn.", "Greek", "GR"),
        ("Trucks queued at the Polish-Belarusian frontier.", "Polish", "PL"),
    ],
)
def test_a_demonym_before_a_noun_of_land_names_its_country(text, demonym, country):
    (mention,) = [m for m in geo.parse(text).places if m.text == demonym]
    assert (mention.kind, mention.country, mention.role) == ("country", country, "mention")


def test_a_demonym_before_forces_names_no_place():
    assert geo.parse("Turkish forces advanced on the town overnight.").places == ()


def test_a_demonym_before_the_target_does_not_hide_it():
    places = {m.text: m for m in geo.parse("Drones struck the Russian city of Belgorod overnight.").places}
    assert places["Belgorod"].role == "strike_target"
    assert (places["Russian"].country, places["Russian"].role) == ("RU", "mention")


def test_a_capital_named_after_its_demonym_is_found_by_its_name():
    places = geo.parse("Missiles hit the Ukrainian capital Kyiv at night.").places
    assert [(m.text, m.kind) for m in places] == [("Ukrainian", "country"), ("Kyiv", "city")]
    (capital,) = geo.parse("Missiles hit the Ukrainian capital at night.").places
    assert km(capital, 50.45, 30.52) < 20


@pytest.mark.parametrize(
    ("text", "abbreviation", "state", "city"),
    [
        ("Police in Tacoma, Wash., said a man was arrested.", "Wash.", "Washington State", "Tacoma"),
        ("The plant in Gainesville, Va. closed in May.", "Va.", "Virginia", "Gainesville"),
        ("He died at his home in Slidell, La., on March 5.", "La.", "Louisiana", "Slidell"),
    ],
)
def test_a_us_state_in_the_aps_abbreviation_is_the_state_and_places_its_town(text, abbreviation, state, city):
    places = {m.text: m for m in geo.parse(text).places}
    assert (places[abbreviation].name, places[abbreviation].kind) == (state, "admin1")
    assert places[city].admin1 == state


@pytest.mark.parametrize(
    ("text", "short", "name", "kind"),
    [
        ("Envoys of the DPRK met in Geneva on Monday.", "DPRK", "North Korea", "country"),
        ("The UAE leads the region in solar power, Dubai officials said.", "UAE", "United Arab Emirates", "country"),
        ("Floods cut roads across NSW and into Victoria.", "NSW", "New South Wales", "admin1"),
        ("Wildfires spread across B.C. and Alberta in July.", "B.C.", "British Columbia", "admin1"),
        ("The mill in Kamloops, BC, closed in May.", "BC", "British Columbia", "admin1"),
        ("A storm hit Toowoomba, Qld, overnight.", "Qld", "Queensland", "admin1"),
        ("Trucks left Amarillo, TX, at dawn.", "TX", "Texas", "admin1"),
        ("Miners in Morgantown, W.Va. struck on Friday.", "W.Va.", "West Virginia", "admin1"),
    ],
)
def test_abbreviated_countries_and_divisions_are_those_places(text, short, name, kind):
    places = {m.text: m for m in geo.parse(text).places}
    assert (places[short].name, places[short].kind) == (name, kind), places.get(short)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The temple was built in 500 B.C. by the river Nile.", "B.C."),
        ("Smith, Kaplan & Jones, P.A. filed the suit in Miami.", "P.A."),
        ("THE CAR WAS FOUND IN MIAMI", "CAR"),
        ("Songs by Hendrix, In A Broken Dream among them, played in Leeds.", "In"),
    ],
)
def test_letters_that_only_look_like_an_abbreviation_name_no_place(text, word):
    assert word not in {m.text for m in geo.parse(text).places}


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("The Ohio Department of Health said flu cases rose.", "Ohio", "Ohio"),
        ("Officers of the Denver Police Department arrived at noon.", "Denver", "Denver"),
        ("The Government of Ontario said it would help farmers.", "Ontario", "Ontario"),
        ("The Kharkiv Regional Administration said missiles hit Kharkiv at dawn.", "Kharkiv", "Kharkiv"),
    ],
)
def test_a_place_in_an_organisations_name_is_a_mention_of_its_own(text, name, place):
    (embedded, *_) = [m for m in geo.parse(text).places if m.text == name]
    assert (embedded.name, embedded.role) == (place, "mention") and embedded.point is not None


@pytest.mark.parametrize(
    "text",
    [
        "The New York Times reported the fire on Monday.",
        "Xinhua News Agency said the talks ended.",
        "The Commerce Ministry said tariffs would rise.",
        "Reporters at the Denver Post wrote the story.",
    ],
)
def test_outlets_teams_and_common_words_in_an_organisations_name_are_no_place(text):
    assert not [m for m in geo.parse(text).places if m.point is not None]


def test_initials_are_no_exact_name_of_a_town():
    (town,) = [p for p in lookup("Uk", ("city",)) if p.country == "RU" and p.name == "Uk"]
    assert name_match("Uk", town) == "exact"
    assert name_match("UK", town) == "alias"
    (uk,) = [m for m in geo.parse("Diplomats left Moscow and Kazan for the UK on Monday.").places if m.text == "UK"]
    assert uk.name == "United Kingdom"


def test_a_name_listed_with_states_is_the_state_not_the_town_of_the_articles_country():
    context = Context(countries={"US": 1.0})
    alone = resolve(Query("Victoria", 0), context).place
    listed = resolve(Query("Victoria", 0, listed_kinds=frozenset({"admin1"})), context)
    assert alone is not None and (alone.kind, alone.country) == ("city", "US")
    assert listed.place is not None and (listed.place.kind, listed.place.country) == ("admin1", "AU")
    assert "listed with it" in listed.why


def test_the_largest_namesake_yields_to_a_town_in_the_division_the_article_names():
    anchors = (("kansas city", 39.1, -94.58),)
    abroad = resolve(Query("Nevada", 0), Context(countries={"US": 1.0}, anchors=anchors))
    local = Context(countries={"US": 1.0}, anchors=anchors, admin1_document=frozenset({(admin_core("Missouri"), "x")}))
    assert abroad.place is not None and abroad.place.kind == "admin1" and "far larger" in abroad.why
    town = resolve(Query("Nevada", 0), local).place
    assert town is not None and (town.kind, town.admin1) == ("city", "Missouri")


def test_a_town_yields_to_its_namesake_in_the_division_the_articles_other_places_lie_in():
    ohio = frozenset({"worthington", "hilliard", "westerville"})
    world = resolve(Query("Dublin", 0), Context(countries={"US": 1.0})).place
    home = resolve(Query("Dublin", 0), Context(countries={"US": 1.0}, division_names={("US", "ohio"): ohio}))
    assert world is not None and world.country == "IE"
    assert home.place is not None and (home.place.country, home.place.admin1) == ("US", "Ohio")
    assert "other places lie in Ohio" in home.why


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("By ANNA SMITH and JOHN DOE, Associated Press ODESA (AP) — Drones hit the port overnight.", "ODESA", "Odesa"),
        ("Officials spoke at a press event. KHERSON – Shelling hit the city centre again.", "KHERSON", "Kherson"),
        ("KHARKIV (Reuters) - A missile hit a warehouse.", "KHARKIV", "Kharkiv"),
    ],
)
def test_a_wire_dateline_is_a_place_wherever_its_line_begins(text, name, place):
    (dateline,) = [m for m in geo.parse(text).places if m.text == name]
    assert dateline.name == place


@pytest.mark.parametrize(
    ("text", "city", "division", "kind"),
    [
        ("TOLEDO, Ohio (AP) — A bridge closed after a barge struck it.", "Toledo", "Ohio", "admin1"),
        ("MACON, Ga. — Deputies searched the river on Sunday.", "Macon", "Georgia", "admin1"),
        ("HALIFAX, N.S. — The ferry was cancelled.", "Halifax", "Nova Scotia", "admin1"),
        ("ADELAIDE, Australia, March 3 (Reuters) - A heatwave closed schools.", "Adelaide", "Australia", "country"),
        ("LVIV, Ukraine, June 4 (Reuters) - Sirens sounded.", "Lviv", "Ukraine", "country"),
    ],
)
def test_a_dateline_with_its_state_or_country_names_both(text, city, division, kind):
    places = geo.parse(text).places
    assert places[0].name == city and (places[1].name, places[1].kind) == (division, kind)
    assert places[0].country == places[1].country


def test_an_acronym_before_a_bracket_is_no_dateline():
    assert not geo.parse("The NATO (OTAN) summit met. AND (THEN) the talks ended.").places


@pytest.mark.parametrize("source", ["ISW", "RIA", "TASS"])
def test_an_acronym_after_a_headline_s_target_is_its_source_not_a_place(source):
    text = f"Russia deliberately targeted a bakery in Uzhhorod, {source}\n\nOn May 3, a missile struck the bakery."
    assert [m.text for m in geo.parse(text).places] == ["Russia", "Uzhhorod"]


def test_a_title_cased_headline_capitalises_common_words_not_places():
    doc = geo.parse("Drones Hit Oil Plant in Komi in First-Ever Strike\n\nThe oil plant burned through the night.")
    assert [m.text for m in doc.places] == ["Komi"]


@pytest.mark.parametrize(
    ("text", "name", "holder"),
    [
        ("Jets bombed the village of Banke in Batifa on Friday.", "Banke", "Batifa"),
        ("The strike on a school in Rafah's Tal al-Sultan neighborhood killed 12 people.", "Tal al-Sultan", "Rafa"),
    ],
)
def test_a_name_the_sentence_calls_a_settlement_is_reported_at_the_place_holding_it(text, name, holder):
    (m,) = [m for m in geo.parse(text).places if m.text == name]
    assert m.point is not None and m.needs_review and holder in m.name


def test_a_settlement_no_source_holds_and_nothing_holds_is_reported_without_a_point():
    doc = geo.parse("Drones struck the Qarawiyah area east of the city overnight.")
    (m,) = [m for m in doc.places if m.text == "Qarawiyah"]
    assert m.point is None and m.needs_review and m.role == "strike_target"


def test_sentence_openers_before_a_settlement_word_are_no_names():
    doc = geo.parse("The town recently got new funding. This area was quiet. A camp official spoke.")
    assert doc.places == ()


def test_a_demonym_named_as_its_countrys_land_once_is_no_place_where_it_qualifies_a_people():
    text = "An agent was poisoned in a British city. Moscow condemned the British side and the British government."
    assert [(m.text, m.name) for m in geo.parse(text).places] == [("British", "United Kingdom"), ("Moscow", "Moscow")]


def test_a_gazetteer_match_of_generic_words_alone_is_no_place():
    places = [m.text for m in geo.parse("Kyiv hosted the summit. The Head of State thanked the hosts.").places]
    assert places == ["Kyiv"]


def test_a_prominent_places_possessive_ends_its_name_before_the_name_it_owns():
    places = geo.parse("He ran a bakery on Leicester’s Granby Street for ten years.").places
    assert [(m.text, m.name) for m in places] == [
        ("Leicester", "Leicester"),
        ("Granby Street", "Granby Street, Leicester"),
    ]
    assert all(km(m, 52.64, -1.13) < 10 for m in places)


def test_a_possessive_after_a_lesser_name_stays_inside_the_name():
    places = geo.parse("He studied at St. Peter's College in Oxford.").places
    assert [m.text for m in places] == ["St. Peter's College", "Oxford"]


@pytest.mark.parametrize(
    ("text", "name", "field"),
    [
        ("They camped near Scout in Nebraska on Friday.", "Scout", "Scout Airport"),
        ("Barry Smith, 80, and Beryl, 81, met on a coach to Leeds.", "Beryl", "Beryl Airport"),
    ],
)
def test_a_small_airfields_name_without_its_airfield_word_is_not_the_field(text, name, field):
    (m,) = [m for m in geo.parse(text).places if m.text == name]
    assert m.name != field


def test_a_small_airfields_name_is_the_field_where_the_text_speaks_of_airfields():
    (m,) = geo.parse("Fog closed the airfield at Beryl on Monday.").places
    assert (m.text, m.name, m.kind) == ("Beryl", "Beryl Airport", "airport")


def test_a_place_named_like_a_minor_language_is_a_place():
    places = geo.parse("Troops flew from Ottawa to Mali last year.").places
    assert [(m.text, m.name, m.country) for m in places] == [("Ottawa", "Ottawa", "CA"), ("Mali", "Mali", "ML")]


def test_a_major_language_is_no_place():
    assert not geo.parse("She speaks English and Spanish at home.").places


@pytest.mark.parametrize(
    ("text", "division", "lat", "lon"),
    [
        ("Round eight: 25 August: Knockhill, Fife.", "Fife", 56.2, -3.1),
        ("The rally moved to Brands Hatch, Kent.", "Kent", 51.2, 0.7),
    ],
)
def test_a_division_closing_a_name_and_a_comma_is_the_place_holding_it(text, division, lat, lon):
    (m,) = [m for m in geo.parse(text).places if m.text == division]
    assert m.kind == "admin2" and km(m, lat, lon) < 30


def test_a_list_of_people_goes_on_after_the_comma():
    assert "Clarence" not in [m.text for m in geo.parse("Flowers came from Helen, Clarence and Marie.").places]

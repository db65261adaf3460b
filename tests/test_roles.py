"""Roles and claims on sentences written for these tests, one per phrasing of an attack or an exception.

None of these sentences comes from the sample articles or an evaluation set; each asserts what an analyst
would mark on a strike map."""

import json

import pytest

import geo
from geo.roles.evidence import FEATURES
from geo.roles.model import WEIGHTS_PATH, RoleWeightsError, model, read_model


def roles(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for m in geo.parse(text).places:
        found.setdefault(m.text, []).append(m.role)
    return found


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Ukrainian drones struck the Morozovsk air base overnight.", "Morozovsk"),
        ("A fuel tanker exploded at the Millerovo air base after the raid.", "Millerovo"),
        ("The overnight attack in the Krasnodar region was aimed at Yeysk, officials said.", "Yeysk"),
        ("A fire broke out at the Tuapse terminal after drones flew in from the sea.", "Tuapse"),
        ("Engels came under attack shortly after midnight.", "Engels"),
        ("Explosions were heard in Mozdok late on Sunday.", "Mozdok"),
        ("Footage showed the strike on Saky from a nearby beach.", "Saky"),
        ("Novorossiysk was hit twice in one week.", "Novorossiysk"),
        ("Kyiv has promised more strikes against Millerovo.", "Millerovo"),
        ("Drones set the refinery in Ryazan ablaze.", "Ryazan"),
        ("Missiles fired from the sea landed at the Saky airfield.", "Saky"),
        ("Russian missiles hit apartment blocks in the city of Zaporizhzhia.", "Zaporizhzhia"),
        ("Among the sites hit overnight was the Savasleyka air base.", "Savasleyka"),
        ("The shelling of Nikopol went on through the night.", "Nikopol"),
    ],
)
def test_each_attack_phrasing_makes_a_strike_target(text, target):
    assert roles(text)[target] == ["strike_target"]


def test_every_mention_of_a_place_hit_elsewhere_is_a_target():
    found = roles(
        "Ukrainian drones struck the Shaykovka air base on Monday.\n\n"
        "Shaykovka, some 330 km from the border, appears to have escaped serious damage."
    )
    assert found["Shaykovka"] == ["strike_target", "strike_target"]


@pytest.mark.parametrize(
    ("text", "place", "role"),
    [
        ("Drones hit the Morozovsk air base, about 280 km from Kharkiv.", "Kharkiv", "origin"),
        ("ODESA — Russian drones struck the port of Odesa overnight.", "ODESA", "mention"),
        ("Moscow said its air defences shot down the drones that struck Yeysk.", "Moscow", "mention"),
        ("Kyiv denied that its drones had struck Yeysk.", "Kyiv", "mention"),
        ("Tehran vowed to strike Haifa if the raids went on.", "Haifa", "mention"),
        ("Officials warned that the drones could hit Saratov next.", "Saratov", "mention"),
        ("The drones were launched from Kursk and struck Engels.", "Kursk", "mention"),
        ("Drones struck a fuel depot near Rostov overnight.", "Rostov", "mention"),
        ("Drones struck the Morozovsk air base in the Rostov region.", "Rostov", "mention"),
    ],
)
def test_a_place_of_an_attack_sentence_that_was_not_hit_keeps_its_role(text, place, role):
    assert roles(text)[place] == [role]


def test_a_settlement_named_as_such_is_not_the_air_base_named_after_it():
    found = roles("Drones struck the Millerovo air base on Friday. Residents of the town of Millerovo were evacuated.")
    assert found["Millerovo"] == ["strike_target", "mention"]


def test_a_numbered_airfield_designator_is_recognised_and_resolved():
    (m,) = [m for m in geo.parse("Drones struck Engels-2 before dawn.").places if m.text == "Engels-2"]
    assert m.kind == "airbase" and m.name == "Engels Air Base" and m.role == "strike_target"


def test_a_parenthetical_list_shares_the_origin_given_at_its_end():
    doc = geo.parse(
        "Over the week the drones reached Savasleyka (about 580 km), Shaykovka (roughly 330 km) "
        "and Mozdok (nearly 1,100 km from Kyiv)."
    )
    claims = [(c.subject.text, c.value, c.origin.text) for c in doc.claims]
    assert claims == [("Savasleyka", 580, "Kyiv"), ("Shaykovka", 330, "Kyiv"), ("Mozdok", 1100, "Kyiv")]
    assert all(m.role == "strike_target" for m in doc.places if m.text != "Kyiv")


def test_a_parenthetical_list_shares_the_origin_given_at_its_start():
    doc = geo.parse("The drones flew to Savasleyka (about 580 km from Kyiv) and Shaykovka (roughly 330 km).")
    assert [(c.subject.text, c.origin.text) for c in doc.claims] == [("Savasleyka", "Kyiv"), ("Shaykovka", "Kyiv")]


def test_the_subject_of_a_claim_is_the_site_not_the_region_around_it():
    doc = geo.parse("The Morozovsk air base in the Rostov region, some 280 km from Kharkiv, was hit again.")
    (claim,) = doc.claims
    assert claim.subject.text == "Morozovsk" and claim.origin.text == "Kharkiv"


@pytest.mark.parametrize(
    "text",
    [
        "The missile has a range of more than 2,500 km.",
        "The drones can fly about 1,800 km on one tank.",
        "The fighting is thousands of kilometres from the front.",
        "More than 300 drones and 40 missiles were launched.",
    ],
)
def test_weapon_ranges_counts_and_vague_distances_are_no_claims(text):
    assert geo.parse(text).claims == ()


def test_a_list_item_may_carry_its_kind_word_before_the_parenthesis():
    doc = geo.parse(
        "The drones reached the Shaykovka air base (roughly 330 km) and Mozdok (nearly 1,100 km from Kyiv)."
    )
    assert [(c.subject.text, c.origin.text) for c in doc.claims] == [("Shaykovka", "Kyiv"), ("Mozdok", "Kyiv")]


def test_sites_listed_after_including_are_hit_and_american_means_the_united_states():
    doc = geo.parse("American jets struck several sites on Thursday, including radars at Hodeidah airport.")
    (m,) = [m for m in doc.places if m.text == "Hodeidah"]
    assert (m.kind, m.role, m.attacker) == ("airport", "strike_target", "United States")


def test_an_unknown_site_name_stays_whole_and_unresolved_rather_than_a_far_guess():
    doc = geo.parse("Jets struck the Ras Isa oil terminal on the coast of Yemen.")
    (m,) = [m for m in doc.places if "Ras" in m.text]
    assert m.text == "Ras Isa" and m.id is None and m.role == "strike_target"


def test_a_dateline_does_not_name_the_attacker():
    doc = geo.parse("NIKOPOL, Ukraine (AP) — Russian forces shelled Nikopol overnight, officials said.")
    assert [(m.role, m.attacker) for m in doc.places if m.text == "Nikopol"] == [("strike_target", "Russia")]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        (
            "Drones struck the Engels air base in Saratov region and the Morozovsk airfield in Rostov region.",
            "Morozovsk",
        ),
        (
            "Ukraine hit the Kacha airfield near Balaklava and the Saky air base in western Crimea, officials said.",
            "Saky",
        ),
    ],
)
def test_a_second_site_spacy_hangs_on_the_first_one_s_place_is_hit_too(text, second):
    """The small parser coordinates "the Z airfield" with the region or town that locates the first site;
    the place itself stays a mention, and so do names listed with it ("near X and Y")."""
    found = roles(text)
    assert found[second] == ["strike_target"]
    assert "strike_target" not in found.get("Rostov", []) + found.get("Balaklava", [])
    assert roles("Missiles hit a depot near Balaklava and Yalta.")["Yalta"] == ["mention"]


def test_the_role_model_marks_a_target_the_parse_could_not_tie_to_its_attack():
    """The pronoun hides the air base from the grammar ("attacked it"), and "was on fire" is no attack word:
    no hand rule reads the second mention hit, the learned model does, from the committed weights."""
    doc = geo.parse(
        "The Morozovsk air base has hosted Su-34 bombers. "
        "Drones attacked it overnight and the Morozovsk air base was on fire."
    )
    last = [m for m in doc.places if m.text == "Morozovsk"][-1]
    evidence = dict(last.role_evidence)
    assert not any(evidence.get(name) for name in ("own_hit", "site_hit", "carried_hit"))
    assert evidence["attack_in_sentence"] == 1.0
    assert last.role == "strike_target" and last.role_score >= model().threshold


def test_the_committed_role_weights_cover_the_evidence_and_a_stale_file_is_refused(tmp_path):
    assert set(model().weights) == set(FEATURES)
    stale = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    del stale["weights"]["attack_close"]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(stale), encoding="utf-8")
    with pytest.raises(RoleWeightsError, match="attack_close"):
        read_model(path)


def test_a_target_the_role_model_found_has_its_attacker_and_day():
    doc = geo.parse(
        "The Morozovsk air base has hosted Su-34 bombers. "
        "Ukrainian drones attacked it on Monday and the Morozovsk air base was on fire.",
        published="2025-06-04",
    )
    last = [m for m in doc.places if m.text == "Morozovsk"][-1]
    assert (last.role, last.attacker, last.event_date) == ("strike_target", "Ukraine", "2025-06-02")


@pytest.mark.parametrize(
    "text",
    [
        "On Sunday, drones struck fuel depots in the southern cities of Bryansk, Oryol and Kursk.",
        "The towns of Bryansk, Oryol and Kursk were shelled overnight.",
    ],
)
def test_every_place_of_a_list_named_after_its_kind_is_hit(text):
    found = roles(text)
    assert found == {"Bryansk": ["strike_target"], "Oryol": ["strike_target"], "Kursk": ["strike_target"]}


@pytest.mark.parametrize(
    ("text", "target", "side"),
    [
        # a group modifying the weapon, or the subject or agent of the verb that sends it, is the attacker,
        # not the state the article names as attacking elsewhere
        ("American jets struck Yemen. On Sunday a Houthi missile hit Ben Gurion airport.", "Ben Gurion", "Houthi"),
        ("American jets struck Yemen. The Houthis fired a missile at Ben Gurion airport.", "Ben Gurion", "Houthi"),
        ("A missile fired by the Houthis hit Ben Gurion airport.", "Ben Gurion", "Houthi"),
        # a state of several words is one name
        ("Officials said the United States struck Sanaa on Tuesday.", "Sanaa", "United States"),
        # the attack's own phrase names what is hit, not who attacks: Kyiv is no attacker of itself
        ("Russian drones attacked Kharkiv on Monday. A drone attack on Kyiv killed two.", "Kyiv", "Russia"),
    ],
)
def test_the_attacker_is_who_the_attack_s_own_words_name(text, target, side):
    doc = geo.parse(text)
    assert [(m.role, m.attacker) for m in doc.places if m.text == target] == [("strike_target", side)]


def test_a_group_that_only_reports_an_attack_is_no_attacker():
    doc = geo.parse("Reuters reported that drones hit Odesa overnight.")
    assert [(m.role, m.attacker) for m in doc.places if m.text == "Odesa"] == [("strike_target", None)]


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        (
            "Frontline towns like Pokrovsk, Kostiantynivka and Siversk have been subjected to intense shelling.",
            ["Pokrovsk", "Kostiantynivka", "Siversk"],
        ),
        ("Kherson was subjected to heavy shelling on Monday.", ["Kherson"]),
        ("The town of Bucha sustained heavy damage overnight.", ["Bucha"]),
        ("The bombs have caused significant damage in the city of Sumy.", ["Sumy"]),
        ("Two workers were injured at the Kremenchuk refinery, the governor said.", ["Kremenchuk"]),
        ("Flames and thick smoke rose from the fuel depot in Tuapse on Sunday morning.", ["Tuapse"]),
        ("Black smoke was seen rising over the port of Berdiansk.", ["Berdiansk"]),
        ("The militia said it carried out several strikes, including a military camp in Marib.", ["Marib"]),
        ("Artillery barrages on Vovchansk continued through the night.", ["Vovchansk"]),
        ("An oil depot in the Russian city of Bryansk also fell victim to a drone strike.", ["Bryansk"]),
        ("A missile strike was carried out on a warehouse on the outskirts of Zhytomyr.", ["Zhytomyr"]),
        ("Drones targeted a refinery in the Black Sea resort city of Tuapse.", ["Tuapse"]),
        ("Odesa was shaken by a series of powerful blasts.", ["Odesa"]),
        ("A series of explosions rocked Belgorod overnight.", ["Belgorod"]),
        ("Mykolaiv came under attack shortly before dawn.", ["Mykolaiv"]),
    ],
)
def test_places_that_underwent_an_attack_are_hit(text, targets):
    found = roles(text)
    assert all(found.get(t) == ["strike_target"] for t in targets), found


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("A Ukrainian drone targeting Tula was neutralised, the mayor said.", "Tula", "mention"),
        ("Two missiles aimed at Odesa were shot down over the sea.", "Odesa", "mention"),
        ("A drone that struck Kursk was not downed.", "Kursk", "strike_target"),
    ],
)
def test_a_place_a_downed_weapon_was_aimed_at_is_found_but_not_hit(text, name, role):
    assert roles(text).get(name) == [role]


def test_the_interception_of_a_weapon_aimed_at_a_place_does_not_hit_it():
    assert roles("Officials reported the neutralisation of a Ukrainian drone targeting Tula.") == {"Tula": ["mention"]}


def test_strikes_that_only_came_from_a_place_do_not_hit_it():
    assert roles("The strikes came from Syrian territory near Homs, the ministry said.").get("Homs") == ["mention"]


def test_the_outskirts_of_a_town_nothing_hit_are_only_named():
    assert roles("Troops were seen on the outskirts of Bakhmut.") == {"Bakhmut": ["mention"]}


@pytest.mark.parametrize(
    "text",
    ["Moscow was rocked by protests last week, officials said.", "The scandal shook Washington for a month."],
)
def test_a_place_shaken_by_no_attack_is_not_hit(text):
    assert all(role == ["mention"] for role in roles(text).values()), roles(text)


def test_a_sentence_s_first_word_the_text_also_writes_in_lower_case_is_no_place():
    assert roles("Police came under attack in the capital. Local police said two officers were hurt.") == {}

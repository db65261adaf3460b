"""Roles per place, not per token: a place the article reports hit in any sentence is a strike target in
every mention, except where its own sentence makes that mention something else (a claim's origin, a
dateline, a government speaking, a reference point near a target, the area around a named site)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from gazetteer import Place
from geo import vocab
from geo.resolution import cues
from geo.grammar.attacks import Actor, Reading
from geo.roles.evidence import RULED, Facts, Grammar, evidence, ruled_out
from geo.roles.model import model
from geo.resolution.countries import countries
from geo.resolution.names import fold, lookup

AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent"})
SPECIFICITY = {"continent": 0, "country": 1, "region": 2, "admin1": 2, "admin2": 2}
"""Areas are targets only in a sentence that names nothing more specific hit ("drones struck the Smolensk
region"), never by propagation: "the Saratov region" around a hit air base was not itself hit."""
POINT = 3
GENERIC_SITES = vocab.words("generic_sites")
DATELINE_MARKS = frozenset({"—", "–", "-", ",", "(", ":"})


@dataclass(frozen=True, slots=True)
class Mention:
    """What the role decision needs of one toponym."""

    key: str
    """The place's identity in the article: its gazetteer id, or its folded name when unresolved."""
    text: str
    place: Place | None
    reading: Reading
    attacker_words: tuple[Actor, ...]
    paragraph: int
    dateline: bool
    origin: bool
    settlement: bool = False
    """A kind word makes the mention a settlement ("the village of X"): not the site named after it."""


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "KYIV — ...", "ODESA, Ukraine (Reuters) -": an upper-case name opening a line before a dash or comma."""
    opens_line = start == 0 or "\n" in doc[start - 1].whitespace_ or doc[start - 1].is_space
    return opens_line and doc[start:end].text.isupper() and end < len(doc) and doc[end].text in DATELINE_MARKS


def _is_area(place: Place | None) -> bool:
    return place is not None and place.kind in AREA_KINDS


def is_state(place: Place | None) -> bool:
    """A country or its capital: in "Moscow said" or "Kyiv's agency" the name stands for the government."""
    if place is None:
        return False
    return place.kind == "country" or (
        place.kind == "city" and countries().capitals.get(place.country or "") == fold(place.name)
    )


def _state(name: str, by_text: dict[str, Place]) -> str | None:
    """The country code of a demonym, or of a country or capital the article names (`by_text`)."""
    if demonym := countries().demonym(name):
        return demonym[0]
    place = by_text.get(fold(name))
    return place.country if place is not None and is_state(place) else None


def attacker(actors: Sequence[Actor], by_text: dict[str, Place]) -> str | None:
    """The first actor that names a state, as the country's name: a state NER found, by the gazetteer's first
    place of its name ("United States", "US"), else the actor or, in a longer name, its first word
    that names one ("Ukrainian Air Force"); or the first that is a group, as named ("Houthi")."""
    for actor in actors:
        named = next(iter(lookup(actor.name, limit=1)), None) if actor.state else None
        code = (named.country if named is not None and is_state(named) else None) or next(
            (code for word in (actor.name, *actor.name.split()) if (code := _state(word, by_text))), None
        )
        if code:
            return countries().names.get(code, code)
        if actor.group:
            return actor.name
    return None


def _specificity(mention: Mention) -> int:
    return SPECIFICITY.get(mention.place.kind, POINT) if mention.place is not None else POINT


def _qualifies(mention: Mention) -> bool:
    """The area's name qualifies a site ("a US base"), not its own kind word ("the Smolensk region")."""
    site = mention.reading.site
    kinds = cues.FOLLOWING.get((site,))
    return bool(site) and not (kinds and kinds <= cues.ADMIN_KINDS)


def _own_hits(mentions: Sequence[Mention], sentences: Sequence[int]) -> list[bool]:
    """Which mentions their own sentence reports hit: of the places hit in one sentence, only the most
    specific ones (a city rather than its region, a region rather than its country); an area that only
    owns or qualifies what was hit ("Russia's airfields", "a US base") is not hit itself."""
    hit = [
        m.reading.hit and not (_is_area(m.place) and (m.reading.other == "possessive" or _qualifies(m)))
        for m in mentions
    ]
    best: dict[int, int] = {}
    for m, s, h in zip(mentions, sentences, hit, strict=True):
        if h:
            best[s] = max(best.get(s, 0), _specificity(m))
    return [h and _specificity(m) == best[s] for m, s, h in zip(mentions, sentences, hit, strict=True)]


def _stays_mention(mention: Mention) -> bool:
    other = mention.reading.other
    if other == "possessive":
        return is_state(mention.place)
    return mention.dateline or bool(other)


def _site_hit(mention: Mention, sites_hit: set[tuple[str, str]]) -> bool:
    """ "the X arsenal" after "an arsenal near X" was hit; a generic "the X site" names any site hit there."""
    site = mention.reading.site
    if not site:
        return False
    return (mention.key, site) in sites_hit or (site in GENERIC_SITES and any(k == mention.key for k, _ in sites_hit))


@dataclass(frozen=True, slots=True)
class Decision:
    """The role of one mention, its attacker, and the role model's chance and evidence behind it."""

    role: str
    attacker: str | None
    chance: float
    evidence: dict[str, float]


def _own_country(mention: Mention) -> str | None:
    """The name of the country the mention's place lies in: never its own attacker."""
    return countries().names.get(mention.place.country or "") if mention.place is not None else None


def _grammar(mentions: Sequence[Mention], sentences: Sequence[int]) -> list[Grammar]:
    """What the hand rules read for each mention: hit in its own sentence, a site hit elsewhere at the same
    place, or a place hit elsewhere that its own sentence does not make a mere reference."""
    own_hit = _own_hits(mentions, sentences)
    sites_hit = {(m.key, m.reading.site) for m, h in zip(mentions, own_hit, strict=True) if h and m.reading.site}
    sites_hit |= {(m.key, m.reading.site) for m in mentions if m.reading.other == "near" and m.reading.site}
    settlements_hit = {m.key for m, h in zip(mentions, own_hit, strict=True) if h and not m.reading.site}
    keys_hit = {m.key for m, h in zip(mentions, own_hit, strict=True) if h and not m.origin}
    return [
        Grammar(
            own_hit=h and not m.dateline,
            site_hit=_site_hit(m, sites_hit) and not m.reading.other and not m.dateline,
            carried_hit=(
                m.key in keys_hit
                and not _is_area(m.place)
                and not _stays_mention(m)
                and (not m.settlement or m.key in settlements_hit)
            ),
        )
        for m, h in zip(mentions, own_hit, strict=True)
    ]


def assign(
    mentions: Sequence[Mention], sentences: Sequence[int], attack_subjects: Sequence[tuple[Actor, ...]]
) -> list[Decision]:
    """Role and attacker of every mention. A mention the grammar plainly reports hit (RULED) is a target; the
    role model (geo/roles/model.py) decides the others from the grammar's weaker readings and the article's
    other mentions. A target's attacker is the side its attack's own words name; else the
    last one named in its paragraph, else the one the article names most, never the target's own country; a
    mention that is a target because its place was hit elsewhere takes that attacker."""
    facts = countries()
    by_text = {fold(m.text): m.place for m in mentions if m.place is not None}
    named = Counter(attacker(actors, by_text) for actors in attack_subjects)
    article = [name for name, _ in named.most_common() if name]
    codes = {name: code for code, name in facts.names.items()}
    grammar = _grammar(mentions, sentences)
    rows = evidence(
        [
            Facts(
                key=m.key,
                name=fold(m.text),
                kind=m.place.kind if m.place is not None else None,
                country=m.place.country if m.place is not None else None,
                reading=m.reading,
                sentence=s,
                dateline=m.dateline,
                settlement=m.settlement,
            )
            for m, s in zip(mentions, sentences, strict=True)
        ],
        grammar,
        codes.get(article[0]) if article else None,
    )
    learned = model()
    chances = [learned.chance(row) for row in rows]
    targets = [
        any(row[name] for name in RULED) or (c >= learned.threshold and not ruled_out(row))
        for row, c in zip(rows, chances, strict=True)
    ]
    last_in_paragraph: dict[int, str] = {}
    hit_attacker: dict[str, str | None] = {}
    sides: dict[int, str | None] = {}
    for i, m in enumerate(mentions):
        if m.origin or not grammar[i].own_hit:
            continue
        own = _own_country(m)
        found = attacker(m.attacker_words, by_text)
        if found is None:
            fallbacks = [last_in_paragraph[m.paragraph]] if m.paragraph in last_in_paragraph else []
            found = next((a for a in [*fallbacks, *article] if a != own), None)
        if found:
            last_in_paragraph[m.paragraph] = found
        sides[i] = found
        if hit_attacker.get(m.key) is None:
            hit_attacker[m.key] = found
    decisions = []
    for i, m in enumerate(mentions):
        if m.origin:
            decisions.append(Decision("origin", None, chances[i], rows[i]))
        elif targets[i]:
            side = sides.get(i) or hit_attacker.get(m.key) or last_in_paragraph.get(m.paragraph)
            side = side or next((a for a in article if a != _own_country(m)), None)
            decisions.append(Decision("strike_target", side, chances[i], rows[i]))
        else:
            decisions.append(Decision("mention", None, chances[i], rows[i]))
    return decisions

"""What the role model weighs for each mention (geo/roles/model.py): the readings the grammar gives the
mention and its sentence (geo/grammar/attacks.py, as decided per place in geo/roles/decide.py), what the
article's other mentions of the same place say, and what kind of place it is. Every value lies in [0, 1],
so one learned weight means the same thing in every article; and every value is a share or a reading of the
mention's own sentence, so an article read twice in one text (a feed's copies) decides each copy alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from geo.grammar.attacks import Reading

OTHER_READINGS = ("near", "container", "speaker", "agent", "launch", "hypothetical", "modifier", "possessive")
AIRFIELD_KINDS = frozenset({"airbase", "airport"})
"""Air bases and airports; a heliport is more often a pad at a residence or a hospital than a base."""
SITE_KINDS = frozenset({"port", "other"})
WIDE_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent"})
FEATURES = (
    "own_hit",
    "point_hit",
    "site_hit",
    "carried_hit",
    "hit_elsewhere",
    *(f"reading_{name}" for name in OTHER_READINGS),
    "dateline",
    "area",
    "country",
    "airfield",
    "site",
    "unresolved",
    "settlement",
    "attack_in_sentence",
    "attack_close",
    "attack_above",
    "sentence_hit",
    "namesake_hit",
    "mentions",
    "hit_share",
    "attacker_side",
    "target_side",
)
"""The evidence's names, in the order of the model's weights."""
RULED = ("own_hit", "site_hit", "carried_hit")
"""The hand rules' readings that make a mention a strike target by themselves: the grammar says so plainly.
The model decides the rest, where the parse could not tie an attack to the name."""


@dataclass(frozen=True, slots=True)
class Grammar:
    """What the hand rules of geo/roles/decide.py read from the grammar for one mention."""

    own_hit: bool
    """Its own sentence reports it hit, and nothing more specific in that sentence."""
    site_hit: bool
    """It names a site ("the X arsenal") that another sentence reports hit at the same place."""
    carried_hit: bool
    """Its place is hit in another sentence, and nothing in its own makes it a mere reference there."""


@dataclass(frozen=True, slots=True)
class Facts:
    """One mention as the evidence sees it."""

    key: str
    name: str
    """The folded text: two places of one name ("the X air base", "the town of X") share it, not the key."""
    kind: str | None
    country: str | None
    reading: Reading
    sentence: int
    dateline: bool
    settlement: bool


def evidence(
    facts: Sequence[Facts], grammar: Sequence[Grammar], attacker_country: str | None
) -> list[dict[str, float]]:
    """The evidence of every mention of one article; `attacker_country` is the country of the side the
    article names most as attacking (None when it names none)."""
    counts = Counter(f.key for f in facts)
    hits = Counter(f.key for f, g in zip(facts, grammar, strict=True) if g.own_hit)
    sentences_hit = {f.sentence for f, g in zip(facts, grammar, strict=True) if g.own_hit}
    keys_hit_by_name: dict[str, set[str]] = {}
    for f, g in zip(facts, grammar, strict=True):
        if g.own_hit:
            keys_hit_by_name.setdefault(f.name, set()).add(f.key)
    target_countries = Counter(
        f.country for f, g in zip(facts, grammar, strict=True) if g.own_hit and f.kind != "country" and f.country
    )
    target_country = target_countries.most_common(1)[0][0] if target_countries else None
    rows = []
    for f, g in zip(facts, grammar, strict=True):
        gap = f.reading.attack_gap
        row = {
            "own_hit": float(g.own_hit),
            "point_hit": float(g.own_hit and f.kind not in WIDE_KINDS),
            "site_hit": float(g.site_hit),
            "carried_hit": float(g.carried_hit),
            "hit_elsewhere": float(hits[f.key] - g.own_hit > 0),
            **{f"reading_{name}": float(f.reading.other == name) for name in OTHER_READINGS},
            "dateline": float(f.dateline),
            "area": float(f.kind in ("admin1", "admin2", "region")),
            "country": float(f.kind == "country"),
            "airfield": float(f.kind in AIRFIELD_KINDS),
            "site": float(f.kind in SITE_KINDS),
            "unresolved": float(f.kind is None),
            "settlement": float(f.settlement),
            "attack_in_sentence": float(gap >= 0),
            "attack_close": 1.0 / (1.0 + gap) if gap >= 0 else 0.0,
            "attack_above": float(f.reading.attack_above),
            "sentence_hit": float(f.sentence in sentences_hit and not g.own_hit),
            "namesake_hit": float(bool(keys_hit_by_name.get(f.name, set()) - {f.key})),
            "mentions": counts[f.key] / len(facts),
            "hit_share": hits[f.key] / counts[f.key],
            "attacker_side": float(attacker_country is not None and f.country == attacker_country),
            "target_side": float(target_country is not None and f.country == target_country),
        }
        rows.append(row)
    return rows


def ruled_out(row: dict[str, float]) -> bool:
    """Hand rules the model does not overrule. "The town of X" when only the X air base was hit: the settlement
    the text names as such is another place than the site named after it, and no rule reads it hit. A name
    that only qualifies a noun, a demonym ("the Russian border") or a place in an organisation's name ("the X
    Regional Administration"), is never hit itself."""
    return bool(row["settlement"] and row["namesake_hit"]) or bool(row["reading_modifier"])

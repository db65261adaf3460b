"""Names a sentence uses for something other than a place: an outlet ("the X channel", "X reported",
"according to X"), a weapon model ("a X sea drone", "X missiles"). Read from the dependency parse (the
noun the name qualifies, the verb it is the subject of) and the gazetteer's prominence, never from a list
of outlet or weapon names."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from geo.resolution import cues
from geo.resolution.names import lookup, name_match

SPEAKING_PLACE_PRIOR = 0.55
"""A place this prominent (or a country or first-level division) speaking is its government ("X said");
a smaller one is a source named like it. A country qualifying a weapon is where it was made ("Chilean missiles")."""
STATE_KINDS = ("country", "admin1", "region")


def _qualified_noun(doc: Doc, start: int, end: int) -> Token | None:
    """The common noun at the top of the compound the name opens ("the X Telegram channel" -> channel,
    "the X drone factory" -> factory), or None when the name is not a compound's modifier."""
    tok = doc[start:end].root
    if tok.dep_ != "compound":
        return None
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.i >= end and tok.tag_ in ("NN", "NNS") else None


def _speaks(doc: Doc, start: int, end: int) -> bool:
    """ "X reported", "..., X said", "according to X": the name is who reports."""
    tok = doc[start:end].root
    if tok.dep_ == "nsubj" and tok.head.lower_ in cues.REPORTING_VERBS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _prominent(name: str) -> bool:
    """A country, a first-level division or a big city under its own name."""
    return bool(lookup(name, STATE_KINDS, 1)) or any(
        p.prior >= SPEAKING_PLACE_PRIOR for p in lookup(name, limit=5) if name_match(name, p) != "alias"
    )


def not_a_place(doc: Doc, start: int, end: int) -> bool:
    """The name stands for an outlet or a weapon here, whatever the gazetteer holds under it."""
    name = doc[start:end].text
    noun = _qualified_noun(doc, start, end)
    if noun is not None and noun.lower_ in cues.MEDIA_HEADS:
        return True
    if noun is not None and noun.lower_ in cues.WEAPON_HEADS and not lookup(name, ("country",), 1):
        return True
    return _speaks(doc, start, end) and not _prominent(name)

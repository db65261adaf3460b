"""The attack reader as a spaCy pipeline component, after the toponym recogniser: it leaves on the Doc
`doc._.readings` (what each toponym's sentence says happened to it), `doc._.attacker_words` and
`doc._.attack_subjects` (who attacks, with the character offset of each attack word)."""

from __future__ import annotations

import time

from spacy.language import Language
from spacy.tokens import Doc

from geo.grammar import attacks
from geo.recognition.toponyms import NO_SITE_LABELS
from geo.run.timing import spent

ATTACK_READER = "attack_reader"

for _name in ("readings", "attacker_words", "attack_subjects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component(ATTACK_READER)
def attack_reader(doc: Doc) -> Doc:
    """What each toponym's sentence says happened to it, and who attacks, from the dependency parse. A
    demonym found as its country's land ("the Russian city of X") is read as no name of its own: it
    qualifies the noun, it names no site ("the city" is X), and it is never hit itself; so is a place in an
    organisation's name ("the Kharkiv Regional Administration")."""
    started = time.perf_counter()
    named = [t for t in doc._.toponyms if t.label not in NO_SITE_LABELS]
    spans = [(t.token_start, t.token_end) for t in named]
    reported = attacks.attacks(doc)
    read = dict(zip(named, attacks.with_cues(doc, spans, attacks.read(doc, spans), reported), strict=True))
    readings = [read.get(t, attacks.Reading(other="modifier")) for t in doc._.toponyms]
    doc._.readings = readings
    doc._.attacker_words = [attacks.attacker_words(doc, r.attack) if r.attack is not None else () for r in readings]
    doc._.attack_subjects = [(t.idx, w) for t in reported if (w := attacks.attacker_words(doc, t.i))]
    spent(doc, "roles", started)
    return doc

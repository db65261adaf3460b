"""Strike Map's own spaCy pipeline components. Like spaCy's EntityRuler they run inside `nlp.pipe`, after
the statistical components, and leave their results on the Doc: `doc._.toponyms` (the recogniser) and
`doc._.readings`, `doc._.attacker_words`, `doc._.attack_subjects` (the attack reader)."""
from __future__ import annotations

import time

from spacy.language import Language
from spacy.tokens import Doc

from geo import attacks
from geo.recognize import find_toponyms

RECOGNISER = "toponym_recognizer"
ATTACK_READER = "attack_reader"
STAGE_SECONDS = "stage_seconds"
"""doc.user_data key of the seconds each component spent, so benchmarks can tell the stages apart."""

for _name in ("toponyms", "readings", "attacker_words", "attack_subjects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _spent(doc: Doc, stage: str, started: float) -> None:
    seconds = doc.user_data.setdefault(STAGE_SECONDS, {})
    seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


@Language.component(RECOGNISER)
def toponym_recognizer(doc: Doc) -> Doc:
    """Every toponym span: spaCy's entities, gazetteer names confirmed by the text, and their repeats."""
    started = time.perf_counter()
    doc._.toponyms = find_toponyms(doc)
    _spent(doc, "recognition", started)
    return doc


@Language.component(ATTACK_READER)
def attack_reader(doc: Doc) -> Doc:
    """What each toponym's sentence says happened to it, and who attacks, from the dependency parse."""
    started = time.perf_counter()
    readings = attacks.read(doc, [(t.token_start, t.token_end) for t in doc._.toponyms])
    doc._.readings = readings
    doc._.attacker_words = [attacks.attacker_words(doc, r.attack) if r.attack is not None else () for r in readings]
    doc._.attack_subjects = [w for t in attacks.attacks(doc) if (w := attacks.attacker_words(doc, t.i))]
    _spent(doc, "roles", started)
    return doc

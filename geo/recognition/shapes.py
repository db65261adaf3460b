"""Places found by the shape of the text rather than by spaCy or the gazetteer: "the Ukrainian capital",
"the Turkish border", "Gainesville, Va.", "the DPRK", datelines ("KYIV, Ukraine (AP) -"), sites named before or by
a facility word ("the X refinery", "Royal Street", "Lake X"), and settlements the sentence calls so ("the
village of X", "X neighbourhood")."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from geo import vocab
from geo.resolution import cues
from geo.resolution.countries import countries
from geo.resolution.kinds import is_name_token, tokens
from geo.resolution.names import best_prior, fold, is_name
from geo.resolution.abbreviations import abbreviated, state_named


def capitals(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """ "the Ukrainian capital", "Russia's capital": a demonym or country before "capital" names a city,
    unless the city's name follows ("the Ukrainian capital Kyiv": Kyiv is found by its name)."""
    found = []
    lower = tokens(doc).lower
    for i in range(sent.start + 1, sent.end):
        if lower[i] != "capital" or taken[i] or taken[i - 1]:
            continue
        first = i - 2 if doc[i - 1].text in cues.POSSESSIVE and i - 2 >= sent.start else i - 1
        named_after = i + 1 < sent.end and is_name_token(doc[i + 1])
        if capital_of(doc[first].text) is not None and not taken[first] and not named_after:
            found.append((first, i + 1))
    return found


def capital_of(word: str) -> str | None:
    """The capital's name for a demonym or a country name ("Ukrainian", "Russia" -> "Moscow")."""
    facts = countries()
    code = (facts.demonym(word) or (None,))[0] or next(
        (c for c, name in facts.names.items() if fold(name) == fold(word)), None
    )
    return facts.capital_names.get(code) if code else None


def demonyms(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """ "the Turkish border", "the Syrian-Turkish border", "a Greek island": a demonym (of one or two words)
    before a noun of land, past other demonyms and hyphens, names its country; "Turkish forces" does not.
    Read back from each noun of land, which few tokens are."""
    facts = countries()

    def demonym(first: int, last: int) -> bool:
        words = doc[first : last + 1]
        return all(t.is_alpha and t.text[:1].isupper() for t in words) and bool(
            facts.demonym(" ".join(t.text for t in words))
        )

    found = []
    words = tokens(doc)
    for j in range(sent.start + 1, sent.end):
        if words.lower[j] not in cues.LAND_NOUNS or words.tag[j] not in ("NN", "NNS"):
            continue
        k = j - 1
        while k >= sent.start:
            if doc[k].text in ("-", "–", "and", "/"):
                k -= 1
            elif k > sent.start and demonym(k - 1, k):
                found.append((k - 1, k + 1))
                k -= 2
            elif demonym(k, k):
                found.append((k, k + 1))
                k -= 1
            else:
                break
    return sorted((a, b) for a, b in found if not any(taken[a:b]))


def abbreviations(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """Places written short (resolution/abbreviations.py): "the DPRK", "NSW", "B.C." anywhere, and any state or
    division code after a place and a comma ("Gainesville, Va.", "Kelowna, BC", "Austin, TX"). Not in a
    sentence of capitals (a headline's "CAR"), nor after a number ("500 B.C.")."""
    words = tokens(doc)
    shouting = sum(words.upper[sent.start : sent.end]) > len(sent) / 2
    found = []
    for i in range(sent.start, sent.end):
        if not words.text[i][:1].isupper():
            continue  # no place written short begins in lower case (`abbreviated`)
        dotted = i + 1 < sent.end and words.text[i + 1] == "." and not doc[i].whitespace_
        end = i + 2 if dotted else i + 1
        text = words.text[i] + "." if dotted else words.text[i]
        after_place = i - 2 >= sent.start and words.text[i - 1] == "," and words.name[i - 2]
        if any(taken[i:end]) or (shouting and not after_place) or not abbreviated(text, after_place):
            continue
        if after_place or not (state_named(text) or after_number(doc, i)):
            found.append((i, end))
    return found


def after_number(doc: Doc, start: int) -> bool:
    """ "500 B.C.": letters after a number are a unit or an era, not a place written short."""
    return start > 0 and doc[start - 1].like_num


EMBEDDING_HEADS = vocab.words("embedding_heads")
PLACE_KINDS = frozenset({"admin1", "admin2", "city"})
"""A country in an organisation's name is its state's, not a location ("the Japan Tourism Agency")."""
EMBEDDED_PRIOR = 0.55


def embedded_places(doc: Doc, org: Span) -> tuple[int, int] | None:
    """The place an organisation's name holds and is located in: the shortest known place opening it ("the Ohio
    Department of Health", "Cuyahoga County Sheriff's Office") or closing it after "of" ("the Government of
    Ontario"), when its last word is an institution's (`embedding_heads.txt`). An outlet, a team or a brand
    ("New York Times", "Mississippi State") ends in no such word."""
    if any(t.lower_ in ("news", *cues.MEDIA_HEADS) for t in org[:-1]):  # "Xinhua News Agency"
        return None
    of = next((t.i for t in org[1:] if t.lower_ == "of" and doc[t.i - 1].lower_ in EMBEDDING_HEADS), None)
    if org[-1].lower_ not in EMBEDDING_HEADS and of is None:
        return None
    start = org.start + 1 if org[0].tag_ == "DT" else org.start
    for end in range(start + 1, min(org.end, start + 4)):
        if _known_place(doc[start:end].text):
            return start, end
    if of is not None and of + 1 < org.end and _known_place(doc[of + 1 : org.end].text):
        return of + 1, org.end
    return None


def _known_place(text: str) -> bool:
    """A division or town well known under the name: a common word some small town is called ("the Commerce
    Ministry", "the State Council") is not."""
    return text[:1].isupper() and best_prior(text, PLACE_KINDS, cues.LOCATIVE_ALIAS_PRIOR) >= EMBEDDED_PRIOR


DASHES = ("-", "–", "—")


def datelines(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """ "KYIV, Ukraine (AP) -": an upper-case place opening a line or sentence before a comma, dash or
    colon ("... Grant Event. IMMOKALEE - Congressman ..."), or anywhere before a news agency's bracket
    ("By X and Y, Associated Press WASHINGTON (AP) -", "X (Reuters) -")."""
    found = []
    words = tokens(doc)
    i = sent.start
    while i < sent.end:
        j = i
        while j < sent.end and words.alpha[j] and words.upper[j] and not taken[j]:
            j += 1
        if j == i or j >= sent.end:
            i = j + 1
            continue
        agency = (
            doc[j].text == "("
            and j + 3 < sent.end
            and doc[j + 1].text[:1].isupper()
            and doc[j + 2].text == ")"
            and doc[j + 3].text in DASHES
        )
        opening = i == sent.start and doc[j].text in (",", ":", *DASHES)
        name = doc[i:j].text
        if (
            (agency or opening)
            and len(name) >= 3
            and best_prior(name, frozenset(), alias_prior=cues.LOCATIVE_ALIAS_PRIOR) >= cues.LOCATIVE_PRIOR
        ):
            found.append((i, j))
        i = j
    return found


def facility_names(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """Proper-noun runs that a facility word follows ("the X state residence", "the X refinery") or ends
    or begins ("Baker Street", "Danube River", "Lake Constance"): places even when neither spaCy nor the
    gazetteer knows them, so they are reported rather than dropped."""
    found = []
    scanned = tokens(doc)
    name = scanned.name
    i = sent.start
    while i < sent.end:
        if taken[i] or not name[i] or doc[i].ent_type_ in cues.NOT_PLACE_LABELS:
            i += 1
            continue
        j = i + 1
        while (
            j < sent.end and not taken[j] and (name[j] or (scanned.text[j] == "-" and j + 1 < sent.end and name[j + 1]))
        ):
            j += 1
        words = scanned.lower[j : min(j + 3, sent.end)]
        person = doc[i].ent_type_ == "PERSON" and best_prior(doc[i:j].text, frozenset()) < cues.LOCATIVE_PRIOR
        facility_after = any(w in cues.FACILITY_WORDS for w in words[:1]) or (
            len(words) > 1 and words[1] in cues.FACILITY_WORDS and doc[j].tag_ in ("NN", "JJ")
        )
        named_site = j - i > 1 and (
            doc[j - 1].lower_ in cues.NAMED_SITE_WORDS or doc[i].lower_ in cues.NAMED_SITE_PREFIXES
        )
        organisation = doc[j - 1].lower_ in cues.ORGANISATION_HEADS
        if not person and not organisation and (facility_after or named_site):
            found.append((i, j))
        i = j
    return found


SETTLEMENT_WORDS = vocab.words("settlement_words")
CONNECTORS = vocab.words("name_connectors")


def _name_run(doc: Doc, i: int, end: int, taken: list[bool]) -> int:
    """The end of the capitalised words from i, joined by hyphens and name particles ("Tal al-Sultan")."""
    words = tokens(doc)
    j = i
    while j < end and not taken[j]:
        if words.alpha[j] and words.text[j][:1].isupper():
            j += 1
        elif (words.text[j] == "-" or words.lower[j] in CONNECTORS) and j > i and j + 1 < end:
            k = j + 1 if words.text[j + 1] != "-" else j + 2
            if k < end and words.alpha[k] and (words.text[k][:1].isupper() or words.lower[k] in CONNECTORS):
                j = k
            else:
                break
        else:
            break
    return j


def called_settlement(doc: Doc, start: int, end: int) -> bool:
    """The sentence calls the name a settlement or part of one: "the village of X", "X village", "the X
    neighbourhood", "the X area"."""
    scanned = tokens(doc)
    called = start >= 2 and scanned.lower[start - 1] == "of" and scanned.lower[start - 2] in SETTLEMENT_WORDS
    if not called and not (
        end < len(doc) and scanned.lower[end] in SETTLEMENT_WORDS and scanned.tag[end].startswith("NN")
    ):
        return False
    words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in CONNECTORS]
    return not (
        not words
        or doc[start:end].text.lower() in SETTLEMENT_WORDS
        or any(t.is_stop or not t.tag_.startswith("NNP") or t.ent_type_ == "NORP" for t in words)
        or (len(words) == 1 and words[0].is_upper)
    )


def settlement_names(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """Names the sentence calls settlements: places whether or not the gazetteer holds them, whatever
    label spaCy gave a name it did not know (villages are often taken for people)."""
    found = []
    words = tokens(doc)
    i = sent.start
    while i < sent.end:
        if taken[i] or not words.alpha[i] or not words.text[i][:1].isupper():
            i += 1
            continue
        j = _name_run(doc, i, sent.end, taken)
        if called_settlement(doc, i, j):
            found.append((i, j))
        i = max(j, i + 1)
    return found


def sentence_openers(doc: Doc, sent: Span, taken: list[bool], written: set[str]) -> list[tuple[int, int]]:
    """A known name opening its sentence that spaCy tagged as a common noun ("Odesa came under attack": every
    opening word is capitalised, so the tagger cannot tell), with the name words after it: the longest run the
    gazetteer knows; not a word the text also writes in lower case (`written`: the doc's token texts; "Police
    ... police said"). Whether it is a place is for the grammar around it to say
    (geo/recognition/toponyms.py)."""
    words = tokens(doc)
    i = sent.start
    while i < sent.end and not words.alpha[i] and not taken[i]:
        i += 1  # an opening quote or bracket
    if (
        i >= sent.end
        or taken[i]
        or not words.alpha[i]
        or not words.text[i][:1].isupper()
        or words.text[i].isupper()
        or words.tag[i] not in ("NN", "NNS")
        or words.lower[i] in written
    ):
        return []
    for j in range(_name_run(doc, i, sent.end, taken), i, -1):
        if is_name(words.span_text(i, j)):
            return [(i, j)]
    return []

"""Find toponym spans: spaCy's entities merged with gazetteer matches on proper-noun runs and kind cues."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from geo import vocab
from geo.grammar import attacks
from geo.resolution import cues
from geo.resolution.countries import countries, country_code, is_language
from geo.resolution.kinds import (
    following_kinds,
    forget_tokens,
    is_name_token,
    kinds_around,
    kinds_in_sentence,
    tokens,
)
from geo.resolution.names import best_prior, inner_names, is_name, lookup
from geo.recognition.senses import not_a_place
from geo.recognition.shapes import (
    SETTLEMENT_WORDS,
    called_settlement,
    capitals,
    datelines,
    demonyms,
    facility_names,
    sentence_openers,
    settlement_names,
    abbreviations,
    after_number,
    embedded_places,
)
from geo.resolution.abbreviations import abbreviated

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NO_SITE_LABELS = frozenset({"DEMONYM", "EMBEDDED"})
"""Toponyms that qualify a noun and name no site of their own: never hit, never a claim's end."""
STRICT_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE", "LAW"}
)
"""Labels no cue overrides; spaCy's other non-place labels (PRODUCT, EVENT, WORK_OF_ART) are often wrong on places."""
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
"""A place name inside a longer entity of these kinds is part of another name ("The Leeds Gazette")."""
STRONG_PRIOR = 0.55
"""A bare proper noun with no cue counts as a place only if its best gazetteer entry is this prominent."""
ALIAS_PRIOR = 0.7
"""An alternate name alone ("Kiev") makes a bare proper noun a place only for an entry this prominent."""
POSSESSIVE_PRIOR = 0.65
"""A bare name with "'s" that spaCy did not tag as a place is a person ("Tyler's attorney") unless this prominent."""
OPENER_PRIOR = 0.5
"""A sentence's first word that spaCy tagged a common noun is a place only if a town of some size bears its
name (Odesa 0.66, Avdiivka 0.53): the words a tagger takes for common nouns name villages at most ("Lack")."""
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name, *calendar.day_name, *calendar.month_abbr) if w)
"""Month and day names are places too ("March", "Sunday"), but after "in" or "on" they are dates."""
DIVISION_KINDS = frozenset({"admin1", "admin2"})
MAX_NAME_TOKENS = 5
CONNECTORS = vocab.words("name_connectors")
"""Lower-case words that may stand inside a place name ("Antigua and Barbuda", "Stratford upon Avon")."""


@dataclass(frozen=True, slots=True)
class Toponym:
    """A recognised span (offsets into the chunk's text) with what the text around it says about it."""

    start: int
    end: int
    text: str
    label: str
    """spaCy entity label, or how else it was found: "GAZ" (a gazetteer match spaCy did not tag), "CAPITAL"
    ("the Ukrainian capital"), "DEMONYM" ("the Turkish border"), "FAC" (a facility word), "SETTLED" ("the
    village of X", "X neighbourhood"), "EMBEDDED" (a place in an organisation's name: "the Ohio Department of
    Health"), "REPEAT"."""
    token_start: int
    token_end: int
    kinds: frozenset[str]
    """Kinds an explicit cue asks for ("Engels air base" -> airbase); empty when none."""
    sentence_kinds: frozenset[str]
    """Kinds the sentence as a whole speaks of ("the air bases struck include ...")."""
    placelike: bool = True
    """The words around it say it is a place ("in X", "X Street", "the X refinery"); a name that is not
    placelike and that the gazetteer cannot resolve is taken for a mis-tagged other name."""
    modifier: str = ""
    """The noun it qualifies ("US President", "Nebraska farmers"), if any: there the name stands for an
    institution or a people, not for a location."""
    owner_of: str = ""
    """The institution or office it owns ("X's foreign ministry", "the president of X"), if any: a state
    there is its government, not a location (a city keeps its place: "the mayor of X" speaks of X)."""
    stated_country: str = ""
    """ISO code of the country the text puts it in with a possessive ("Pakistan's X province")."""
    district_of: str = ""
    """For a city's district ("the city's X district", "Y's X district", "the X district of Y"): "city"
    or the city's name as written; such a district is not the place it is named after."""


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive or connector from an entity span ("Grand and"), and a
    lower-case settlement word ("X village"): it says what the name is, as the words after a name do."""
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (
        doc[end - 1].text in cues.POSSESSIVE
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in CONNECTORS
        or (
            end - start > 1
            and doc[end - 1].is_lower
            and doc[end - 1].text in SETTLEMENT_WORDS - cues.DISTRICT_WORDS - cues.REGION_WORDS
        )
    ):
        end -= 1
    return start, end


def _joins(token: Token) -> bool:
    """A token that may stand inside a name between its words ("Trinidad and Tobago", "Washington, D.C.")."""
    return token.text in ("-", ",", ".") or token.lower_ in CONNECTORS


def _widened(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The longest gazetteer name made of the entity and the name words beside it in its sentence: spaCy's
    small model may cut one name into two entities ("Boa" GPE + "Vista" ORG, "Baja" + "California"); an
    abbreviation with its last dot."""
    sent = doc[start].sent
    scanned = tokens(doc)
    first = start
    while first > sent.start and start - first < MAX_NAME_TOKENS and scanned.name[first - 1]:
        first -= 1
    last = end
    while last < sent.end and last - end < MAX_NAME_TOKENS and (scanned.name[last] or _joins(doc[last])):
        last += 1
    for a, b in sorted(
        ((a, b) for a in range(first, start + 1) for b in range(end, last + 1)), key=lambda ab: ab[0] - ab[1]
    ):
        if (a, b) == (start, end):
            break
        if not _joins(doc[b - 1]) and is_name(scanned.span_text(a, b)):
            return a, b
    if (
        end < sent.end
        and doc[end].text == "."
        and not doc[end - 1].whitespace_
        and abbreviated(doc[start : end + 1].text)
    ):
        return start, end + 1  # "W.Va." that spaCy cut before its last dot
    return start, end


def _owner_ends(doc: Doc, first: int, k: int, end: int) -> bool:
    """Token k is the possessive of a place prominent enough to stand alone ("Leicester's Granby Street"),
    inside a name the gazetteer does not know whole ("King's Lynn"): the owner is a name of its own."""
    return (
        doc[k].text in cues.POSSESSIVE
        and first < k < end - 1
        and not is_name(doc[first:end].text)
        and best_prior(doc[first:k].text, frozenset()) >= STRONG_PRIOR
    )


def _parts(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at commas, line breaks and an owning place's possessive: "Stratford, Warwickshire"
    and "Leicester's Granby Street" each name two places."""
    parts, first = [], start
    for k in range(start, end):
        if doc[k].text == "," or "\n" in doc[k].text or _owner_ends(doc, first, k, end):
            parts.append((first, k))
            first = k + 1
        elif "\n" in doc[k].whitespace_:
            parts.append((first, k + 1))
            first = k + 1
    parts.append((first, end))
    return [(a, b) for a, b in parts if a < b]


def _before_facility(doc: Doc, end: int) -> bool:
    """A facility word follows, past up to two modifiers ("X oil terminal", "X air base")."""
    for at in range(end, min(end + 3, len(doc))):
        if doc[at].lower_ in cues.FACILITY_WORDS or following_kinds(doc, at):
            return True
        if doc[at].lower_ not in cues.KIND_MODIFIERS:
            return False
    return False


def _coordinated_names(doc: Doc, start: int, end: int) -> bool:
    """The run is a list of known names ("X and Y" before "airports"), not one site's name."""
    parts, first = [], start
    for at in range(start, end):
        if doc[at].lower_ in ("and", "or"):
            parts.append(doc[first:at].text)
            first = at + 1
    parts.append(doc[first:end].text)
    return len(parts) > 1 and all(part and is_name(part) for part in parts)


def _cued_adjective(doc: Doc, i: int) -> bool:
    """A capitalised word spaCy took for an adjective before a kind word ("the Yeysk aerodrome": Russian
    names in -sk look like adjectives to it), which the gazetteer knows and no demonym is."""
    tok = doc[i]
    return (
        tok.tag_ == "JJ"
        and tok.is_alpha
        and tok.text[:1].isupper()
        and bool(following_kinds(doc, i + 1))
        and is_name(tok.text)
        and countries().demonym(tok.text) is None
        and not is_language(tok.text)
    )


def _gazetteer_matches(doc: Doc, sent: Span, taken: list[bool]) -> list[tuple[int, int]]:
    """Longest runs of proper-noun tokens (joined by hyphens) that the gazetteer knows as names; a run
    before a kind word that is not itself a name ("the Ras Isa oil terminal") is a site's name, left whole
    for the facility finder rather than cut into the smaller places it contains."""
    found: list[tuple[int, int]] = []
    words = tokens(doc)
    i = sent.start
    while i < sent.end:
        if not taken[i] and words.tag[i] == "JJ" and _cued_adjective(doc, i):
            found.append((i, i + 1))
            i += 1
            continue
        if taken[i] or not words.name[i]:
            i += 1
            continue
        run_end = i + 1
        while (
            run_end < sent.end
            and run_end - i < 2 * MAX_NAME_TOKENS
            and not taken[run_end]
            and (
                words.name[run_end]
                or (
                    (words.text[run_end] == "-" or words.lower[run_end] in CONNECTORS)
                    and run_end + 1 < sent.end
                    and words.name[run_end + 1]
                )
            )
        ):
            run_end += 1
        match = None
        for j in range(run_end, i, -1):
            if words.text[j - 1] == "-" or words.lower[j - 1] in CONNECTORS:
                continue
            if is_name(words.span_text(i, j)):
                match = (i, j)
                break
        if (
            match
            and match[1] < run_end
            and match[0] == i
            and _before_facility(doc, run_end)
            and not _coordinated_names(doc, i, run_end)
        ):
            i = run_end
        elif match:
            found.append(match)
            i = match[1]
        else:
            i += 1
    return found


def _outside_entity(doc: Doc, start: int, end: int) -> bool:
    """The entity around the match is longer than the match ("Oxford" in "Oxford University Press"), not
    counting a leading article ("the Gambia") or what spaCy ran on across a line break (a headline's
    last word into the dateline)."""
    before = start
    while before > 0 and doc[before].ent_iob_ == "I" and "\n" not in doc[before - 1].whitespace_ + doc[before - 1].text:
        before -= 1
    extends_before = any(doc[k].lower_ not in ("the", "a", "an") for k in range(before, start))
    line_ends = "\n" in doc[end - 1].whitespace_ or (end < len(doc) and "\n" in doc[end].text)
    return extends_before or (end < len(doc) and doc[end].ent_iob_ == "I" and not line_ends)


def _hit_list_part(doc: Doc, start: int, end: int) -> bool:
    """ "struck X and Y": spaCy's small model may tag a list of attacked names as one organisation or work;
    a whole item of that list (between its joints) is a name of its own."""
    entity = _entity_around(doc, start, end)
    if entity is None:
        return False
    first, last = entity
    joints = ("and", ",", "&")
    if not any(doc[k].lower_ in joints for k in range(first, last)):
        return False
    whole_item = (start == first or doc[start - 1].lower_ in joints) and (end == last or doc[end].lower_ in joints)
    return whole_item and attacks.read(doc, [entity])[0].hit


def _entity_around(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token span of the entity holding tokens start to end, read from the IOB tags around them (not by
    building all of `doc.ents`, once per name)."""
    if doc[start].ent_iob_ not in ("B", "I"):
        return None
    first, last = start, start + 1
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return (first, last) if end <= last else None


def _located_after(doc: Doc, end: int) -> bool:
    """ "Sumy lies 30 km from the border", "X is located near Y": a name that is the subject of a locative verb."""
    words = [t.lower_ for t in doc[end : end + 2]]
    return bool(words) and (words[0] in cues.LOCATIVE_VERBS or tuple(words) in cues.LOCATIVE_VERB_PAIRS)


def _attacked_after(doc: Doc, end: int) -> bool:
    """ "Sumy was shelled": a name that is the subject of a passive attack."""
    words = [t.lower_ for t in doc[end : end + 3]]
    return (
        len(words) >= 2
        and words[0] in ("was", "were", "is", "are", "has", "have")
        and any(w in attacks.ATTACK_WORDS for w in words[1:])
    )


def _swallowed(doc: Doc, start: int, end: int) -> bool:
    """A name that spaCy ran into a date or time with lower-case words ("Odesa overnight")."""
    first, last = start, end
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    rest = [doc[k] for k in range(first, last) if not start <= k < end]
    return bool(rest) and all(t.is_lower and t.is_alpha for t in rest)


def _accept_gazetteer_match(
    doc: Doc, start: int, end: int, kinds: frozenset[str], sentence_kinds: frozenset[str]
) -> bool:
    """Whether a gazetteer name spaCy did not tag as a place is one here, from cues, labels and prominence."""
    labels = {doc[k].ent_type_ for k in range(start, end)} - {""}
    name = doc[start:end].text
    if labels == {"NORP"} and _outside_entity(doc, start, end):
        return False  # part of a people's name: "South Koreans"
    if _division_after_place(doc, start, end) and best_prior(name, DIVISION_KINDS) >= 0:
        return True
    if kinds and (
        best_prior(name, kinds) >= 0
        or (kinds & cues.AIRFIELD_KINDS and any(best_prior(inner, kinds) >= 0 for inner in inner_names(name)))
    ):
        return True
    if (
        labels & (EMBEDDING_LABELS | {"PERSON"})
        and _outside_entity(doc, start, end)
        and not _hit_list_part(doc, start, end)
    ):
        return False
    if len(name) < 3 or name.lower() in CALENDAR_WORDS:
        return False
    if end - start == 1 and _headline_word(doc, start):
        return False
    if name.isupper() and len(name) < 5 and not lookup(name, {"country"}, 1):
        return False  # an agency cited after a place ("..., RIA"): only a kind word beside it makes one a place
    if (
        _structured(doc, start, end)
        and best_prior(name, frozenset(), alias_prior=cues.LOCATIVE_ALIAS_PRIOR) >= cues.LOCATIVE_PRIOR
    ):
        return True
    own = best_prior(name, frozenset())
    if end - start > 1 and own >= STRONG_PRIOR:
        return True
    if sentence_kinds and best_prior(name, sentence_kinds) >= 0 and not labels & cues.NOT_PLACE_LABELS:
        return True
    if labels & cues.NOT_PLACE_LABELS and _swallowed(doc, start, end) and own >= STRONG_PRIOR:
        return True
    if labels & STRICT_NOT_PLACE_LABELS:
        return False
    if is_language(name):
        return False
    previous = doc[start - 1].lower_ if start > 0 else ""
    if (
        previous in cues.LOCATIVE
        or previous in attacks.ATTACK_WORDS
        or _attacked_after(doc, end)
        or _located_after(doc, end)
    ) and best_prior(name, frozenset(), alias_prior=cues.LOCATIVE_ALIAS_PRIOR) >= cues.LOCATIVE_PRIOR:
        return True
    if labels & (cues.NOT_PLACE_LABELS - {"NORP"}):
        return False
    if previous == "the" and end - start == 1 and best_prior(name, frozenset({"region", "country"})) < 0:
        return False
    if end - start == 1 and name.lower() in cues.GENERIC_WORDS:
        return False
    if (
        end < len(doc)
        and doc[end].text in cues.POSSESSIVE
        and best_prior(name, frozenset(), alias_prior=ALIAS_PRIOR) < POSSESSIVE_PRIOR
    ):
        return False
    if "NORP" in labels:
        return False
    known = best_prior(name, frozenset(), alias_prior=ALIAS_PRIOR)
    return known >= (ALIAS_PRIOR if "PERSON" in labels else STRONG_PRIOR)


def _division_after_place(doc: Doc, start: int, end: int) -> bool:
    """ "Knockhill, Fife.", "Brands Hatch, Kent;": after a name and a comma, and ending the sentence or the
    item, stands the division that holds the place, as addresses and lists of venues write it (a list of
    people goes on: "Helen, Clarence and Marie")."""
    return (
        start >= 2
        and doc[start - 1].text == ","
        and is_name_token(doc[start - 2])
        and (end == len(doc) or doc[end].text in (".", ";", ")") or "\n" in doc[end - 1].whitespace_)
    )


def _headline_word(doc: Doc, i: int) -> bool:
    """A common word that a title-cased headline capitalises ("Drones Hit Oil Plant in First-Ever Strike"): a
    stop word, or a word the text also writes in lower case."""
    scanned = tokens(doc)
    sent = doc[i].sent
    alpha = scanned.alpha[sent.start : sent.end]
    words = [w for w, a in zip(scanned.text[sent.start : sent.end], alpha, strict=True) if a and len(w) > 3]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return False
    return doc[i].is_stop or scanned.lower[i] in scanned.text


def _structured(doc: Doc, start: int, end: int) -> bool:
    """The grammar around the name says it is a place: an attack hits it ("drones struck X", "X came
    under attack") or was aimed at it ("could strike X", "a drone targeting X was downed"), or a distance
    follows it ("X (about 900 km)", "X, 300 km from ...", "X lies 30 km")."""
    reading = attacks.read(doc, [(start, end)])[0]
    if reading.hit or reading.other == "hypothetical":
        return True
    after = list(doc[end : min(end + 4, len(doc))])
    if (len(after) >= 2 and after[0].text in ("(", ",")) or (after and after[0].lower_ in cues.LOCATIVE_VERBS):
        rest = after[1:]
        return any(t.like_num for t in rest[:3]) and any(
            t.lower_ in cues.DISTANCE_UNITS for t in doc[end : min(end + 6, len(doc))]
        )
    return False


def _names_a_place(span: Span) -> bool:
    """Entity spans that are demonyms, adjectives, language names ("Ukrainian", "English") or acronyms the
    gazetteer does not know as a country or region ("NATO") are not places whatever their label."""
    text = span.text
    if abbreviated(text):
        return not after_number(span.doc, span.start)
    if not any(t.text[:1].isupper() for t in span) or span[-1].lower_ in cues.ORGANISATION_HEADS:
        return False
    if text.isupper() and len(text.replace(".", "")) <= 5 and not lookup(text, ("country", "admin1", "region"), 1):
        return False
    return not (len(span) == 1 and span[0].tag_ == "JJ") and countries().demonym(text) is None and not is_language(text)


def _placelike(doc: Doc, start: int, end: int) -> bool:
    previous = doc[start - 1].lower_ if start > 0 else ""
    following = doc[end].lower_ if end < len(doc) else ""
    return (
        previous in cues.LOCATIVE
        or following in cues.PLACE_WORDS
        or any(t.lower_ in cues.PLACE_WORDS for t in doc[start:end])
        or _before_facility(doc, end)
    )


def _owning_institution(doc: Doc, start: int, end: int) -> str:
    """The institution or office a name owns or is the "of" of ("X's foreign ministry", "the president
    of X", "the embassy of X in Y"), lower-cased, or "": there the name stands for a state, not a location."""
    root = doc[start:end].root
    if root.dep_ == "poss":
        owned = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i < start:
        owned = root.head.head
    else:
        return ""
    return owned.lower_ if owned.lower_ in cues.INSTITUTION_WORDS else ""


def _modifies(doc: Doc, end: int) -> str:
    """The noun a name qualifies ("US forces", "California lawmakers", "Odesa mayor"), lower-cased, or ""."""
    if end >= len(doc) or following_kinds(doc, end) or doc[end].lower_ in cues.PLACE_WORDS | cues.LAND_NOUNS:
        return ""
    if doc[end].tag_ in ("NN", "NNS", "NNP", "NNPS") and doc[end].ent_type_ not in PLACE_LABELS:
        return doc[end].lower_
    return ""


def _stated_country(doc: Doc, start: int) -> str:
    """The country whose possessive stands before the name ("Chile's X region" -> "CL"), or ""."""
    if start < 2 or doc[start - 1].text not in cues.POSSESSIVE:
        return ""
    first = start - 2
    while first > 0 and start - 1 - first < 3 and is_name_token(doc[first - 1]):
        first -= 1
    return country_code(doc[first : start - 1].text) or ""


def _district_of(doc: Doc, start: int, end: int) -> str:
    """ "city" for "the city's X district", "Y" for "Y's X district" and "the X district of Y" (Y no
    region: "the X district of the Y region" is a rural district), the district word after the name or,
    where spaCy's entity holds it, its last word; "" for any other name."""
    if end - start > 1 and doc[end - 1].lower_ in cues.DISTRICT_WORDS:
        end -= 1
    elif end >= len(doc) or doc[end].lower_ not in cues.DISTRICT_WORDS:
        return ""
    if start >= 2 and doc[start - 1].text in cues.POSSESSIVE:
        owner = doc[start - 2]
        return "city" if owner.lower_ == "city" else owner.text if is_name_token(owner) else ""
    after = end + 2
    while after < len(doc) and is_name_token(doc[after]):
        after += 1
    if end + 2 < after and doc[end + 1].lower_ in ("of", "in") and not following_kinds(doc, after):
        return doc[end + 2 : after].text
    return ""


def surnames(doc: Doc) -> frozenset[str]:
    """Last words of the people the text names in full: a later bare "Modi" or "Buhari" is that person."""
    return frozenset(ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)


def _is_person(doc: Doc, start: int, end: int, surnames: frozenset[str]) -> bool:
    previous = doc[start - 1].text.rstrip(".").lower() if start > 0 else ""
    return (end - start == 1 and doc[start].text in surnames) or previous in cues.PERSON_TITLES


def _another_name(doc: Doc, start: int, end: int) -> bool:
    """A repeat of a place's name that here names a ship, a person or part of a longer name."""
    previous = doc[start - 1].lower_ if start > 0 else ""
    if previous in cues.VESSEL_WORDS or previous.rstrip(".") in cues.PERSON_TITLES:
        return True
    if (
        doc[start].ent_type_ in EMBEDDING_LABELS | {"PERSON"}
        and _outside_entity(doc, start, end)
        and not _hit_list_part(doc, start, end)
    ):
        return True
    return (start > 0 and is_name_token(doc[start - 1])) or (end < len(doc) and is_name_token(doc[end]))


def _repeats(doc: Doc, spans: list[tuple[int, int, str]], taken: list[bool]) -> list[tuple[int, int]]:
    """Other mentions of the names already recognised: one name, one sense in an article, so a place
    that a kind word or an attack confirmed once ("the Morozovsk air base") is found where spaCy took it
    for a person ("Morozovsk (870 km)"). A name spaCy alone called a place is repeated only where spaCy
    does not call the repeat a person or an organisation, and not at all when spaCy calls it a person
    elsewhere in the article; names the gazetteer does not know never are."""
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    text = tokens(doc).text
    strong: set[tuple[str, ...]] = set()
    weak: set[tuple[str, ...]] = set()
    for s, e, label in spans:
        if label in ("CAPITAL", "DEMONYM") or not is_name(doc[s:e].text):
            continue
        if kinds_around(doc, s, e) or _structured(doc, s, e):
            strong.add(tuple(text[s:e]))
        elif label in PLACE_LABELS and doc[s:e].text not in people:
            weak.add(tuple(text[s:e]))
    found = []
    for start, end in _occurrences(text, strong | weak):
        if any(taken[start:end]) or _another_name(doc, start, end):
            continue
        if tuple(text[start:end]) not in strong and doc[start].ent_type_ in ("PERSON", "ORG", "NORP"):
            continue
        found.append((start, end))
        taken[start:end] = [True] * (end - start)
    return found


def _occurrences(text: list[str], names: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where each name (its tokens' texts) occurs in the doc's tokens, by start and the longest first, as
    spaCy's PhraseMatcher would find them; found from the names' first words, without building a matcher
    and a Doc per name for each doc."""
    firsts = {name[0] for name in names}
    lengths = sorted({len(name) for name in names}, reverse=True)
    return [
        (i, i + n) for i, word in enumerate(text) if word in firsts for n in lengths if tuple(text[i : i + n]) in names
    ]


def find_toponyms(doc: Doc) -> list[Toponym]:
    """All toponym spans in a spaCy doc, in text order, without overlaps."""
    try:
        return _find_toponyms(doc)
    finally:
        forget_tokens(doc)


def _find_toponyms(doc: Doc) -> list[Toponym]:
    taken = [False] * len(doc)
    spans: list[tuple[int, int, str]] = []

    def take(start: int, end: int, label: str) -> None:
        """Claim the tokens; keep the span unless its sentence uses the name for an outlet or a weapon. A
        gazetteer match made only of generic words ("State", "Centre") is left alone: no entry is looked up
        under such a name (`resolution.ranking.candidates_for`), so it could only be reported unresolved."""
        if label in ("GAZ", "REPEAT") and cues.only_generic(doc[start:end].text):
            return
        if label in ("CAPITAL", "DEMONYM") or not not_a_place(doc, start, end):
            spans.append((start, end, label))
        taken[start:end] = [True] * (end - start)

    known = surnames(doc)
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent[-1].lower_ not in cues.SITE_HEADS and not any(taken[ent.start : ent.end]):
            if (embedded := embedded_places(doc, ent)) is not None:
                take(*embedded, "EMBEDDED")
                taken[ent.start : ent.end] = [True] * len(ent)
            continue
        if ent.label_ not in PLACE_LABELS and not (
            ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ in cues.SITE_HEADS
        ):
            continue
        for part_start, part_end in _parts(doc, ent.start, ent.end):
            start, end = _trim(doc, part_start, part_end)
            if start < end:
                start, end = _widened(doc, start, end)
            if (
                start < end
                and not any(taken[start:end])
                and _names_a_place(doc[start:end])
                and not _is_person(doc, start, end, known)
            ):
                take(start, end, ent.label_)
    sentence_kinds_by_start: dict[int, frozenset[str]] = {}
    written = set(tokens(doc).text)
    for sent in doc.sents:
        sentence_kinds = sentence_kinds_by_start[sent.start] = kinds_in_sentence(sent)
        for start, end in _gazetteer_matches(doc, sent, taken):
            kinds = kinds_around(doc, start, end)
            if _accept_gazetteer_match(doc, start, end, kinds, sentence_kinds) and (
                kinds or not _is_person(doc, start, end, known)
            ):
                take(start, end, "GAZ")
        for start, end in sentence_openers(doc, sent, taken, written):
            if best_prior(doc[start:end].text, frozenset()) >= OPENER_PRIOR and (
                kinds_around(doc, start, end) or _structured(doc, start, end)
            ):
                take(start, end, "GAZ")
        for start, end in capitals(doc, sent, taken):
            take(start, end, "CAPITAL")
        for start, end in demonyms(doc, sent, taken):
            take(start, end, "DEMONYM")
        for start, end in abbreviations(doc, sent, taken):
            take(start, end, "GAZ")
        for start, end in datelines(doc, sent, taken):
            take(start, end, "GAZ")
        for start, end in facility_names(doc, sent, taken):
            take(start, end, "FAC")
        for start, end in settlement_names(doc, sent, taken):
            take(start, end, "SETTLED")
    for start, end in _repeats(doc, spans, taken):
        take(start, end, "REPEAT")
    result = []
    for start, end, label in sorted(spans):
        kinds = frozenset({"country"}) if label == "DEMONYM" else kinds_around(doc, start, end)
        if short := abbreviated(doc[start:end].text, after_place=True):
            kinds = frozenset({short.kind})
        span = doc[start:end]
        result.append(
            Toponym(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                label=label,
                token_start=start,
                token_end=end,
                kinds=kinds,
                sentence_kinds=sentence_kinds_by_start.get(doc[start].sent.start, frozenset()),
                placelike=label in ("GAZ", "FAC", "REPEAT", "SETTLED")
                or bool(kinds)
                or _placelike(doc, start, end)
                or called_settlement(doc, start, end),
                modifier=_modifies(doc, end),
                owner_of=_owning_institution(doc, start, end),
                stated_country=_stated_country(doc, start),
                district_of=_district_of(doc, start, end),
            )
        )
    return result

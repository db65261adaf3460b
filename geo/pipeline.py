"""text -> toponyms -> resolved places -> distance claims and roles -> ParsedDocument."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from gazetteer import Place
from geo.claims import extraction as claim_extraction
from geo.dates import event_dates as dates
from geo.dates.published import blanked, stated_date
from geo.resolution.countries import countries
from geo.resolution.abbreviations import abbreviated
from geo.resolution.cues import (
    INSTITUTION_WORDS,
    REGION_WORDS,
    SETTLEMENT_KINDS,
)
from geo.text.decoding import UTF8
from geo.text.articles import headline
from geo.model import DistanceClaim, NoiseRun, ParsedDocument, PlaceMention
from geo.resolution.names import admin_core, fold, is_name, lookup
from geo.text.chunking import chunks, lead
from geo.nlp import pipeline
from geo.recognition.toponyms import NO_SITE_LABELS, Toponym, surnames
from geo.resolution.ranking import Context, Query, Resolution, candidates_for, division_of, resolve
from geo.resolution import sites
from geo.grammar import attacks
from geo.roles import decide as roles
from geo.recognition.shapes import capital_of
from geo.run.timing import STAGE_SECONDS, StageTimes

CONFIDENT = 0.6
BATCH = 32
BATCH_CHARS = 100_000
"""About BATCH news articles' worth of text (GeoWebNews' average 2,500 characters): BATCH short articles
seldom reach it, so a batch is not cut short to leave an article or two as a batch of their own, which
spaCy's networks run far less efficiently; a long article's pieces go a few at a time."""


@dataclass(frozen=True, slots=True)
class _Found:
    """A toponym with document offsets, its sentence and what its sentence says happened to it."""

    toponym: Toponym
    sentence: int
    paragraph: int
    reading: attacks.Reading
    attacker_words: tuple[attacks.Actor, ...]
    dateline: bool


@dataclass(frozen=True, slots=True)
class _Piece:
    """What the NLP pass yields for one piece of a text (`geo.text.chunking`): toponym offsets, sentences and
    `_Found.sentence` are the piece's own, so a piece that comes again is read once."""

    found: list[_Found]
    sentences: list[tuple[int, int]]
    demonym_countries: Counter
    attack_subjects: list[tuple[attacks.Actor, ...]]
    surnames: frozenset[str]
    """Last names of the people the piece names in full (`geo.recognition.toponyms.surnames`)."""


@dataclass(frozen=True, slots=True)
class _Reading:
    """What the NLP pass yields for one document."""

    found: list[_Found]
    sentences: list[tuple[int, int]]
    demonym_countries: Counter
    attack_subjects: list[tuple[attacks.Actor, ...]]
    """The subject words of every attack the text reports, with a place or not ("Ukraine's drone strike on
    Russian air bases"): who attacks in the article as a whole."""


def _read_piece(doc: Doc, times: StageTimes, lead: int = 0) -> _Piece:
    """What spaCy found in one piece; the first `lead` characters are the line before the piece
    (`geo.text.chunking.lead`), read only as context: what lies in them belongs to the piece before."""
    facts = countries()
    sents = list(doc.sents)
    sentence_starts = [s.start for s in sents]
    skipped = sum(s.start_char < lead for s in sents)
    demonyms: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP" and ent.start_char >= lead and (country := facts.demonym(ent.text)):
            demonyms[country[0]] += 1
    for stage, seconds in doc.user_data.get(STAGE_SECONDS, {}).items():
        times.seconds[stage] += seconds
        times.seconds["NER"] -= seconds
    found = [
        _Found(
            replace(top, start=top.start - lead, end=top.end - lead),
            bisect_right(sentence_starts, top.token_start) - 1 - skipped,
            0,
            reading,
            words,
            roles.is_dateline(doc, top.token_start, top.token_end),
        )
        for top, reading, words in zip(doc._.toponyms, doc._.readings, doc._.attacker_words, strict=True)
        if sents[bisect_right(sentence_starts, top.token_start) - 1].start_char >= lead
    ]
    return _Piece(
        found,
        [(s.start_char - lead, s.end_char - lead) for s in sents[skipped:]],
        demonyms,
        [words for start, words in doc._.attack_subjects if start >= lead],
        surnames(doc),
    )


def _read(text: str, pieces: Sequence[tuple[int, _Piece]]) -> _Reading:
    """The pieces of `text`, at their offsets, as one document: document offsets, sentence numbers and
    paragraphs (lines). A bare name that another piece gives as a person's last name ("Smith" after "John
    Smith") is that person, as the recogniser decides within a piece."""
    found: list[_Found] = []
    sentences: list[tuple[int, int]] = []
    demonyms: Counter = Counter()
    attack_subjects: list[tuple[attacks.Actor, ...]] = []
    line_breaks = [m.start() for m in re.finditer("\n", text)]
    people = frozenset().union(*(piece.surnames for _, piece in pieces))
    for offset, piece in pieces:
        first = len(sentences)
        sentences.extend((offset + start, offset + end) for start, end in piece.sentences)
        demonyms.update(piece.demonym_countries)
        attack_subjects.extend(piece.attack_subjects)
        elsewhere = people - piece.surnames
        for item in piece.found:
            if item.toponym.text in elsewhere and not item.toponym.kinds:
                continue
            top = replace(item.toponym, start=item.toponym.start + offset, end=item.toponym.end + offset)
            found.append(
                replace(
                    item, toponym=top, sentence=first + item.sentence, paragraph=bisect_right(line_breaks, top.start)
                )
            )
    return _Reading(found, sentences, demonyms, attack_subjects)


def _context(found: Sequence[_Found], resolutions: Sequence[Resolution] | None, demonyms: Counter) -> Context:
    country_codes = Counter(demonyms)
    country_names: dict[str, set[str]] = {code: {"(demonym)"} for code in demonyms}
    admin_document: set[tuple[str, str]] = set()
    admin_by_sentence: dict[int, set[tuple[str, str]]] = {}
    anchors: dict[tuple[str, float, float], None] = {}
    divisions: dict[tuple[str, str], set[str]] = {}
    for i, item in enumerate(found):
        place = resolutions[i].place if resolutions else next(iter(lookup(_query_text(item.toponym), limit=1)), None)
        confident = resolutions is None or resolutions[i].confidence >= CONFIDENT
        if place is None or not confident:
            continue
        if place.kind == "country" or resolutions:
            country_codes[place.country] += 1
            country_names.setdefault(place.country or "", set()).add(fold(item.toponym.text))
        if place.kind != "country" and resolutions:
            if (division := division_of(place))[1]:
                divisions.setdefault(division, set()).add(fold(item.toponym.text))
            if place.kind in ("admin1", "region"):
                named = (admin_core(place.name), fold(_query_text(item.toponym)))
                admin_document.add(named)
                admin_by_sentence.setdefault(item.sentence, set()).add(named)
            else:
                anchors[(fold(item.toponym.text), place.lat, place.lon)] = None
    return Context(
        countries={c: n / top for c, n in country_codes.items() if c and (top := max(country_codes.values()))},
        admin1_document=frozenset(admin_document),
        admin1_by_sentence={k: frozenset(v) for k, v in admin_by_sentence.items()},
        anchors=tuple(anchors),
        country_names={c: frozenset(t) for c, t in country_names.items() if c},
        division_names={d: frozenset(t) for d, t in divisions.items()},
    )


def _query_text(toponym: Toponym) -> str:
    """The name to look up: "the Ukrainian capital" is looked up as Kyiv, "the Turkish border" as Turkey, "La."
    as Louisiana, an unknown "X province" as X."""
    if toponym.label == "CAPITAL":
        return capital_of(toponym.text.split()[0].removesuffix("'s").removesuffix("’s")) or toponym.text
    if toponym.label == "DEMONYM" and (country := countries().demonym(toponym.text)):
        return country[1]
    if short := abbreviated(toponym.text, after_place=True):
        return short.name
    *core, last = toponym.text.split()
    if core and last.lower() in REGION_WORDS and not is_name(toponym.text):
        return " ".join(core)
    return toponym.text


LIST_JOINT = re.compile(r"\s*(?:,|,?\s*(and|or|&))?\s*(?:the\s+)?", re.IGNORECASE)
"""What stands between two items of a list of names: a comma, "and", "or", ", and the"; the group holds
the conjunction."""


def _listed(text: str, found: Sequence[_Found], queries: list[Query], resolutions: Sequence[Resolution]) -> list[Query]:
    """ "Iowa, Texas and X", "Mexico, the US and X": each name of a list (names in one sentence joined by
    commas and at least one "and" or "or") with the kinds the first pass gave the others without doubt
    (a close call is no evidence for its neighbours). "Austin, Texas" is no list: a comma alone joins a
    place to the one that holds it."""
    runs: list[tuple[list[int], bool]] = []
    for i, item in enumerate(found):
        previous = found[i - 1] if i else None
        joint = None
        if previous is not None and previous.sentence == item.sentence:
            joint = LIST_JOINT.fullmatch(text[previous.toponym.end : item.toponym.start])
        if joint is None:
            runs.append(([i], False))
        else:
            runs[-1] = (runs[-1][0] + [i], runs[-1][1] or joint.group(1) is not None)
    result = list(queries)
    for run, conjoined in runs:
        if not conjoined:
            continue
        for i in run:
            kinds = frozenset(
                p.kind
                for j in run
                if j != i and (p := resolutions[j].place) is not None and not resolutions[j].needs_review
            )
            result[i] = replace(result[i], listed_kinds=kinds)
    return result


def _resolve_all(text: str, found: Sequence[_Found], demonyms: Counter, times: StageTimes) -> list[Resolution]:
    """Two passes: the places resolved with confidence in the first are the context of the second. The
    gazetteer queries run first, on their own, so that their time is told apart from the ranking's."""
    queries = [
        Query(
            _query_text(f.toponym),
            f.sentence,
            f.toponym.kinds,
            f.toponym.sentence_kinds,
            f.reading.hit,
            f.reading.other in ("near", "container"),
            f.toponym.stated_country,
        )
        for f in found
    ]
    with times.stage("candidate lookup"):
        for query in queries:
            candidates_for(query)
    with times.stage("ranking"):
        initial = _context(found, None, demonyms)
        first = _resolve_each(queries, initial)
        context = _context(found, first, demonyms)
        return sites.districts(
            [f.toponym for f in found], _resolve_each(_listed(text, found, _same_site(queries, first), first), context)
        )


def _resolve_each(queries: Sequence[Query], context: Context) -> list[Resolution]:
    """`resolve` of each query; a name that comes again in a sentence naming the same regions (the only
    use `resolve` makes of the sentence) gets the resolution already computed, so a long article resolves
    each name a few times, not once per mention."""
    done: dict[tuple[Query, frozenset[tuple[str, str]]], Resolution] = {}
    resolutions = []
    for query in queries:
        key = (replace(query, sentence=-1), context.admin1_by_sentence.get(query.sentence, frozenset()))
        if key not in done:
            done[key] = resolve(query, context)
        resolutions.append(done[key])
    return resolutions


def _same_site(queries: Sequence[Query], resolutions: Sequence[Resolution]) -> list[Query]:
    """One name, one sense: once "the X air base" (or an attacked "X") resolved to a military air base, a
    bare "X" in the same article is that base too (a name with a kind of its own, "the town of X", keeps it).
    Civil airports are left out: "Lisbon" beside "Lisbon airport" is still the city."""
    sites = {
        fold(q.text): q.kinds | {"airbase"}
        for q, r in zip(queries, resolutions, strict=True)
        if ("airbase" in q.kinds or q.attacked) and r.place is not None and r.place.kind == "airbase"
    }
    return [replace(q, kinds=sites[fold(q.text)]) if not q.kinds and fold(q.text) in sites else q for q in queries]


def _non_literal(toponym: Toponym, place: Place | None) -> bool:
    """A country or state qualifying a noun ("US forces", "California law") or owning an office ("X's
    foreign ministry", "the president of X"), or any place qualifying an institution or a people ("Leeds
    police", "Lyon mayor"), names no location."""
    if place is None or toponym.label == "EMBEDDED":
        return False
    if toponym.owner_of:
        return place.kind in ("country", "admin1")
    return bool(toponym.modifier) and (place.kind in ("country", "admin1") or toponym.modifier in INSTITUTION_WORDS)


def _document(
    name: str, text: str, published: str | None, encoding: str, reading: _Reading, times: StageTimes
) -> ParsedDocument:
    found = reading.found
    stated = stated_date(text)
    published = published or (stated.date if stated else None)
    body = blanked(text, stated)
    resolutions = sites.sites_in_places(
        text,
        [f.toponym for f in found],
        [f.sentence for f in found],
        _resolve_all(text, found, reading.demonym_countries, times),
    )
    kept = [
        i
        for i, (f, r) in enumerate(zip(found, resolutions, strict=True))
        if not _non_literal(f.toponym, r.place) and (r.place is not None or f.toponym.placelike)
    ]
    found = [found[i] for i in kept]
    resolutions = [resolutions[i] for i in kept]
    places = [r.place for r in resolutions]
    named = [i for i, f in enumerate(found) if f.toponym.label not in NO_SITE_LABELS]
    with times.stage("claims"):
        drafts = [
            replace(
                d,
                subject=named[d.subject] if d.subject is not None else None,
                origin=named[d.origin] if d.origin is not None else None,
            )
            for d in claim_extraction.extract(
                text,
                reading.sentences,
                [(found[i].toponym.start, found[i].toponym.end) for i in named],
                [places[i] for i in named],
            )
        ]
        runs = claim_extraction.noise_runs(drafts, places)
    origins = {d.origin for d in drafts if d.origin is not None}
    noise = tuple(NoiseRun(len(run), drafts[run.start].start, drafts[run[-1]].end) for run in runs)
    noisy = {i for run in runs for i in run}
    drafts = [d for i, d in enumerate(drafts) if i not in noisy]
    with times.stage("roles"):
        decided = roles.assign(
            [
                roles.Mention(
                    key=p.id if p is not None else fold(f.toponym.text),
                    text=f.toponym.text,
                    place=p,
                    reading=f.reading,
                    attacker_words=f.attacker_words,
                    paragraph=f.paragraph,
                    dateline=f.dateline,
                    origin=i in origins,
                    settlement=f.toponym.kinds == SETTLEMENT_KINDS,
                )
                for i, (f, p) in enumerate(zip(found, places, strict=True))
            ],
            [f.sentence for f in found],
            reading.attack_subjects,
        )
    mentions = []
    for item, res, decision in zip(found, resolutions, decided, strict=True):
        s_start, s_end = reading.sentences[item.sentence]
        place = res.place
        point = place if place is not None and item.toponym.label != "DEMONYM" else None
        role = decision.role
        dated = dates.event_date(body[s_start:s_end], published) if role == "strike_target" else dates.UNDATED
        mentions.append(
            PlaceMention(
                text=item.toponym.text,
                start=item.toponym.start,
                end=item.toponym.end,
                id=place.id if place else None,
                name=place.name if place else None,
                kind=place.kind if place else None,
                lat=point.lat if point else None,
                lon=point.lon if point else None,
                country=place.country if place else None,
                admin1=place.admin1 if place else None,
                confidence=round(res.confidence, 4),
                role=role,
                attacker=decision.attacker,
                sentence=text[s_start:s_end],
                sentence_start=s_start,
                sentence_end=s_end,
                candidates=res.candidates,
                why=res.why,
                needs_review=res.needs_review,
                event_date=dated.date,
                event_date_text=dated.text,
                event_date_source=dated.source,
                role_score=round(decision.chance, 4),
                role_evidence=tuple((k, round(v, 4)) for k, v in decision.evidence.items() if v),
            )
        )
    distance_claims = []
    for d in drafts:
        s_start, s_end = reading.sentences[d.sentence]
        distance_claims.append(
            DistanceClaim(
                value=d.value,
                value_high=d.value_high,
                unit=d.unit,
                hedge=d.hedge,
                claimed_km=claim_extraction.to_km(d.value, d.unit),
                claimed_km_high=claim_extraction.to_km(d.value_high, d.unit) if d.value_high is not None else None,
                subject=mentions[d.subject] if d.subject is not None else None,
                origin=mentions[d.origin] if d.origin is not None else None,
                origin_text=d.origin_text,
                text=text[d.start : d.end],
                start=d.start,
                end=d.end,
                sentence=text[s_start:s_end],
                sentence_start=s_start,
                sentence_end=s_end,
                direction=d.direction,
                border=d.border,
            )
        )
    return ParsedDocument(
        document=name,
        text=text,
        places=tuple(mentions),
        claims=tuple(distance_claims),
        published=published,
        encoding=encoding,
        headline=headline(text),
        noise=noise,
    )


def _pipe(nlp: Language, pieces: Iterable[tuple[str, int]]) -> Iterator[tuple[Doc, int]]:
    """`nlp.pipe` over (text, context) pairs in batches of at most BATCH texts and BATCH_CHARS characters:
    BATCH whole pieces of a long article would hold spaCy's arrays for 320,000 characters at once."""
    batch: list[tuple[str, int]] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) == BATCH or size + len(piece[0]) > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[0])
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def parse_many(items: Iterable[tuple], times: StageTimes | None = None) -> Iterator[ParsedDocument]:
    """Parse (document name, text[, published[, encoding]]) tuples in order, loading the models once and
    batching the NLP; with `times`, the seconds of each stage are added to it ("NER" is all of spaCy's
    work)."""
    times = times if times is not None else StageTimes()
    nlp = pipeline()
    texts: dict[int, tuple[str, str, str | None, str, list[tuple[int, str, int]]]] = {}

    def pieces() -> Iterator[tuple[str, int]]:
        """Each document's pieces for spaCy, each with the line before it as context, a text that comes
        again in the same document only once. A part is (offset, the text spaCy reads, the length of its
        context): the same text can be read with different contexts (in a repeated text, the piece
        "line + next lines" and the piece "next lines" with "line" as its context)."""
        for index, (name, text, *rest) in enumerate(items):
            cut = chunks(text) if text.strip() else [(0, "")]
            parts = []
            for offset, piece in cut:
                start = lead(text, offset)
                parts.append((offset, text[start : offset + len(piece)], offset - start))
            texts[index] = (name, text, rest[0] if rest else None, rest[1] if len(rest) > 1 else UTF8, parts)
            yield from ((read, index) for read in dict.fromkeys(read for _, read, _ in parts))

    stream = times.timed("NER", _pipe(nlp, pieces()))
    for index, group in groupby(stream, key=lambda pair: pair[1]):
        name, text, published, encoding, parts = texts.pop(index)
        docs = {doc.text: doc for doc, _ in group}
        read: dict[tuple[str, int], _Piece] = {}
        for _, piece, context in parts:
            if (piece, context) not in read:
                read[(piece, context)] = _read_piece(docs[piece], times, context)
        reading = _read(text, [(offset, read[(piece, context)]) for offset, piece, context in parts])
        yield _document(name, text, published, encoding, reading, times)


def parse(text: str, document: str = "-", published: str | None = None) -> ParsedDocument:
    """Parse one text; pure and deterministic: the same text (and publication date) always gives the same
    result."""
    return next(parse_many([(document, text, published)]))

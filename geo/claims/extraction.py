"""Extract the distances an article states ("781 km from Kyiv") and link them to the places it names."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gazetteer import Place
from geo import vocab
from geo.resolution.countries import countries, country_code
from geo.resolution.names import admin_core, lookup

AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent"})
KM_PER_UNIT = {"km": 1.0, "mi": 1.609344, "nmi": 1.852}
PLACE_NOUNS = vocab.words("place_nouns")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PLAIN, NEARLY, MORE, LESS, RANGE = "plain", "nearly", "more", "less", "range"


def _hedge_rules() -> dict[str | None, str]:
    """vocab/hedges.toml as hedge -> rule, in file order; no hedge is a plain number, "between" a range."""
    rules: dict[str | None, str] = {None: PLAIN}
    for rule, hedges in vocab.table("hedges").items():
        if rule not in (PLAIN, NEARLY, MORE, LESS):
            raise vocab.VocabularyError(
                f"{vocab.FOLDER / 'hedges.toml'}: {rule!r} is no verdict rule ({PLAIN}, {NEARLY}, {MORE}, {LESS})"
            )
        rules.update((" ".join(hedge.lower().split()), rule) for hedge in hedges)
    rules["between"] = RANGE
    return rules


HEDGE_RULES = _hedge_rules()
"""Every hedge the extractor knows, with the verdict rule it selects: one vocabulary for both steps."""
HEDGES = sorted((h for h in HEDGE_RULES if h and h != "between"), key=len, reverse=True)
"""Longest first, so "just under" wins over "under"."""
HEDGE = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in HEDGES)
UNIT = r"(?P<unit>nautical\s+miles?|nmi|kilomet(?:er|re)s?|kms?|miles?|mi)(?![\w-])"
DISTANCE = re.compile(
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?:(?P<between>between)\s+)?(?P<num>{NUMBER})"
    rf"(?:\s*(?:km|kilomet(?:er|re)s?|miles?)?\s*(?:-|–|to|and)\s*(?P<num2>{NUMBER}))?\s*{UNIT}",
    re.IGNORECASE,
)
NUMBER_UNIT = re.compile(r"\d\s*(?:nautical|nmi|kilomet|kms?\b|miles?\b|mi\b)", re.IGNORECASE)
"""A cheap test for the sentences worth matching DISTANCE against."""
RESTATEMENT = re.compile(r"\s*\(([^()]{1,60})\)")
FROM = re.compile(
    r"\s*,?\s*(?:(?:away\s+)?from|(?:to\s+the\s+)?(?:(?P<direction>(?:north|south|east|west)(?:-?(?:east|west))?)"
    r"(?:ward)?|outside|short|inland)\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|port|capital)\s+of\s+)?",
    re.IGNORECASE,
)
_CAPITALISED = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
BORDER = re.compile(
    rf"(?:(?P<owner>{_CAPITALISED}?)\s+(?:border|frontier)\b(?:\s+with\s+(?:the\s+)?(?P<with>{_CAPITALISED}))?"
    rf"|(?:border|frontier)\s+with\s+(?:the\s+)?(?P<other>{_CAPITALISED}))"
)
"""A country's border as a claim's origin: "the Ukrainian border", "Ukraine's border", "the border with
Ukraine", "Ukraine's border with Russia", "the Israel-Lebanon border" (after FROM's "from the")."""
PAIR = re.compile(r"[-–/]")
"""What joins the two countries of one border ("Israel-Lebanon")."""
PLACE_THEN_PARENTHESIS = re.compile(r"(?:\s+[a-z][a-z-]*){0,3}\s*\(\s*")
"""Between a place and its distance: "X (", "the X air base (", "the X oil refinery (" """
AWAY = re.compile(r"\s*away\b", re.IGNORECASE)
ORIGIN_WORDS = re.compile(r"[^,.;:()\n]{1,40}")
NOISE_RUN = 5
"""This many claims in a row with neither end a resolved place are noise (a table of numbers, "1 km from
2 km from 3"), not claims to list one by one."""


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A distance claim whose subject and origin are indexes into the document's toponyms."""

    value: float
    value_high: float | None
    unit: str
    hedge: str | None
    subject: int | None
    origin: int | None
    origin_text: str | None
    start: int
    end: int
    sentence: int
    direction: str | None = None
    """The compass direction the text puts the subject in from the origin ("northeast"), when it says one."""
    border: tuple[str, ...] = ()
    """The ISO alpha-2 codes of the border the distance is measured from (`border_of`), when it is one."""


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit(text: str) -> str:
    text = text.lower()
    if text.startswith("nautical") or text == "nmi":
        return "nmi"
    if text.startswith("mi"):
        return "mi"
    return "km"


def to_km(value: float, unit: str) -> float:
    return value * KM_PER_UNIT[unit]


def _contains(container: Place | None, place: Place | None) -> bool:
    if container is None or place is None:
        return False
    if container.kind == "country":
        return place.country == container.country and place.kind != "country"
    if container.kind in ("admin1", "region") and place.admin1:
        return admin_core(place.admin1) == admin_core(container.name)
    return False


def _is_area(place: Place | None) -> bool:
    return place is not None and place.kind in AREA_KINDS


def _subject(
    text: str,
    spans: Sequence[tuple[int, int]],
    places: Sequence[Place | None],
    before: int,
    in_sentence: Sequence[int],
    origin: int | None,
) -> int | None:
    """The nearest place named before the claim that is not just the region or country around another one;
    an area only when no point place precedes."""
    found = [i for i in in_sentence if spans[i][1] <= before and i != origin]
    points = any(not _is_area(places[i]) for i in found)
    for pos in range(len(found) - 1, -1, -1):
        i = found[pos]
        place = places[i]
        if (place is not None and place.kind == "country") or (points and _is_area(place)):
            continue
        if any(_contains(places[i], places[j]) for j in found[:pos]):
            continue
        earlier = found[pos - 1] if pos > 0 else None
        earlier_place = places[earlier] if earlier is not None else None
        if (
            earlier is not None
            and (earlier_place is None or earlier_place.kind != "country")
            and _located_in(text, spans[earlier][1], spans[i][0])
        ):
            continue
        return i
    return None


def _located_in(text: str, previous_end: int, start: int) -> bool:
    """ "the Saky airbase in Crimea, 200 km from ...": the place after "in" only says where the one before lies;
    but "the Red Sea city of X" names X itself."""
    between = text[previous_end:start].lower().split()
    if len(between) > 1 and between[-1] == "of" and between[-2] in PLACE_NOUNS:
        return False
    return len(between) <= 5 and bool(between) and between[-1] in ("in", "near", "of", "outside")


def _country(name: str) -> str | None:
    """The ISO alpha-2 code of a country's demonym or name ("Ukrainian", "Ukraine", "the United States")."""
    if demonym := countries().demonym(name):
        return demonym[0]
    return country_code(name) or next((p.country for p in lookup(name, kinds=("country",), limit=1)), None)


def _leading_country(words: str) -> str | None:
    """The country the longest leading run of the words names ("Ukraine's", "Ukrainian", "United States")."""
    split = words.split()
    names = (" ".join(split[:n]).removesuffix("'s").removesuffix("’s") for n in range(len(split), 0, -1))
    return next((code for name in names if (code := _country(name))), None)


def border_of(text: str, start: int, end: int) -> tuple[str, ...]:
    """The border the words at `start` name: (country,) for one country's ("Ukrainian border", "border with
    Ukraine"), (country, neighbour) for the stretch two share ("Ukraine's border with Russia", "the
    Israel-Lebanon border"); () when they name none."""
    found = BORDER.match(text, start, end)
    if found is None:
        return ()
    if found["other"]:
        return tuple(filter(None, [_leading_country(found["other"])]))
    pair = PAIR.split(found["owner"])
    if len(pair) == 2 and all(codes := [_country(name.strip()) for name in pair]):
        return tuple(code for code in codes if code)
    owner = _leading_country(found["owner"])
    neighbour = _leading_country(found["with"]) if found["with"] else None
    return tuple(code for code in (owner, neighbour) if code) if owner else ()


def _named_after_common_words(
    text: str, spans: Sequence[tuple[int, int]], in_sentence: Sequence[int], start: int, end: int
) -> int | None:
    """The place an origin's words name after common words only ("the capital Kyiv", "the frontline town
    X"): the first toponym between `start` and `end` with no capitalised word before it."""
    for i in in_sentence:
        if start <= spans[i][0] < end and not any(w[:1].isupper() for w in text[start : spans[i][0]].split()):
            return i
    return None


def extract(
    text: str,
    sentences: Sequence[tuple[int, int]],
    spans: Sequence[tuple[int, int]],
    places: Sequence[Place | None],
) -> list[ClaimDraft]:
    """Every distance claim, sentence by sentence; `spans` and `places` are the document's toponyms."""
    drafts: list[ClaimDraft] = []
    starts = [start for start, _ in spans]
    sentence_starts = [start for start, _ in sentences]
    at_start = {start: i for i, start in enumerate(starts)}
    with_numbers = {bisect_right(sentence_starts, m.start()) - 1 for m in NUMBER_UNIT.finditer(text)}
    for si, (s_start, s_end) in enumerate(sentences):
        if si not in with_numbers:
            continue
        sentence = text[s_start:s_end]
        in_sentence = [
            i for i in range(bisect_left(starts, s_start), bisect_right(starts, s_end)) if spans[i][1] <= s_end
        ]
        previous: ClaimDraft | None = None
        restated_until = -1
        origins: set[int] = set()
        waiting: list[int] = []  # drafts of a list whose origin comes at its end: "A (900 km), B (870 km from X)"
        for m in DISTANCE.finditer(sentence):
            start, end = s_start + m.start(), s_start + m.end()
            value = _number(m["num"])
            high = _number(m["num2"]) if m["num2"] else None
            hedge = (
                "between" if m["between"] or high else (" ".join(m["hedge"].lower().split()) if m["hedge"] else None)
            )
            unit = _unit(m["unit"])
            if previous is not None and start < restated_until:
                drafts.append(
                    ClaimDraft(
                        value,
                        high,
                        unit,
                        hedge or previous.hedge,
                        previous.subject,
                        previous.origin,
                        previous.origin_text,
                        start,
                        end,
                        si,
                        previous.direction,
                        previous.border,
                    )
                )
                continue
            after = end
            restated = RESTATEMENT.match(text, after, s_end)
            if restated and DISTANCE.search(restated.group(1)):
                restated_until = restated.end()
                after = restated.end()
            origin = origin_text = None
            claim_end = end
            frm = FROM.match(text, after, s_end)
            direction = frm["direction"].lower().replace("-", "") if frm and frm["direction"] else None
            border = border_of(text, frm.end(), s_end) if frm else ()
            if frm:
                origin = at_start.get(frm.end())
                words = ORIGIN_WORDS.match(text, frm.end(), s_end) if origin is None else None
                if origin is None and words is not None:
                    origin = _named_after_common_words(text, spans, in_sentence, frm.end(), words.end())
                if origin is not None:
                    claim_end = spans[origin][1]
                else:
                    origin_text = words.group(0).strip() if words else ""
                    claim_end = words.end() if words else frm.end()
            elif away := AWAY.match(text, after, s_end):
                origin_text = ""
                claim_end = away.end()
            else:
                before_text = text[s_start:start].rstrip()
                in_list = before_text.endswith("(") and previous is not None
                follows_place = any(
                    spans[i][1] <= start and PLACE_THEN_PARENTHESIS.fullmatch(text, spans[i][1], start)
                    for i in in_sentence
                )
                if not (in_list or follows_place):
                    continue
                if previous is not None:
                    origin, origin_text = previous.origin, previous.origin_text
            subject = _subject(text, spans, places, start, [i for i in in_sentence if i not in origins], origin)
            if subject is None and origin is not None:
                later = [i for i in in_sentence if spans[origin][1] <= spans[i][0]]
                subject = later[0] if later else None
            if origin is not None:
                origins.add(origin)
            draft = ClaimDraft(
                value, high, unit, hedge, subject, origin, origin_text, start, claim_end, si, direction, border
            )
            parenthetical = text[s_start:start].rstrip().endswith("(")
            if origin is None and origin_text is None and parenthetical:
                waiting.append(len(drafts))
            elif parenthetical and (origin is not None or origin_text):
                for k in waiting:
                    drafts[k] = replace(drafts[k], origin=origin, origin_text=origin_text)
                waiting.clear()
            drafts.append(draft)
            previous = draft
    return drafts


def noise_runs(drafts: Sequence[ClaimDraft], places: Sequence[Place | None]) -> list[range]:
    """The runs of at least NOISE_RUN consecutive drafts whose subject and origin both resolve to no place."""

    def placeless(draft: ClaimDraft) -> bool:
        return all(end is None or places[end] is None for end in (draft.subject, draft.origin))

    runs, first = [], None
    for i, draft in enumerate([*drafts, None]):
        if draft is not None and placeless(draft):
            first = i if first is None else first
            continue
        if first is not None and i - first >= NOISE_RUN:
            runs.append(range(first, i))
        first = None
    return runs

"""`python -m geo.evaluate FILE.xml`: span and resolution scores of the geoparser on an annotated corpus.

Reads GeoWebNews (<toponym> with <start>, <end>, <type>, <latitude>, <longitude>; gold = the types in
GWN_GOLD_TYPES with coordinates) and LGL / TR-News (<toponym> with <start>, <end>, <phrase> and
<gaztag><lat/><lon/></gaztag>; gold = those with coordinates), detected from the toponyms' elements.
Every PlaceMention the parser returns is a predicted span; an unresolved one never counts as resolved. The
figures are given twice: as the corpus counts (GeoWebNews counts "the Turkish border" as Turkey) and without
demonyms on either side, since a demonym is no place on the map and some corpora do not count them."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from geo.claims.check import geodesic_km_many
from geo import vocab
from geo.model import ParsedDocument, PlaceMention
from geo.resolution.countries import countries
from geo.resolution.names import fold, lookup
from geo.pipeline import parse_many

GWN_GOLD_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion", "Metonymic"})
CORRECT_KM = 161.0
"""A resolution within 161 km (100 miles) of the gold coordinates is correct, as is customary."""
UNRESOLVED_KM = 20_039.0
"""Error of a matched span the parser could not resolve: half the Earth's circumference, as in Gritta et al."""
CONTEXT = 60


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A gold toponym paired with a predicted span, and the resolution error in km."""

    gold: GoldToponym
    predicted: PlaceMention
    error_km: float


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """The comparison of one parsed document with its gold annotation."""

    gold: int
    predicted: int
    exact: tuple[Match, ...]
    lenient: tuple[Match, ...]
    false_positives: tuple[PlaceMention, ...]
    false_negatives: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class Metrics:
    documents: int
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    lenient_precision: float
    lenient_recall: float
    lenient_f1: float
    accuracy_161_matched: float
    accuracy_161_end_to_end: float
    lenient_accuracy_161_end_to_end: float
    median_error_km: float | None
    seconds: float
    documents_per_second: float
    without_demonyms: Metrics | None = None
    """The same figures with demonyms left out of the gold and the predictions (`is_demonym`)."""


def _number(element: ET.Element, *paths: str) -> float | None:
    for path in paths:
        text = (element.findtext(path) or "").strip()
        if text:
            return float(text)
    return None


def read_corpus(path: str | Path) -> tuple[str, list[GoldDocument]]:
    """(format name, documents) of a GeoWebNews or LGL/TR-News XML file."""
    root = ET.parse(path).getroot()
    docs, formats = [], set()
    for index, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        toponyms = []
        for top in article.iter("toponym"):
            kind = top.findtext("type")
            formats.add("GeoWebNews" if kind is not None else "LGL/TR-News")
            lat = _number(top, "latitude", "gaztag/lat")
            lon = _number(top, "longitude", "gaztag/lon")
            if lat is None or lon is None or (kind is not None and kind.strip() not in GWN_GOLD_TYPES):
                continue
            start, end = int(top.findtext("start", "")), int(top.findtext("end", ""))
            toponyms.append(GoldToponym(start, end, text[start:end], lat, lon))
        name = article.get("file") or article.get("docid") or str(index)
        docs.append(GoldDocument(name, text, tuple(sorted(toponyms, key=lambda t: (t.start, t.end)))))
    return "+".join(sorted(formats)) or "empty", docs


def _pair(gold: Sequence[GoldToponym], predicted: Sequence[PlaceMention], overlap: bool) -> list[tuple[int, int]]:
    """One-to-one (gold, predicted) index pairs with equal spans; with `overlap`, the remaining gold and
    predicted spans are then paired when they overlap."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for lenient in (False, True) if overlap else (False,):
        paired = {gi for gi, _ in pairs}
        for gi, g in enumerate(gold):
            for pi, p in enumerate(predicted):
                same = p.start < g.end and g.start < p.end if lenient else (p.start, p.end) == (g.start, g.end)
                if gi not in paired and pi not in used and same:
                    used.add(pi)
                    pairs.append((gi, pi))
                    break
    return sorted(pairs)


def _scored_point(mention: PlaceMention) -> tuple[float, float] | None:
    """The mention's point; a demonym, which has none on the map, at its country's point: GeoWebNews counts
    "the Turkish border" as a mention of Turkey (Literal_Modifier)."""
    if mention.point is None and mention.resolved and mention.candidates:
        return mention.candidates[0].lat, mention.candidates[0].lon
    return mention.point


def _matches(
    gold: Sequence[GoldToponym], predicted: Sequence[PlaceMention], pairs: list[tuple[int, int]]
) -> tuple[Match, ...]:
    ends = [(gold[gi], predicted[pi]) for gi, pi in pairs]
    located = {i: (g, point) for i, (g, p) in enumerate(ends) if (point := _scored_point(p)) is not None}
    km = geodesic_km_many(
        [g.lat for g, _ in located.values()],
        [g.lon for g, _ in located.values()],
        [pt[0] for _, pt in located.values()],
        [pt[1] for _, pt in located.values()],
    )
    errors = dict(zip(located, km.tolist(), strict=True))
    return tuple(Match(g, p, errors.get(i, UNRESOLVED_KM)) for i, (g, p) in enumerate(ends))


def is_demonym(text: str) -> bool:
    """ "Syrian", "European": a people's or a region's adjective, which names no place of its own on the map."""
    return countries().demonym(text) is not None or fold(text) in vocab.words("region_demonyms")


def without_demonyms(gold: GoldDocument, parsed: ParsedDocument) -> tuple[GoldDocument, ParsedDocument]:
    """`gold` and `parsed` with every demonym span left out of both."""
    return (
        replace(gold, toponyms=tuple(t for t in gold.toponyms if not is_demonym(t.text))),
        replace(parsed, places=tuple(p for p in parsed.places if not is_demonym(p.text))),
    )


def score_document(gold: GoldDocument, parsed: ParsedDocument) -> DocumentScore:
    predicted = parsed.places
    exact = _pair(gold.toponyms, predicted, overlap=False)
    lenient = _pair(gold.toponyms, predicted, overlap=True)
    matched_gold = {gi for gi, _ in exact}
    matched_predicted = {pi for _, pi in exact}
    return DocumentScore(
        gold=len(gold.toponyms),
        predicted=len(predicted),
        exact=_matches(gold.toponyms, predicted, exact),
        lenient=_matches(gold.toponyms, predicted, lenient),
        false_positives=tuple(p for i, p in enumerate(predicted) if i not in matched_predicted),
        false_negatives=tuple(g for i, g in enumerate(gold.toponyms) if i not in matched_gold),
    )


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return _ratio(2 * p * r, p + r)


def metrics(scores: Sequence[DocumentScore], seconds: float, without: Sequence[DocumentScore] | None = None) -> Metrics:
    """Corpus metrics, micro-averaged over toponyms; `without` scores the same documents without demonyms."""
    gold = sum(s.gold for s in scores)
    predicted = sum(s.predicted for s in scores)
    exact = [m for s in scores for m in s.exact]
    lenient = [m for s in scores for m in s.lenient]
    correct = sum(m.error_km <= CORRECT_KM for m in exact)
    p, r = _ratio(len(exact), predicted), _ratio(len(exact), gold)
    lp, lr = _ratio(len(lenient), predicted), _ratio(len(lenient), gold)
    return Metrics(
        documents=len(scores),
        gold=gold,
        predicted=predicted,
        precision=p,
        recall=r,
        f1=_f1(p, r),
        lenient_precision=lp,
        lenient_recall=lr,
        lenient_f1=_f1(lp, lr),
        accuracy_161_matched=_ratio(correct, len(exact)),
        accuracy_161_end_to_end=_ratio(correct, gold),
        lenient_accuracy_161_end_to_end=_ratio(sum(m.error_km <= CORRECT_KM for m in lenient), gold),
        median_error_km=statistics.median(m.error_km for m in exact) if exact else None,
        seconds=seconds,
        documents_per_second=_ratio(len(scores), seconds),
        without_demonyms=metrics(without, seconds) if without is not None else None,
    )


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT) : end + CONTEXT].replace("\n", " ")


def error_records(gold: GoldDocument, score: DocumentScore) -> Iterable[dict]:
    """JSON-ready records of a document's false positives, false negatives and resolutions beyond 161 km."""
    for p in score.false_positives:
        yield {
            "document": gold.name,
            "error": "false_positive",
            "text": p.text,
            "start": p.start,
            "end": p.end,
            "id": p.id,
            "name": p.name,
            "kind": p.kind,
            "context": _context(gold.text, p.start, p.end),
        }
    for g in score.false_negatives:
        yield {
            "document": gold.name,
            "error": "false_negative",
            "text": g.text,
            "start": g.start,
            "end": g.end,
            "gold_lat": g.lat,
            "gold_lon": g.lon,
            "context": _context(gold.text, g.start, g.end),
        }
    for m in score.exact:
        if m.error_km > CORRECT_KM:
            p = m.predicted
            yield {
                "document": gold.name,
                "error": "far" if p.resolved else "unresolved",
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "error_km": round(m.error_km, 1),
                "gold_lat": m.gold.lat,
                "gold_lon": m.gold.lon,
                "id": p.id,
                "name": p.name,
                "kind": p.kind,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "confidence": p.confidence,
                "why": p.why,
                "candidates": [
                    {"id": c.id, "name": c.name, "kind": c.kind, "country": c.country, "score": c.score}
                    for c in p.candidates
                ],
                "context": _context(gold.text, p.start, p.end),
            }


def evaluate(docs: Sequence[GoldDocument], errors: list[dict] | None = None) -> Metrics:
    """Parse `docs` (the models load inside the timed part) and score them; appends error records to `errors`."""
    started = time.perf_counter()
    scores, without = [], []
    for gold, parsed in zip(docs, parse_many((d.name, d.text) for d in docs), strict=True):
        scores.append(score_document(gold, parsed))
        without.append(score_document(*without_demonyms(gold, parsed)))
        if errors is not None:
            errors.extend(error_records(gold, scores[-1]))
    return metrics(scores, time.perf_counter() - started, without)


def gazetteer_ceiling(docs: Sequence[GoldDocument]) -> float:
    """The share of gold toponyms that any resolver could get within 161 km with this gazetteer: some entry
    under the gold name, or under a word sequence inside it ("Constance" in "Lake Constance"), lies that close.
    No end-to-end accuracy can exceed it, however good recognition and disambiguation are."""
    gold = [t for d in docs for t in d.toponyms]
    reachable = 0
    for toponym in gold:
        words = toponym.text.split()
        names = [" ".join(words[i : i + k]) for k in range(len(words), 0, -1) for i in range(len(words) - k + 1)]
        places = [p for name in names for p in lookup(name, limit=200)]
        if places:
            km = geodesic_km_many(
                [toponym.lat] * len(places),
                [toponym.lon] * len(places),
                [p.lat for p in places],
                [p.lon for p in places],
            )
            reachable += bool((km <= CORRECT_KM).any())
    return _ratio(reachable, len(gold))


def report(corpus: str, kind: str, m: Metrics) -> str:
    median = "n/a" if m.median_error_km is None else f"{m.median_error_km:,.1f} km"
    return "\n".join(
        [
            f"{corpus} ({kind}): {m.documents} documents, {m.gold} gold toponyms, {m.predicted} predicted spans",
            f"spans exact:   precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}",
            f"spans overlap: precision {m.lenient_precision:.3f}  recall {m.lenient_recall:.3f}  F1 {m.lenient_f1:.3f}",
            (
                f"accuracy@161 km: {m.accuracy_161_matched:.3f} of exact matches, {m.accuracy_161_end_to_end:.3f} end to end "
                f"({m.lenient_accuracy_161_end_to_end:.3f} with overlap matches)"
            ),
            f"median error over exact matches: {median}",
            *(
                [
                    (
                        f"without demonyms ({w.gold} gold, {w.predicted} predicted): F1 {w.f1:.3f}, accuracy@161 km "
                        f"{w.accuracy_161_matched:.3f} of exact matches, {w.accuracy_161_end_to_end:.3f} end to end"
                    )
                ]
                if (w := m.without_demonyms) is not None
                else []
            ),
            f"speed: {m.documents_per_second:.1f} documents/s ({m.seconds:.1f} s, model loading included)",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", metavar="FILE.xml")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents")
    parser.add_argument("--errors", metavar="FILE.jsonl", help="write false positives/negatives and far resolutions")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also print the gazetteer's ceiling: the best end-to-end accuracy any resolver could reach",
    )
    args = parser.parse_args(argv)
    try:
        kind, docs = read_corpus(args.corpus)
    except (OSError, ET.ParseError, ValueError) as error:
        print(f"error: {args.corpus}: {error}", file=sys.stderr)
        return 2
    docs = docs[: args.limit] if args.limit is not None else docs
    errors: list[dict] | None = [] if args.errors else None
    result = evaluate(docs, errors)
    if errors is not None:
        with open(args.errors, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    ceiling = gazetteer_ceiling(docs) if args.ceiling else None
    if args.json:
        print(json.dumps({**asdict(result), **({"ceiling": ceiling} if ceiling is not None else {})}, indent=2))
        return 0
    print(report(args.corpus, kind, result))
    if ceiling is not None:
        print(
            f"gazetteer ceiling: {ceiling:.3f} of gold toponyms have an entry within 161 km "
            "under their name or a word sequence inside it"
        )
    return 0

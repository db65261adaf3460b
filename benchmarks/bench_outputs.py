"""Distance checking of 100,000 synthetic claims (one vectorised geodesic call) and GeoJSON export of
1,000 parsed documents (the sample articles, parsed once and repeated under new names)."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import replace

from benchmarks import Measure
from benchmarks.corpus import ARTICLES
from geo import DistanceClaim, ParsedDocument, PlaceMention, check_claims, parse_many, to_geojson_text

CLAIMS = 100_000
DOCUMENTS = 1_000
RUNS = 5
HEDGES = (None, "about", "nearly", "more than", "up to")


def _point(rng: random.Random, text: str) -> PlaceMention:
    return PlaceMention(
        text=text,
        start=0,
        end=len(text),
        id=f"synthetic:{text}",
        name=text,
        kind="city",
        lat=rng.uniform(-80, 80),
        lon=rng.uniform(-180, 180),
        country=None,
        admin1=None,
        confidence=1.0,
        role="mention",
        attacker=None,
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        candidates=(),
        why="synthetic",
        needs_review=False,
    )


def synthetic_claims(count: int, seed: int = 0) -> ParsedDocument:
    """A document with `count` claims between random points, claimed distances anywhere from 1 to 20,000 km."""
    rng = random.Random(seed)
    points = [_point(rng, f"P{i}") for i in range(1000)]
    claims = []
    for _ in range(count):
        value = round(rng.uniform(1, 20_000))
        claims.append(
            DistanceClaim(
                value=value,
                value_high=None,
                unit="km",
                hedge=rng.choice(HEDGES),
                claimed_km=value,
                claimed_km_high=None,
                subject=rng.choice(points),
                origin=rng.choice(points),
                origin_text=None,
                text=f"{value} km",
                start=0,
                end=0,
                sentence="",
                sentence_start=0,
                sentence_end=0,
            )
        )
    return ParsedDocument(document="synthetic", text="", places=tuple(points), claims=tuple(claims))


def _seconds(work) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run() -> list[Measure]:
    doc = synthetic_claims(CLAIMS)
    samples = list(parse_many((p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))))
    docs = [
        replace(samples[i % len(samples)], document=f"{i:04d}-{samples[i % len(samples)].document}")
        for i in range(DOCUMENTS)
    ]
    checks = [c for d in docs for c in check_claims(d)]
    return [
        Measure(
            f"check {CLAIMS:,} synthetic claims (median of {RUNS})",
            _seconds(lambda: check_claims(doc)),
            "s",
            maximum=1.0,
        ),
        Measure(
            f"GeoJSON export of {DOCUMENTS:,} parsed documents (median of {RUNS})",
            _seconds(lambda: to_geojson_text(docs, checks)),
            "s",
        ),
    ]

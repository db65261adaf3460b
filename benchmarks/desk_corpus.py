"""A large corpus for the dashboard's browser test and benchmark, written in seconds: a few dozen synthetic
articles (benchmarks/synthetic.py) are parsed once, their strikes dated "on Monday", "yesterday", ... in the
text, and each parse is written many times over (corpus.dataset.write_partition) as articles of other days,
its event dates read again from the new publication date with geo.dates, as `strike-map corpus` would."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import geo
from benchmarks.synthetic import articles
from corpus.dataset import prepare, write_partition
from corpus.rows import ArticleMeta, Rows, add_parsed
from geo import ParsedDocument, event_date

FIRST_DAY = date(2024, 1, 1)
DAYS = 365
PHRASES = ("overnight", "on Monday", "yesterday", "on Saturday", "last weekend")


def _templates(count: int, seed: int) -> list[ParsedDocument]:
    items = articles(count, seed=seed)
    texts = [
        (item.id, item.text.replace(" overnight,", f" {PHRASES[n % len(PHRASES)]},", 1), item.title)
        for n, item in enumerate(items)
    ]
    return list(geo.parse_many((name, text) for name, text, _ in texts))


def _redated(doc: ParsedDocument, published: str) -> ParsedDocument:
    """The parse as it would be for an article published that day."""
    places = tuple(
        replace(m, event_date=d.date, event_date_text=d.text, event_date_source=d.source)
        if m.role == "strike_target" and (d := event_date(m.sentence, published))
        else m
        for m in doc.places
    )
    return replace(doc, places=places, published=published)


def write_corpus(root: Path, count: int, templates: int = 40, seed: int = 13) -> int:
    """`count` articles below `root` as `strike-map corpus -o root` writes them, each day's compacted into one
    partition; returns the number of mentions."""
    root = Path(root)
    prepare(root)
    parsed = _templates(templates, seed)
    rng = random.Random(seed)
    by_day: dict[str, list[int]] = defaultdict(list)
    for number in range(count):
        by_day[(FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()].append(number)
    mentions = 0
    for day, numbers in sorted(by_day.items()):
        rows = Rows()
        for number in numbers:
            doc = parsed[number % len(parsed)]
            meta = ArticleMeta(
                f"desk-{number:07d}",
                f"desk/{number:07d}.txt",
                day,
                "table",
                f"https://news.invalid/desk/{number}",
                f"{doc.text.splitlines()[0]} ({number})",
                f"wire-{number % 5}",
            )
            add_parsed(rows, meta, _redated(doc, day))
            mentions += len(doc.places)
        write_partition(root, f"part-{day}-desk", rows)
    return mentions

"""A synthetic news corpus for `make bench` and the corpus tests: template sentences over gazetteer places
(countries' capitals and the air bases nearest them), seeded, so the same arguments always give the same
articles. No evaluation data and no hand-picked place names."""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import gazetteer
from geo import countries, geodesic_km

FIRST_DAY = date(2024, 1, 1)
FILLER = (
    "Emergency crews worked through the night to put out the fires.",
    "There was no immediate word on casualties.",
    "Satellite images published later showed damage to several buildings.",
    "The claims could not be independently verified.",
    "Power was cut to thousands of homes for several hours.",
    "Officials urged residents to stay in shelters until the all-clear.",
    "Analysts said the attack showed a growing reach of long-range drones.",
)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    demonym: str
    capital: gazetteer.Place
    airbase: gazetteer.Place


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    id: str
    title: str
    published: str
    url: str
    source: str
    text: str


@lru_cache(maxsize=1)
def _countries() -> tuple[Country, ...]:
    """Countries with a demonym, a capital the gazetteer knows and an air base within 300 km of it."""
    facts = countries()
    demonyms = {code: word.title() for word, (code, _) in sorted(facts.by_demonym.items())}
    found = []
    for code, capital_name in sorted(facts.capital_names.items()):
        capitals = [p for p in gazetteer.lookup(capital_name, kind="city", limit=3) if p.country == code]
        if not capitals or code not in demonyms:
            continue
        capital = capitals[0]
        bases = gazetteer.nearest(capital.lat, capital.lon, kind="airbase", k=1)
        if bases and geodesic_km(capital.lat, capital.lon, bases[0].lat, bases[0].lon) < 300:
            found.append(Country(code, facts.names[code], demonyms[code], capital, bases[0]))
    return tuple(found)


def article(number: int, seed: int = 0) -> SyntheticArticle:
    """Article `number` of the corpus `seed`: one country strikes another's air base, a distance claim
    (sometimes off by a third), a few more places and filler."""
    rng = random.Random(f"{seed}:{number}")
    attacker, target, witness = rng.sample(_countries(), 3)
    base, origin = target.airbase, attacker.capital
    km = geodesic_km(base.lat, base.lon, origin.lat, origin.lon) * (1.33 if rng.random() < 0.2 else 1.0)
    sentences = [
        (
            f"{attacker.demonym} drones struck {base.name} near {target.capital.name} overnight, "
            f"{target.name}'s defence ministry said."
        ),
        f"{base.name} lies about {round(km, -1):,.0f} km from {origin.name}.",
        f"Officials in {target.capital.name} said air defences shot down several drones over {target.name}.",
        f"Residents of {target.capital.name} reported explosions and fires after the attack.",
        f"Analysts in {witness.capital.name} said {attacker.name} had not commented on the strike.",
    ]
    sentences[2:] = rng.sample(sentences[2:], 3)
    body = sentences + rng.sample(FILLER, 3 + number % 3)
    rng.shuffle(body[2:])
    title = f"{attacker.demonym} drones hit {base.name}"
    day = FIRST_DAY + timedelta(days=rng.randrange(365))
    return SyntheticArticle(
        f"synthetic-{seed}-{number:07d}",
        title,
        day.isoformat(),
        f"https://news.invalid/{seed}/{number}",
        f"wire-{number % 4}",
        title + "\n" + " ".join(body[:3]) + "\n" + " ".join(body[3:]) + "\n",
    )


def articles(count: int, seed: int = 0, start: int = 0) -> list[SyntheticArticle]:
    return [article(n, seed) for n in range(start, start + count)]


def html_page(item: SyntheticArticle) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in item.text.splitlines()[1:])
    return (
        f"<!doctype html><html><head><title>{escape(item.title)}</title>"
        f'<meta property="article:published_time" content="{item.published}T06:00:00Z"></head>'
        f"<body><h1>{escape(item.title)}</h1>{paragraphs}</body></html>\n"
    )


def write_files(folder: Path, items: list[SyntheticArticle], html_every: int = 0) -> list[Path]:
    """One .txt file per article (every `html_every`-th as an .html page), in folders by month."""
    paths = []
    for number, item in enumerate(items):
        is_html = html_every and number % html_every == 0
        path = folder / item.published[:7] / f"{item.id}.{'html' if is_html else 'txt'}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html_page(item) if is_html else item.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl_gz(path: Path, items: list[SyntheticArticle]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")


def write_parquet(path: Path, items: list[SyntheticArticle]) -> None:
    pq.write_table(pa.Table.from_pylist([asdict(item) for item in items]), path)

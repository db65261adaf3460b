"""Gazetteer scale and speed: counts, opening time, lookup latency, memory of a process with it open.

Opening time and memory are measured in a fresh interpreter, so they include importing the package and
nothing this benchmark loads. Lookups use a few thousand realistic queries: names of places sampled from
the store, and the capitalised words and word pairs of the sample articles (hits and misses alike)."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import Measure
from gazetteer.ensure import ensure_store
from gazetteer.freshness import STORE_PATH
from gazetteer.store import Gazetteer

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
AIRFIELD_KINDS = ("airbase", "airport", "heliport", "other")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
_FRESH_PROCESS = """
import json, time
started = time.perf_counter()
import gazetteer
gazetteer.default()
opened = time.perf_counter() - started
for name in json.loads(input()):
    gazetteer.lookup(name)
from benchmarks import own_peak_mb
print(json.dumps({"open": opened, "rss_mb": own_peak_mb()}))
"""


def _queries(count: int = 3000) -> list[str]:
    with sqlite3.connect(f"file:{STORE_PATH}?mode=ro", uri=True) as con:
        total = con.execute("SELECT max(pid) FROM places").fetchone()[0]
        rng = random.Random(0)
        pids = [rng.randint(0, total) for _ in range(count * 2 // 3)]
        names = [row[0] for pid in pids for row in con.execute("SELECT name FROM places WHERE pid = ?", (pid,))]
    article_words = [
        m.group(0)
        for path in sorted(ARTICLES.glob("*.txt"))
        for m in _CAPITALISED.finditer(path.read_text(encoding="utf-8"))
    ]
    names += (article_words * (count // max(1, len(article_words)) + 1))[: count - len(names)]
    rng.shuffle(names)
    return names


def run() -> list[Measure]:
    ensure_store()
    store = Gazetteer()
    places, airfields = store.count(), store.count(AIRFIELD_KINDS)
    queries = _queries()
    timings = []
    for name in queries:
        started = time.perf_counter()
        store.lookup(name)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    fresh = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS], input=json.dumps(queries), capture_output=True, text=True, check=True
    )
    measured = json.loads(fresh.stdout)
    return [
        Measure("places", places, minimum=200_000),
        Measure("airfields", airfields, minimum=70_000),
        Measure("store size on disk", STORE_PATH.stat().st_size / 1e6, "MB"),
        Measure("open (import + open, fresh process)", measured["open"], "s", maximum=0.5),
        Measure(f"lookup median ({len(queries)} names)", statistics.median(timings), "ms", maximum=1.0),
        Measure("lookup p95", timings[int(len(timings) * 0.95)], "ms"),
        Measure("RSS with store open, after lookups", measured["rss_mb"], "MB", maximum=300),
    ]

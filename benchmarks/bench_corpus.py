"""`strike-map corpus` on Dask against `geo parse --jobs`, on the same synthetic articles
(benchmarks/synthetic.py): docs/s with 1 and 2 workers, the scaling ratio (at least 1.8), start-up, peak
memory per worker, bytes written per article, and the ratio to `geo parse --jobs 2` (at least 0.9)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import Measure
from benchmarks.synthetic import articles, write_files

DOCUMENTS = 2000
RUNS = 3
SEED = 2024


def _run(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.corpus_run", *args], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def _median(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def run() -> list[Measure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        items = articles(DOCUMENTS, seed=SEED)
        write_files(folder, items)
        words = sum(len(item.text.split()) for item in items)
        results: dict[str, list[dict]] = {"parse 2": [], "corpus 1": [], "corpus 2": []}
        for attempt in range(RUNS):  # interleaved, so that a slow spell of the machine hits every variant
            results["parse 2"].append(_run("parse", "2", str(folder)))
            for workers in (1, 2):
                results[f"corpus {workers}"].append(
                    _run("corpus", str(workers), str(folder), str(Path(tmp) / f"out-{workers}-{attempt}"))
                )
    parse2, one, two = (_median(results[k]) for k in ("parse 2", "corpus 1", "corpus 2"))
    rate = {
        name: run["documents"] / run["seconds"]
        for name, run in (("parse 2", parse2), ("corpus 1", one), ("corpus 2", two))
    }
    return [
        Measure(f"corpus: {DOCUMENTS:,} synthetic articles, {words:,} words; median of {RUNS} runs", DOCUMENTS, "docs"),
        Measure("geo parse --jobs 2", rate["parse 2"], "docs/s"),
        Measure("geo corpus --workers 1", rate["corpus 1"], "docs/s"),
        Measure("geo corpus --workers 1, words per core", words / one["seconds"], "words/s"),
        Measure("geo corpus --workers 2", rate["corpus 2"], "docs/s"),
        Measure("scaling, 2 workers / 1 worker", rate["corpus 2"] / rate["corpus 1"], "x", minimum=1.8),
        Measure("geo corpus --workers 2 / geo parse --jobs 2", rate["corpus 2"] / rate["parse 2"], "x", minimum=0.9),
        Measure(
            "start-up: LocalCluster of 2 workers with models loaded",
            statistics.median(r["startup_seconds"] for r in results["corpus 2"]),
            "s",
        ),
        Measure("peak RSS per worker, --workers 2 (largest)", max(two["peak_worker_mb"].values()), "MB", maximum=1536),
        Measure(
            "bytes written per article (places + claims + documents)", two["bytes_written"] / two["documents"], "B"
        ),
    ]

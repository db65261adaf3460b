"""One timed run over a folder of articles in this (fresh) process, printed as JSON:
`python -m benchmarks.corpus_run parse JOBS DIR` times `geo parse DIR --jobs JOBS --format jsonl -o
/dev/null` (the command itself: reading, parsing and writing its output, as `geo corpus` writes its datasets);
`python -m benchmarks.corpus_run corpus WORKERS INPUT OUT [PARTITION_SIZE]` times `strike-map corpus --workers
WORKERS` (INPUT a folder or an article table; OUT may hold datasets already: the run appends; PARTITION_SIZE
articles a partition, corpus.run's default without it). Start-up (imports, models,
cluster) is timed apart; `total_seconds` is the whole process, and `client_peak_mb` the client's own peak
memory."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from dataclasses import asdict  # noqa: E402


def parse(jobs: int, folder: str) -> dict:
    import os

    import gazetteer
    from benchmarks import geo_command
    from geo import expand_paths, spacy_pipeline

    spacy_pipeline()
    gazetteer.default()
    startup = time.perf_counter() - STARTED
    began = time.perf_counter()
    geo_command(["parse", folder, "--jobs", str(jobs), "--format", "jsonl", "-o", os.devnull])
    return {
        "documents": len(expand_paths([folder])),
        "seconds": time.perf_counter() - began,
        "startup_seconds": startup,
    }


def corpus(workers: int, source: str, out: str, partition_size: str | None = None) -> dict:
    from benchmarks import own_peak_mb
    from corpus.run import run

    size = int(partition_size) if partition_size else None
    summary = run([source], out, workers=workers, partition_size=size, progress=False)
    return {
        "documents": summary.parsed,
        **asdict(summary),
        "total_seconds": time.perf_counter() - STARTED,
        "client_peak_mb": own_peak_mb(),
    }


if __name__ == "__main__":
    mode, count, *paths = sys.argv[1:]
    print(json.dumps(parse(int(count), *paths) if mode == "parse" else corpus(int(count), *paths)))

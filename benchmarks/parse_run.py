"""One timed parse of the benchmark corpus in this (fresh) process: `python -m benchmarks.parse_run JOBS`
prints JSON with the start-up seconds (importing, loading the models, opening the gazetteer), the parsing
seconds, documents, words, seconds per stage (jobs 1 only) and peak memory."""
from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import gazetteer  # noqa: E402
from benchmarks.corpus import corpus  # noqa: E402
from geo.batch import parse_parallel  # noqa: E402
from geo.nlp import pipeline  # noqa: E402
from geo.pipeline import parse_many  # noqa: E402
from geo.timing import StageTimes  # noqa: E402


def main(jobs: int) -> dict:
    pipeline()
    gazetteer.default()
    startup = time.perf_counter() - STARTED
    _, items = corpus()
    times = StageTimes()
    began = time.perf_counter()
    parsed = parse_many(items, times) if jobs == 1 else parse_parallel(items, jobs)
    documents = sum(1 for _ in parsed)
    seconds = time.perf_counter() - began
    return {
        "jobs": jobs, "startup": startup, "seconds": seconds, "documents": documents,
        "words": sum(len(text.split()) for _, text in items), "stages": dict(times.seconds),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))

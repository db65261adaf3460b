"""One timed parse of the benchmark corpus in this (fresh) process: `python -m benchmarks.parse_run JOBS`
prints JSON with the start-up seconds (importing, loading the models, opening the gazetteer), the parsing
seconds and CPU seconds (this process's and its worker processes'), documents, words, seconds per stage
(jobs 1 only) and peak memory.

`python -m benchmarks.parse_run JOBS spacy|ner` times spaCy alone instead (its whole pipeline as the parser
uses it, or only the tokenizer and NER): the floor under the parser's own speed."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import multiprocessing  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import gazetteer  # noqa: E402
from benchmarks import own_peak_mb  # noqa: E402
from benchmarks.corpus import corpus  # noqa: E402
from geo import BATCH, COMPONENTS, StageTimes, one_thread_each, parse_many, parse_parallel, spacy_pipeline  # noqa: E402


def _spacy_tokens(texts: list[str]) -> int:
    return sum(len(doc) for doc in spacy_pipeline().pipe(texts, batch_size=BATCH))


def spacy_alone(texts: list[str], jobs: int) -> float:
    """Seconds for spaCy's pipeline over `texts` split across `jobs` forked processes."""
    with multiprocessing.get_context("fork").Pool(jobs, initializer=one_thread_each) as pool:
        pool.map(_spacy_tokens, [texts[:1]] * jobs)
        began = time.perf_counter()
        pool.map(_spacy_tokens, [texts[i::jobs] for i in range(jobs)])
        return time.perf_counter() - began


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (the worker processes, once their pool is joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(jobs: int, mode: str) -> dict:
    nlp = spacy_pipeline()
    gazetteer.default()
    startup = time.perf_counter() - STARTED
    _, items = corpus()
    times = StageTimes()
    cpu = _cpu()
    if mode == "parse":
        began = time.perf_counter()
        parsed = parse_many(items, times) if jobs == 1 else parse_parallel(items, jobs)
        documents = sum(1 for _ in parsed)
        seconds = time.perf_counter() - began
    else:
        if mode == "ner":
            nlp.select_pipes(enable=["ner"])
        else:
            nlp.select_pipes(disable=list(COMPONENTS))
        seconds, documents = spacy_alone([text for _, text in items], jobs), len(items)
    return {
        "jobs": jobs,
        "mode": mode,
        "startup": startup,
        "seconds": seconds,
        "cpu": _cpu() - cpu,
        "documents": documents,
        "words": sum(len(text.split()) for _, text in items),
        "stages": dict(times.seconds),
        "peak_mb": own_peak_mb(),
        "peak_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "parse")))

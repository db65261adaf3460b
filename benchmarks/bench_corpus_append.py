"""A desk's day on `strike-map corpus --workers 2`: a 20,000-article dataset built from generated articles
in time order (benchmarks/synthetic.py, a year of publication days), then a batch of 1,000 new articles of the
next two days appended to it: the append's seconds (the whole command, start-up included) and the files it
touches, the client's peak memory over the 20,000, and that the append parsed exactly the new articles. Then
the client's peak memory over 200 and over 2,000 partitions of one article each: with a bounded number of
partitions in flight it stays flat however many partitions a run sends."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path

from benchmarks import Measure
from benchmarks.synthetic import articles, write_jsonl_gz

DATASET, APPENDED = 20_000, 1_000
SEED = 2028


SMALL_PARTITIONS = (200, 2_000)


def _corpus(source: Path, out: Path, *partition_size: str) -> dict:
    command = [sys.executable, "-m", "benchmarks.corpus_run", "corpus", "2", str(source), str(out), *partition_size]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _files(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def partitions_in_flight() -> list[Measure]:
    """The client's peak memory over runs of 200 and 2,000 partitions of one article (each in a fresh process)."""
    measures = []
    for count in SMALL_PARTITIONS:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "articles.jsonl.gz"
            write_jsonl_gz(source, articles(count, seed=SEED))
            done = _corpus(source, Path(tmp) / "datasets", "1")
        measures.append(
            Measure(
                f"client peak memory, {done['partitions']:,} partitions of one article", done["client_peak_mb"], "MB"
            )
        )
    return measures


def run() -> list[Measure]:
    return [*desk_day(), *partitions_in_flight()]


def desk_day() -> list[Measure]:
    items = sorted(articles(DATASET + APPENDED, seed=SEED), key=lambda item: (item.published, item.id))
    base, extra = items[:DATASET], items[DATASET:]
    next_day = date.fromisoformat(base[-1].published) + timedelta(days=1)
    new = [replace(item, published=(next_day + timedelta(days=n % 2)).isoformat()) for n, item in enumerate(extra)]
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp), Path(tmp) / "datasets"
        write_jsonl_gz(folder / "base.jsonl.gz", base)
        write_jsonl_gz(folder / "new.jsonl.gz", new)
        built = _corpus(folder / "base.jsonl.gz", out)
        before = _files(out)
        appended = _corpus(folder / "new.jsonl.gz", out)
        after = _files(out)
    touched = sum(after.get(name) != stamp for name, stamp in before.items()) + len(set(after) - set(before))
    return [
        Measure(
            f"dataset: {DATASET:,} generated articles in time order, {len(before):,} files", built["parsed"], "docs"
        ),
        Measure("building it, --workers 2", built["parsed"] / built["seconds"], "docs/s"),
        Measure(f"client peak memory over {DATASET:,} articles", built["client_peak_mb"], "MB"),
        Measure(f"append of {APPENDED:,} new articles: whole command", appended["total_seconds"], "s"),
        Measure("append: articles parsed (exactly the new ones)", appended["parsed"], "docs", APPENDED, APPENDED),
        Measure("append: files touched (written or changed)", touched, "files"),
        Measure("append: client peak memory", appended["client_peak_mb"], "MB"),
    ]


if __name__ == "__main__":
    for measure in run():
        print(asdict(measure))

"""The geoparser: quality on GeoWebNews (when present); throughput with one and two worker processes, each
in a fresh interpreter, start-up apart; the share of time per stage; peak memory; a 5 MB and a 20 MB
article; a file of numbers."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Measure
from benchmarks.corpus import ARTICLES, GWN, corpus

RUNS = 3
HUGE_BYTES = 5_000_000
TWENTY_MB = 20_000_000
STAGES = ("NER", "recognition", "candidate lookup", "ranking", "roles", "claims")


def _parse_run(jobs: int, mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.parse_run", str(jobs), mode], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def _median_run(jobs: int, mode: str = "parse") -> dict:
    """The run with the median parsing time of RUNS runs, each in a fresh process."""
    return _median([_parse_run(jobs, mode) for _ in range(RUNS)])


def _median(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def _against_floor() -> tuple[dict, dict, float, float]:
    """The median runs of `--jobs 2` and of spaCy alone (2 processes), and the medians of the ratios of
    RUNS pairs, each pair run one right after the other, by seconds and by CPU seconds: on a shared machine
    a slow spell then hits both sides of a ratio, not one, and CPU seconds hardly see other people's work."""
    pairs = [(_parse_run(2, "parse"), _parse_run(2, "spacy")) for _ in range(RUNS)]

    def ratio(key: str) -> float:
        return statistics.median(spacy[key] / parse[key] for parse, spacy in pairs)

    return _median([p for p, _ in pairs]), _median([s for _, s in pairs]), ratio("seconds"), ratio("cpu")


def throughput() -> list[Measure]:
    description, _ = corpus()
    one = _median_run(1)
    two, spacy, ratio, cpu_ratio = _against_floor()
    ner = _median_run(2, "ner")
    total = one["seconds"]
    stages = [Measure(f"  share of time: {name}", 100 * one["stages"].get(name, 0.0) / total, "%") for name in STAGES]
    other = total - sum(one["stages"].get(name, 0.0) for name in STAGES)
    return [
        Measure(f"corpus: {description}, {one['words']:,} words; median of {RUNS} runs", one["documents"], "docs"),
        Measure(
            "start-up (import, load models, open gazetteer)",
            statistics.median([one["startup"], two["startup"]]),
            "s",
            maximum=5,
        ),
        Measure("throughput --jobs 1", one["documents"] / one["seconds"], "docs/s"),
        Measure("throughput --jobs 1, words", one["words"] / one["seconds"], "words/s"),
        Measure("throughput --jobs 2", two["documents"] / two["seconds"], "docs/s", minimum=40),
        Measure("throughput --jobs 2, words", two["words"] / two["seconds"], "words/s"),
        *stages,
        Measure(
            "floor: spaCy alone as the parser runs it, 2 processes", spacy["documents"] / spacy["seconds"], "docs/s"
        ),
        Measure("floor: spaCy tokenizer + NER only, 2 processes", ner["documents"] / ner["seconds"], "docs/s"),
        Measure(
            f"throughput --jobs 2 / floor (spaCy alone), median of {RUNS} pairs run in turn", ratio, "x", minimum=0.9
        ),
        Measure("  the same by CPU seconds (both processes and their workers)", cpu_ratio, "x"),
        Measure("  share of time: other (assembling results)", 100 * other / total, "%"),
        Measure("peak RSS, parsing process (--jobs 1)", one["peak_mb"], "MB", maximum=1536),
        Measure(
            "peak RSS, --jobs 2 (parent + 2 x largest worker)",
            two["peak_mb"] + 2 * two["peak_worker_mb"],
            "MB",
            maximum=1536,
        ),
    ]


def quality() -> list[Measure]:
    out = subprocess.run(
        [sys.executable, "-m", "geo.evaluate", str(GWN), "--json", "--ceiling"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    m = json.loads(out)
    return [
        Measure("GWN span F1 (exact)", m["f1"], minimum=0.80),
        Measure("GWN span F1 (overlap)", m["lenient_f1"], minimum=0.80),
        Measure("GWN accuracy@161 km, matched spans", m["accuracy_161_matched"], minimum=0.82),
        Measure("GWN accuracy@161 km, end to end", m["accuracy_161_end_to_end"], minimum=0.56),
        Measure("GWN gazetteer ceiling (--ceiling)", m["ceiling"]),
        Measure("GWN end to end / ceiling", m["accuracy_161_end_to_end"] / m["ceiling"], "x", minimum=0.9),
    ]


_HUGE_RUN = """
import json, resource, sys
from benchmarks import geo_command
status = geo_command([sys.argv[1], sys.argv[2], "--format", sys.argv[3]] + (["-o", "/dev/null"] if sys.argv[1] == "parse" else []))
from benchmarks import own_peak_mb
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"peak_mb": own_peak_mb(), "cpu": usage.ru_utime + usage.ru_stime}), file=sys.stderr)
sys.exit(status)
"""
TWENTY_MB_BEFORE = 227.0
"""Seconds of the 20 MB article on main before issue 17 (3 min 47 s, the issue's clean-checkout figure)."""


def _cli_run(path: Path, command: str = "parse", output: str = "jsonl") -> tuple[float, dict, str]:
    """(seconds, {"peak_mb", "cpu"}, stdout) of one `python -m geo COMMAND PATH` in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _HUGE_RUN, command, str(path), output], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - started
    return seconds, json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


def huge_article(size: int, label: str, **targets: float) -> list[Measure]:
    """`python -m geo parse` of one article of `size` bytes made of the sample articles repeated: seconds,
    CPU seconds and peak memory."""
    sample = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        path.write_text(sample * (size // len(sample.encode()) + 1), encoding="utf-8")
        seconds, usage, _ = _cli_run(path)
    return [
        Measure(f"{label} article: seconds", seconds, "s", maximum=targets.get("seconds")),
        Measure(f"{label} article: CPU seconds", usage["cpu"], "s"),
        Measure(f"{label} article: peak RSS", usage["peak_mb"], "MB", maximum=targets.get("peak_mb", 1536)),
    ]


def number_noise() -> list[Measure]:
    """`check-distances` of 110 KB of "1 km from 2 km from 3" lines: rows printed (a noise note, not one
    row per number) and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "numbers.txt"
        path.write_text("1 km from 2 km from 3\n" * 5000, encoding="utf-8")
        seconds, usage, out = _cli_run(path, "check-distances", "table")
    return [
        Measure("110 KB of numbers: check-distances table rows", len(out.splitlines()) - 3, maximum=5),
        Measure("110 KB of numbers: seconds", seconds, "s"),
        Measure("110 KB of numbers: peak RSS", usage["peak_mb"], "MB", maximum=1024),
    ]


def run() -> list[Measure]:
    if not GWN.exists():
        print(f"no GeoWebNews at {GWN}: quality is not measured, speed on the sample articles", file=sys.stderr)
    return [
        *(quality() if GWN.exists() else []),
        *throughput(),
        *huge_article(HUGE_BYTES, "5 MB"),
        *huge_article(TWENTY_MB, "20 MB", seconds=TWENTY_MB_BEFORE / 2, peak_mb=1024),
        *number_noise(),
    ]

"""Geoparser quality and speed on GeoWebNews (../shared/eval/GWN.xml, when present), measured by
`python -m geo.evaluate` in a fresh interpreter, so model loading counts as the issue asks; and the time and
peak memory of `python -m geo parse` on a 5 MB article made of the sample articles."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import Measure

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "GWN.xml"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
HUGE_BYTES = 5_000_000


def huge_article() -> list[Measure]:
    sample = "\n".join(p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "huge.txt"
        path.write_text(sample * (HUGE_BYTES // len(sample.encode()) + 1), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "geo", "parse", str(path), "--format", "jsonl"],
                       stdout=subprocess.DEVNULL, check=True)
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [Measure("5 MB article: seconds", seconds, "s"), Measure("5 MB article: peak memory", peak_mb, "MB")]


def run() -> list[Measure]:
    if not GWN.exists():
        print(f"skipping the GeoWebNews benchmark: {GWN} is absent", file=sys.stderr)
        return huge_article()
    out = subprocess.run([sys.executable, "-m", "geo.evaluate", str(GWN), "--json"],
                         capture_output=True, text=True, check=True).stdout
    m = json.loads(out)
    return [
        Measure("GWN span F1 (exact)", m["f1"], minimum=0.78),
        Measure("GWN span F1 (overlap)", m["lenient_f1"]),
        Measure("GWN accuracy@161 km, matched spans", m["accuracy_161_matched"]),
        Measure("GWN accuracy@161 km, end to end", m["accuracy_161_end_to_end"], minimum=0.70),
        Measure("GWN documents per second (models loaded)", m["documents_per_second"], "docs/s", minimum=25),
        *huge_article(),
    ]

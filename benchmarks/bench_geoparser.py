"""Geoparser quality and speed on GeoWebNews (../shared/eval/GWN.xml, when present), measured by
`python -m geo.evaluate` in a fresh interpreter, so model loading counts as the issue asks."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks import Measure

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "GWN.xml"


def run() -> list[Measure]:
    if not GWN.exists():
        print(f"skipping the geoparser benchmark: {GWN} is absent", file=sys.stderr)
        return []
    out = subprocess.run([sys.executable, "-m", "geo.evaluate", str(GWN), "--json"],
                         capture_output=True, text=True, check=True).stdout
    m = json.loads(out)
    return [
        Measure("GWN span F1 (exact)", m["f1"], minimum=0.78),
        Measure("GWN span F1 (overlap)", m["lenient_f1"]),
        Measure("GWN accuracy@161 km, matched spans", m["accuracy_161_matched"]),
        Measure("GWN accuracy@161 km, end to end", m["accuracy_161_end_to_end"], minimum=0.70),
        Measure("GWN documents per second (models loaded)", m["documents_per_second"], "docs/s", minimum=25),
    ]

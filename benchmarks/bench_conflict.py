"""Roles and distance claims on the conflict development set (../shared/eval/conflict-dev, when present):
its own scorer runs this checkout's `geo parse` and `geo check-distances` and counts hits by gold."""

from __future__ import annotations

import json
import subprocess
import sys

from benchmarks import Measure
from benchmarks.corpus import ROOT

DEV = ROOT.parent / "shared" / "eval" / "conflict-dev"


def run() -> list[Measure]:
    scorer = DEV / "score.py"
    if not scorer.exists():
        print(f"no conflict development set at {DEV}: roles and claims are not measured", file=sys.stderr)
        return []
    out = subprocess.run(
        [sys.executable, str(scorer), "--python", sys.executable, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    s = json.loads(out)
    return [
        Measure(
            f"conflict-dev strike targets ({s['hits']}/{s['targets']})", 100 * s["hits"] / s["targets"], "%", minimum=90
        ),
        Measure("conflict-dev false strike alarms", s["alarms"], maximum=3),
        Measure(
            f"conflict-dev claim verdicts ({s['claims_right']}/{s['claims']})",
            100 * s["claims_right"] / s["claims"],
            "%",
            minimum=90,
        ),
        Measure(f"conflict-dev false claims caught (of {s['false_claims']})", s["caught"], minimum=s["false_claims"]),
        Measure("conflict-dev claims reported that gold does not have", s["extra_claims"]),
    ]

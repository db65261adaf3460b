"""Roles, points and distance claims on the development sets of strike reporting (../shared/eval/real-dev,
real news, and ../shared/eval/conflict-dev, written for the project), when present: their own scorer runs
this checkout's `geo parse` and `geo check-distances` with the committed role weights (in sample: the weights
were learned on these sets), and `make roles`' training reports the same strike-target figures cross-validated
by article (each article decided by a model that never saw it), the honest ones."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import Measure
from benchmarks.corpus import ROOT

EVAL = ROOT.parent / "shared" / "eval"
SETS = ("real-dev", "conflict-dev")
TARGETS = {
    "real-dev": {"targets": 85, "alarms": 6, "claims": 85, "found": 92, "wrong": 8, "spurious": 30},
    "conflict-dev": {"targets": 90, "alarms": 3, "claims": 90, "all_false_claims": 1},
}
"""Issue 25's bars: real-dev cross-validated, conflict-dev not to fall (and every false claim caught)."""


def _scored() -> dict:
    out = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), "all", "--python", sys.executable, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def _cross_validated() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        weights = Path(folder) / "weights.json"
        subprocess.run(
            [sys.executable, "-m", "geo.roles.training", *(str(EVAL / s) for s in SETS), "-o", str(weights)],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        return json.loads(weights.read_text(encoding="utf-8"))


def _share(label: str, part: int, whole: int, minimum: float | None = None) -> Measure:
    """A count out of a whole as a percentage, the counts in its name."""
    return Measure(f"{label} ({part}/{whole})", 100 * part / whole if whole else 0.0, "%", minimum=minimum)


def run() -> list[Measure]:
    if not all((EVAL / s).is_dir() for s in SETS):
        print(f"no development sets at {EVAL}: roles, points and claims are not measured", file=sys.stderr)
        return []
    scored, learned = _scored(), _cross_validated()
    measures = []
    for name in SETS:
        s, cv, bar = scored[name], learned["cross_validated"][name], TARGETS[name]
        measures += [
            _share(f"{name} strike targets, cross-validated", cv["found"], cv["targets"], bar["targets"]),
            Measure(f"{name} false strike alarms, cross-validated", cv["false_alarms"], maximum=bar["alarms"]),
            _share(f"{name} strike targets, in sample", s["hits"], s["targets"]),
            Measure(f"{name} false strike alarms, in sample", s["alarms"]),
            _share(f"{name} claim verdicts", s["claims_right"], s["claims"], bar["claims"]),
            Measure(
                f"{name} false claims caught (of {s['false_claims']})",
                s["caught"],
                minimum=s["false_claims"] if bar.get("all_false_claims") else None,
            ),
        ]
        if "found" in bar:
            measures += [
                _share(f"{name} places found with a point", s["found"], s["places"], bar["found"]),
                Measure(f"{name} wrong points", s["wrong_points"], maximum=bar["wrong"]),
                Measure(f"{name} spurious points", s["spurious_points"], maximum=bar["spurious"]),
            ]
    return measures

"""Run every benchmark module, print one table of measures against their targets, write it with the date
and the machine to benchmarks/results.md, and exit 1 if any target is missed."""
from __future__ import annotations

import datetime
import importlib
import os
import pkgutil
import platform
import sys
from pathlib import Path

import benchmarks
from benchmarks import Measure

RESULTS = Path(__file__).resolve().parent / "results.md"
HEADER = ("suite", "measure", "value", "target", "")


def _modules() -> list[str]:
    return sorted(f"benchmarks.{m.name}" for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))


def _format(value: float, unit: str) -> str:
    if value >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.1f}" if unit in ("%", "docs/s") else f"{value:.3f}"


def _rows(measures: list[tuple[str, Measure]]) -> list[tuple[str, ...]]:
    return [(suite, m.name, f"{_format(m.value, m.unit)} {m.unit}".rstrip(), m.target,
             "" if not m.target else "ok" if m.ok else "MISSED") for suite, m in measures]


def _machine() -> str:
    return (f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def markdown(rows: list[tuple[str, ...]]) -> str:
    lines = [f"# Benchmark results, {datetime.date.today().isoformat()}", "",
             f"`make bench` on {_machine()}.", "",
             "| " + " | ".join(HEADER[:4]) + " | met |", "|---|---|---:|---|---|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    measures: list[tuple[str, Measure]] = []
    for module in _modules():
        print(f"running {module} ...", file=sys.stderr, flush=True)
        measures += [(module.removeprefix("benchmarks.bench_"), m) for m in importlib.import_module(module).run()]
    rows = _rows(measures)
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for row in [HEADER, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    RESULTS.write_text(markdown(rows), encoding="utf-8")
    print(f"written to {RESULTS}", file=sys.stderr)
    missed = [m.name for _, m in measures if not m.ok]
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark module, print a table of measures against their targets, exit 1 if any is missed."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks
from benchmarks import Measure


def _modules() -> list[str]:
    return sorted(f"benchmarks.{m.name}" for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_"))


def _format(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 or float(value).is_integer() else f"{value:.3f}"


def main() -> int:
    measures: list[tuple[str, Measure]] = []
    for module in _modules():
        print(f"running {module} ...", file=sys.stderr, flush=True)
        measures += [(module.removeprefix("benchmarks.bench_"), m) for m in importlib.import_module(module).run()]
    rows = [("suite", "measure", "value", "target", "")] + [
        (suite, m.name, f"{_format(m.value)} {m.unit}".rstrip(), m.target, "" if not m.target else "ok" if m.ok else "MISSED")
        for suite, m in measures]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    missed = [m.name for _, m in measures if not m.ok]
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

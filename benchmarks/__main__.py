"""Run every benchmark module, print one table of measures against their targets, write it with the date
and the machine to benchmarks/results.md and, under the prose of benchmarks/about.md, to
docs/benchmarks.md, and exit 1 if any target is missed.

`python -m benchmarks --pages` runs nothing: it writes docs/benchmarks.md again from benchmarks/about.md
and the table already in benchmarks/results.md (after the prose was edited). `python -m benchmarks SUITE...`
(`dashboard load`) runs those suites in one run and replaces only their rows."""

from __future__ import annotations

import datetime
import importlib
import os
import pkgutil
import platform
import re
import sys
from pathlib import Path

import benchmarks
from benchmarks import Measure

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
ABOUT = HERE / "about.md"
DOCS_PAGE = HERE.parent / "docs" / "benchmarks.md"
HEADER = ("suite", "measure", "value", "target", "")
TITLE = re.compile(r"^# Benchmark results, (?P<date>\S+)$", re.M)
MACHINE = re.compile(r"^`make bench` on (?P<machine>.+)\.$", re.M)
ROW = re.compile(r"^\|(?! suite \|)(?!---)(?P<cells>.*)\|$", re.M)
CELL = re.compile(r"(?<!\\)\|")


def _modules() -> list[str]:
    return sorted(
        f"benchmarks.{m.name}" for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )


def _format(value: float, unit: str) -> str:
    if value >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.1f}" if unit in ("%", "docs/s") else f"{value:.3f}"


def _rows(measures: list[tuple[str, Measure]]) -> list[tuple[str, ...]]:
    return [
        (
            suite,
            m.name,
            f"{_format(m.value, m.unit)} {m.unit}".rstrip(),
            m.target,
            "" if not m.target else "ok" if m.ok else "MISSED",
        )
        for suite, m in measures
    ]


def _machine() -> str:
    return (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def markdown(rows: list[tuple[str, ...]], date: str, machine: str) -> str:
    """benchmarks/results.md: the title with the date, the machine, and one table row per measure."""
    lines = [
        f"# Benchmark results, {date}",
        "",
        f"`make bench` on {machine}.",
        "",
        "| " + " | ".join(HEADER[:4]) + " | met |",
        "|---|---|---:|---|---|",
    ]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def parse_results(text: str) -> tuple[list[tuple[str, ...]], str, str]:
    """The rows, date and machine of a benchmarks/results.md that `markdown` wrote."""
    title, machine = TITLE.search(text), MACHINE.search(text)
    if title is None or machine is None:
        raise ValueError("not a results page written by python -m benchmarks: no title or machine line")
    rows = [tuple(cell[1:-1].replace("\\|", "|") for cell in CELL.split(m["cells"])) for m in ROW.finditer(text)]
    return rows, title["date"], machine["machine"]


def docs_page(rows: list[tuple[str, ...]], date: str, machine: str, about: str) -> str:
    """docs/benchmarks.md: the prose of benchmarks/about.md, then the latest table with its date and machine."""
    table = markdown(rows, date, machine).split("\n", 2)[2]
    return (
        f"<!-- Written by `make bench` (benchmarks/__main__.py) from benchmarks/about.md and the latest "
        f"run; edit those, not this file. -->\n{about.rstrip()}\n\n## Latest results, {date}\n\n{table}"
    )


def write_pages(rows: list[tuple[str, ...]], date: str, machine: str) -> None:
    RESULTS.write_text(markdown(rows, date, machine), encoding="utf-8")
    DOCS_PAGE.write_text(docs_page(rows, date, machine, ABOUT.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"written to {RESULTS} and {DOCS_PAGE}", file=sys.stderr)


def _replaced(old: list[tuple[str, ...]], new: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows of the last run with those of the suites run again in their place (new suites at the end)."""
    rerun = {row[0] for row in new}
    rows: list[tuple[str, ...]] = []
    for row in old:
        if row[0] not in rerun:
            rows.append(row)
        elif not any(r[0] == row[0] for r in rows):
            rows += [r for r in new if r[0] == row[0]]
    return rows + [r for r in new if not any(kept[0] == r[0] for kept in rows)]


def main(argv: list[str]) -> int:
    if argv == ["--pages"]:
        write_pages(*parse_results(RESULTS.read_text(encoding="utf-8")))
        return 0
    suites = [module.removeprefix("benchmarks.bench_") for module in _modules()]
    if not set(argv) <= set(suites):
        print(f"usage: python -m benchmarks [--pages | SUITE...], suites: {' '.join(suites)}", file=sys.stderr)
        return 2
    measures: list[tuple[str, Measure]] = []
    for suite in argv or suites:
        print(f"running benchmarks.bench_{suite} ...", file=sys.stderr, flush=True)
        measures += [(suite, m) for m in importlib.import_module(f"benchmarks.bench_{suite}").run()]
    rows = _rows(measures)
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    for row in [HEADER, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if argv:
        rows = _replaced(parse_results(RESULTS.read_text(encoding="utf-8"))[0], rows)
    write_pages(rows, datetime.date.today().isoformat(), _machine())
    missed = [m.name for _, m in measures if not m.ok]
    if missed:
        print(f"targets missed: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

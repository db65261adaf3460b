"""Benchmarks run by `make bench` (`python -m benchmarks`).

Every module `benchmarks/bench_*.py` is discovered and must define `run() -> list[Measure]`; a measure
with a target that it misses makes the whole run exit non-zero.
"""

from __future__ import annotations

import runpy
import sys
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measure:
    """One measured number and, when it has one, the target it must meet."""

    name: str
    value: float
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def ok(self) -> bool:
        return (self.minimum is None or self.value >= self.minimum) and (
            self.maximum is None or self.value <= self.maximum
        )

    @property
    def target(self) -> str:
        if self.minimum is not None:
            return f">= {self.minimum:g} {self.unit}".rstrip()
        if self.maximum is not None:
            return f"<= {self.maximum:g} {self.unit}".rstrip()
        return ""


def geo_command(argv: list[str]) -> int:
    """`python -m geo ARGV...` run in this process, so that models it has loaded stay loaded: the exit status."""
    saved, sys.argv = sys.argv, ["python -m geo", *argv]
    try:
        runpy.run_module("geo", run_name="__main__")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    finally:
        sys.argv = saved
    return 0


def own_peak_mb() -> float:
    """This process's own peak resident memory (VmHWM). Not ru_maxrss: Linux carries a parent's ru_maxrss
    into a child started with fork and exec, so a child of the large benchmark process reports its peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024

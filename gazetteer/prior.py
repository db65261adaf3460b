"""The prior: how prominent a place is when nothing else is known, in [0, 1].

Countries rank above named regions, then populous cities (capitals get a bonus) and first-level
divisions, then second-level ones (below any town of 1,000); air bases rank like small towns; civil airfields
by size; heliports, seaports (below any town of the same name) and closed fields last.
"""

from __future__ import annotations

import math

AIRFIELD_SIZE = {"large_airport": 3, "medium_airport": 2, "small_airport": 1}


def _population_share(population: int | None) -> float:
    """log10(population) scaled so 100 million is 1.0."""
    return min(1.0, math.log10((population or 0) + 1) / 8)


def prior(kind: str, population: int | None = None, size: int = 0, capital: bool = False) -> float:
    """Prominence of a place from its kind, population, airfield size (0-3) and capital status."""
    share = _population_share(population)
    if kind == "country":
        score = 0.9 + 0.1 * share
    elif kind == "region":
        score = 0.75
    elif kind == "city":
        score = 0.1 + 0.75 * share + (0.1 if capital else 0.0)
    elif kind == "admin1":
        score = 0.15 + 0.5 * share
    elif kind == "admin2":
        score = 0.05 + 0.35 * share
    elif kind == "airbase":
        score = 0.35 + 0.05 * size
    elif kind == "airport":
        score = 0.1 + 0.1 * size
    elif kind in ("heliport", "port"):
        score = 0.05
    else:
        score = 0.02
    return round(min(1.0, score), 4)

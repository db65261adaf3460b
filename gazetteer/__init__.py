"""Offline gazetteer: every populated place (GeoNames, 500+ people), country, first-level division and
airfield (OurAirports) of the world, plus a small curated overlay of regions, behind a name index.

Module-level functions use one lazily opened default `Gazetteer`; the store is built on first use when
it is missing or was built from other package versions.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from gazetteer.normalize import normalize, plain
from gazetteer.place import KINDS, Place
from gazetteer.store import Gazetteer

__all__ = ["KINDS", "Gazetteer", "Place", "default", "get", "is_name", "lookup", "nearest", "normalize", "plain"]

_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default() -> Gazetteer:
    """The shared instance, opened (and built if needed) on first call."""
    global _default  # noqa: PLW0603 - one store per process, opened lazily under the lock
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer()
    return _default


def lookup(name: str, kind: str | Collection[str] | None = None, limit: int = 20) -> list[Place]:
    """Candidates for a name, most prominent first; [] for unknown or empty names."""
    return default().lookup(name, kind=kind, limit=limit)


def get(place_id: str) -> Place | None:
    """The place with this id, e.g. "geonames:703448" or "ourairports:UIIB"; None if there is none."""
    return default().get(place_id)


def nearest(lat: float, lon: float, kind: str | Collection[str] | None = None, k: int = 1) -> list[Place]:
    """The k places nearest to a point by geodesic distance, optionally only of some kinds."""
    return default().nearest(lat, lon, kind=kind, k=k)


def is_name(text: str) -> bool:
    """Cheap test that text normalises to a name in the index."""
    return default().is_name(text)

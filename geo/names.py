"""Memoised gazetteer access: an article repeats its names, and a corpus repeats them across articles."""
from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

import gazetteer
from gazetteer import Place


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The gazetteer's normalised form of a name."""
    return gazetteer.normalize(text)


@lru_cache(maxsize=100_000)
def _lookup(text: str, kinds: tuple[str, ...] | None, limit: int) -> tuple[Place, ...]:
    return tuple(gazetteer.lookup(text, kind=kinds, limit=limit))


def lookup(text: str, kinds: Collection[str] | None = None, limit: int = 20) -> tuple[Place, ...]:
    return _lookup(text, tuple(sorted(kinds)) if kinds else None, limit)


@lru_cache(maxsize=200_000)
def is_name(text: str) -> bool:
    return gazetteer.is_name(text)

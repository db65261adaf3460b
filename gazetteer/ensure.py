"""The store on first use: built when missing or stale (`gazetteer.freshness` says which), once even when
several processes start together. Kept apart from `freshness`, which the builder imports, so that no two
modules import each other."""

from __future__ import annotations

import fcntl
from pathlib import Path

from gazetteer.freshness import STORE_PATH, needs_build


def ensure_store(path: Path = STORE_PATH, force: bool = False) -> Path:
    """Build the store when forced, missing or stale; a lock keeps concurrent first uses to one build."""
    if not force and not needs_build(path):
        return path
    # Imported here: the builder pulls in the data readers, which opening a current store does not need.
    from gazetteer.build import build

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if force or needs_build(path):
            build(path)
    return path

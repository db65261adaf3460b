"""Pasted and uploaded articles kept on disk per browser session, so that a reload finds them again.

A session's library is a folder named by a random id the page keeps in its URL (dashboard/url_state.py); each
article is one JSON file. Bounded: at most MAX_ARTICLES articles and MAX_BYTES of text a library (the oldest go
first) and MAX_LIBRARIES libraries (the least recently written go first)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path

from geo import Article

MAX_ARTICLES = 50
MAX_BYTES = 50 * 2**20
MAX_LIBRARIES = 500
_ID = re.compile(r"[0-9a-f]{32}")


def root() -> Path:
    """Where the libraries are: $STRIKE_MAP_LIBRARY, else strike-map/libraries in the user's cache folder."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get("STRIKE_MAP_LIBRARY") or cache / "strike-map" / "libraries")


def new_id() -> str:
    return secrets.token_hex(16)


def is_id(text: object) -> bool:
    """Whether `text` is a library id (so a URL cannot name a folder of its own)."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


def load(library: str) -> list[Article]:
    """The library's articles, oldest first; none for an unknown id."""
    if not is_id(library) or not (folder := root() / library).is_dir():
        return []
    files = sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime_ns)
    return [Article(**json.loads(f.read_text(encoding="utf-8"))) for f in files]


def save(library: str, article: Article) -> None:
    """Adds (or replaces) an article, then drops the oldest articles and libraries past the bounds."""
    if not is_id(library):
        raise ValueError(f"not a library id: {library!r}")
    folder = root() / library
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(article.name.encode()).hexdigest()[:32]
    record = {"name": article.name, "text": article.text, "published": article.published, "encoding": article.encoding}
    partial = folder / f"{name}.partial"
    partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    partial.replace(folder / f"{name}.json")
    files = sorted(folder.glob("*.json"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    total = 0
    for number, f in enumerate(files):
        total += f.stat().st_size
        if number >= MAX_ARTICLES or (number and total > MAX_BYTES):
            f.unlink()
    libraries = sorted((d for d in root().iterdir() if d.is_dir()), key=lambda d: d.stat().st_mtime_ns, reverse=True)
    for old in libraries[MAX_LIBRARIES:]:
        shutil.rmtree(old, ignore_errors=True)

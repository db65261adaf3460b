"""The word lists the geoparser reads (attack, speech, hedge, kind words...), as data files an analyst can
extend: NAME.txt holds one entry a line, `#` starting a comment; NAME.toml holds the lists whose entries have
structure (a hedge and the verdict rule it selects). README.md says what each file means and which stage
reads it. The files are read here and nowhere else, each once per process; they sit beside this module,
so they are found wherever the package is imported from."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


class VocabularyError(ValueError):
    """A vocabulary file that is missing or malformed; the message names the file and the line."""


def _path(name: str, suffix: str) -> Path:
    path = FOLDER / f"{name}{suffix}"
    if not path.is_file():
        raise VocabularyError(f"{path}: no such vocabulary file")
    return path


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of NAME.txt in file order, each once: lower case, white space collapsed, comments and
    blank lines left out."""
    path = _path(name, ".txt")
    found: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = " ".join(line.partition("#")[0].lower().split())
        if entry:
            found[entry] = None
    return tuple(found)


@cache
def words(name: str) -> frozenset[str]:
    """The entries of NAME.txt, a list of single words (a token's lower-case text is looked up in it)."""
    phrase = next((entry for entry in entries(name) if " " in entry), None)
    if phrase is not None:
        raise VocabularyError(f"{_path(name, '.txt')}: {phrase!r} is more than one word; this list holds single words")
    return frozenset(entries(name))


@cache
def phrases(name: str) -> frozenset[tuple[str, ...]]:
    """The entries of NAME.txt as word sequences ("is located" -> ("is", "located"))."""
    return frozenset(tuple(entry.split()) for entry in entries(name))


@cache
def table(name: str) -> dict:
    """NAME.toml as a dict, in file order."""
    path = _path(name, ".toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise VocabularyError(f"{path}: {error}") from None

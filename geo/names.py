"""A place typed by hand (the dashboard's "Distance from"): taken at its word, not read like an article's name.

The gazetteer's index folds romanisation variants (y/i, kh/h, doubled letters) so that an article's "Kharkov"
finds Kharkiv; for a name an analyst types, that folding turns a typo or nonsense into a far-away match
("Xyzzy" is read as a district of Azerbaijan). Here the text must be the entry's own name up to case, accents and
punctuation; the folded matches are only offered as suggestions."""

from __future__ import annotations

import gazetteer
from gazetteer.normalize import plain

SUGGESTIONS = 3


def place_named(text: str) -> gazetteer.Place | None:
    """The most prominent gazetteer entry whose own name is `text` (case, accents and punctuation aside)."""
    wanted = plain(text)
    return next((p for p in gazetteer.lookup(text, limit=50) if plain(p.name) == wanted), None) if wanted else None


def names_like(text: str) -> list[gazetteer.Place]:
    """The most prominent entries the index reads `text` as, for a "did you mean" when `place_named` finds none."""
    return gazetteer.lookup(text, limit=SUGGESTIONS)

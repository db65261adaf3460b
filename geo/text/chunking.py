"""Cut a long text into pieces spaCy reads one at a time, so memory stays flat on a 20 MB article.

A piece ends at the end of a line whenever it can: every line break ends a sentence here and a line is the
paragraph a role's attacker is looked up in, so no claim, list or paragraph is cut in two; and spaCy reads
each piece with the line before it as context (`lead`), as it reads that line in the whole text. What the pieces
share (the places resolved, the roles hit anywhere, the article's attacker) is decided after all of them
are read, over the whole document (`geo.pipeline`), and so are the people an article names in full (a bare
"Smith" in one piece after "John Smith" in another is the person); the recogniser's repeats of a name it
confirmed as a place stay each piece's own, which a piece of 10,000 characters holds for a news article."""

from __future__ import annotations

import re

CHUNK_CHARS = 10_000
"""Texts longer than this are cut into pieces of at most this many characters."""
LEAD_CHARS = 1_000
"""The longest line before a piece that spaCy reads with it as context."""
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z0-9])")
"""The end of a sentence inside a line: a full stop (or ! ?) and a space before a capital or a digit."""


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """`text` as (offset, piece) pieces of at most `size` (CHUNK_CHARS) characters, in order, that add up to
    the text."""
    size = size or CHUNK_CHARS
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        pieces.append((start, text[start:end]))
        start = end
    if start < len(text) or not pieces:
        pieces.append((start, text[start:]))
    return pieces


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece from `start` ends: after the last line break before `limit`; in a line longer than a
    piece, after its last whole sentence; in a sentence longer than a piece, after a space."""
    line_end = text.rfind("\n", start, limit)
    if line_end >= start:
        return line_end + 1
    sentence_ends = list(SENTENCE_END.finditer(text, start, limit))
    if sentence_ends:
        return sentence_ends[-1].end()
    space = text.rfind(" ", start, limit)
    return space + 1 if space >= start else limit


def lead(text: str, offset: int) -> int:
    """Where the context of the piece at `offset` begins: at the start of the line before it, when that line
    is at most LEAD_CHARS long (the words before a name are part of how spaCy reads it: a dateline after its
    headline is not read as one at the start of a text); else at `offset`, with no context."""
    if offset == 0 or text[offset - 1] != "\n":
        return offset
    start = text.rfind("\n", 0, offset - 1) + 1
    return start if offset - start <= LEAD_CHARS else offset

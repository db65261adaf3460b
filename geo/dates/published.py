"""The publication date an article's text states when its input gives none: a line labelled "Published" or
"Updated" near the top ("Published 6 June 2025"), else the first full date of its first lines, where wire
and web articles put it ("KYIV, June 4, 2025 (Reuters) -", "4 Sept. 2024 —").

dateparser's search finds the date phrases; its search splits some full dates ("4 Sept." and "2024"), so
each phrase is read again with up to a few of the words after it, and the shortest reading that is a full
date (day, month and year, the same from any base) counts. A date without a year or day is no publication
date, so only the words before each year are searched, and only where the words around it can write a month
(dateparser's search costs about a millisecond a line)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from dateparser.date import DateDataParser
from dateparser.languages import default_loader
from dateparser.search import search_dates

from geo import vocab

HEAD_LINES = 3
"""The headline, the dateline and the first paragraph at most: an unlabelled date further down is no
publication date."""
LABELLED_LINES = 8
"""How far down a labelled line ("Published ...") may stand: bylines and captions come before it."""
LINE_CHARS = 200
"""How much of a line is searched: a dateline opens its line, and a one-line text may be megabytes long."""
BEFORE_YEAR = 40
"""Characters before a year that a full date may take ("Wednesday, 4 September 2024")."""
MORE_WORDS = 4
"""Words after a found phrase tried as part of it ("4 Sept." + "2024")."""
LABELS = vocab.entries("publication_labels")
_LABEL = re.compile(rf"\W*({'|'.join(map(re.escape, LABELS))})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b\d{4}\b")
"""A full date has a year: a cheap test for the lines worth dateparser's search."""


def _month_pattern() -> re.Pattern[str]:
    """What a full date's month can be written with, by dateparser's own English data: a month's name or
    short form (anywhere: its dictionary splits "12March"), a digit, or a word it reads as a number ("one",
    "an")."""
    english = default_loader.get_locale("en").info
    months = sorted(
        {word for month in calendar.month_name[1:] for word in english[month.lower()]}, key=len, reverse=True
    )
    numbers = [
        key for rule in english["simplifications"] for key, value in rule.items() if key.isalpha() and value.isdigit()
    ]
    return re.compile(rf"\d|{'|'.join(months)}|(?<![^\W_])(?:{'|'.join(numbers)})(?![^\W_])", re.IGNORECASE)


_MONTH = _month_pattern()
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
_BASES = (dt.datetime(2001, 1, 10), dt.datetime(1990, 6, 15))
"""Two bases: a phrase read as the same date from both carries its own year and day."""
_LANGUAGES = ["en"]


@dataclass(frozen=True, slots=True)
class Stated:
    """The ISO date a text states for its publication, and where the phrase stands in the text."""

    date: str
    start: int
    end: int


@lru_cache(maxsize=2)
def _parser(base: dt.datetime) -> DateDataParser:
    return DateDataParser(languages=_LANGUAGES, settings={**_SETTINGS, "RELATIVE_BASE": base})


def _full_date(phrase: str) -> dt.date | None:
    """The date of a phrase giving day, month and year; None for anything less."""
    first = _parser(_BASES[0]).get_date_data(phrase)
    if first.date_obj is None or first.period != "day":
        return None  # most phrases tried: the other base is not read
    if any(_parser(base).get_date_data(phrase).date_obj != first.date_obj for base in _BASES[1:]):
        return None
    return first.date_obj.date()


def _first_date(line: str, offset: int) -> Stated | None:
    """The first full date of one line, with its offsets in the text. A full date ends in its year (or its
    time after it), so only the words up to BEFORE_YEAR characters before each year are searched."""
    for year in _YEAR.finditer(line):
        start = line.rfind(" ", 0, max(0, year.start() - BEFORE_YEAR)) + 1
        if not _may_date(line, start, year):
            continue
        settings = {**_SETTINGS, "RELATIVE_BASE": _BASES[0]}
        position = start
        for phrase, _ in search_dates(line[start : year.end()], languages=_LANGUAGES, settings=settings) or []:
            first = line.find(phrase, position)
            if first < 0:
                continue
            position = first + len(phrase)
            words = list(re.finditer(r"\S+", line[position:]))[:MORE_WORDS]
            for end in sorted({position, *(position + w.end() for w in words)}):
                if end >= year.end() and (day := _full_date(line[first:end])) is not None:
                    return Stated(day.isoformat(), offset + first, offset + end)
    return None


def _may_date(line: str, start: int, year: re.Match[str]) -> bool:
    """Whether the words around a year, as far as `_first_date` may read them, can give a month: without one
    (a line's "Copyright 2018", "since 2016") dateparser's search is not worth its millisecond."""
    after = list(islice(re.finditer(r"\S+", line[year.end() :]), MORE_WORDS))
    end = year.end() + (after[-1].end() if after else 0)
    return bool(_MONTH.search(line, start, year.start()) or _MONTH.search(line, year.end(), end))


def load() -> None:
    """dateparser builds its regular expressions (English's words, the time zones' names) on its first
    search, a tenth of a CPU second: build them now, with the models (`geo.nlp.pipeline`), rather than in
    each worker."""
    _first_date("4 June 2025 10:30 GMT", 0)


def stated_date(text: str) -> Stated | None:
    """The publication date the text's first lines state: a labelled line's (the earliest label of
    publication_labels.txt first), else the first full date of the first HEAD_LINES non-blank lines."""
    found = (m for m in re.finditer(r"[^\n]+", text) if m.group().strip())
    lines = [(m.start(), m.group()[:LINE_CHARS]) for m in islice(found, LABELLED_LINES)]
    labelled: list[tuple[int, Stated]] = []
    for offset, line in lines:
        if (label := _LABEL.match(line)) and (stated := _first_date(line, offset)):
            labelled.append((LABELS.index(" ".join(label.group(1).lower().split())), stated))
    if labelled:
        return min(labelled, key=lambda pair: pair[0])[1]
    return next((stated for offset, line in lines[:HEAD_LINES] if (stated := _first_date(line, offset))), None)


def blanked(text: str, stated: Stated | None) -> str:
    """The text with the stated publication date's phrase blanked (same length, so offsets hold): the day a
    dateline gives is when the article was filed, not when what it reports happened."""
    if stated is None:
        return text
    return text[: stated.start] + " " * (stated.end - stated.start) + text[stated.end :]

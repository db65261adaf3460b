"""When a strike happened: the date a sentence gives for it, read relative to the article's publication date.

dateparser finds and reads the date phrases ("on Monday", "yesterday", "on 5 December", "in August 2023")
with the publication date as its base and a preference for the past. Its search also reads words that are
no date of a day ("and may", "at 3 am", "the 2022 invasion"), so a phrase counts only when it names a
weekday or a month (capitalised), a day relative to the article (yesterday, today, tonight, last night,
this morning, N days ago), or is a numeric date; a year alone is too coarse for a day and is skipped.
dateparser knows no "weekend": "last weekend" is read as the Saturday before the article.
A night given as two days ("the night of 4 to 5 June", "overnight on June 4-5") is the later one, the day the
night ran into; dateparser reads no such range (it takes "4/5" for April 5), so a pattern finds it.
A date after the publication date is no past event and is dropped. Without a publication date only a phrase
that gives its own year counts; a relative one ("yesterday") cannot be dated then.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from geo import vocab
from geo.model import ParsedDocument, PlaceMention

TEXT, PUBLISHED = "text", "published"
_NAMES = [*calendar.day_name, *calendar.month_name[1:]]
_RELATIVE_DAYS = "|".join(map(re.escape, vocab.entries("relative_days")))
_DATE_WORDS = re.compile(
    rf"\b(?:{'|'.join(_NAMES)})\b|\b(?:{_RELATIVE_DAYS})\b|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}\b", re.IGNORECASE
)
_CAPITALISED_NAME = re.compile(rf"\b(?:{'|'.join(_NAMES)})\b")
_RELATIVE = re.compile(rf"\b(?:{_RELATIVE_DAYS})\b", re.IGNORECASE)
_MONTH = "|".join(calendar.month_name[1:] + calendar.month_abbr[1:])
_NIGHT_RANGE = re.compile(
    rf"\b(?:night\s+of|overnight(?:\s+(?:on|of))?)\s+(?:the\s+)?(?:(?P<m1>{_MONTH})\.?\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
    rf"\s*(?:-|–|/|to|into)\s*(?:(?P<m2>{_MONTH})\.?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:\s+(?P<m3>{_MONTH})\b)?(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
"""A night across two days: "night of 4 to 5 June", "overnight on June 4-5, 2025", "night of 4/5 June"."""
_WEEKEND = re.compile(r"\bweekend\b", re.IGNORECASE)
_SATURDAY = "Saturday"
_SETTINGS = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
_LANGUAGES = ["en"]
_OTHER_BASE = dt.datetime(1990, 6, 15)
"""A second base for telling absolute phrases (the same date from any base) from relative ones."""


@dataclass(frozen=True, slots=True)
class EventDate:
    """`date` (ISO), the phrase it was read from, and where it came from: "text", "published" or ""."""

    date: str | None = None
    text: str | None = None
    source: str = ""


UNDATED = EventDate()


def published_date(published: str | None) -> dt.date | None:
    """The calendar date of an ISO 8601 publication date or date-time; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def event_date(sentence: str, published: str | None) -> EventDate:
    """The date the sentence gives for its event, else the publication date (source "published"), else
    UNDATED."""
    return _event_date(sentence, published_date(published))


@lru_cache(maxsize=4096)
def _event_date(sentence: str, published: dt.date | None) -> EventDate:
    if (night := _night(sentence, published)) is not None:
        return night
    if _DATE_WORDS.search(sentence):
        for phrase, day in _phrases(sentence, published):
            if published is None or day <= published:
                return EventDate(day.isoformat(), phrase, TEXT)
    return EventDate(published.isoformat(), None, PUBLISHED) if published else UNDATED


def _night(sentence: str, published: dt.date | None) -> EventDate | None:
    """The later day of a night the sentence gives as two days, when it can be dated."""
    found = _NIGHT_RANGE.search(sentence)
    month = found and (found["m3"] or found["m2"] or found["m1"])
    if not found or not month or (published is None and not found["year"]):
        return None
    base = dt.datetime.combine(published, dt.time()) if published else _OTHER_BASE
    day, _ = _read(" ".join(filter(None, (found["day"], month, found["year"]))), base)
    if day is None or (published is not None and day.date() > published):
        return None
    return EventDate(day.date().isoformat(), found.group(0).strip(), TEXT)


def _phrases(sentence: str, published: dt.date | None) -> list[tuple[str, dt.date]]:
    """(phrase as written, date) for every date of a day or month the sentence names, in order."""
    weekends = [m.span() for m in _WEEKEND.finditer(sentence)]
    searched = _WEEKEND.sub(_SATURDAY, sentence)
    base = dt.datetime.combine(published, dt.time()) if published else None
    found = search_dates(searched, languages=_LANGUAGES, settings=_settings(base or _OTHER_BASE)) or []
    phrases = []
    position = 0
    for phrase, when in found:
        start = searched.find(phrase, position)
        position = max(position, start + len(phrase))
        if not _names_a_day(phrase):
            continue
        shortest = _shortest(phrase, when, base or _OTHER_BASE)
        if base is None and not _absolute(shortest, when):
            continue
        phrases.append((_as_written(sentence, searched, start, shortest, weekends), when.date()))
    return phrases


def _settings(base: dt.datetime) -> dict:
    return {**_SETTINGS, "RELATIVE_BASE": base}


@lru_cache(maxsize=64)
def _parser(base: dt.datetime) -> DateDataParser:
    return DateDataParser(languages=_LANGUAGES, settings=_settings(base))


def _read(phrase: str, base: dt.datetime) -> tuple[dt.datetime | None, str | None]:
    data = _parser(base).get_date_data(phrase)
    return data.date_obj, data.period


def _shortest(phrase: str, when: dt.datetime, base: dt.datetime) -> str:
    """The phrase without trailing words and punctuation that do not change its date ("Yesterday a" ->
    "Yesterday", "on Monday, the" -> "on Monday")."""
    words = phrase.split()
    while len(words) > 1 and _names_a_day(shorter := " ".join(words[:-1])) and _read(shorter, base)[0] == when:
        words.pop()
    return " ".join(words).rstrip(",.;:!?)")


def _names_a_day(phrase: str) -> bool:
    """A weekday or month name as a name (capitalised: not "may"), a day relative to the article or a numeric
    date, read with a day or month precision."""
    if not (_CAPITALISED_NAME.search(phrase) or _RELATIVE.search(phrase) or re.search(r"\d[/.-]\d", phrase)):
        return False
    return _read(phrase, _OTHER_BASE)[1] in ("day", "month")


def _absolute(phrase: str, when: dt.datetime) -> bool:
    """True when the phrase gives the same date from any base: it carries its own year."""
    return _read(phrase, dt.datetime(2001, 1, 10))[0] == when and not _RELATIVE.search(phrase)


def _as_written(sentence: str, searched: str, start: int, phrase: str, weekends: list[tuple[int, int]]) -> str:
    """The phrase as the sentence has it, where "weekend" had been read as "Saturday"."""
    if start < 0 or not weekends:
        return phrase
    shift = sum(len(_SATURDAY) - (e - s) for s, e in weekends if s < start)
    original_start = start - shift
    grown = sum(len(_SATURDAY) - (e - s) for s, e in weekends if original_start <= s < original_start + len(phrase))
    return sentence[original_start : original_start + len(phrase) - grown]


def mention_day(mention: PlaceMention, published: str | None) -> str | None:
    """The day a mention counts for: a strike's event date, else the article's publication date."""
    if mention.event_date:
        return mention.event_date
    day = published_date(published)
    return day.isoformat() if day else None


def within(doc: ParsedDocument, since: str | None, until: str | None, undated: bool = True) -> ParsedDocument:
    """The document with only the place mentions whose day is in [since, until] (ISO dates, inclusive; None is
    open); mentions with no day are kept when `undated`."""

    def keep(mention: PlaceMention) -> bool:
        day = mention_day(mention, doc.published)
        if day is None:
            return undated
        return (since is None or day >= since) and (until is None or day <= until)

    return replace(doc, places=tuple(m for m in doc.places if keep(m)))


def strike_days(docs: Iterable[ParsedDocument]) -> list[tuple[str, str, str]]:
    """(day, attacker or "unknown", place id) of every dated strike on a resolved place; the same place hit
    on the same day by the same attacker counts once."""
    found: dict[tuple[str, str, str], None] = {}
    for doc in docs:
        for m in doc.places:
            if m.role == "strike_target" and m.id is not None and (day := mention_day(m, doc.published)):
                found[(day, m.attacker or "unknown", m.id)] = None
    return list(found)

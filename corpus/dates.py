"""When an article was published, as the datasets store it: a UTC timestamp, and the UTC day that names its
partition. Files of plain text state no date, so their dateline is read (the first full date of their first
lines: "KYIV, June 4, 2025 (Reuters) -", "4 June 2025", "2025-06-04")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from corpus.schema import UNDATED

MONTHS = "january february march april may june july august september october november december".split()


def _month_named(group: str) -> str:
    return rf"(?P<{group}>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"


DATELINE = re.compile(
    rf"\b(?:(?P<iso>\d{{4}}-\d\d-\d\d)|{_month_named('month')}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+{_month_named('month2')}\s+(?P<year2>\d{{4}}))\b",
    re.IGNORECASE,
)
"""A full date: ISO, "June 4, 2025" / "Jun. 4 2025", or "4 June 2025"."""
DATELINE_LINES = 3
"""The headline, the dateline and the first paragraph at most: a date further down is no publication date."""


def utc(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as a UTC timestamp: a date is its midnight, a date-time without an
    offset is taken as UTC; None for None or text that is neither."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def day_of(published: str | None) -> str:
    """The partition of an article: its publication day in UTC, or UNDATED."""
    moment = utc(published)
    return UNDATED if moment is None else moment.date().isoformat()


def _month(name: str) -> int | None:
    """1 to 12 for an English month's name or abbreviation ("Sept.")."""
    key = name.lower().rstrip(".")[:3]
    return next((number for number, month in enumerate(MONTHS, 1) if month.startswith(key)), None)


def dateline_date(text: str) -> str | None:
    """The first full date (day, month and year) of the text's first non-blank lines, as an ISO date."""
    head = "\n".join([line for line in text.splitlines() if line.strip()][:DATELINE_LINES])
    for found in DATELINE.finditer(head):
        if found["iso"]:
            year, month, day = (int(part) for part in found["iso"].split("-"))
        else:
            month = _month(found["month"] or found["month2"]) or 0
            day, year = int(found["day"] or found["day2"]), int(found["year"] or found["year2"])
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None

"""When an article was published, as the datasets store it: a UTC timestamp, and the UTC day that names its
partition."""

from __future__ import annotations

from datetime import UTC, datetime

from corpus.schema import UNDATED


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

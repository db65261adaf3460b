"""What a monitoring desk asks of a corpus, as DuckDB queries over its datasets (corpus.read.Corpus): the
places hit in a date range, one row per place; strikes per day by attacker; every report of one place.

A mention's day is its strike's event date (geo.dates: from the sentence, else the publication date) and,
for places that are no strike target, the article's publication date. Nothing is loaded whole: each
answer is an aggregate or one place's rows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from corpus.read import ROLE_RANK, Corpus, Filter, among
from corpus.schema import CLAIMS, DOCUMENTS, PLACES
from geo import shown_distance

DAY = "coalesce(event_date, CAST(published AS DATE))"
"""The day of a mention (NULL when neither the text nor the article gives one); answers give it as an ISO
date string."""


def _text(day: str) -> str:
    return f"strftime({day}, '%Y-%m-%d')"


def _window(roles: Sequence[str] | None, since: str | None, until: str | None, undated: bool) -> list[Filter]:
    """Mentions of these roles whose day is in [since, until]; with `undated`, also those with no day."""
    keep_undated = "TRUE" if undated else "FALSE"
    return [
        among("role", roles),
        (f"({DAY} >= CAST(? AS DATE) OR ({DAY} IS NULL AND {keep_undated}))", since),
        (f"({DAY} <= CAST(? AS DATE) OR ({DAY} IS NULL AND {keep_undated}))", until),
        ("place_id IS NOT NULL AND ?", True),
    ]


def day_range(corpus: Corpus) -> tuple[str | None, str | None]:
    """The first and last day of any resolved mention."""
    row = corpus.query(
        PLACES,
        f"{_text(f'min({DAY})')} AS first, {_text(f'max({DAY})')} AS last",
        [("place_id IS NOT NULL AND ?", True)],
    )
    first, last = row.iloc[0]
    return (None if pd.isna(first) else first), (None if pd.isna(last) else last)


def places_hit(
    corpus: Corpus,
    roles: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    undated: bool = True,
    kinds: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per place over the mentions in the window: where it is, its strongest role, how many articles
    and mentions name it, the attacker named most where it is hit, its first and last day, whether any
    mention needs review; most articles first."""
    select = f"""place_id AS id, any_value(name) AS name, any_value(kind) AS kind, any_value(country) AS country,
        any_value(admin1) AS admin1, any_value(lat) AS lat, any_value(lon) AS lon,
        count(DISTINCT article_id) AS articles, count(*) AS mentions, arg_min(role, {ROLE_RANK}) AS role,
        mode(attacker) FILTER (WHERE role = 'strike_target') AS attacker, {_text(f"min({DAY})")} AS first_day,
        {_text(f"max({DAY})")} AS last_day, bool_or(needs_review) AS needs_review"""
    where = [*_window(roles, since, until, undated), among("kind", kinds)]
    return corpus.query(PLACES, select, where, "GROUP BY place_id ORDER BY articles DESC, mentions DESC, id")


def strikes_per_day(
    corpus: Corpus, since: str | None = None, until: str | None = None, kinds: Sequence[str] | None = None
) -> pd.DataFrame:
    """(day, attacker, strikes): distinct places hit per day and attacker; reports of the same place on the
    same day count once. An unnamed attacker is "unknown"."""
    where = [*_window(["strike_target"], since, until, False), among("kind", kinds)]
    return corpus.query(
        PLACES,
        f"{_text(DAY)} AS day, coalesce(attacker, 'unknown') AS attacker, count(DISTINCT place_id) AS strikes",
        where,
        "GROUP BY ALL ORDER BY day, attacker",
    )


def place_reports(
    corpus: Corpus, place_id: str, since: str | None = None, until: str | None = None, undated: bool = True
) -> pd.DataFrame:
    """Every article that reports the place hit, one row per article and sentence: day, how the day is known,
    title, url, document, sentence, attacker, and the distance claims the article makes about the place."""
    hits = corpus.query(
        PLACES,
        f"""article_id, document, {_text(DAY)} AS day, event_date_text, event_date_source, sentence, attacker,
            min(mention) AS first_mention""",
        [*_window(["strike_target"], since, until, undated), ("place_id = ?", place_id)],
        "GROUP BY ALL ORDER BY day NULLS LAST, article_id, first_mention",
    )
    if hits.empty:
        return hits.assign(title=[], url=[], claims=[])
    articles = sorted(set(hits["article_id"]))
    documents = corpus.query(DOCUMENTS, "article_id, title, url", [among("article_id", articles)])
    claims = corpus.query(
        CLAIMS,
        "article_id, claimed, origin_name, origin, computed_km, verdict",
        [among("article_id", articles), ("subject_id = ?", place_id)],
    )
    said = claims.groupby("article_id").apply(_claims_text).rename("claims")
    merged = hits.merge(documents, on="article_id", how="left").merge(said, on="article_id", how="left")
    merged["claims"] = merged["claims"].fillna("")
    return merged.drop(columns=["first_mention"])


def _claims_text(claims: pd.DataFrame) -> str:
    """ "800 km from Sumy (computed 800 km, consistent)" per claim, joined by "; "."""
    parts = []
    for row in claims.to_dict("records"):
        origin = row["origin_name"] if isinstance(row["origin_name"], str) else row["origin"]
        computed = "" if pd.isna(row["computed_km"]) else f"computed {shown_distance(row['computed_km']):,} km, "
        parts.append(f"{row['claimed']} from {origin} ({computed}{row['verdict']})")
    return "; ".join(parts)


def article_count(corpus: Corpus) -> int:
    """Articles in the corpus, parsed or not."""
    return int(corpus.query(DOCUMENTS, "count(*) AS n")["n"].iloc[0])

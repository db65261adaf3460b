"""The monitoring desk's parts of the page: the opened corpus (`-- --corpus DIR`), the strike-date filter,
the timeline of strikes per day by attacker, a place's history and paged tables. The corpus is only ever
queried through corpus.desk (aggregates or one place's rows, cached per filter), never loaded whole."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import altair as alt
import pandas as pd
import shapely
import streamlit as st

from corpus import desk
from corpus.read import Corpus, Filter, among
from corpus.schema import CLAIM_FIELDS, CLAIMS, DOCUMENTS, PLACES
from dashboard.places import Place
from geo import ClaimCheck, ParsedDocument, claimed_text, mention_day, strike_days

PAGE_ROWS = 50
FEED_ROWS = 200
FEED_COLUMNS = ["day", "place", "attacker", "headline", "sentence", "id"]
CLAIM_LINES_AT_MOST = 200
"""Corpus claim lines drawn on the map at most (the newest): each is a densified geodesic sent with every rerun."""
TOP_ATTACKERS = 8
HISTORY_COLUMNS = ["day", "date from", "title", "url", "sentence", "attacker", "claims"]


@lru_cache(maxsize=4)
def corpus_dir(argv: tuple[str, ...]) -> Path | None:
    """The folder given as `--corpus DIR` after `streamlit run dashboard/app.py --`; parsed once, since building
    an argparse parser looks up its message catalogues on disk, on every rerun of every session otherwise."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus")
    known, _ = parser.parse_known_args(list(argv))
    return Path(known.corpus) if known.corpus else None


def corpus_version(root: Path) -> tuple:
    """Changes when a partition is written, so cached answers are recomputed for a corpus still growing."""
    return Corpus(root).version()


@st.cache_data(show_spinner=False, max_entries=64)
def _answer(question: str, root: str, version: tuple, **filters):
    return getattr(desk, question)(Corpus(root), **filters)


def ask(question: str, root: Path, **filters):
    """corpus.desk.<question>(Corpus(root), **filters), cached per corpus version and filters."""
    return _answer(question, str(root), corpus_version(root), **filters)


def _window(day: str, since: str | None, until: str | None, undated: bool) -> list[Filter]:
    """Rows whose `day` (an SQL expression) is in [since, until]; with `undated`, also those with no day."""
    keep = "TRUE" if undated else "FALSE"
    return [
        (f"({day} >= ? OR ({day} IS NULL AND {keep}))", since),
        (f"({day} <= ? OR ({day} IS NULL AND {keep}))", until),
    ]


@st.cache_data(show_spinner=False, max_entries=16)
def _claims(root: str, version: tuple, since: str | None, until: str | None, undated: bool) -> pd.DataFrame:
    return Corpus(root).query(
        CLAIMS,
        "* EXCLUDE (filename, file_row_number)",
        _window("CAST(CAST(published AS DATE) AS VARCHAR)", since, until, undated),
        "ORDER BY published DESC NULLS LAST, article_id, claim",
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _feed(root: str, version: tuple, since: str | None, until: str | None, undated: bool, kinds: tuple) -> pd.DataFrame:
    corpus = Corpus(root)
    day = f"CAST({desk.DAY} AS VARCHAR)"
    rows = corpus.query(
        PLACES,
        f"{day} AS day, name AS place, attacker, article_id, sentence, place_id AS id",
        [*_window(day, since, until, undated), among("role", ["strike_target"]), among("kind", list(kinds))],
        f"ORDER BY day DESC NULLS LAST, article_id, mention LIMIT {FEED_ROWS}",
    )
    titles = corpus.query(DOCUMENTS, "article_id, title", [among("article_id", sorted(set(rows["article_id"])))])
    return rows.merge(titles, on="article_id", how="left").rename(columns={"title": "headline"})[FEED_COLUMNS]


def feed(docs: Sequence[ParsedDocument], shown: set[str], corpus: Corpus | None, settings: dict) -> pd.DataFrame:
    """The strike feed: one row per strike target named in an article (the session's articles' places on the map
    and the corpus's in the window), newest first, at most FEED_ROWS."""
    rows = {
        (d.document, m.id, m.sentence): (mention_day(m, d.published), m.name, m.attacker, d.headline or d.document)
        for d in docs
        for m in d.places
        if m.role == "strike_target" and m.id in shown
    }
    frames = [
        pd.DataFrame(
            [(*values, sentence, place_id) for (_, place_id, sentence), values in rows.items()], columns=FEED_COLUMNS
        )
    ]
    if corpus is not None and "strike_target" in settings["roles"]:
        window = (settings["since"], settings["until"], settings["undated"], tuple(settings["kinds"]))
        frames.append(_feed(str(corpus.root), corpus_version(corpus.root), *window))
    table = pd.concat([f for f in frames if not f.empty] or frames, ignore_index=True)
    newest = table.sort_values("day", ascending=False, na_position="last", kind="stable").head(FEED_ROWS)
    return newest.fillna("")  # an unknown day or attacker is a blank, not "None"


def corpus_claims(root: Path, since: str | None, until: str | None, undated: bool) -> pd.DataFrame:
    """The corpus's checked claims of the articles published in the window (a claim's day is its article's),
    newest first, cached per corpus version and window."""
    return _claims(str(root), corpus_version(root), since, until, undated)


def claim_features(claims: pd.DataFrame, subjects: set[str], limit: int | None = CLAIM_LINES_AT_MOST) -> list[dict]:
    """The claims about `subjects` that have a line, newest first (at most `limit`), as the GeoJSON claim features
    geo.output writes: the corpus stores their properties and geodesic line as they are."""
    rows = claims[claims["subject_id"].isin(subjects) & claims["geometry"].notna()]
    rows = rows if limit is None else rows.head(limit)
    properties = json.loads(rows[[f.name for f in CLAIM_FIELDS]].to_json(orient="records"))
    return [
        {"type": "Feature", "geometry": shapely.geometry.mapping(shapely.from_wkb(bytes(wkb))), "properties": props}
        for wkb, props in zip(rows["geometry"], properties, strict=True)
    ]


def place_features(hit: pd.DataFrame) -> list[dict]:
    """The corpus's places in the window (corpus.desk.places_hit) as GeoJSON points, their counts and days as
    properties."""
    properties = json.loads(hit.drop(columns=["lat", "lon"]).to_json(orient="records"))
    return [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]}, "properties": props}
        for lat, lon, props in zip(hit["lat"], hit["lon"], properties, strict=True)
    ]


@st.cache_data(show_spinner=False, max_entries=64)
def _article_mentions(root: str, version: tuple, article_id: str) -> pd.DataFrame:
    return Corpus(root).places(article_ids=[article_id])


def article_mentions(root: Path, article_id: str) -> pd.DataFrame:
    """Every place mention of one corpus article, in text order: what the corpus keeps of its text."""
    return _article_mentions(str(root), corpus_version(root), article_id)


def date_filter(container, first: dt.date | None, last: dt.date | None) -> None:
    """Two date inputs, from `first` and `last` on the first run, and whether undated places stay; a note
    instead when nothing is dated."""
    container.header("Strike dates")
    if first is None:
        container.caption("No dated strikes: the articles give no publication or event dates.")
        return
    container.date_input("From", value=first, key="date_from")
    container.date_input("To", value=last, key="date_to")
    container.checkbox(
        "Include undated places",
        value=True,
        key="date_undated",
        help="Places from articles with no publication date and no date in the text.",
    )


def day_span(
    docs: Sequence[ParsedDocument], corpus_span: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """First and last day of any mention of the session's articles and the corpus."""
    days = [d for d in corpus_span if d]
    days += [day for doc in docs for m in doc.places if m.resolved and (day := mention_day(m, doc.published))]
    return (min(days), max(days)) if days else (None, None)


def timeline_frame(docs: Sequence[ParsedDocument], corpus_counts: pd.DataFrame | None) -> pd.DataFrame:
    """(day, attacker, strikes) of the session's articles and the corpus; attackers past the TOP_ATTACKERS
    most active become "other"."""
    session = pd.DataFrame(strike_days(docs), columns=["day", "attacker", "id"])
    session = session.groupby(["day", "attacker"], as_index=False).size().rename(columns={"size": "strikes"})
    frames = [f for f in (session, corpus_counts) if f is not None and not f.empty]
    if not frames:
        return pd.DataFrame(columns=["day", "attacker", "strikes"])
    counts = pd.concat(frames).groupby(["day", "attacker"], as_index=False)["strikes"].sum()
    top = counts.groupby("attacker")["strikes"].sum().nlargest(TOP_ATTACKERS).index
    counts["attacker"] = counts["attacker"].where(counts["attacker"].isin(top), "other")
    return counts.groupby(["day", "attacker"], as_index=False)["strikes"].sum()


def timeline_chart(counts: pd.DataFrame) -> alt.Chart:
    """Stacked bars of strikes per day, one colour per attacker."""
    return (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("day:T", title="day"),
            y=alt.Y("sum(strikes):Q", title="places hit"),
            color=alt.Color("attacker:N", title="attacker"),
            tooltip=["day:T", "attacker:N", "strikes:Q"],
        )
        .properties(height=220)
    )


def session_history(place: Place | None, docs: Sequence[ParsedDocument], checks: Sequence[ClaimCheck]) -> pd.DataFrame:
    """One row per article of the session that reports the place hit (its first sentence saying so: more sentences
    about the place are no more reports), with its claims about it."""
    if place is None:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    published = {d.document: d.published for d in docs}
    titles = {d.document: d.headline or d.document for d in docs}
    rows: dict[str, dict[str, object]] = {}
    for m in place.mentions:
        if m.mention.role != "strike_target":
            continue
        said = [
            f"{claimed_text(c.claim)} from {c.claim.origin.name if c.claim.origin and c.claim.origin.name else c.claim.origin_text or '?'}"
            f" ({c.verdict})"
            for c in checks
            if c.document == m.document and c.claim.subject is not None and c.claim.subject.id == place.id
        ]
        rows.setdefault(
            m.document,
            {
                "day": mention_day(m.mention, published.get(m.document)) or "",
                "date from": _date_from(m.mention.event_date_source, m.mention.event_date_text),
                "title": titles.get(m.document, m.document),
                "url": "",
                "sentence": m.mention.sentence,
                "attacker": m.mention.attacker or "",
                "claims": "; ".join(said),
            },
        )
    return pd.DataFrame(list(rows.values()), columns=HISTORY_COLUMNS)


def corpus_history(reports: pd.DataFrame) -> pd.DataFrame:
    """corpus.desk.place_reports as the history table's columns, one row per article (its first sentence), blanks
    where the corpus has no value."""
    if reports.empty:
        return pd.DataFrame(columns=HISTORY_COLUMNS)
    reports = reports.drop_duplicates("article_id")
    frame = reports.assign(
        **{
            "date from": [
                _date_from(s, t) for s, t in zip(reports["event_date_source"], reports["event_date_text"], strict=True)
            ]
        }
    )
    frame["title"] = frame["title"].fillna(frame["document"])
    return frame[HISTORY_COLUMNS].fillna("")


def _date_from(source: object, phrase: object) -> str:
    if source == "text":
        return f"text: “{phrase}”"
    return "publication date" if source == "published" else "no date"


def show_history(history: pd.DataFrame) -> None:
    st.dataframe(
        history,
        hide_index=True,
        width="stretch",
        key="history_table",
        column_config={
            "url": st.column_config.LinkColumn("url"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
        },
    )


def page_of(frame: pd.DataFrame, key: str, container=st) -> tuple[pd.DataFrame, int]:
    """One page of PAGE_ROWS rows and the offset of its first row, with a page number input when needed."""
    pages = max(1, -(-len(frame) // PAGE_ROWS))
    page = 1
    if pages > 1:
        page = int(
            container.number_input(
                f"Page (of {pages}, {len(frame):,} rows)", min_value=1, max_value=pages, value=1, step=1, key=key
            )
        )
    offset = (page - 1) * PAGE_ROWS
    return frame.iloc[offset : offset + PAGE_ROWS], offset

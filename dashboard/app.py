"""Strike Map dashboard: `streamlit run dashboard/app.py`. Displays geo's results; computes nothing of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import gazetteer
import geo
from corpus.read import Corpus
from dashboard import basemap, desk_view, library, mapview, url_state
from dashboard.article_view import article_html, resolved_entry, sentences_html
from dashboard.parse_cache import ParseCache
from dashboard.places import Place, places_from
from dashboard.tables import claims_csv, claims_frame, corpus_claims_frame, corpus_places_frame, places_frame
from geo import (
    ARTICLE_SUFFIXES,
    Article,
    InputError,
    MAX_BYTES,
    MENTION_KINDS,
    ParsedDocument,
    ROLES,
    Tolerances,
    UTF8,
    article_from_bytes,
    check_claims,
    expand_paths,
    geodesic_km,
    headline,
    iter_articles,
    names_like,
    place_named,
    require_text,
    to_geojson_text,
    within,
)

ARTICLES_DIR = ROOT / "data" / "articles"
UNREAD_SUFFIXES = {".pdf": "PDF files", ".doc": "Word files", ".docx": "Word files", ".odt": "OpenDocument files"}
"""Files an analyst's inbox holds that the dashboard takes but does not read, so it can say so in a sentence."""
PROGRESS_ABOVE = 2  # show a progress bar when parsing more articles than this
MAP_DRAWN_JS = """
export default function ({setTriggerValue}) {
    const started = Date.now();
    const drawn = () => [...document.querySelectorAll("iframe")].some(frame => {
        try { return Boolean(frame.contentWindow && frame.contentWindow.strikeMapDrawn); } catch (e) { return false; }
    });
    const timer = setInterval(() => {
        if (drawn() || Date.now() - started > %d) {
            clearInterval(timer);
            setTriggerValue("drawn", true);
        }
    }, 100);
    return () => clearInterval(timer);
}
"""
"""Tells the server once the map's iframe has drawn the markers (mapview's overlay sets strikeMapDrawn), or after
the given milliseconds without a map, checking in the page every 100 ms."""
MAP_DRAWN_FALLBACK_MS = 30_000
map_drawn = st.components.v2.component("strike_map_drawn", js=MAP_DRAWN_JS % MAP_DRAWN_FALLBACK_MS)
VIEWS = ("Places", "Distance claims", "Strikes per day", "Article", "Export")
"""The tabs under the map; only the open one is computed and sent (a data grid or a chart costs the browser
more than the map)."""


def plain(text: str) -> str:
    """`text` escaped for st.markdown and friends, so names and sentences from articles show literally."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~$:])", r"\\\1", text)


@st.cache_resource(show_spinner=False)
def parse_cache() -> ParseCache:
    """The parse cache all sessions share (dashboard/parse_cache.py: bounded, least recently used out)."""
    return ParseCache()


@st.cache_data(show_spinner=False)
def sample_articles() -> tuple[list[Article], list[str]]:
    """The articles in data/articles, read as `python -m geo export data/articles` reads them (so the
    GeoJSON download matches it), and an error message for each unreadable file."""
    errors: list[str] = []
    articles = list(iter_articles(expand_paths([str(ARTICLES_DIR)]), lambda error: errors.append(str(error))))
    return articles, errors


@st.cache_resource(show_spinner=False, max_entries=256)
def lookup_origin(name: str) -> gazetteer.Place | None:
    """The gazetteer entry of that very name (geo.place_named), the reference point of the distance column."""
    return place_named(name)


def parse_all(articles: list[Article], progress_slot) -> list[ParsedDocument]:
    """The articles' parsed documents; those not in the parse cache are parsed (showing progress in
    `progress_slot` while there are more than a few of them) and stored. The slot is an `st.empty()` made on
    every run, so the elements after it keep their places in the page whether a bar was shown or not (a map
    one place further up on the next run is a new map: the browser loads its iframe, Leaflet and outlines again)."""
    cache = parse_cache()
    cached = {(a.name, a.text): cache.get((a.name, a.text)) for a in articles}
    docs = {key: doc for key, doc in cached.items() if doc is not None}
    new = [a for a in articles if (a.name, a.text) not in docs]
    parsed = geo.parse_many((a.name, a.text, a.published, a.encoding) for a in new)
    bar = progress_slot.progress(0.0, text=f"Parsing {len(new)} articles…") if len(new) > PROGRESS_ABOVE else None
    for i, (article, doc) in enumerate(zip(new, parsed, strict=True), start=1):
        cache.put((article.name, article.text), doc)
        docs[(article.name, article.text)] = doc
        if bar is not None:
            bar.progress(i / len(new), text=f"Parsed {i} of {len(new)}: {article.name}")
    if bar is not None:
        bar.empty()
    return [docs[(a.name, a.text)] for a in articles]


def added_articles() -> dict[str, Article]:
    """The session's pasted and uploaded articles; on its first run, those its library holds (dashboard/library.py)."""
    if "added_articles" not in st.session_state:
        st.session_state["added_articles"] = {a.name: a for a in library.load(library_id())}
    return st.session_state["added_articles"]


def library_id() -> str:
    """The session's library: the one its URL names, else a new one."""
    if "library_id" not in st.session_state:
        given = url_state.from_url().get("library")
        st.session_state["library_id"] = given if library.is_id(given) else library.new_id()
    return str(st.session_state["library_id"])


def keep(article: Article) -> None:
    """Adds a pasted or uploaded article to the session and to its library on disk."""
    added_articles()[article.name] = article
    library.save(library_id(), article)


def add_pasted_article() -> None:
    text = st.session_state.get("pasted_text", "")
    given = st.session_state.get("pasted_name", "").strip()
    if refusal := too_large("The pasted text", len(text.encode())):
        st.session_state["add_messages"] = [("error", refusal)]
        return
    try:
        require_text(Article(given or "The pasted text", text))
    except InputError as error:
        st.session_state["add_messages"] = [("error", str(error))]
        return
    name = unique_name(given or "pasted.txt")
    published = st.session_state.get("pasted_date")
    keep(Article(name, text, published.isoformat() if published else None))
    st.session_state["article_select"] = [*st.session_state.get("article_select", []), name]
    st.session_state["pasted_text"] = ""
    st.session_state["pasted_name"] = ""
    st.session_state["pasted_date"] = None
    st.session_state["add_messages"] = [("success", f"Added {name}.")]


def unique_name(name: str) -> str:
    """`name`, or `name` with a counter, so an added article never replaces another one."""
    taken = {a.name for a in sample_articles()[0]} | set(added_articles())
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}"
    return candidate


def uploader_key() -> str:
    """The file uploader's key; a new one after each upload empties it, so no refused file stays listed there."""
    return f"uploads_{st.session_state.get('uploads_done', 0)}"


def too_large(what: str, size: int) -> str | None:
    """Why an article of `size` bytes is refused, or None: pastes and uploads have one limit, the uploader's
    (server.maxUploadSize, in MB of 1,000,000 bytes, below geo's own MAX_BYTES)."""
    limit = int(st.get_option("server.maxUploadSize")) * 1_000_000
    if size <= min(limit, MAX_BYTES):
        return None
    return (
        f"{what} is {size / 1e6:,.1f} MB; an article may have {min(limit, MAX_BYTES) / 1e6:,.0f} MB at most. Not added."
    )


def add_uploads(key: str) -> None:
    errors = []
    added = []
    for upload in st.session_state.get(key) or []:
        suffix = Path(upload.name).suffix.lower()
        if suffix in UNREAD_SUFFIXES:
            errors.append(
                f"{upload.name}: {UNREAD_SUFFIXES[suffix]} are not read here; copy the text into the paste box."
            )
            continue
        if refusal := too_large(upload.name, upload.size):
            errors.append(refusal)
            continue
        try:
            article = require_text(article_from_bytes(upload.name, upload.getvalue()))
        except InputError as error:
            errors.append(str(error))
            continue
        keep(article)
        added.append(article.name)
    selected = st.session_state.get("article_select", [])
    st.session_state["article_select"] = [*selected, *(n for n in added if n not in selected)]
    st.session_state["uploads_done"] = st.session_state.get("uploads_done", 0) + 1
    st.session_state["add_messages"] = [
        ("success" if added else "info", f"Added {len(added)} file(s)."),
        *(("error", f"Not added: {error}") for error in errors),
    ]


def select_place_from_map() -> None:
    """Map click -> the place whose marker was clicked (by its tooltip, then nearest) becomes the selected place."""
    state = st.session_state.get("map") or {}
    clicked, label = state.get("last_object_clicked"), (state.get("last_object_clicked_tooltip") or "").strip()
    matches = [m for m in st.session_state.get("shown_markers", []) if html.unescape(m.label) == label]
    if clicked and matches:
        nearest = min(matches, key=lambda m: (m.lat - clicked["lat"]) ** 2 + (m.lon - clicked["lng"]) ** 2)
        st.session_state["place_select"] = nearest.id


def select_place_from(table: str, ids_key: str) -> None:
    """Table row click -> that row's place becomes the selected place."""
    rows = st.session_state[table].selection.rows
    ids = st.session_state.get(ids_key, [])
    if rows and rows[0] < len(ids):
        st.session_state["place_select"] = ids[rows[0]]


def file_names_help(headlines: dict[str, str], names: list[str]) -> str:
    """The tooltip of an article selector: the file name behind each chosen headline."""
    return (
        "\n".join(f"- {plain(headlines.get(n) or n)}: file {plain(n)}" for n in names)
        or "Articles are listed by headline."
    )


def select_articles(all_names: list[str], first: list[str]) -> list[str]:
    """The selected article names (`first` on the first run), only those that still exist."""
    if "article_select" not in st.session_state:
        st.session_state["article_select"] = first
    st.session_state["article_select"] = [n for n in st.session_state["article_select"] if n in all_names]
    return st.session_state["article_select"]


def article_controls(headlines: dict[str, str]) -> None:
    """The article selection, by headline (`headlines`: file name -> headline), and the paste / upload controls."""
    sb = st.sidebar
    sb.header("Articles")
    sb.multiselect(
        "Show articles",
        list(headlines),
        key="article_select",
        format_func=lambda n: headlines[n] or n,
        help=file_names_help(headlines, st.session_state.get("article_select", [])),
    )
    with sb.expander("Add an article", expanded=False):
        st.text_area("Paste article text", key="pasted_text", height=150)
        st.text_input("Name (optional)", key="pasted_name", placeholder="pasted-1.txt")
        st.date_input(
            "Published (optional)", value=None, key="pasted_date", help="Relative days in the text count from it."
        )
        st.button("Add pasted article", on_click=add_pasted_article)
        key = uploader_key()
        st.file_uploader(
            f"…or upload .txt / .md / .html, {st.get_option('server.maxUploadSize')} MB at most",
            type=[s.lstrip(".") for s in (*ARTICLE_SUFFIXES, *UNREAD_SUFFIXES)],
            accept_multiple_files=True,
            key=key,
            on_change=add_uploads,
            args=(key,),
        )
    for kind, message in st.session_state.pop("add_messages", []):
        getattr(sb, kind)(plain(message))
    cache = parse_cache()
    sb.caption(
        f"Parse cache, shared by all sessions: {len(cache)} of {cache.max_entries} articles, "
        f"{cache.bytes / 2**20:,.1f} of {cache.max_bytes / 2**20:,.0f} MB."
    )


def common_origin(docs: list[ParsedDocument]) -> str:
    """The place most of the articles' distance claims are measured from ("" when none is resolved): the
    "Distance from" a session starts with, fixed at its first run."""
    origins = Counter(c.origin.name for d in docs for c in d.claims if c.origin is not None and c.origin.name)
    return origins.most_common(1)[0][0] if origins else ""


def filter_defaults(
    default_roles: list[str], origin: str, first_day: str | None, last_day: str | None
) -> dict[str, Any]:
    """Each filter widget's key and first value."""
    return {
        "role_filter": default_roles,
        "kind_filter": list(MENTION_KINDS),
        "origin_name": origin,
        "basemap": basemap.OUTLINES,
        "date_from": dt.date.fromisoformat(first_day) if first_day else None,
        "date_to": dt.date.fromisoformat(last_day) if last_day else None,
        "date_undated": True,
        **{f"tol_{name}": float(value) for name, value in dataclasses.asdict(Tolerances()).items()},
    }


def first_values(defaults: dict[str, Any], from_url: dict[str, Any]) -> dict[str, Any]:
    """The filters' first values: `defaults`, but for what the URL gives (roles and kinds only those that exist)."""
    given = {key: value for key, value in from_url.items() if key in defaults}
    for key, known in (("role_filter", ROLES), ("kind_filter", MENTION_KINDS)):
        if key in given:
            given[key] = [v for v in given[key] if v in known]
    return {**defaults, **given}


def settings_from_state(defaults: dict[str, Any]) -> dict:
    """The filters' values as the widgets hold them, read before the widgets are drawn, so that the map can be
    sent first: it is what the page waits for."""
    value = lambda key: st.session_state.get(key, defaults[key])  # noqa: E731
    since, until = value("date_from"), value("date_to")
    return {
        "roles": value("role_filter"),
        "kinds": value("kind_filter"),
        "origin_name": value("origin_name"),
        "tolerances": Tolerances(**{f.name: value(f"tol_{f.name}") for f in dataclasses.fields(Tolerances)}),
        "basemap": value("basemap"),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "undated": value("date_undated"),
    }


def filter_controls(defaults: dict[str, Any]) -> None:
    """The role, kind, date, distance and basemap widgets, from `defaults` on the first run."""
    sb = st.sidebar
    sb.header("Filter")
    sb.multiselect(
        "Role", ROLES, default=defaults["role_filter"], format_func=mapview.ROLE_LABELS.__getitem__, key="role_filter"
    )
    sb.multiselect("Kind", MENTION_KINDS, default=defaults["kind_filter"], key="kind_filter")
    desk_view.date_filter(sb, defaults["date_from"], defaults["date_to"])
    sb.header("Distance")
    sb.text_input("Distance from", value=defaults["origin_name"], key="origin_name")
    with sb.expander("Verdict tolerances"):  # ratios, e.g. plain 0.10 = ±10 %
        for f in dataclasses.fields(Tolerances):
            st.number_input(
                f.name.replace("_", " "),
                value=defaults[f"tol_{f.name}"],
                min_value=0.0,
                step=0.01,
                format="%.3f",
                key=f"tol_{f.name}",
            )
    sb.header("Basemap")
    sb.radio(
        "Basemap",
        basemap.CHOICES,
        index=basemap.CHOICES.index(defaults["basemap"]),
        key="basemap",
        label_visibility="collapsed",
        help="Online tile layers fetch map images from the internet.",
    )


def feed_view(feed: pd.DataFrame) -> None:
    """The strikes beside the map, newest first; clicking a row selects its place."""
    st.markdown(f"**Strikes, newest first** ({len(feed):,})")
    st.session_state["feed_ids"] = list(feed["id"])
    st.dataframe(
        feed.drop(columns=["id"]),
        hide_index=True,
        height=250,
        width="stretch",
        key="feed_table",
        selection_mode="single-row",
        on_select=lambda: select_place_from("feed_table", "feed_ids"),
        column_config={"sentence": st.column_config.TextColumn("sentence", width="large")},
    )


def place_panel(places: list[Place], markers: dict[str, mapview.Marker]) -> None:
    """The selected place (of the session's articles or the corpus), its mentions and the "why this place"
    evidence."""
    by_id = {p.id: p for p in places}
    st.selectbox(
        "Selected place",
        list(markers),
        key="place_select",
        format_func=lambda i: html.unescape(markers[i].label),
        placeholder="Click a marker or a table row",
    )
    place = by_id.get(st.session_state["place_select"])
    if place is None:
        if st.session_state["place_select"]:
            st.caption("A corpus place: its reports are listed under History, below the map.")
        return
    tally: dict[str, int] = {}
    for m in place.mentions:
        tally[m.document] = tally.get(m.document, 0) + 1
    st.markdown(
        f"**{len(place.mentions)} mention(s)** of **{plain(place.name)}** in "
        + ", ".join(f"{plain(doc)} ({n})" for doc, n in tally.items())
    )
    mention = selected_mention(place, st)
    st.markdown("**Why this place**")
    if mention.needs_review:
        st.warning("Needs review: the winner barely beat the runner-up.")
    st.markdown(plain(mention.why or "Only one candidate was considered."))
    st.caption(plain(resolved_entry(mention)))
    if mention.candidates:
        st.dataframe(
            [
                {
                    "rank": r,
                    "name": c.name,
                    "score": round(c.score, 3),
                    "kind": c.kind,
                    "admin1": c.admin1,
                    "country": c.country,
                    "evidence": "; ".join(c.evidence),
                }
                for r, c in enumerate(mention.candidates, start=1)
            ],
            hide_index=True,
            width="stretch",
        )
    st.checkbox("Draw candidates on the map", key="show_candidates")


def selected_mention(place: Place, container=None):
    """The mention chosen in the "Mention" box (drawn into `container` when given), else the first. The box is
    keyed by the place, so selecting another place shows that place's mentions, not the last place's choice."""
    key = f"mention_select_{place.id}"
    if container is not None:
        labels = [f"{m.document}: “{m.mention.text}” at {m.mention.start}" for m in place.mentions]
        container.selectbox("Mention", range(len(labels)), format_func=labels.__getitem__, key=key)
    index = st.session_state.get(key) or 0
    return place.mentions[min(index, len(place.mentions) - 1)].mention


def draw_candidates(selected: Place | None) -> tuple:
    """The selected mention's gazetteer candidates when "Draw candidates on the map" is ticked."""
    if selected is None or not st.session_state.get("show_candidates"):
        return ()
    return selected_mention(selected).candidates


def metrics(docs, places, checks, corpus, hit) -> None:
    """The counts above the map, of what the map shows (the places after the Role and Kind filters); in corpus mode
    the session's row only when the session has articles of its own."""
    if docs or hit is None:
        cols = st.columns(5)
        cols[0].metric("Articles", len(docs))
        cols[1].metric("Places", len(places))
        cols[2].metric("Strike targets", sum(p.role == "strike_target" for p in places))
        cols[3].metric("Distance claims", len(checks))
        cols[4].metric("Inconsistent", [c.verdict for c in checks].count("inconsistent"))
    if hit is not None:
        cols = st.columns(5)
        cols[0].metric("Corpus articles", f"{desk_view.ask('article_count', corpus.root):,}")
        cols[1].metric("Corpus places shown", f"{len(hit):,}")
        cols[2].metric("Reports of them", f"{int(hit['articles'].sum()):,}")


def complete_the_page() -> None:
    """The watcher saw the map drawn: this and every later run of the session send the whole page."""
    st.session_state["page_complete"] = True


def map_first() -> bool:
    """True on a session's runs until its browser has drawn the map: those runs send the title, the metrics and
    the map only, and a watcher that reruns the script once the map is drawn, which then sends the sidebar, the
    place panel and the tabs. The browser draws the map before it renders anything else, however many sessions
    share its cores (a fixed wait on the server does not know when that is)."""
    if st.session_state.get("page_complete"):
        return False
    map_drawn(key="map_drawn", on_drawn_change=complete_the_page)
    return True


@st.cache_resource(show_spinner=False)
def open_corpus(path: str) -> Corpus | None:
    """The corpus folder given with `-- --corpus DIR`; None (with an error on the page) when it holds none."""
    root = Path(path)
    return Corpus(root) if (root / "documents").is_dir() else None


def corpus_places(corpus: Corpus, settings: dict) -> pd.DataFrame:
    """The corpus's places in the filter window, one row per place (corpus.desk.places_hit)."""
    return desk_view.ask(
        "places_hit",
        corpus.root,
        roles=settings["roles"],
        kinds=settings["kinds"],
        since=settings["since"],
        until=settings["until"],
        undated=settings["undated"],
    )


def main() -> None:
    st.set_page_config(page_title="Strike Map", page_icon="🎯", layout="wide")
    st.title("Strike Map")
    # The sidebar has its first element from the first run on: a sidebar appearing later re-creates the main
    # area, and with it the map's iframe, which then loads Leaflet and the outlines a second time.
    st.sidebar.header("Articles")
    corpus_path = desk_view.corpus_dir(tuple(sys.argv[1:]))
    corpus = open_corpus(str(corpus_path)) if corpus_path else None
    if corpus_path and corpus is None:
        st.error(plain(f"{corpus_path} holds no corpus (no documents/ folder): run `strike-map corpus ... -o DIR`."))
    articles, errors = sample_articles()
    by_name = {**{a.name: a for a in articles}, **added_articles()}
    names = list(by_name)
    from_url = url_state.from_url()
    first_articles = list(added_articles()) if corpus is not None else names
    selected_names = select_articles(names, from_url.get("article_select", first_articles))
    all_docs = parse_all([by_name[n] for n in selected_names], st.empty())
    span = desk_view.ask("day_range", corpus.root) if corpus is not None else (None, None)
    defaults = filter_defaults(
        ["strike_target"] if corpus is not None else list(ROLES),
        st.session_state.setdefault("origin_default", common_origin(all_docs)),
        *desk_view.day_span(all_docs, span),
    )
    first = first_values(defaults, from_url)
    settings = settings_from_state(first)
    dated = settings["since"] is not None or settings["until"] is not None or not settings["undated"]
    docs = (
        [within(d, settings["since"], settings["until"], settings["undated"]) for d in all_docs] if dated else all_docs
    )
    checks = [c for doc in docs for c in check_claims(doc, settings["tolerances"])]
    geojson = to_geojson_text(docs, checks)
    features = json.loads(geojson)
    all_places = places_from(features, docs)
    claim_lines = [f for f in features["features"] if f["geometry"]["type"] != "Point"]

    places = [p for p in all_places if p.role in settings["roles"] and p.kind in settings["kinds"]]
    shown_ids = {p.id for p in places}
    claim_lines = [f for f in claim_lines if f["properties"]["subject_id"] in shown_ids]  # a claim is its subject's
    hit = corpus_places(corpus, settings) if corpus is not None else None
    markers = [mapview.marker_of(p) for p in places]
    corpus_claims = None
    if corpus is not None and hit is not None:
        markers += [mapview.summary_marker(row) for row in hit.itertuples()]
        corpus_claims = desk_view.corpus_claims(corpus.root, settings["since"], settings["until"], settings["undated"])
        claim_lines += desk_view.claim_features(corpus_claims, set(hit["id"]))
    st.session_state["shown_markers"] = markers
    by_id = {m.id: m for m in markers}
    st.session_state.setdefault("place_select", from_url.get("place_select"))
    if st.session_state.get("place_select") not in by_id:
        st.session_state["place_select"] = None

    # The map is sent first (the page waits for it); the other parts are filled in around it.
    summary = st.container()
    map_col, side_col = st.columns([5, 2])
    with map_col:
        if not mapview.LEAFLET_INSTALLED:
            st.error("Leaflet or Leaflet.markercluster is missing from dashboard/static/vendor: run `make assets`.")
        if settings["basemap"] != basemap.OUTLINES:
            st.info("Online basemap: map tiles are fetched from the internet.")
        selected = next((p for p in places if p.id == st.session_state["place_select"]), None)
        candidates = draw_candidates(selected)
        st_folium(
            mapview.base_map(settings["basemap"]),
            key="map",
            height=560,
            use_container_width=True,
            returned_objects=["last_object_clicked", "last_object_clicked_tooltip"],
            feature_group_to_add=mapview.overlay(
                markers,
                claim_lines,
                by_id.get(st.session_state["place_select"]),
                candidates,
                cluster=True if corpus is not None else None,
                view=from_url.get("view"),
            ),
            on_change=select_place_from_map,
        )
        waiting_for_the_map = map_first()
    with summary:
        metrics(docs, places, checks, corpus, hit)
        if settings["since"] and settings["until"] and settings["since"] > settings["until"]:
            st.warning(f"From ({settings['since']}) is after To ({settings['until']}): no day is in that range.")
        for error in errors:
            st.error(plain(error))
        for doc in docs:
            for warning in doc.warnings:
                st.warning(plain(f"{doc.document}: {warning}"))
            if doc.encoding != UTF8:
                st.caption(plain(f"{doc.headline or doc.document}: read as {doc.encoding}, not UTF-8."))
            for run in doc.noise:
                st.info(plain(f"{doc.document}: {run.note}"))
    if waiting_for_the_map:
        return
    article_controls({n: headline(by_name[n].text) for n in names})
    filter_controls(first)
    url_state.to_url(
        {
            "role_filter": settings["roles"],
            "kind_filter": settings["kinds"],
            "date_from": st.session_state.get("date_from"),
            "date_to": st.session_state.get("date_to"),
            "origin_name": settings["origin_name"],
            "place_select": st.session_state["place_select"],
            "article_select": selected_names,
            "library": library_id() if added_articles() else None,
        },
        {**defaults, "article_select": first_articles},
    )
    with side_col:
        feed_view(desk_view.feed(docs, shown_ids, corpus, settings))
        place_panel(places, by_id)
    selected_id = st.session_state["place_select"]
    reports = None
    if selected_id:
        st.subheader(f"History of {html.unescape(by_id[selected_id].label).split(' — ')[0]}")
        history = [desk_view.session_history(selected, all_docs, checks)]
        if corpus is not None:
            reports = desk_view.ask(
                "place_reports",
                corpus.root,
                place_id=selected_id,
                since=settings["since"],
                until=settings["until"],
                undated=settings["undated"],
            )
            history.append(desk_view.corpus_history(reports))
        frames = [h for h in history if not h.empty]
        table = pd.concat(frames, ignore_index=True) if frames else history[0]
        st.caption(f"{len(table):,} report(s) of a strike on this place in the date range.")
        desk_view.show_history(desk_view.page_of(table, "history_page")[0])

    origin = lookup_origin(settings["origin_name"]) if settings["origin_name"].strip() else None
    if settings["origin_name"].strip() and origin is None:
        like = ", ".join(f"{p.name} ({p.kind}, {p.country})" for p in names_like(settings["origin_name"]))
        st.warning(
            plain(
                f"“{settings['origin_name']}” is no gazetteer name as written; no distance column."
                + (f" Did you mean: {like}?" if like else "")
            )
        )
    titles = {d.document: d.headline or d.document for d in all_docs}
    claims_table = claims_frame(checks, titles)
    if corpus_claims is not None:
        claims_table = pd.concat([claims_table, corpus_claims_frame(corpus_claims)], ignore_index=True)
    views = {
        "Places": lambda: places_view(places, hit, origin, titles),
        "Distance claims": lambda: claims_view(claims_table),
        "Strikes per day": lambda: timeline_view(docs, corpus, settings),
        "Article": lambda: article_view(all_docs, selected, corpus, reports),
        "Export": lambda: export_view(lambda: export_geojson(geojson, hit, corpus_claims), claims_table),
    }
    for tab, draw in zip(st.tabs(VIEWS, key="view_tab", on_change="rerun"), (views[v] for v in VIEWS), strict=True):
        with tab:
            if tab.open:
                draw()


def places_view(places: list[Place], hit, origin: gazetteer.Place | None, titles: dict[str, str]) -> None:
    """The corpus's places (in corpus mode) and the session's places, paged, distances from `origin`."""
    distance = (lambda lat, lon: geodesic_km(origin.lat, origin.lon, lat, lon)) if origin else None
    if hit is not None:
        st.subheader("Corpus places")
        page, _ = desk_view.page_of(hit, "corpus_places_page")
        st.session_state["corpus_table_ids"] = list(page["id"])
        st.dataframe(
            corpus_places_frame(page, distance, origin.name if origin else ""),
            hide_index=True,
            width="stretch",
            key="corpus_places_table",
            selection_mode="single-row",
            on_select=lambda: select_place_from("corpus_places_table", "corpus_table_ids"),
        )
        st.subheader("Places of the session's articles")
    page, _ = desk_view.page_of(pd.DataFrame({"id": [p.id for p in places]}), "places_page")
    shown = [p for p in places if p.id in set(page["id"])]
    st.session_state["places_table_ids"] = [p.id for p in shown]
    st.dataframe(
        places_frame(shown, distance, origin.name if origin else "", titles),
        hide_index=True,
        width="stretch",
        key="places_table",
        on_select=lambda: select_place_from("places_table", "places_table_ids"),
        selection_mode="single-row",
    )


def claims_view(table: pd.DataFrame) -> None:
    """The distance claims (of the session's articles, then the corpus's in the date range), paged, and the chart
    of claimed against computed distance."""
    page, _ = desk_view.page_of(table, "claims_page")
    st.dataframe(
        page.drop(columns=["claimed km"]).style.format(
            {"computed km": "{:,.0f}", "deviation %": "{:+.1f}"}, na_rep="—"
        ),
        hide_index=True,
        width="stretch",
    )
    if not table.empty:
        st.altair_chart(claims_chart(table), width="stretch")


def timeline_view(docs: list[ParsedDocument], corpus: Corpus | None, settings: dict) -> None:
    """Strike targets per day and attacker, of the session's articles and the corpus."""
    counts = desk_view.timeline_frame(
        docs,
        desk_view.ask(
            "strikes_per_day", corpus.root, since=settings["since"], until=settings["until"], kinds=settings["kinds"]
        )
        if corpus is not None
        else None,
    )
    if counts.empty:
        st.caption("No dated strikes in the range.")
    else:
        st.altair_chart(desk_view.timeline_chart(counts), width="stretch")


def article_view(
    all_docs: list[ParsedDocument], selected: Place | None, corpus: Corpus | None, reports: pd.DataFrame | None
) -> None:
    """One article with its places highlighted: of the selected corpus place's reports when there are any (as the
    corpus keeps it), else of the session's articles (the selected place's first by default)."""
    if corpus is not None and reports is not None and not reports.empty:
        titles = dict(zip(reports["article_id"], reports["title"].fillna(reports["document"]), strict=True))
        article_id = st.selectbox(
            "Article",
            list(titles),
            format_func=titles.__getitem__,
            key=f"corpus_article_{reports['article_id'].iloc[0]}",
        )
        url = reports.loc[reports["article_id"] == article_id, "url"].iloc[0]
        st.caption("The corpus keeps the sentences that name places, not the whole text.")
        mentions = desk_view.article_mentions(corpus.root, article_id)
        st.html(
            sentences_html(
                titles[article_id], url if isinstance(url, str) else None, mentions, st.session_state["place_select"]
            )
        )
        return
    names = [d.document for d in all_docs]
    if not names:
        st.caption("No article selected: pick one in the sidebar, or a place on the map.")
        return
    preferred = selected.articles[0] if selected else names[0]
    shown = {d.document: d.headline or d.document for d in all_docs}
    doc_name = st.selectbox(
        "Article",
        names,
        index=names.index(preferred),
        key=f"article_view_{preferred}",
        format_func=shown.__getitem__,
        help=file_names_help(shown, [st.session_state.get(f"article_view_{preferred}", preferred)]),
    )
    st.html(article_html(next(d for d in all_docs if d.document == doc_name), selected.id if selected else None))


def export_geojson(geojson: str, hit: pd.DataFrame | None, corpus_claims: pd.DataFrame | None) -> str:
    """The GeoJSON download: `python -m geo export`'s over the session's articles, and in corpus mode also the
    corpus's places on the map and their claims in the date range."""
    if hit is None or corpus_claims is None:
        return geojson
    collection = json.loads(geojson)
    collection["features"] += desk_view.place_features(hit)
    collection["features"] += desk_view.claim_features(corpus_claims, set(hit["id"]), limit=None)
    return json.dumps(collection, ensure_ascii=False)


def export_view(geojson, claims_table: pd.DataFrame) -> None:
    """The download buttons; `geojson` makes the file's text."""
    col1, col2 = st.columns(2)
    # The files are made when a button is clicked, not stored with every rerun of every session.
    col1.download_button(
        "Download GeoJSON",
        geojson,
        file_name="strike-map.geojson",
        mime="application/geo+json",
        key="download_geojson",
        help="Same as `python -m geo export` over the selected articles (and the corpus's places and claims).",
    )
    col2.download_button(
        "Download claims CSV",
        lambda: claims_csv(claims_table),
        file_name="distance-claims.csv",
        mime="text/csv",
        key="download_csv",
    )


def claims_chart(table) -> alt.Chart:
    """Claimed vs computed km, one point per claim, with the line where they agree."""
    data = table.dropna(subset=["computed km"])
    top = float(max(data["claimed km"].max(), data["computed km"].max(), 1)) if not data.empty else 1.0
    colours = alt.Scale(domain=list(mapview.VERDICT_COLOURS), range=list(mapview.VERDICT_COLOURS.values()))
    points = (
        alt.Chart(data)
        .mark_circle(size=90)
        .encode(
            x=alt.X("computed km:Q", title="computed (km)"),
            y=alt.Y("claimed km:Q", title="claimed (km)"),
            color=alt.Color("verdict:N", scale=colours),
            tooltip=["subject", "origin", "claimed", "computed km", "deviation %", "verdict", "article"],
        )
    )
    diagonal = (
        alt.Chart(alt.Data(values=[{"x": 0, "y": 0}, {"x": top, "y": top}]))
        .mark_line(color="#94a3b8", strokeDash=[4, 4])
        .encode(x="x:Q", y="y:Q")
    )
    return diagonal + points


main()

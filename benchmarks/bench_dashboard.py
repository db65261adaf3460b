"""The dashboard in headless Chromium: seconds from asking for the page to the first map with all markers
drawn, beside the same figure for a bare reference page (dashboard/reference_map.py: st_folium, the same
markers, the same local Leaflet), seconds from a filter change to the updated map, and the same for a date
filter change on a corpus of CORPUS_MENTIONS mentions (benchmarks/desk_corpus.py); and the parse cache's
entries and size against its bounds once more documents went in than it may hold.

Both servers are started once and warmed by a first visit, so the figures are those of an analyst opening
a running dashboard; each visit uses a fresh browser context (empty cache). Medians of RUNS visits."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks import Measure
from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, MARKERS_JS, expected_markers, streamlit_server
from benchmarks.corpus import ARTICLES

RUNS = 5
CORPUS_MENTIONS = 100_000
MENTIONS_PER_ARTICLE = 9.78
"""Of the generated articles, so that CORPUS_MENTIONS / MENTIONS_PER_ARTICLE articles give about that many."""
CORPUS_WINDOW = ("2024-06-01", "2024-06-14")
CACHED_DOCUMENTS = 600
LONG_EVERY, LONG_TIMES = 4, 2000
CLUSTERED_JS = """() => {
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (w && w.map && w.map._layers && w.L.MarkerClusterGroup) return Object.values(w.map._layers)
      .filter(l => l instanceof w.L.MarkerClusterGroup).reduce((n, g) => n + g.getLayers().length, 0);
  }
  return -1;
}"""


def _wait_for_markers(page, count: int, timeout: float = 120, script: str = MARKERS_JS) -> float:
    """Seconds until the map shows exactly `count` markers."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if page.evaluate(script) == count:
            return time.perf_counter() - started
        page.wait_for_timeout(20)
    raise RuntimeError(f"the map never showed {count} markers")


def _first_map(browser, url: str, count: int) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    _wait_for_markers(page, count)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def _loaded(page) -> None:
    """Waits until the whole page is there (a session's first run sends only the map) and the app is idle."""
    page.get_by_role("tab", name="Export", exact=True).wait_for(timeout=120_000)
    page.wait_for_timeout(1000)


def _filter_change(browser, url: str, count: int, after: int) -> float:
    """Removes the last role of the Role filter (mention) on a loaded page and times the map's update."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(url)
    _wait_for_markers(page, count)
    _loaded(page)
    roles = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Role")
    roles.locator("input").click()
    started = time.perf_counter()
    page.keyboard.press("Backspace")
    _wait_for_markers(page, after)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def _date_change(browser, url: str, count: int, after: int, until: str) -> tuple[float, float]:
    """Seconds from asking for a corpus page to its first map (the clustered markers), and from a change of the date
    filter's end on the loaded page to the map's update."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    _wait_for_markers(page, count, script=CLUSTERED_JS)
    first_map = time.perf_counter() - started
    _loaded(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("To", exact=True).locator("[role=spinbutton]").first.click()
    page.keyboard.type(until.replace("-", ""))
    started = time.perf_counter()
    sidebar.get_by_text("Strike dates").click()  # the date is committed when the field loses focus
    _wait_for_markers(page, after, script=CLUSTERED_JS)
    seconds = time.perf_counter() - started
    context.close()
    return first_map, seconds


def _corpus_change(browser) -> tuple[int, float, float]:
    """(mentions, median seconds to the first map, median seconds of a date filter change) on a generated corpus
    of about CORPUS_MENTIONS."""
    from benchmarks.desk_corpus import write_corpus
    from corpus import desk
    from corpus.read import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        mentions = write_corpus(Path(tmp), round(CORPUS_MENTIONS / MENTIONS_PER_ARTICLE))
        corpus = Corpus(tmp)
        count = len(desk.places_hit(corpus, roles=["strike_target"]))
        since, _ = desk.day_range(corpus)
        after = len(desk.places_hit(corpus, roles=["strike_target"], since=since, until=CORPUS_WINDOW[1]))
        with streamlit_server("dashboard/app.py", "--corpus", tmp) as server:
            app = server.url
            _date_change(browser, app, count, after, CORPUS_WINDOW[1])
            visits = [_date_change(browser, app, count, after, CORPUS_WINDOW[1]) for _ in range(RUNS)]
    return mentions, statistics.median(v[0] for v in visits), statistics.median(v[1] for v in visits)


def parse_cache_bound() -> list[Measure]:
    """The dashboard's parse cache after CACHED_DOCUMENTS documents went in (the sample articles, parsed once,
    stored again and again under new names; every LONG_EVERY-th with its text LONG_TIMES over, so that the
    byte bound is reached as well as the entry bound): entries and pickled MB against its bounds."""
    import geo
    from dashboard.parse_cache import ParseCache

    docs = list(geo.parse_many((p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))))
    cache = ParseCache()
    started = time.perf_counter()
    for i in range(CACHED_DOCUMENTS):
        doc = docs[i % len(docs)]
        doc = replace(
            doc, document=f"{i:05d}-{doc.document}", text=doc.text * (LONG_TIMES if i % LONG_EVERY == 0 else 1)
        )
        cache.put((doc.document, doc.text), doc)
    seconds = (time.perf_counter() - started) / CACHED_DOCUMENTS
    return [
        Measure(f"parse cache after {CACHED_DOCUMENTS:,} documents: entries", len(cache), maximum=cache.max_entries),
        Measure(
            f"parse cache after {CACHED_DOCUMENTS:,} documents: pickled size",
            cache.bytes / 2**20,
            "MB",
            maximum=cache.max_bytes / 2**20,
        ),
        Measure("parse cache: storing one document (mean)", 1000 * seconds, "ms"),
    ]


def run() -> list[Measure]:
    cache = parse_cache_bound()
    if not CHROMIUM.exists():
        print(f"skipping the dashboard benchmark: no {CHROMIUM} (run 'make chromium')", file=sys.stderr)
        return cache
    from playwright.sync_api import sync_playwright

    count, without_mentions = expected_markers()
    with (
        sync_playwright() as p,
        streamlit_server("dashboard/app.py") as server,
        streamlit_server("dashboard/reference_map.py") as reference_server,
    ):
        app, ref = server.url, reference_server.url
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _first_map(browser, app, count)
        _first_map(browser, ref, count)
        dashboard = statistics.median(_first_map(browser, app, count) for _ in range(RUNS))
        reference = statistics.median(_first_map(browser, ref, count) for _ in range(RUNS))
        change = statistics.median(_filter_change(browser, app, count, without_mentions) for _ in range(RUNS))
        mentions, corpus_first_map, corpus_change = _corpus_change(browser)
        browser.close()
    return [
        *cache,
        Measure(f"dashboard: page to first map, {count} markers (median of {RUNS})", dashboard, "s"),
        Measure("reference page (bare st_folium): page to first map", reference, "s"),
        Measure("dashboard / reference page", dashboard / reference, "x", maximum=1.3),
        Measure("dashboard: filter change to updated map, sample articles", change, "s", maximum=0.5),
        Measure(f"dashboard: page to first map, corpus of {mentions:,} mentions", corpus_first_map, "s"),
        Measure(
            f"dashboard: date filter change to updated map, corpus of {mentions:,} mentions",
            corpus_change,
            "s",
            maximum=1.5,
        ),
    ]

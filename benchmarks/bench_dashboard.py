"""The dashboard in headless Chromium: seconds from asking for the page to the first map with all markers
drawn, beside the same figure for a bare reference page (dashboard/reference_map.py: st_folium, the same
markers, the same local Leaflet), seconds from a filter change to the updated map, and the same for a date
filter change on a corpus of CORPUS_MENTIONS mentions (benchmarks/desk_corpus.py).

Both servers are started once and warmed by a first visit, so the figures are those of an analyst opening
a running dashboard; each visit uses a fresh browser context (empty cache). Medians of RUNS visits."""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import tempfile
from contextlib import contextmanager
from pathlib import Path

from benchmarks import Measure
from benchmarks.corpus import ARTICLES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
RUNS = 5
CORPUS_MENTIONS = 100_000
MENTIONS_PER_ARTICLE = 11.1
"""Of the generated articles, so that CORPUS_MENTIONS / MENTIONS_PER_ARTICLE articles give about that many."""
CORPUS_WINDOW = ("2024-06-01", "2024-06-14")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
MARKERS_JS = """() => {
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (w && w.map && w.map._layers) return Object.values(w.map._layers)
      .filter(l => l.getLatLng && l.getTooltip && l.getTooltip() && l._path && l._path.isConnected).length;
  }
  return -1;
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _server(script: str, *app_args: str):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
                             "--server.headless", "true", *(("--", *app_args) if app_args else ())],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script} did not start")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


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
    page.get_by_role("button", name="Download GeoJSON").wait_for(timeout=120_000)
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


def _date_change(browser, url: str, count: int, after: int, until: str) -> float:
    """Sets the date filter's end on a corpus page and times the map's update (the clustered markers)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(url)
    _wait_for_markers(page, count, script=CLUSTERED_JS)
    _loaded(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_label("To", exact=True).locator("[role=spinbutton]").first.click()
    page.keyboard.type(until.replace("-", ""))
    started = time.perf_counter()
    sidebar.get_by_text("Strike dates").click()  # the date is committed when the field loses focus
    _wait_for_markers(page, after, script=CLUSTERED_JS)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def _corpus_change(browser) -> tuple[int, float]:
    """(mentions, median seconds of a date filter change) on a generated corpus of about CORPUS_MENTIONS."""
    from benchmarks.desk_corpus import write_corpus
    from corpus import desk
    from corpus.read import Corpus
    with tempfile.TemporaryDirectory() as tmp:
        mentions = write_corpus(Path(tmp), round(CORPUS_MENTIONS / MENTIONS_PER_ARTICLE))
        corpus = Corpus(tmp)
        count = len(desk.places_hit(corpus, roles=["strike_target"]))
        since, until = desk.day_range(corpus)
        after = len(desk.places_hit(corpus, roles=["strike_target"], since=since, until=CORPUS_WINDOW[1]))
        with _server("dashboard/app.py", "--corpus", tmp) as app:
            _date_change(browser, app, count, after, CORPUS_WINDOW[1])
            seconds = statistics.median(_date_change(browser, app, count, after, CORPUS_WINDOW[1])
                                        for _ in range(RUNS))
    return mentions, seconds


def _expected_markers() -> tuple[int, int]:
    """Markers for the sample articles with all filters on, and without mentions: from geo's results."""
    import geo
    from dashboard.places import places_of
    docs = list(geo.parse_many((p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))))
    places = places_of(docs)
    return len(places), sum(p.role != "mention" for p in places)


def run() -> list[Measure]:
    if not CHROMIUM.exists():
        print(f"skipping the dashboard benchmark: no {CHROMIUM} (run 'make chromium')", file=sys.stderr)
        return []
    from playwright.sync_api import sync_playwright
    count, without_mentions = _expected_markers()
    with sync_playwright() as p, _server("dashboard/app.py") as app, _server("dashboard/reference_map.py") as ref:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        _first_map(browser, app, count)
        _first_map(browser, ref, count)
        dashboard = statistics.median(_first_map(browser, app, count) for _ in range(RUNS))
        reference = statistics.median(_first_map(browser, ref, count) for _ in range(RUNS))
        change = statistics.median(_filter_change(browser, app, count, without_mentions) for _ in range(RUNS))
        mentions, corpus_change = _corpus_change(browser)
        browser.close()
    return [
        Measure(f"dashboard: page to first map, {count} markers (median of {RUNS})", dashboard, "s"),
        Measure("reference page (bare st_folium): page to first map", reference, "s"),
        Measure("dashboard / reference page", dashboard / reference, "x", maximum=1.2),
        Measure("dashboard: filter change to updated map, sample articles", change, "s", maximum=0.5),
        Measure(f"dashboard: date filter change to updated map, corpus of {mentions:,} mentions", corpus_change, "s",
                maximum=1.5),
    ]

"""End to end: a real `streamlit run dashboard/app.py` driven by Debian's headless Chromium.

Checks what the analyst sees (markers, claims, pasted articles, downloads), that article HTML runs
nothing, and that with default settings no request leaves localhost. Saves artifacts/screenshot.png
(a place selected on the map); with UPDATE_SCREENSHOT=1 it also refreshes docs/screenshot.png for the README.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image
from playwright import sync_api

from geo.text.articles import headline

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
STRIKE_TARGETS = ("Belaya", "Dyagilevo", "Ivanovo", "Olenya", "Kharkiv")
SAMPLE_CLAIM_SUBJECTS = ("Belaya", "Belaya", "Dyagilevo", "Ivanovo", "Olenya")
XSS_ARTICLE = (
    "Local officials said <script>alert(1)</script> that drones attacked Odesa on Tuesday. "
    "Witnesses described <img src=x onerror=alert(1)> fires near the port of Odesa."
)
NEW_PLACE_ARTICLE = "Ukrainian drones struck the Engels air base in Russia's Saratov region overnight, officials said."
CYRILLIC_QUOTES_ARTICLE = (
    "Drones hit a plant in Penza\nUkrainian drones struck an electronics plant in Penza (Пенза) overnight, the "
    "regional governor said. «Пострадавших нет, пожар потушен», he wrote. Residents of Пенза reported "
    "two explosions.\n"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.geteuid() != 0,
        reason="needs Debian's 'chromium' package at /usr/bin/chromium (run 'make chromium' as root)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _streamlit(*app_args: str, log_name: str = "streamlit-browser-test.log"):
    """`streamlit run dashboard/app.py [-- app_args]` on a free port, its output in artifacts/<log_name>."""
    port = _free_port()
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log_path = ROOT / "artifacts" / log_name
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "dashboard/app.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                *(("--", *app_args) if app_args else ()),
            ],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://localhost:{port}"
        deadline = time.monotonic() + 60
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"streamlit did not start; see {log_path}")
            time.sleep(0.5)
        try:
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def server():
    with _streamlit() as url:
        yield url


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module; each test page gets a browser context (a session) of its own."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def session(server, chromium):
    """One page for the whole module, recording every request and dialog from the first load on."""
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    record = {"external": [], "dialogs": [], "outlines": []}
    page.on("request", lambda r: _record_request(record, r.url))
    network = context.new_cdp_session(page)  # tells a response from the server from one out of the browser's cache
    network.send("Network.enable")
    network.on(
        "Network.responseReceived",
        lambda e: (
            e["response"]["url"].endswith("/app/static/outlines.geojson")
            and record["outlines"].append("cache" if e["response"].get("fromDiskCache") else "server")
        ),
    )
    page.on("dialog", lambda d: (record["dialogs"].append(d.message), d.dismiss()))
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    yield page, record
    context.close()


def _record_request(record: dict, url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
        record["external"].append(url)


def _map_frame(page):
    for frame in page.frames:
        if "streamlit_folium" in frame.url:
            return frame
    return None


_MARKERS_JS = """() => window.map ? Object.values(window.map._layers)
    .filter(l => l.getLatLng && l.getTooltip() && l._path && l._path.isConnected)
    .map(l => l.getTooltip().getContent()) : []"""


def _poll_map(page, script: str, condition, timeout: float):
    """What `script` reads from the rendered map once `condition` holds on it; fails on an app error."""
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        error = page.locator('[data-testid="stException"]')
        if error.count():
            pytest.fail(f"the app raised: {error.first.inner_text()}")
        frame = _map_frame(page)
        if frame is not None:
            try:
                state = frame.evaluate(script)
            except sync_api.Error:
                state = None
            if state is not None and condition(state):
                return state
        page.wait_for_timeout(500)
    pytest.fail(f"map did not reach the expected state: {state}")


def _wait_for_map(page, condition, timeout: float = 90) -> list[str]:
    """Marker tooltips of the rendered map once `condition(labels)` holds."""
    return _poll_map(page, _MARKERS_JS, condition, timeout)


def _add_article(page, text: str, name: str) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.get_by_text("Add an article")
    expander.wait_for(timeout=60_000)
    box = sidebar.get_by_label("Paste article text")
    for _ in range(3):  # a click during a rerun's redraw may not open the expander
        if box.is_visible():
            break
        expander.click()
        try:
            box.wait_for(state="visible", timeout=5_000)
        except sync_api.TimeoutError:
            continue
    box.fill(text)
    sidebar.get_by_label("Name (optional)").fill(name)
    sidebar.get_by_label("Name (optional)").press("Enter")
    page.wait_for_timeout(500)
    sidebar.get_by_role("button", name="Add pasted article").click()
    sidebar.get_by_text(f"Added {name}.").wait_for(timeout=60_000)


def test_map_shows_strike_targets_and_kyiv(session):
    page, _ = session
    labels = _wait_for_map(page, lambda ls: all(any(t in label for label in ls) for t in (*STRIKE_TARGETS, "Kyiv")))
    for target in STRIKE_TARGETS:
        assert any(label.startswith(target) and "strike target" in label for label in labels), (target, labels)
    assert any(label.startswith("Kyiv") for label in labels), labels


def _open_tab(page, label: str) -> None:
    """Opens the tab `label` under the map (only the open tab is drawn, so its content comes with a rerun)."""
    page.get_by_role("tab", name=label, exact=True).click()


def _download_geojson(page) -> bytes:
    """Opens the Export tab and downloads the GeoJSON once the tab's rerun has drawn the button and the app is
    idle; clicks again, as a user would, when the click started no download (a click on the button a rerun is
    replacing starts none, and a rerun may begin after the idle check)."""
    _open_tab(page, "Export")
    button = page.get_by_role("button", name="Download GeoJSON")
    for _ in range(3):
        button.wait_for(timeout=60_000)
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
        try:
            with page.expect_download(timeout=20_000) as download:
                button.click()
        except sync_api.TimeoutError:
            continue
        return Path(download.value.path()).read_bytes()
    pytest.fail("three clicks on Download GeoJSON started no download")


def _claims_grid(page):
    """The claims table: the data grid whose header has a "verdict" column, in its tab."""
    _open_tab(page, "Distance claims")
    grid = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th[role=columnheader]", has_text=re.compile(r"^verdict$"))
    )
    grid.first.wait_for(state="attached", timeout=60_000)
    return grid.first


def _grid_rows(grid) -> list[dict[str, str]]:
    """The rows the data grid has drawn, by column header: its accessible table holds the cells in view."""
    header = grid.locator("th[role=columnheader]").evaluate_all("hs => hs.map(h => h.textContent.trim())")
    cells = grid.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.textContent.trim()))"
    )
    return [dict(zip(header, row)) for row in cells]


def test_claims_table_shows_the_five_sample_claims(session):
    page, _ = session
    rows = _grid_rows(_claims_grid(page))
    assert sorted(r["subject"].split()[0] for r in rows) == sorted(SAMPLE_CLAIM_SUBJECTS), rows
    assert {r["verdict"] for r in rows} == {"consistent"}, rows
    assert all(r["origin"] == "Kyiv" for r in rows), rows


def test_clicking_a_marker_selects_the_place(session):
    page, _ = session
    frame = _map_frame(page)
    box = frame.evaluate("""() => { const l = Object.values(window.map._layers)
        .find(l => l.getLatLng && l.getTooltip() && l.getTooltip().getContent().startsWith('Belaya'));
        l.bringToFront(); const r = l._path.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }""")
    frame.locator("body").click(position=box)
    page.locator('[data-testid="stMarkdownContainer"]').filter(has_text="mention(s) of Belaya").wait_for(timeout=30_000)
    page.get_by_text("Why this place").wait_for()
    _wait_for_map(page, lambda ls: len(ls) >= 6)
    _map_frame(page).evaluate(  # the shot shows the first view's labels, not the popup the click opened
        "() => { window.map.closePopup(); window.strikeMapFit(JSON.parse(window.strikeMapBounds)); }"
    )
    page.mouse.move(5, 5)
    page.wait_for_timeout(1500)
    shot = ROOT / "artifacts" / "screenshot.png"
    page.screenshot(path=str(shot))
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")


def test_geojson_download_equals_cli_export(session, tmp_path):
    page, _ = session
    cli_out = tmp_path / "cli.geojson"
    subprocess.run(
        [sys.executable, "-m", "geo", "export", "data/articles", "-o", str(cli_out)], cwd=ROOT, check=True, timeout=300
    )
    downloaded = _download_geojson(page)
    assert json.loads(downloaded) == json.loads(cli_out.read_bytes())
    assert downloaded == cli_out.read_bytes()


def test_pasted_article_adds_a_marker(session):
    page, _ = session
    before = _wait_for_map(page, lambda ls: len(ls) >= 6)
    assert not any(label.startswith("Engels") for label in before)
    _add_article(page, NEW_PLACE_ARTICLE, "engels.txt")
    after = _wait_for_map(page, lambda ls: any(label.startswith("Engels") for label in ls))
    assert len(after) > len(before)


def test_article_markup_runs_nothing(session):
    page, record = session
    _add_article(page, XSS_ARTICLE, "xss.txt")
    labels = _wait_for_map(page, lambda ls: any(label.startswith("Odesa") for label in ls))
    frame = _map_frame(page)
    popup_text = frame.evaluate("""() => { const l = Object.values(window.map._layers)
        .find(l => l.getLatLng && l.getTooltip() && l.getTooltip().getContent().startsWith('Odesa'));
        l.openPopup(); const el = l.getPopup().getElement();
        return [el.innerText, el.querySelectorAll('script, img').length]; }""")
    assert "<script>alert(1)</script>" in popup_text[0] and popup_text[1] == 0, popup_text
    _open_tab(page, "Article")
    page.get_by_role("combobox", name="Article", exact=True).click()
    page.get_by_role("option", name=headline(XSS_ARTICLE)).click()
    article = page.locator(".article").filter(has_text="<img src=x onerror=alert(1)>")
    article.wait_for(timeout=30_000)
    assert article.locator("script, img").count() == 0
    page.wait_for_timeout(1500)
    assert record["dialogs"] == [], labels


def test_no_request_leaves_localhost(session):
    _, record = session
    assert record["external"] == []


def test_the_outlines_come_from_the_server_once_and_are_not_resent_on_reruns(session):
    page, record = session
    assert record["outlines"] == ["server"], record["outlines"]  # the tests before reran the page many times
    frame = _map_frame(page)
    countries = frame.evaluate("""() => Object.values(window.map._layers)
        .filter(l => l.feature && l.feature.properties && l.feature.properties.name).length""")
    assert countries > 150


_POPUP_OVER_CONTROLS_JS = """() => new Promise(resolve => {
    const map = window.map;
    const corner = l => { const p = map.latLngToContainerPoint(l.getLatLng()); return p.x - p.y; };
    const marker = Object.values(map._layers).filter(l => l.getLatLng && l.getPopup && l.getPopup() && l._path)
        .sort((a, b) => corner(b) - corner(a))[0];  // the marker nearest the top right corner, under the legend
    marker.openPopup();
    setTimeout(() => {
        const r = marker.getPopup().getElement().getBoundingClientRect();
        const covered = [...map.getContainer().querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
            .filter(c => c.width && c.height && c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom);
        marker.closePopup();
        resolve([marker.getTooltip().getContent(), covered.length]);
    }, 1500);
})"""


def test_a_popup_opens_clear_of_the_map_controls(session):
    page, _ = session
    label, covered = _map_frame(page).evaluate(_POPUP_OVER_CONTROLS_JS)
    assert covered == 0, label


def _articles_shown(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text())


def test_two_sessions_keep_their_own_articles_and_selections(server, chromium):
    contexts = [chromium.new_context(viewport={"width": 1440, "height": 1000}) for _ in range(2)]
    first, second = (context.new_page() for context in contexts)
    for page in (first, second):
        page.goto(server)
        _wait_for_map(page, lambda labels: len(labels) >= 6)
    samples = _articles_shown(second)
    _add_article(first, NEW_PLACE_ARTICLE, "only-in-first.txt")
    _wait_for_map(first, lambda labels: any(label.startswith("Engels") for label in labels))
    assert _articles_shown(first) == samples + 1
    before = len(_wait_for_map(second, lambda ls: len(ls) >= 6))
    roles = second.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Role")
    roles.locator("input").click()
    second.keyboard.press("Backspace")  # the second session drops "mention" from its Role filter
    labels = _wait_for_map(second, lambda ls: 0 < len(ls) < before)
    assert not any(label.startswith("Engels") or "— mention," in label for label in labels)
    assert _articles_shown(second) == samples
    first.locator('[data-testid="stSidebar"]').get_by_label("Paste article text").fill("a rerun")
    first.locator('[data-testid="stSidebar"]').get_by_label("Paste article text").press("Tab")
    first_labels = _wait_for_map(first, lambda ls: any(label.startswith("Engels") for label in ls))
    assert any("— mention," in label for label in first_labels)
    for context in contexts:
        context.close()


def test_an_upload_over_the_configured_limit_is_refused_with_a_message(server, chromium, tmp_path):
    limit_mb = int(
        next(
            line.split("=")[1]
            for line in (ROOT / ".streamlit" / "config.toml").read_text().splitlines()
            if line.startswith("maxUploadSize")
        )
    )
    big = tmp_path / "big.txt"
    big.write_bytes(b"Drones struck Kharkiv. " * (limit_mb * 1024 * 1024 // 23 + 1000))
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    articles = _articles_shown(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add an article").click()
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
    sidebar.get_by_text(f"File must be {limit_mb:.1f}MB or smaller").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    assert _articles_shown(page) == articles
    assert not sidebar.get_by_text("Added").count()
    context.close()


def test_a_windows_1251_upload_shows_its_places(server, chromium, tmp_path):
    upload = tmp_path / "penza-cp1251.txt"
    upload.write_bytes(CYRILLIC_QUOTES_ARTICLE.encode("cp1251"))
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add an article").click()
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
    sidebar.get_by_text("Added 1 file(s).").wait_for(timeout=60_000)
    labels = _wait_for_map(page, lambda ls: any(label.startswith("Penza") for label in ls))
    assert any(label.startswith("Penza — strike target") for label in labels), labels
    page.get_by_text("Drones hit a plant in Penza: read as cp1251, not UTF-8.").wait_for(timeout=30_000)
    context.close()


CORPUS_ARTICLES = 3000
_CORPUS_MAP_JS = """() => {
  if (!window.map || !window.L || !L.MarkerClusterGroup) return null;
  const layers = Object.values(window.map._layers);
  const groups = layers.filter(l => l instanceof L.MarkerClusterGroup);
  return {tooltips: groups.flatMap(g => g.getLayers().map(m => m.getTooltip().getContent())),
          clusters: layers.filter(l => l._childCount > 1 && l._icon && l._icon.isConnected).length,
          attribution: window.map.attributionControl.getContainer().innerText};
}"""


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """A corpus of CORPUS_ARTICLES generated articles as `geo corpus` writes it (benchmarks/desk_corpus.py)."""
    from benchmarks.desk_corpus import write_corpus

    root = tmp_path_factory.mktemp("desk-corpus")
    write_corpus(root, CORPUS_ARTICLES)
    return root


@pytest.fixture(scope="module")
def corpus_page(corpus_dir, chromium):
    with _streamlit("--corpus", str(corpus_dir), log_name="streamlit-corpus-test.log") as url:
        context = chromium.new_context(viewport={"width": 1440, "height": 1000})
        page = context.new_page()
        external: list[str] = []
        page.on("request", lambda r: _record_request({"external": external}, r.url))
        page.goto(url)
        yield page, external
        context.close()


def _corpus_map(page, condition, timeout: float = 60) -> dict:
    return _poll_map(page, _CORPUS_MAP_JS, lambda state: bool(state) and condition(state), timeout)


def test_a_corpus_opens_as_clustered_strike_targets_with_dates_history_and_credits(corpus_page, corpus_dir):
    from corpus import desk
    from corpus.read import Corpus

    page, external = corpus_page
    corpus = Corpus(corpus_dir)
    everything = desk.places_hit(corpus, roles=["strike_target"])
    state = _corpus_map(page, lambda s: len(s["tooltips"]) == len(everything))
    assert state["clusters"] > 0, state
    assert all("strike target" in t for t in state["tooltips"])
    assert "GeoNames" in state["attribution"] and "CC BY 4.0" in state["attribution"]

    since, until = "2024-06-01", "2024-06-14"
    window = desk.places_hit(corpus, roles=["strike_target"], since=since, until=until)
    assert 0 < len(window) < len(everything)
    sidebar = page.locator('[data-testid="stSidebar"]')
    for label, day in (("From", since), ("To", until)):
        sidebar.get_by_label(label, exact=True).locator("[role=spinbutton]").first.click()
        page.keyboard.type(day.replace("-", ""))  # the year, month and day segments, in the YYYY/MM/DD order
        sidebar.get_by_text("Strike dates").click()  # the date is committed when the field loses focus
        page.wait_for_timeout(500)
    state = _corpus_map(page, lambda s: len(s["tooltips"]) == len(window))
    top = window.iloc[0]
    assert any(t.startswith(f"{top['name']} — strike target, {top['articles']} article") for t in state["tooltips"])

    frame = _map_frame(page)
    box = frame.evaluate(
        """name => new Promise(resolve => {
        const g = Object.values(window.map._layers).find(l => l instanceof L.MarkerClusterGroup);
        const m = g.getLayers().find(m => m.getTooltip().getContent().startsWith(name + ' — '));
        g.zoomToShowLayer(m, () => setTimeout(() => { m.bringToFront(); const r = m._path.getBoundingClientRect();
            resolve({x: r.x + r.width / 2, y: r.y + r.height / 2}); }, 500)); })""",
        top["name"],
    )
    frame.locator("body").click(position=box)
    reports = desk.place_reports(corpus, top["id"], since=since, until=until)["article_id"].nunique()
    assert reports == top["articles"]  # one report an article, however many of its sentences name the place
    page.get_by_text(f"{reports:,} report(s) of a strike on this place in the date range.").wait_for(timeout=30_000)
    popup = _map_frame(page).evaluate("() => window.map._popup && window.map.hasLayer(window.map._popup)")
    assert popup, "the popup the click opened was closed by the rerun it started"
    page.locator('[data-testid="stDataFrame"]').filter(has=page.locator("[role=grid]")).first.wait_for(timeout=30_000)
    assert external == []


def _fresh_page(server, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    page.get_by_role("tab", name="Export", exact=True).wait_for(timeout=60_000)
    return context, page


def _upload(page, name: str, data: bytes) -> None:
    sidebar = page.locator('[data-testid="stSidebar"]')
    if not sidebar.get_by_label("Paste article text").is_visible():
        sidebar.get_by_text("Add an article").click()
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/plain", "buffer": data}
    )


def test_an_empty_upload_is_refused_with_a_message_and_leaves_the_uploader(server, chromium):
    context, page = _fresh_page(server, chromium)
    articles = _articles_shown(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    _upload(page, "blank.txt", b" \n\t \n")
    refusal = sidebar.get_by_text("Not added: blank.txt: no text (empty or only white space)")
    refusal.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert refusal.count() == 1
    assert sidebar.get_by_text("Added 0 file(s).").count() == 1
    assert sidebar.locator('[data-testid="stFileUploaderFile"]').count() == 0
    assert _articles_shown(page) == articles
    sidebar.get_by_label("Paste article text").fill("   ")
    sidebar.get_by_label("Paste article text").press("Tab")
    page.wait_for_timeout(500)
    sidebar.get_by_role("button", name="Add pasted article").click()
    sidebar.get_by_text("The pasted text: no text (empty or only white space); not added").wait_for(timeout=60_000)
    assert _articles_shown(page) == articles
    context.close()


CLAIM_CITIES = (
    "Lisbon",
    "Marseille",
    "Lyon",
    "Munich",
    "Prague",
    "Krakow",
    "Gdansk",
    "Tallinn",
    "Helsinki",
    "Oslo",
    "Sofia",
    "Bucharest",
    "Zagreb",
    "Budapest",
    "Ljubljana",
    "Vilnius",
    "Bergen",
    "Bologna",
)
MANY_CLAIMS = 5_000


def test_the_claims_table_of_a_5000_claim_document_stays_within_three_screens(server, chromium):
    lines = [
        f"{CLAIM_CITIES[i % len(CLAIM_CITIES)]} lies {100 + i} km from {CLAIM_CITIES[(i + 5) % len(CLAIM_CITIES)]}."
        for i in range(MANY_CLAIMS + 100)
    ]
    context, page = _fresh_page(server, chromium)
    _upload(page, "many-claims.txt", "\n".join(lines).encode())
    page.locator('[data-testid="stSidebar"]').get_by_text("Added 1 file(s).").wait_for(timeout=300_000)
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Distance claims")
    metric.locator('[data-testid="stMetricValue"]').filter(has_text=re.compile(r"^\d,?\d{3}$")).wait_for(timeout=60_000)
    claims = int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))
    assert claims >= MANY_CLAIMS
    grid = _claims_grid(page)
    page.get_by_text(re.compile(rf"Page \(of \d+, {claims:,} rows\)")).wait_for(timeout=30_000)
    screen = page.viewport_size["height"]
    assert grid.bounding_box()["height"] <= 3 * screen
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight") <= 10 * screen
    assert any(row["subject"] in CLAIM_CITIES or row["subject"].startswith(CLAIM_CITIES) for row in _grid_rows(grid))
    context.close()


README_ARTICLE = (
    "Drones hit the Engels air base and an oil terminal\n"
    "Ukrainian drones struck the Engels air base in Russia's Saratov region overnight, about 800 km from Sumy, the "
    "regional governor said.\n"
    "A fire broke out at the oil terminal in Novorossiysk (720 km) and at the Morozovsk air base (nearly 600 km from "
    "Sumy), Ukraine's general staff said.\n"
    "Officials in Tuapse, 500 km from Sumy, said the port was not attacked.\n"
)
BASE_AND_TOWN_ARTICLE = (
    "Ukrainian drones struck the Morozovsk air base overnight. Residents of the town of Morozovsk heard explosions, "
    "the governor of Rostov said."
)
_MARKER_BOX_JS = """prefix => { const l = Object.values(window.map._layers)
    .find(l => l.getLatLng && l.getTooltip() && l._path && l.getTooltip().getContent().startsWith(prefix));
    if (!l) return null;
    const at = window.map.latLngToContainerPoint(l.getLatLng()), size = window.map.getSize();
    if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) { window.map.panTo(l.getLatLng(), {animate: false}); }
    const r = l._path.getBoundingClientRect();
    return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }"""


def _marker_centre(page, prefix: str) -> dict:
    """Where the marker whose tooltip starts with `prefix` is drawn in the map's frame (its centre), panned into
    view if it is out of it."""
    return _poll_map(page, f"() => ({_MARKER_BOX_JS})({json.dumps(prefix)})", bool, 30)


def _click_marker(page, prefix: str) -> None:
    """A real mouse click where the marker is drawn: whatever is on top there takes it."""
    _map_frame(page).locator("body").click(position=_marker_centre(page, prefix))


def _selected_place(page, name: str):
    return page.locator('[data-testid="stMarkdownContainer"]').filter(
        has_text=re.compile(rf"mention\(s\) of {re.escape(name)} in ")
    )


def test_a_popup_stays_open_after_its_click_selects_the_place(server, chromium):
    context, page = _fresh_page(server, chromium)
    _click_marker(page, "Belaya")
    _selected_place(page, "Belaya Air Base").wait_for(timeout=30_000)
    page.wait_for_timeout(5000)
    popup = _map_frame(page).evaluate(
        "() => window.map._popup && window.map.hasLayer(window.map._popup) ? window.map._popup.getElement().innerText : ''"
    )
    assert popup.startswith("Belaya Air Base"), popup
    context.close()


def test_the_first_view_puts_no_strike_target_or_origin_under_a_map_control(server, chromium):
    context, page = _fresh_page(server, chromium)
    articles = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Show articles")
    articles.locator("input").click()
    for _ in range(_articles_shown(page)):
        page.keyboard.press("Backspace")  # the README's article alone: Engels is its north-eastern corner
    _wait_for_map(page, lambda ls: not ls)
    _add_article(page, README_ARTICLE, "engels.txt")
    _wait_for_map(page, lambda ls: any(label.startswith("Engels Air Base") for label in ls))
    page.wait_for_timeout(1500)  # the view is fitted to the new bounds
    covered = _map_frame(page).evaluate("""() => {
        const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
            .filter(c => c.width && c.height);
        return Object.values(window.map._layers)
            .filter(l => l.getLatLng && l.getTooltip() && l._path && !l.getTooltip().getContent().includes('— mention,'))
            .filter(l => { const r = l._path.getBoundingClientRect();
                return controls.some(c => c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom); })
            .map(l => l.getTooltip().getContent()); }""")
    assert covered == [], covered
    context.close()


def test_a_collapsed_legend_stays_collapsed_when_the_map_is_drawn_again(server, chromium):
    context, page = _fresh_page(server, chromium)
    _map_frame(page).locator(".strike-map-legend summary").click()
    assert not _map_frame(page).evaluate("() => document.querySelector('.strike-map-legend details').open")
    page.wait_for_timeout(500)  # the details element reports its toggle in a task of its own
    page.reload()  # a new session in the same tab: the map's frame and its legend are made again
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    assert not _map_frame(page).evaluate("() => document.querySelector('.strike-map-legend details').open")
    context.close()


def test_an_air_base_a_few_pixels_from_its_town_can_be_clicked_apart(server, chromium):
    context, page = _fresh_page(server, chromium)
    _add_article(page, BASE_AND_TOWN_ARTICLE, "morozovsk.txt")
    _wait_for_map(page, lambda ls: any(label.startswith("Morozovsk — mention") for label in ls))
    page.wait_for_timeout(1500)
    base, town = _marker_centre(page, "Morozovsk Air Base"), _marker_centre(page, "Morozovsk — mention")
    assert abs(base["x"] - town["x"]) + abs(base["y"] - town["y"]) <= 6, (base, town)
    _click_marker(page, "Morozovsk Air Base")  # the town is drawn on top: this click cannot tell them apart
    page.wait_for_timeout(1500)
    _click_marker(page, "Morozovsk — mention")  # north-east of the base: its popup opens clear of the base
    _selected_place(page, "Morozovsk").wait_for(timeout=30_000)
    _click_marker(page, "Morozovsk Air Base")
    _selected_place(page, "Morozovsk Air Base").wait_for(timeout=30_000)
    context.close()


def test_the_mention_box_follows_the_selected_place(server, chromium):
    context, page = _fresh_page(server, chromium)
    _click_marker(page, "Belaya")
    _selected_place(page, "Belaya Air Base").wait_for(timeout=30_000)
    _click_marker(page, "Kharkiv")
    _selected_place(page, "Kharkiv").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    shown = (
        page.locator('[data-testid="stSelectbox"]')
        .filter(has_text="Mention")
        .evaluate("box => box.innerText + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' ')")
    )
    assert "“Kharkiv”" in shown, shown
    context.close()


def test_the_scale_bar_is_clear_of_the_credits(server, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    overlap = _map_frame(page).evaluate("""() => {
        const s = document.querySelector('.leaflet-control-scale').getBoundingClientRect();
        const a = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();
        return s.left < a.right && a.left < s.right && s.top < a.bottom && a.top < s.bottom; }""")
    assert not overlap
    context.close()


def test_cluster_bubbles_are_not_coloured_like_a_consistent_claim(corpus_page):
    page, _ = corpus_page
    _corpus_map(page, lambda s: s["clusters"] > 0)
    colours = _map_frame(page).evaluate("""() => [...document.querySelectorAll(
        '.leaflet-marker-pane .leaflet-marker-icon, .leaflet-marker-pane .leaflet-marker-icon div')]
        .map(e => getComputedStyle(e).backgroundColor)""")
    greens = {"rgb(21, 128, 61)", "rgba(181, 226, 140, 0.6)", "rgba(110, 204, 57, 0.6)"}
    assert colours and not greens & set(colours), colours


def test_the_desk_shows_claims_claim_lines_the_article_and_a_full_export(corpus_page):
    page, external = corpus_page  # the test above left a corpus place selected and a date range set
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    assert "Corpus articles" in labels and "Articles" not in labels, labels  # no row of the session's zeros
    feed = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th[role=columnheader]", has_text=re.compile(r"^place$"))
    )
    feed.first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    days = [r["day"] for r in _grid_rows(feed.first)]
    assert days and days == sorted(days, reverse=True) and "2024-06-01" <= days[-1] <= days[0] <= "2024-06-14", days
    lines = _map_frame(page).evaluate("""() => Object.values(window.map._layers)
        .filter(l => l.getLatLngs && !l.getLatLng && l.getTooltip && l.getTooltip()).length""")
    assert lines > 0
    rows = _grid_rows(_claims_grid(page))
    assert rows and all(r["verdict"] in ("consistent", "inconsistent", "unverifiable") for r in rows), rows
    _open_tab(page, "Article")
    page.locator(".article mark.selected").first.wait_for(timeout=30_000)
    collection = json.loads(_download_geojson(page))
    geometries = {f["geometry"]["type"] for f in collection["features"]}
    assert {"Point", "LineString"} <= geometries, geometries
    assert external == []


def test_strike_targets_are_labelled_with_kind_symbols_and_coloured_by_attacker(server, chromium):
    context, page = _fresh_page(server, chromium)
    frame = _map_frame(page)
    labels = frame.evaluate("() => [...document.querySelectorAll('.strike-map-label')].map(l => l.innerText)")
    assert "✈ Belaya Air Base" in labels and "Kharkiv" in labels, labels
    fills = frame.evaluate("""() => Object.fromEntries(Object.values(window.map._layers)
        .filter(l => l.getTooltip && l.getTooltip() && l._path)
        .map(l => [l.getTooltip().getContent().split(' — ')[0], l.options.fillColor]))""")
    assert fills["Belaya Air Base"] != fills["Kharkiv"], fills  # Ukraine's strike, Russia's strike
    key = frame.locator(".strike-map-attackers").inner_text()
    assert "Ukraine" in key and "Russia" in key, key
    context.close()


DATED_ARTICLE = "Russian missiles struck the city of Dnipro on Tuesday, the regional governor said."


def test_the_strike_feed_lists_the_newest_first_and_a_click_selects_its_place(server, chromium):
    context, page = _fresh_page(server, chromium)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add an article").click()
    sidebar.get_by_label("Published (optional)", exact=True).locator("[role=spinbutton]").first.click()
    page.keyboard.type("20250605")  # the year, month and day segments
    sidebar.get_by_text("Paste article text").click()  # the date is committed when the field loses focus
    _add_article(page, DATED_ARTICLE, "dnipro.txt")
    feed = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator("th[role=columnheader]", has_text=re.compile(r"^place$"))
    )
    feed.first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    rows = _grid_rows(feed.first)
    assert rows[0]["place"] == "Dnipro" and rows[0]["day"] == "2025-06-03", rows  # "on Tuesday" before June 5
    assert {"Kharkiv", "Belaya Air Base"} <= {r["place"] for r in rows}, rows
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)  # no rerun pending
    _map_frame(page).evaluate("() => { window.map.setView([0, -100], 5); }")  # far from Dnipro
    _poll_map(page, "() => !window.map.getBounds().contains([48.45, 35.05])", bool, 10)
    box = feed.first.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's selection box
    _selected_place(page, "Dnipro").wait_for(timeout=30_000)
    _poll_map(page, "() => window.map.getBounds().contains([48.45, 35.05])", bool, 30)  # its marker is brought in view
    context.close()


def test_a_view_is_shared_by_its_url(server, chromium):
    context, page = _fresh_page(server, chromium)
    _click_marker(page, "Belaya")
    _selected_place(page, "Belaya Air Base").wait_for(timeout=30_000)
    roles = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Role")
    roles.locator("input").click()
    page.keyboard.press("Backspace")  # drops "mention"
    _wait_for_map(page, lambda ls: ls and not any("— mention," in label for label in ls))
    _map_frame(page).evaluate("() => { window.map.setView([55.5, 40.2], 6); }")
    page.wait_for_function(
        "() => { const q = new URLSearchParams(location.search);"
        " return (q.get('view') || '').endsWith(',6') && q.get('place') && q.getAll('role').length === 2; }",
        timeout=30_000,
    )
    shared = page.url
    lat, lon, _ = (float(v) for v in page.evaluate("new URLSearchParams(location.search).get('view')").split(","))
    assert abs(lat - 55.5) < 0.1 and abs(lon - 40.2) < 0.1, (lat, lon)
    context.close()
    other = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = other.new_page()
    page.goto(shared)
    labels = _wait_for_map(page, lambda ls: len(ls) >= 5)
    assert not any("— mention," in label for label in labels), labels
    _selected_place(page, "Belaya Air Base").wait_for(timeout=60_000)
    view = _map_frame(page).evaluate(
        "() => [window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    )
    assert abs(view[0] - lat) < 0.01 and abs(view[1] - lon) < 0.01 and view[2] == 6, view
    other.close()


def test_a_pasted_article_is_still_there_after_a_reload(server, chromium):
    context, page = _fresh_page(server, chromium)
    _add_article(page, NEW_PLACE_ARTICLE, "kept.txt")
    _wait_for_map(page, lambda ls: any(label.startswith("Engels") for label in ls))
    page.wait_for_function("() => /[?&]library=[0-9a-f]{32}/.test(location.search)", timeout=30_000)
    page.reload()
    _wait_for_map(page, lambda ls: any(label.startswith("Engels") for label in ls))
    context.close()


def test_a_pdf_or_word_file_is_refused_in_a_plain_sentence(server, chromium):
    context, page = _fresh_page(server, chromium)
    articles = _articles_shown(page)
    _upload(page, "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(
        "Not added: report.pdf: PDF files are not read here; copy the text into the paste box."
    ).wait_for(timeout=60_000)
    assert _articles_shown(page) == articles
    context.close()


_DETAIL_JS = """() => {
    const drawn = {};
    Object.values(window.map._layers).filter(l => l.options && l.options.detail)
        .forEach(l => { drawn[l.options.detail] = (drawn[l.options.detail] || 0) + 1; });
    return {zoom: window.map.getZoom(), drawn: drawn, outlines: window.map.getPane('outlines').style.display,
        towns: [...document.querySelectorAll('.strike-map-town')].map(e => e.textContent)};
}"""


def test_the_offline_basemap_draws_borders_rivers_and_town_names_by_zoom(server, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    record: dict[str, list[str]] = {"external": []}
    page.on("request", lambda r: requests.append(r.url))
    page.on("request", lambda r: _record_request(record, r.url))
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    first = _poll_map(page, _DETAIL_JS, lambda d: d["zoom"] == 3, 30)
    assert first["towns"] == [] and first["drawn"] == {} and first["outlines"] == "", first
    assert not [u for u in requests if "/app/static/basemap/" in u]  # the first map waits for no detail
    frame = _map_frame(page)
    frame.evaluate("() => { window.map.setView([48.46, 35.04], 9); }")  # Dnipro, at city zoom
    city = _poll_map(page, _DETAIL_JS, lambda d: "Dnipro" in d["towns"] and d["drawn"].get("admin1"), 60)
    assert city["drawn"].get("rivers") and city["drawn"].get("borders") and city["drawn"].get("land"), city
    assert city["outlines"] == "none" and len(city["towns"]) > 20, city
    tiles = [u for u in requests if re.search(r"/app/static/basemap/6/\d+_\d+\.json$", u)]
    assert 1 <= len(tiles) <= 4, tiles  # only the tiles of the view
    frame.evaluate("() => { window.map.setView([48.46, 35.04], 5); }")
    named_closer_in = set(city["towns"])
    # a large city is named further out, the villages only closer in; the zoom's tiles may arrive one by one,
    # so the map is polled until its towns say so (it fails the test if they never do)
    _poll_map(
        page,
        _DETAIL_JS,
        lambda d: d["zoom"] == 5 and "Dnipro" in d["towns"] and len(named_closer_in - set(d["towns"])) > 10,
        60,
    )
    assert record["external"] == []
    context.close()


def test_the_map_is_saved_as_a_png_image(server, chromium):
    context = chromium.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(server)
    _wait_for_map(page, lambda labels: len(labels) >= 6)
    frame = _map_frame(page)
    size = frame.evaluate("() => [window.map.getSize().x, window.map.getSize().y]")
    with page.expect_download(timeout=60_000) as download:
        frame.locator("a.strike-map-png").click()
    assert download.value.suggested_filename == "strike-map.png"
    image = Image.open(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert image.format == "PNG" and list(image.size) == size, (image.format, image.size, size)
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 100  # the outlines, markers, lines and legend, not a blank frame
    context.close()

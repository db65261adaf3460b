"""Ten analysts at once: SESSIONS concurrent browser sessions (contexts of one headless Chromium) open the
running dashboard, wait for the first map with all markers of the sample articles, then each pastes an
article naming a city of its own and waits for that city's marker.

Per session count: median and worst seconds to the first map and to the pasted article's marker, sessions
that failed (timeout, app error, wrong article count) and sessions that saw another session's city, the
server's and Chromium's CPU time per session, the server's peak RSS while they ran and its RSS once they had
closed, against its RSS before they started.
The server is started once and warmed by one visit; every figure of a run comes from the same server. Then the
same for 1 and 10 sessions of the reference page (dashboard/reference_map.py, the bare st_folium map, first map
only): what Streamlit, st_folium and Chromium cost by themselves on these cores."""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field

import psutil
from playwright.async_api import TimeoutError as PlaywrightTimeout

from benchmarks import Measure
from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, expected_markers, streamlit_server
from benchmarks.corpus import ARTICLES

SESSIONS = (1, 10, 20)
REFERENCE = "dashboard/reference_map.py"
REFERENCE_SESSIONS = (1, 10)
REFERENCE_LABEL = "load, reference page"
"""The same sessions on the bare st_folium page (first map only): what Streamlit, st_folium and Chromium cost by
themselves on this machine, the floor under the dashboard's figures."""
SESSION_TIMEOUT = 300.0
"""Seconds one session may take in all; the run of 20 is bounded by it too, since they run at once."""
SETTLE = 15.0
"""Seconds after the sessions closed before the server's RSS is read again."""
CITIES = (
    "Lisbon",
    "Bilbao",
    "Marseille",
    "Lyon",
    "Munich",
    "Prague",
    "Leipzig",
    "Dresden",
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
    "Valencia",
)
"""One per session, each named in that session's pasted article only, each its gazetteer name (the marker's label)."""
POLL_MS = 50
"""How often a page checks its own map (in the page: no round trip to the test per check)."""
MAP_READY_JS = """([count, prefix]) => {
  const error = document.querySelector('[data-testid="stException"]');
  if (error) return {error: error.innerText};
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (!(w && w.map && w.map._layers)) continue;
    const labels = Object.values(w.map._layers)
      .filter(l => l.getLatLng && l.getTooltip && l.getTooltip() && l._path && l._path.isConnected)
      .map(l => l.getTooltip().getContent());
    if ((count === null || labels.length === count) && (prefix === null || labels.some(l => l.startsWith(prefix))))
      return {labels};
  }
  return null;
}"""
"""The map's marker labels once it shows `count` markers (or any) and one whose label starts with `prefix` (or
any); an app error's text as soon as the page shows one; null (keep waiting) otherwise."""


@dataclass
class Visit:
    first_map: float | None = None
    pasted: float | None = None
    error: str | None = None
    saw_other: bool = False


@dataclass
class Run:
    sessions: int
    visits: list[Visit]
    rss_start: int
    rss_peak: int
    rss_after: int
    cpu_seconds: float
    """The server's CPU time (user and system) while the sessions ran."""
    browser_cpu_seconds: float
    load_average: float
    """The machine's 1-minute load average (median while the sessions ran): other work on the same cores."""

    def seconds(self, what: str) -> list[float]:
        return [v for v in (getattr(visit, what) for visit in self.visits) if v is not None]


@dataclass
class _Sampler:
    """The server's peak RSS and the CPU time of Chromium's processes (which come and go with the contexts),
    read every 0.2 s on a thread while the sessions run."""

    process: psutil.Process
    peak: int = 0
    load: list[float] = field(default_factory=list)
    _browser_cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        start = self._chromium()
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self.load.append(os.getloadavg()[0])
            self._browser_cpu.update(self._chromium())
            self._stop.wait(0.2)
        self.browser_cpu = sum(t - start.get(pid, 0.0) for pid, t in self._browser_cpu.items())

    @staticmethod
    def _chromium() -> dict[int, float]:
        times = {}
        for child in psutil.Process().children(recursive=True):
            try:
                if "chrom" in child.name():
                    times[child.pid] = sum(child.cpu_times()[:2])
            except psutil.Error:
                continue
        return times

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


async def _wait(page, deadline: float, what: str, count: int | None = None, prefix: str | None = None) -> list[str]:
    """The map's marker labels once it shows `count` markers and one labelled `prefix...`; the page checks
    itself every POLL_MS (Playwright's wait_for_function), so waiting costs the machine next to nothing.
    Fails on an app error or at `deadline`."""
    try:
        handle = await page.wait_for_function(
            MAP_READY_JS, arg=[count, prefix], polling=POLL_MS, timeout=max(1.0, deadline - time.monotonic()) * 1000
        )
    except PlaywrightTimeout:
        raise TimeoutError(f"no {what} within the session's {SESSION_TIMEOUT:.0f} s") from None
    state = await handle.json_value()
    if "error" in state:
        raise RuntimeError(f"app error: {state['error']}")
    return state["labels"]


async def _articles_shown(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Articles")
    return int(await metric.locator('[data-testid="stMetricValue"]').inner_text())


async def _visit(browser, url: str, markers: int, samples: int, city: str | None, visit: Visit) -> None:
    """One analyst: open the page, wait for the map, paste an article naming `city` (unless None: the reference
    page has no sidebar), wait for its marker."""
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    context.set_default_timeout(SESSION_TIMEOUT * 1000)  # every step may take what the session has, not 30 s
    try:
        page = await context.new_page()
        deadline = time.monotonic() + SESSION_TIMEOUT
        started = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=SESSION_TIMEOUT * 1000)
        await _wait(page, deadline, "first map", count=markers)
        visit.first_map = time.perf_counter() - started
        if city is None:
            return
        sidebar = page.locator('[data-testid="stSidebar"]')
        await sidebar.get_by_text("Add an article").click()
        await sidebar.get_by_label("Paste article text").fill(
            f"Drones struck a fuel depot near {city} overnight, officials said."
        )
        await sidebar.get_by_label("Name (optional)").fill(f"{city.lower()}.txt")
        await sidebar.get_by_label("Name (optional)").press("Enter")
        await page.wait_for_timeout(300)
        started = time.perf_counter()
        await sidebar.get_by_role("button", name="Add pasted article").click()
        await _wait(page, deadline, f"marker for {city}", prefix=city)
        visit.pasted = time.perf_counter() - started
        while (shown := await _articles_shown(page)) != samples + 1:  # the metrics are sent after the map
            if time.monotonic() > deadline:
                raise TimeoutError(f"{shown} articles shown, not {samples + 1}, at the session's deadline")
            await page.wait_for_timeout(100)
        labels = await _wait(page, deadline, "map")
        visit.saw_other = any(label.startswith(other) for label in labels for other in CITIES if other != city)
    except Exception as error:  # noqa: BLE001 - every failure of a session is counted, not raised
        visit.error = f"{type(error).__name__}: {error}"
    finally:
        await context.close()


async def _sessions(browser, url: str, count: int, markers: int, samples: int, paste: bool) -> list[Visit]:
    """`count` visits at once, each with a city of its own (when they `paste`); each ends by its deadline (a visit
    that hangs past it is cancelled and counted as failed)."""
    visits = [Visit() for _ in range(count)]
    tasks = [
        asyncio.ensure_future(_visit(browser, url, markers, samples, CITIES[i] if paste else None, visits[i]))
        for i in range(count)
    ]
    _, hanging = await asyncio.wait(tasks, timeout=SESSION_TIMEOUT + 30)
    for task in hanging:
        task.cancel()
    await asyncio.gather(*hanging, return_exceptions=True)
    for visit in visits:
        if (visit.pasted if paste else visit.first_map) is None and visit.error is None:
            visit.error = "cancelled past the session's deadline"
    return visits


async def _runs(counts: tuple[int, ...], script: str, paste: bool) -> list[Run]:
    from playwright.async_api import async_playwright

    markers, _ = expected_markers()
    samples = len(list(ARTICLES.glob("*.txt")))
    runs = []
    with streamlit_server(script) as server:
        process = psutil.Process(server.pid)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            await _sessions(browser, server.url, 1, markers, samples, paste)  # warm: the sample articles get parsed
            await asyncio.sleep(SETTLE)
            for count in counts:
                start, cpu = process.memory_info().rss, sum(process.cpu_times()[:2])
                with _Sampler(process) as sampler:
                    visits = await _sessions(browser, server.url, count, markers, samples, paste)
                cpu = sum(process.cpu_times()[:2]) - cpu
                await asyncio.sleep(SETTLE)
                runs.append(
                    Run(
                        count,
                        visits,
                        start,
                        sampler.peak,
                        process.memory_info().rss,
                        cpu,
                        sampler.browser_cpu,
                        statistics.median(sampler.load),
                    )
                )
                for measure in measures(runs[-1:], "load" if paste else REFERENCE_LABEL):
                    print(f"{measure.name}: {measure.value:.3f} {measure.unit}", file=sys.stderr, flush=True)
            await browser.close()
    return runs


def measures(runs: list[Run], label: str = "load") -> list[Measure]:
    """The rows of `runs` (all of one page), named `label, N sessions: ...`."""
    rows = []
    one = next(
        (statistics.median(r.seconds("first_map")) for r in runs if r.sessions == 1 and r.seconds("first_map")), None
    )
    for r in runs:
        n = f"{label}, {r.sessions} session{'s' * (r.sessions != 1)}"
        first, pasted = r.seconds("first_map"), r.seconds("pasted")
        failed = sum(v.error is not None for v in r.visits)
        rows += [
            Measure(f"{n}: first map, median", statistics.median(first) if first else float("nan"), "s"),
            Measure(f"{n}: first map, slowest", max(first) if first else float("nan"), "s"),
            *(
                [
                    Measure(
                        f"{n}: pasted article's marker, median",
                        statistics.median(pasted) if pasted else float("nan"),
                        "s",
                    ),
                    Measure(f"{n}: sessions that saw another's article", sum(v.saw_other for v in r.visits), maximum=0),
                ]
                if label == "load"
                else []
            ),
            Measure(f"{n}: sessions failed", failed, maximum=0),
            Measure(f"{n}: server CPU per session (page, paste, reruns)", r.cpu_seconds / r.sessions, "s"),
            Measure(f"{n}: Chromium CPU per session", r.browser_cpu_seconds / r.sessions, "s"),
            Measure(f"{n}: server RSS peak", r.rss_peak / 2**20, "MB"),
            Measure(
                f"{n}: server RSS {SETTLE:.0f} s after close / before",
                100 * r.rss_after / r.rss_start,
                "%",
                maximum=110 if r.sessions <= 10 else None,
            ),
        ]
        rows.append(Measure(f"{n}: machine load average (1 min) while they ran", r.load_average))
        if r.sessions == 10 and one and first:
            rows.append(
                Measure(
                    f"{label}, 10 sessions: median first map / one session's",
                    statistics.median(first) / one,
                    "x",
                    maximum=3 if label == "load" else None,
                )
            )
        for v in r.visits:
            if v.error:
                print(f"{n}: {v.error}", file=sys.stderr)
    return rows


def run(counts: tuple[int, ...] = SESSIONS, reference: tuple[int, ...] = REFERENCE_SESSIONS) -> list[Measure]:
    if not CHROMIUM.exists():
        print(f"skipping the load test: no {CHROMIUM} (run 'make chromium')", file=sys.stderr)
        return []
    rows = measures(asyncio.run(_runs(counts, "dashboard/app.py", paste=True))) if counts else []
    if reference:
        rows += measures(asyncio.run(_runs(reference, REFERENCE, paste=False)), REFERENCE_LABEL)
    return rows


if __name__ == "__main__":  # python -m benchmarks.bench_load [--reference] [N ...]: chosen counts of one page only
    reference = "--reference" in sys.argv[1:]
    chosen = tuple(int(n) for n in sys.argv[1:] if n != "--reference")
    if reference:
        picked = run((), chosen or REFERENCE_SESSIONS)
    elif chosen:
        picked = run(chosen, ())
    else:
        picked = run()
    for measure in picked:
        print(
            f"{measure.name}: {measure.value:.3f} {measure.unit} {measure.target} "
            f"{'' if not measure.target else 'ok' if measure.ok else 'MISSED'}"
        )

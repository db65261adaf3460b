"""What the browser benchmarks share: Debian's Chromium and its flags, a `streamlit run` server on a free
port, and the script that counts the markers a page's map has drawn."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import ARTICLES, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MARKERS_JS = """() => {
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (w && w.map && w.map._layers) return Object.values(w.map._layers)
      .filter(l => l.getLatLng && l.getTooltip && l.getTooltip() && l._path && l._path.isConnected).length;
  }
  return -1;
}"""


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(script: str, *app_args: str):
    """`streamlit run script [-- app_args]` on a free port, until it answers its health check."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            *(("--", *app_args) if app_args else ()),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError as error:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit run {script} did not start") from error
                time.sleep(0.3)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def expected_markers() -> tuple[int, int]:
    """Markers for the sample articles with all filters on, and without mentions: from geo's results."""
    import geo
    from dashboard.places import places_of

    docs = list(geo.parse_many((p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))))
    places = places_of(docs)
    return len(places), sum(p.role != "mention" for p in places)

"""The benchmark corpus: GeoWebNews' 200 articles (../shared/eval/GWN.xml) when present, else the sample
articles repeated to 500 documents."""

from __future__ import annotations

from pathlib import Path

from geo import read_corpus

ROOT = Path(__file__).resolve().parents[1]
GWN = ROOT.parent / "shared" / "eval" / "GWN.xml"
ARTICLES = ROOT / "data" / "articles"
FALLBACK_DOCUMENTS = 500


def corpus() -> tuple[str, list[tuple[str, str]]]:
    """(description, [(document name, text)])."""
    if GWN.exists():
        _, docs = read_corpus(GWN)
        return f"GeoWebNews ({len(docs)} articles)", [(d.name, d.text) for d in docs]
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.txt"))]
    items = [
        (f"{i:03d}-{samples[i % len(samples)][0]}", samples[i % len(samples)][1]) for i in range(FALLBACK_DOCUMENTS)
    ]
    return f"sample articles x {FALLBACK_DOCUMENTS // len(samples)} ({FALLBACK_DOCUMENTS} documents)", items

"""Long files read like short ones: an article repeated N times (cut into pieces for spaCy) gives every
copy the places, roles and claim verdicts of the article alone; a file of numbers is one noise note."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import geo
from geo.claims.check import check_claims
from geo.text import chunking
from geo.text.chunking import CHUNK_CHARS, chunks

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
OWN = (
    "Drones hit refinery in Syzran\n"
    "SYZRAN — Ukrainian drones struck the Syzran oil refinery overnight, local officials said. "
    "Residents of Tolyatti and Ulyanovsk reported air raid alerts.\n"
    "Drones also hit fuel depots in Novorossiysk (about 1,400 km), Tuapse (1,450 km) and Astrakhan "
    "(roughly 1,900 km from Warsaw), the officials said.\n"
    "A fire broke out at the refinery and was put out by morning. Syzran lies about 1,900 km from Warsaw.\n",
    "Factory in Yelabuga hit again\n"
    "A drone attack on Tuesday hit a factory in Yelabuga, 1,200 km from the front, for the third time this year, "
    "the Tatarstan government said. Another drone was shot down near Izhevsk.\n"
    "Analysts in Warsaw said the strike showed a growing reach of long-range drones. The factory is more than "
    "1,300 km from Orenburg, officials in Chelyabinsk noted.\n",
)
ARTICLES = [*(p.read_text(encoding="utf-8") for p in SAMPLES), *OWN]


def _copy_view(doc, start: int, end: int) -> tuple[list, list]:
    """The places and checked claims of doc[start:end], with offsets relative to `start`."""
    places = [
        (m.text, m.start - start, m.end - start, m.id, m.role, m.attacker) for m in doc.places if start <= m.start < end
    ]
    claims = [
        (
            c.claim.start - start,
            c.claim.text,
            c.claim.subject and c.claim.subject.id,
            c.claim.origin and c.claim.origin.id,
            c.verdict,
        )
        for c in check_claims(doc)
        if start <= c.claim.start < end
    ]
    return places, claims


@pytest.fixture(scope="module")
def alone() -> dict[str, tuple[list, list]]:
    """Each article parsed on its own."""
    return {text: _copy_view(geo.parse(text), 0, len(text)) for text in ARTICLES}


@pytest.mark.parametrize("article", range(len(ARTICLES)))
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(copies=st.integers(min_value=2, max_value=10), piece=st.integers(min_value=2_500, max_value=CHUNK_CHARS))
@example(copies=6, piece=4_500)
@example(copies=3, piece=2_500)
@example(copies=8, piece=3_033)  # a cut right after a headline: the dateline below it opens the next piece
@example(copies=7, piece=6_230)  # two pieces with the same text, one read with its line before as context
def test_every_copy_of_a_repeated_article_reads_like_the_article(alone, monkeypatch, article, copies, piece):
    """Pieces smaller than the default put several cuts into a short repeated text; a piece (but the last)
    still holds a whole copy, as the default pieces do for news articles (the repeats the recogniser knows by
    name are a piece's own: geo/chunking.py)."""
    text = ARTICLES[article].rstrip("\n") + "\n"
    monkeypatch.setattr(chunking, "CHUNK_CHARS", max(piece, 2 * len(text) + max(map(len, text.splitlines()))))
    expected = alone[ARTICLES[article]]
    assert expected[0], "the article names places"
    doc = geo.parse(text * copies)
    for k in range(copies):
        assert _copy_view(doc, k * len(text), (k + 1) * len(text)) == expected, (copies, piece, k)


def test_pieces_end_at_line_ends_and_add_up_to_the_text():
    text = "".join(ARTICLES) * 5
    pieces = chunks(text)
    assert "".join(piece for _, piece in pieces) == text and len(pieces) > 1
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece and len(piece) <= CHUNK_CHARS
        assert piece.endswith("\n") or offset + len(piece) == len(text)
    line = "Drones hit a depot in Syzran. " * 500
    for offset, piece in chunks(line)[:-1]:
        assert piece.endswith("Syzran. ") and len(piece) <= CHUNK_CHARS


def test_a_file_of_numbers_gives_a_noise_note_not_thousands_of_rows(tmp_path):
    noise = tmp_path / "numbers.txt"
    noise.write_text("1 km from 2 km from 3\n" * 5000, encoding="utf-8")
    assert 100_000 < noise.stat().st_size < 120_000
    table = subprocess.run(
        [sys.executable, "-m", "geo", "check-distances", str(noise)], cwd=ROOT, capture_output=True, timeout=600
    )
    assert table.returncode == 0, table.stderr.decode()
    lines = table.stdout.decode().splitlines()
    as_json = json.loads(
        subprocess.run(
            [sys.executable, "-m", "geo", "check-distances", "--format", "json", str(noise)],
            cwd=ROOT,
            capture_output=True,
            timeout=600,
        ).stdout
    )
    assert as_json["claims"] == [] and len(as_json["noise"]) == 1
    count = as_json["noise"][0]["count"]
    assert count >= 9_900 and as_json["noise"][0]["start"] == 0
    assert len(lines) <= 2 + 5 + 1, lines[:10]
    assert any("unverifiable noise" in line and f"{count:,} distance-like numbers" in line for line in lines), lines
    assert (
        lines[-1] == f"0 claims: 0 consistent, 0 inconsistent, 0 unverifiable; {count:,} distance-like numbers in "
        "1 run(s) left out as noise"
    )

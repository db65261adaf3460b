"""`python -m geo` as analysts run it: real processes, real files, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "data" / "articles"
SAMPLES = sorted(ARTICLES.glob("*.txt"))
CLAIMS_ARTICLE = ARTICLES / "001_b0afaa8d746288aa.txt"
EXPECTED = {  # (claimed, computed km within 0.5 %), from the distance-claims issue
    ("nearly 5,000 km", 4836),
    ("nearly 3,100 mi", 4836),
    ("781 km", 770),
    ("1,017 km", 1006),
    ("1,982 km", 1978),
}


def geo(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300)


def test_parse_jsonl_has_one_object_per_file_with_exact_offsets(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = geo("parse", "--format", "jsonl", *map(str, SAMPLES), str(empty))
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["document"] for r in records] == [p.name for p in SAMPLES] + ["empty.txt"]
    assert records[-1]["places"] == []
    keys = [
        "text",
        "start",
        "end",
        "id",
        "name",
        "kind",
        "lat",
        "lon",
        "country",
        "confidence",
        "role",
        "attacker",
        "event_date",
        "event_date_text",
        "event_date_source",
    ]
    for path, record in zip(SAMPLES, records):
        text = path.read_bytes().decode("utf-8")
        assert record["places"], path
        for place in record["places"]:
            assert list(place) == keys
            assert text[place["start"] : place["end"]] == place["text"]
            assert (place["lat"] is None) == (place["lon"] is None)
            # a demonym ("the Russian border") names its country but has no point on the map
            assert place["id"] is not None or place["lat"] is None
            assert (place["id"] is None) == (place["lat"] is None) or place["kind"] == "country"
    targets = {p["name"] for r in records for p in r["places"] if p["role"] == "strike_target"}
    assert {"Belaya Air Base", "Dyagilevo Air Base", "Olenya Air Base"} <= targets


def test_parse_reads_stdin_and_offsets_keep_crlf():
    text = (
        "Drone attack\r\nAt least 17 people were injured after Russian drones struck apartment buildings in "
        "Ukraine’s second-largest city, Kharkiv, triggering fires.\r\nThe mayor of Kharkiv spoke.\r\n"
    )
    result = geo("parse", "--format", "jsonl", stdin=text.encode())
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["document"] == "-"
    kharkiv = [p for p in record["places"] if p["text"] == "Kharkiv"]
    assert [p["start"] for p in kharkiv] == [text.index("Kharkiv"), text.rindex("Kharkiv")]
    assert kharkiv[0]["role"] == "strike_target" and kharkiv[0]["attacker"] == "Russia"


def test_parse_bad_files_are_reported_and_the_others_still_printed(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    garbled = tmp_path / "garbled.txt"
    garbled.write_bytes(b"Drones hit Kharkiv " + bytes(range(0x80, 0x100)) * 8)
    result = geo("parse", "--format", "jsonl", str(binary), str(SAMPLES[0]), str(garbled), str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["document"] for r in records] == [SAMPLES[0].name]
    assert records[0]["encoding"] == "utf-8"
    errors = result.stderr.decode().strip().splitlines()
    assert errors == [
        "3 of 4 files could not be read:",
        f"error: {binary}: binary file (contains NUL bytes), not a text article",
        f"error: {garbled}: not UTF-8 text (byte 0x80 at offset 19 cannot be decoded) and no other "
        "encoding was detected with confidence",
        f"error: {tmp_path / 'nope.txt'}: no such file",
    ]


def _corpus_tree(root: Path) -> list[str]:
    """The sample articles spread over a folder tree as .txt, .md and .html, with one unreadable file and
    one that is not an article; returns the names the readable articles should come out under, in order."""
    (root / "2025" / "06").mkdir(parents=True)
    (root / "notes").mkdir()
    shutil.copy(SAMPLES[0], root / "2025" / "06" / "b.txt")
    shutil.copy(SAMPLES[1], root / "2025" / "a.md")
    text = SAMPLES[2].read_text(encoding="utf-8")
    (root / "notes" / "c.html").write_text(f"<html><body><p>{text}</p><script>x()</script></body></html>")
    (root / "notes" / "broken.txt").write_bytes(b"\x00\x01binary")
    (root / "notes" / "table.csv").write_text("not,an,article")
    return ["2025/06/b.txt", "2025/a.md", "notes/c.html"]


def test_parse_a_folder_tree_in_parallel_keeps_order_and_output_is_byte_identical(tmp_path):
    names = _corpus_tree(tmp_path / "corpus")
    outputs = []
    for jobs in ("1", "2", "2"):
        out = tmp_path / f"out-{len(outputs)}.jsonl"
        result = geo("parse", str(tmp_path / "corpus"), "--jobs", jobs, "--format", "jsonl", "-o", str(out))
        assert result.returncode == 1
        assert result.stdout == b""
        assert result.stderr.decode().splitlines()[-2:] == [
            "1 of 4 files could not be read:",
            f"error: {tmp_path / 'corpus' / 'notes' / 'broken.txt'}: binary file (contains NUL bytes), not a text article",
        ]
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    records = [json.loads(line) for line in outputs[0].decode().splitlines()]
    assert [r["document"] for r in records] == names
    assert all(r["places"] for r in records)


def test_parse_table_and_json_formats():
    table = geo("parse", str(CLAIMS_ARTICLE))
    assert table.returncode == 0
    lines = table.stdout.decode().splitlines()
    assert lines[0].split()[:4] == ["document", "text", "start", "end"] and set(lines[1]) <= {"-", " "}
    assert any("Olenya Air Base" in line for line in lines[2:])
    as_json = json.loads(geo("parse", "--format", "json", str(CLAIMS_ARTICLE)).stdout)
    assert [r["document"] for r in as_json] == [CLAIMS_ARTICLE.name] and as_json[0]["places"]


def test_check_distances_on_the_sample_corpus():
    result = geo("check-distances")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    out = result.stdout.decode().splitlines()
    assert out[-1] == "5 claims: 5 consistent, 0 inconsistent, 0 unverifiable"
    rows = json.loads(geo("check-distances", "--format", "json", str(ARTICLES)).stdout)["claims"]
    got = {(r["claimed"], round(r["computed_km"])) for r in rows}
    assert len(got) == 5
    for claimed, km in EXPECTED:
        (computed,) = [c for text, c in got if text == claimed]
        assert computed == pytest.approx(km, rel=0.005)
    assert {r["origin_name"] for r in rows} == {"Kyiv"} and {r["verdict"] for r in rows} == {"consistent"}


def test_a_false_distance_makes_check_distances_fail(tmp_path):
    copy = tmp_path / CLAIMS_ARTICLE.name
    text = CLAIMS_ARTICLE.read_bytes().decode("utf-8")
    assert "781 km" in text
    copy.write_bytes(text.replace("781 km", "300 km").encode("utf-8"))
    result = geo("check-distances", "--format", "csv", str(copy))
    assert result.returncode == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    (false,) = [r for r in rows if r["verdict"] != "consistent"]
    assert (false["claimed"], false["verdict"], false["subject_name"]) == (
        "300 km",
        "inconsistent",
        "Dyagilevo Air Base",
    )
    assert result.stderr.decode().strip().endswith("5 claims: 4 consistent, 1 inconsistent, 0 unverifiable")
    # a tolerance wide enough forgives it
    assert geo("check-distances", "--tolerance", "70", str(copy)).returncode == 0


@pytest.mark.parametrize("command", ["parse", "check-distances", "export", "corpus"])
def test_every_command_prints_its_help(command):
    shown = subprocess.run(
        [sys.executable, "-m", "strike_map", command, "--help"], capture_output=True, cwd=ROOT, timeout=300
    )
    assert shown.returncode == 0 and shown.stderr == b"", shown.stderr.decode()
    assert shown.stdout.decode().startswith(f"usage: strike-map {command} ")
    if command != "corpus":
        assert geo(command, "--help").stdout.decode().startswith(f"usage: python -m geo {command} ")


def test_geo_alone_has_no_corpus_command():
    """`corpus` is built on geo, so it is a command of strike-map, the command line above both."""
    refused = geo("corpus", "--help")
    assert refused.returncode == 2 and b"invalid choice: 'corpus'" in refused.stderr


def test_check_distances_usage_and_input_errors_exit_2(tmp_path):
    assert geo("check-distances", "--tolerance", "-5").returncode == 2
    assert geo("check-distances", "--format", "xml").returncode == 2
    missing = geo("check-distances", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and b"missing.txt: no such file" in missing.stderr and missing.stdout == b""
    empty_dir = geo("check-distances", str(tmp_path))
    assert empty_dir.returncode == 2 and b"no articles" in empty_dir.stderr and empty_dir.stdout == b""
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    for output in ("table", "json", "csv"):
        refused = geo("check-distances", "--format", output, str(binary))
        assert refused.returncode == 2 and refused.stdout == b"", output
        assert (
            refused.stderr.decode().strip() == f"error: {binary}: binary file (contains NUL bytes), not a text article"
        )


def test_every_distance_shown_is_rounded_the_same_way():
    rows = json.loads(geo("check-distances", "--format", "json").stdout)["claims"]
    table = geo("check-distances").stdout.decode().splitlines()[2:-1]
    assert len(rows) == len(table) == 5
    for row, line in zip(rows, table):
        assert isinstance(row["computed_km"], int)
        assert f"{row['computed_km']:,} km" in row["reason"].split(";")[0], row["reason"]
        if row["unit"] == "km":
            assert row["reason"].startswith(f"true {row['computed_km']:,} km;")
            assert f"  {row['computed_km']:,} km  " in line, line


def test_export_writes_geojson_that_geopandas_reads(tmp_path):
    shutil.copy(CLAIMS_ARTICLE, tmp_path / CLAIMS_ARTICLE.name)
    out = tmp_path / "out.geojson"
    result = geo("export", str(tmp_path), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    stdout = geo("export", str(CLAIMS_ARTICLE))
    assert stdout.stdout == out.read_bytes()
    collection = json.loads(out.read_text(encoding="utf-8"))
    lines = [f for f in collection["features"] if f["geometry"]["type"] == "LineString"]
    assert len(lines) == 5 and all(len(f["geometry"]["coordinates"]) > 10 for f in lines)
    frame = geopandas.read_file(out)
    assert len(frame) == len(collection["features"])
    belaya = frame[frame["name"] == "Belaya Air Base"].iloc[0]
    assert belaya["role"] == "strike_target" and json.loads(belaya["articles"]) == [CLAIMS_ARTICLE.name]

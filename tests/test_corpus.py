"""The corpus datasets without a cluster: columns follow the model, inputs stream from files and tables and
are dated, a partition is parsed into the same answers as `geo.parse`, written by day and recorded, read
back, deduplicated and compacted; and `strike-map corpus` on its default LocalCluster."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict
import subprocess
import sys
from pathlib import Path

import geopandas
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import geo
from benchmarks.synthetic import articles, html_page, write_jsonl_gz, write_parquet
from corpus import dataset, schema
from corpus.articles import Partition, partitions, ready, text_hash, text_id
from corpus.read import Corpus
from corpus.seen import SAME_ID, SAME_TEXT, Seen
from corpus.sources import ArticleInput
from corpus.sources import articles as read_articles
from corpus.work import parse_partition
from geo.claims.check import check_claims
from geo.output.geojson import claim_properties
from geo.text.articles import article_from_bytes, iso_date
from geo.model import PlaceMention

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "articles").glob("*.txt"))


def test_place_columns_are_every_scalar_field_of_place_mention():
    names = [f.name for f in dataclasses.fields(PlaceMention) if f.name not in ("candidates", "role_evidence")]
    assert list(schema.PLACE_COLUMNS) == names
    columns = [f.name for f in schema.PLACE_FIELDS]
    assert columns == [{"id": "place_id", "start": "span_start", "end": "span_end"}.get(n, n) for n in names]
    assert schema.PLACES_SCHEMA.field("needs_review").type == pa.bool_()
    assert schema.PLACES_SCHEMA.field("lat").type == pa.float64()
    assert schema.PLACES_SCHEMA.field("event_date").type == pa.date32()
    assert schema.PLACES_SCHEMA.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.DOCUMENTS_SCHEMA.field("warnings").type == pa.list_(pa.string())
    every = {f.name for name in schema.DATASETS for f in schema.SCHEMAS[name]}
    assert not every & {"id", "start", "end"} and {"article_id", "place_id", "span_start", "span_end"} <= every


def test_claim_columns_are_the_check_distances_fields():
    doc = geo.parse(SAMPLES[1].read_text(encoding="utf-8"), SAMPLES[1].name)
    (first, *_) = check_claims(doc)
    assert [f.name for f in schema.CLAIM_FIELDS] == [schema.RENAMED.get(k, k) for k in claim_properties(first)]


def test_html_pages_give_their_publication_date():
    page = (
        b'<html><head><meta property="article:published_time" content="2024-05-02T10:00:00+03:00"></head>'
        b"<body><p>Drones hit Kharkiv.</p></body></html>"
    )
    assert article_from_bytes("a.html", page).published == "2024-05-02T10:00:00+03:00"
    timed = b'<html><body><time datetime="2024-05-03">May 3</time><p>Drones hit Kharkiv.</p></body></html>'
    assert article_from_bytes("b.html", timed).published == "2024-05-03"
    assert article_from_bytes("c.html", b"<html><body><time datetime='soon'>x</time></body></html>").published is None
    assert article_from_bytes("d.txt", b"2024-05-03 Drones hit Kharkiv.").published is None
    assert iso_date(" 2024-05-03T08:00:00Z ") == "2024-05-03T08:00:00Z" and iso_date("May 3") is None


def test_tables_stream_their_rows_with_ids_dates_and_fields(tmp_path):
    items = articles(6, seed=3)
    write_jsonl_gz(tmp_path / "a.jsonl.gz", items[:3])
    write_parquet(tmp_path / "b.parquet", items[3:])
    stamped = pa.table({"text": ["Drones hit Kharkiv."], "published": pa.array([None], pa.timestamp("s"))})
    pq.write_table(
        stamped.set_column(1, "published", pa.array([1717200000], pa.timestamp("s"))), tmp_path / "c.parquet"
    )
    pq.write_table(pa.table({"body": ["no text column"]}), tmp_path / "d.parquet")
    read = list(read_articles([str(tmp_path / n) for n in ("a.jsonl.gz", "b.parquet", "c.parquet", "d.parquet")]))
    assert [a.document for a in read[:6]] == [item.id for item in items]
    assert [(a.text, a.published, a.url, a.title, a.source) for a in read[:6]] == [
        (i.text, i.published, i.url, i.title, i.source) for i in items
    ]
    assert (read[6].document, read[6].published) == ("c.parquet:1", "2024-06-01T00:00:00")
    assert read[7].error.endswith("d.parquet: no 'text' column")


def test_partitions_are_numbered_and_fingerprinted_by_content():
    items = [ready(ArticleInput(f"{n}.txt", data=f"text {n}".encode())) for n in range(5)]
    names = [p.name for p in partitions(items, 2)]
    assert [n[:11] for n in names] == ["part-000000", "part-000001", "part-000002"]
    assert names == [p.name for p in partitions(items, 2)]
    changed = [*items[:3], ready(ArticleInput("3.txt", data=b"edited")), items[4]]
    assert [p.name for p in partitions(changed, 2)][::2] == names[::2]
    assert [p.name for p in partitions(changed, 2)][1] != names[1]
    assert names[0] != next(partitions(items, 2, salt="other columns")).name


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One partition of the sample articles, an HTML page, a table row and broken articles, parsed here."""
    root = tmp_path_factory.mktemp("datasets")
    dataset.prepare(root)
    item = articles(1, seed=5)[0]
    batch = (
        *(ArticleInput(p.name, data=p.read_bytes()) for p in SAMPLES),
        ArticleInput("page.html", data=html_page(item).encode()),
        ArticleInput(item.id, text=item.text, id=item.id, published="1 May", url=item.url, published_from="table"),
        ArticleInput("binary.txt", data=b"\x00\xff"),
        ArticleInput("blank.txt", data=b"\n\n"),
        ArticleInput("gone.txt", error="gone.txt: no such file"),
        ArticleInput("nul-row", text="Drones hit\x00 Kharkiv.", id="nul-row", published_from="table"),
    )
    result = parse_partition(Partition(0, "part-000000-test", tuple(map(ready, batch))), str(root))
    return root, result


def _records(frame) -> list[dict]:
    """Rows as dicts with None for missing values (DuckDB gives NaN or NA)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_a_partition_holds_the_same_answers_as_geo_parse(written):
    root, result = written
    corpus = Corpus(root)
    places, claims = corpus.places(), corpus.claims()
    columns = {field: column.name for field, column in schema.PLACE_COLUMNS.items()}
    expected_claims = []
    for path in SAMPLES:
        text = path.read_bytes().decode("utf-8")
        doc = geo.parse(text, path.name)
        rows = places[places["document"] == path.name]
        assert list(rows["article_id"].unique()) == [text_id(text)]
        got_places = _records(rows[list(columns.values())])
        for row in got_places:
            row["event_date"] = row["event_date"] and row["event_date"].strftime("%Y-%m-%d")
        assert got_places == [{column: getattr(m, field) for field, column in columns.items()} for m in doc.places]
        expected_claims += [claim_properties(c) for c in check_claims(doc)]
    claims = claims[claims["document"].isin([p.name for p in SAMPLES])]
    got = _records(claims.drop(columns=["article_id", "document", "published", "day", "claim"]))
    got = [{{"span_start": "start", "span_end": "end"}.get(k, k): v for k, v in row.items()} for row in got]
    assert got == expected_claims and len(expected_claims) == 5
    assert result.places == len(places) and result.claims == len(corpus.claims())


def test_error_rows_warnings_and_dates_in_the_documents_dataset(written):
    root, result = written
    documents = Corpus(root).documents().set_index("document")
    undated = documents[documents["day"] == "undated"]  # by day, then in input order
    assert list(undated.index[: len(SAMPLES)]) == [p.name for p in SAMPLES] and documents.index[0] == "page.html"
    assert result.errors == 4 and (documents["status"] == "error").sum() == 4
    assert "binary file" in documents.loc["binary.txt", "error"]
    assert documents.loc["nul-row", "error"] == "nul-row: binary text (contains NUL characters), not a text article"
    assert "empty article" in documents.loc["blank.txt", "error"]
    assert documents.loc["gone.txt", "error"] == "gone.txt: no such file"
    page = documents.loc["page.html"]
    assert page["published"] == pd.Timestamp(f"{articles(1, seed=5)[0].published}T06:00:00Z")
    assert page["published_from"] == "page" and page["day"] == articles(1, seed=5)[0].published
    row = documents.loc[articles(1, seed=5)[0].id]
    assert row["status"] == "ok" and pd.isna(row["published"]) and row["day"] == "undated"
    assert list(row["warnings"]) == ["published '1 May' is not an ISO 8601 date or date-time; left out"]
    assert row["places"] > 0 and row["url"].startswith("https://")
    assert list(documents.loc["binary.txt", "warnings"]) == [] and pd.isna(documents.loc["binary.txt", "text_hash"])


def test_a_partition_is_recorded_files_by_day_and_reads_back_as_geoparquet(written):
    root, _ = written
    days = {"undated", articles(1, seed=5)[0].published}
    assert {p.name for p in (root / "documents").iterdir()} == {"_common_metadata"} | {f"day={d}" for d in days}
    (record,) = dataset.records(root)
    assert record["name"] == "part-000000-test" and record["schema_version"] == schema.SCHEMA_VERSION
    assert sorted(e["path"] for e in record["files"]) == sorted(
        str(p.relative_to(root)) for p in root.rglob("*.parquet")
    )
    manifest = Corpus(root).manifest()
    documents = manifest[manifest["dataset"] == "documents"]
    assert documents["rows"].sum() == len(Corpus(root).documents()) and documents["errors"].sum() == 4
    common = pq.read_schema(root / "places" / "_common_metadata")
    assert common.metadata[b"strike_map_schema_version"] == str(schema.SCHEMA_VERSION).encode()
    frame = geopandas.read_parquet(root / "places")
    assert frame.crs.to_epsg() == 4326 and set(frame["day"]) == days
    claim_file = next((root / "claims").rglob("*.parquet"))
    assert json.loads(pq.read_schema(claim_file).metadata[b"geo"])["primary_column"] == "geometry"
    summary = Corpus(root).place_summary(roles=["strike_target"])
    assert summary["mentions"].sum() == Corpus(root).places(roles=["strike_target"])["place_id"].notna().sum()
    assert set(summary["role"]) == {"strike_target"}
    assert Corpus(root).geodataframe("claims").crs.to_epsg() == 4326


def test_importing_geo_or_the_command_line_does_not_import_dask_or_parquet():
    code = (
        "import sys, geo, geo.run.cli, strike_map.cli; "
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_datelines_sidecars_and_the_published_option_date_text_files(tmp_path):
    (tmp_path / "a.txt").write_text("Drones hit Kharkiv\nKHARKIV, 3 May 2024 - Drones hit Kharkiv.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Drones hit Sumy.", encoding="utf-8")
    (tmp_path / "b.txt.json").write_text('{"published": "2024-05-04T23:30:00-02:00", "url": "https://x.invalid/b"}')
    (tmp_path / "c.txt").write_text("Drones hit Odesa.", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Drones hit Lviv.", encoding="utf-8")
    (tmp_path / "d.txt.json").write_text("[1, 2]")
    got = [ready(a, "2024-05-06") for a in read_articles([str(tmp_path)])]
    assert [(a.meta.published, a.meta.published_from) for a in got[:3]] == [
        ("2024-05-03", "dateline"),
        ("2024-05-04T23:30:00-02:00", "sidecar"),
        ("2024-05-06", "option"),
    ]
    assert got[1].meta.url == "https://x.invalid/b" and "d.txt: its sidecar cannot be read" in got[3].error
    assert ready(next(read_articles([str(tmp_path / "c.txt")]))).meta.published is None


def test_repeats_are_the_same_id_or_the_same_normalised_text(written):
    root, _ = written
    seen = Seen(root)
    sample = SAMPLES[0].read_text(encoding="utf-8")
    copy = ready(ArticleInput("copy", text="  " + sample.upper().replace("\n", "\r\n\n"), id="wire-copy"))
    assert text_hash(copy.text) == text_hash(sample) and copy.meta.id != text_id(sample)
    assert seen.repeat(copy) == SAME_TEXT
    assert seen.repeat(ready(ArticleInput("again.txt", data=b"\x00\xff"))) == SAME_ID  # the error row's id
    new = ready(ArticleInput("new", text="Drones hit Sumy overnight.", id="new-1"))
    assert seen.repeat(new) is None and seen.repeat(new) == SAME_ID
    other_id_same_text = ready(ArticleInput("new", text="drones  hit Sumy overnight. ", id="new-2"))
    assert seen.repeat(other_id_same_text) == SAME_TEXT


def _corpus(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "strike_map", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _files(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in sorted(out.rglob("*.parquet"))}


def test_corpus_appends_new_articles_skips_repeats_and_compacts_days(tmp_path):
    """On its default LocalCluster: a first batch, then a second with new articles, a repeated id and a
    repeated text; then the days compacted."""
    items = articles(6, seed=11)
    write_jsonl_gz(tmp_path / "first.jsonl.gz", items[:4])
    out = tmp_path / "out"
    first = _corpus(
        *("corpus", str(tmp_path / "first.jsonl.gz"), str(SAMPLES[0]), "-o", str(out), "--workers", "1"),
        *("--progress-every", "0"),
    )
    assert first.returncode == 0, first.stderr
    assert "Dask dashboard: http://127.0.0.1:" in first.stderr
    assert "progress: 5/5 articles (100 %)" in first.stderr and "left" in first.stderr
    assert "5 articles read: 5 parsed now" in first.stderr and "0 skipped" in first.stderr
    before = _files(out)
    repeated_id = {**asdict(items[5]), "id": items[0].id}
    repeated_text = {**asdict(items[1]), "id": "another-wire", "text": items[1].text.replace(" ", "  ")}
    with open(tmp_path / "second.jsonl", "w", encoding="utf-8") as second:
        for row in [asdict(items[4]), repeated_id, repeated_text]:
            second.write(json.dumps(row) + "\n")
    again = _corpus("corpus", str(tmp_path / "second.jsonl"), str(SAMPLES[0]), "-o", str(out), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "4 articles read: 1 parsed now" in again.stderr
    assert "3 skipped as already in the datasets (2 same id, 1 same text)" in again.stderr
    after = _files(out)
    assert {name: after[name] for name in before} == before  # nothing rewritten
    added = set(after) - set(before)
    name = Path(min(added)).name
    assert added == {f"{d}/day={items[4].published}/{name}" for d in ("places", "claims", "documents")}
    documents = Corpus(out).documents()
    assert sorted(documents["article_id"]) == sorted([*(i.id for i in items[:5]), text_id(SAMPLES[0].read_text())])
    assert documents["article_id"].is_unique and documents["published"].dt.tz is not None
    days = {i.published for i in items[:5]} | {"undated"}
    assert set(documents["day"]) == days
    rows = {name: len(Corpus(out).query(name, "*")) for name in schema.DATASETS}
    compacted = _corpus("compact", str(out))
    assert compacted.returncode == 0, compacted.stderr
    per_day = Corpus(out).manifest().groupby(["dataset", "day"]).size()
    assert (per_day == 1).all() and {name: len(Corpus(out).query(name, "*")) for name in schema.DATASETS} == rows
    assert len(list(out.rglob("*.parquet"))) == len(per_day)


def test_geo_corpus_refuses_an_input_without_articles_and_leaves_the_datasets(tmp_path):
    root = tmp_path / "out"
    dataset.prepare(root)
    kept = (ready(ArticleInput("a.txt", data=b"Drones hit Kharkiv.")),)
    parse_partition(Partition(0, "part-000000-kept", kept), str(root))
    before = sorted(p.name for p in root.rglob("*.parquet"))
    (tmp_path / "empty").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "strike_map", "corpus", str(tmp_path / "empty"), "-o", str(root)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert run.returncode == 2 and f"no articles in {tmp_path / 'empty'}" in run.stderr
    assert sorted(p.name for p in root.rglob("*.parquet")) == before == ["part-000000-kept.parquet"] * 2
    both = subprocess.run(
        [
            sys.executable,
            "-m",
            "strike_map",
            "corpus",
            str(SAMPLES[0]),
            "-o",
            str(tmp_path / "o"),
            "--workers",
            "2",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_a_partition_that_cannot_be_written_is_one_line_and_a_rerun_adds_it(tmp_path):
    """Its traceback goes to a log file; the files it wrote are removed; nothing else stops."""
    out = tmp_path / "out"
    dataset.prepare(out)
    (out / "documents" / "day=undated").write_text("in the way")  # the folder cannot be made, as on a full disk
    command = ("corpus", str(SAMPLES[0]), str(SAMPLES[1]), "-o", str(out), "--workers", "1")
    failed = _corpus(*command)
    assert failed.returncode == 2
    (line,) = [line for line in failed.stderr.splitlines() if line.startswith("error: partition ")]
    assert "(2 articles) failed: FileExistsError" in line and "Traceback" not in failed.stderr
    log = Path(line.rsplit("the traceback is in ", 1)[1])
    assert log.parent == out / "_logs" and "Traceback (most recent call last)" in log.read_text()
    assert (
        "1 partitions (2 articles) failed" in failed.stderr
        and "2 files of unfinished partitions removed" in failed.stderr
    )
    assert not list(out.rglob("*.parquet")) and Corpus(out).documents().empty
    (out / "documents" / "day=undated").unlink()
    again = _corpus(*command)
    assert again.returncode == 0 and "2 articles read: 2 parsed now" in again.stderr, again.stderr
    assert len(Corpus(out).documents()) == 2


def test_a_folder_of_another_schema_version_is_refused(tmp_path):
    flat = tmp_path / "flat"
    (flat / "documents").mkdir(parents=True)
    pq.write_table(pa.table({"id": ["a"]}), flat / "documents" / "part-000000-old.parquet")
    with pytest.raises(dataset.LayoutError, match="schema version 1 \\(no day partitions\\)"):
        dataset.prepare(flat)
    newer = tmp_path / "newer"
    dataset.prepare(newer)
    common = newer / "claims" / "_common_metadata"
    pq.write_metadata(pq.read_schema(common).with_metadata({b"strike_map_schema_version": b"3"}), common)
    with pytest.raises(dataset.LayoutError, match="schema version 3, not 2"):
        dataset.prepare(newer)


def test_one_writer_at_a_time(tmp_path):
    """A run, or a compaction, while another holds the folder stops at once and says so, writing nothing."""
    out = tmp_path / "out"
    dataset.prepare(out)
    with dataset.writing(out):
        run = _corpus("corpus", str(SAMPLES[0]), "-o", str(out), "--workers", "1")
        compacted = _corpus("compact", str(out))
    for refused in (run, compacted):
        assert refused.returncode == 2 and f"another run or compaction is writing to {out}" in refused.stderr
    assert "Dask dashboard" not in run.stderr and not list(out.rglob("*.parquet"))
    with dataset.writing(out):  # released by the refused runs and by the first holder
        pass


def _mount_tmpfs(folder: Path, size: str, remount: bool = False) -> bool:
    options = f"remount,size={size}" if remount else f"size={size}"
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True).returncode
        == 0
    )


def test_a_full_disk_keeps_whole_partitions_and_a_rerun_adds_the_rest(tmp_path):
    """The output folder on a 1 MiB tmpfs (mounting needs root, as `make test` and CI run): partitions fail
    with ENOSPC, one line each; what is recorded is whole; with room again, a rerun adds exactly the rest."""
    out = tmp_path / "out"
    out.mkdir()
    if not _mount_tmpfs(out, "1m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        items = articles(48, seed=30)
        write_jsonl_gz(tmp_path / "in.jsonl.gz", items)
        command = ("corpus", str(tmp_path / "in.jsonl.gz"), "-o", str(out), "--workers", "1", "--partition-size", "6")
        full = _corpus(*command)
        assert full.returncode == 2, full.stderr
        failed = [line for line in full.stderr.splitlines() if line.startswith("error: partition ")]
        assert failed and all("No space left on device" in line for line in failed)
        kept = Corpus(out).documents()
        assert len(kept) == 48 - 6 * len(failed) and kept["article_id"].is_unique
        recorded = Corpus(out).manifest()
        assert all((out / path).is_file() for path in recorded["path"])
        assert _mount_tmpfs(out, "64m", remount=True)
        again = _corpus(*command)
        assert again.returncode == 0, again.stderr
        assert f"48 articles read: {6 * len(failed)} parsed now" in again.stderr
        documents = Corpus(out).documents()
        assert len(documents) == 48 and documents["article_id"].is_unique
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)

"""The corpus datasets without a cluster: columns follow the model, inputs stream from files and tables,
a partition is parsed into the same answers as `geo.parse`, written whole, and read back; and `geo corpus`
on its default LocalCluster."""

from __future__ import annotations

import dataclasses
import json
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
from corpus.read import Corpus
from corpus.sources import ArticleInput, Partition, partitions
from corpus.sources import articles as read_articles
from corpus.work import parse_partition, text_id
from geo.claims.check import check_claims
from geo.output.geojson import claim_properties
from geo.text.articles import article_from_bytes, iso_date
from geo.model import PlaceMention

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "data" / "articles").glob("*.txt"))


def test_place_columns_are_every_scalar_field_of_place_mention():
    names = [f.name for f in dataclasses.fields(PlaceMention) if f.name != "candidates"]
    assert [f.name for f in schema.PLACE_FIELDS] == names
    assert schema.PLACES_SCHEMA.field("needs_review").type == pa.bool_()
    assert schema.PLACES_SCHEMA.field("lat").type == pa.float64()


def test_claim_columns_are_the_check_distances_fields():
    doc = geo.parse(SAMPLES[1].read_text(encoding="utf-8"), SAMPLES[1].name)
    (first, *_) = check_claims(doc)
    assert [f.name for f in schema.CLAIM_FIELDS] == list(claim_properties(first))


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
    items = [ArticleInput(f"{n}.txt", data=f"text {n}".encode()) for n in range(5)]
    names = [p.name for p in partitions(items, 2)]
    assert [n[:11] for n in names] == ["part-000000", "part-000001", "part-000002"]
    assert names == [p.name for p in partitions(items, 2)]
    changed = [*items[:3], ArticleInput("3.txt", data=b"edited"), items[4]]
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
        ArticleInput(item.id, text=item.text, id=item.id, published="1 May", url=item.url),
        ArticleInput("binary.txt", data=b"\x00\xff"),
        ArticleInput("blank.txt", data=b"\n\n"),
        ArticleInput("gone.txt", error="gone.txt: no such file"),
    )
    result = parse_partition(Partition(0, "part-000000-test", batch), str(root))
    return root, result


def _records(frame) -> list[dict]:
    """Rows as dicts with None for missing values (DuckDB gives NaN or NA)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def test_a_partition_holds_the_same_answers_as_geo_parse(written):
    root, result = written
    corpus = Corpus(root)
    places, claims = corpus.places(), corpus.claims()
    keys = [f.name for f in schema.PLACE_FIELDS]
    expected_claims = []
    for path in SAMPLES:
        text = path.read_bytes().decode("utf-8")
        doc = geo.parse(text, path.name)
        rows = places[places["document"] == path.name]
        assert list(rows["article_id"].unique()) == [text_id(text)]
        assert _records(rows[keys]) == [{key: getattr(m, key) for key in keys} for m in doc.places]
        expected_claims += [claim_properties(c) for c in check_claims(doc)]
    got = _records(claims.drop(columns=["article_id", "document", "published", "claim"]))
    assert got[: len(expected_claims)] == expected_claims and len(expected_claims) == 5
    assert result.places == len(places) and result.claims == len(claims)


def test_error_rows_warnings_and_dates_in_the_documents_dataset(written):
    root, result = written
    documents = Corpus(root).documents().set_index("document")
    assert list(documents.index[: len(SAMPLES)]) == [p.name for p in SAMPLES]
    assert result.errors == 3 and (documents["status"] == "error").sum() == 3
    assert "binary file" in documents.loc["binary.txt", "error"]
    assert "empty article" in documents.loc["blank.txt", "error"]
    assert documents.loc["gone.txt", "error"] == "gone.txt: no such file"
    assert documents.loc["page.html", "published"].endswith("T06:00:00Z")
    row = documents.loc[articles(1, seed=5)[0].id]
    assert row["status"] == "ok" and pd.isna(row["published"]) and "'1 May' is not an ISO 8601" in row["warnings"]
    assert row["places"] > 0 and row["url"].startswith("https://")


def test_a_partition_is_whole_files_and_reads_back_as_geoparquet(written):
    root, _ = written
    names = sorted(p.name for d in schema.DATASETS for p in (root / d).iterdir())
    assert names == ["part-000000-test.parquet"] * 3
    assert dataset.is_written(root, "part-000000-test") and dataset.errors_in(root, "part-000000-test") == 3
    frame = geopandas.read_parquet(root / "places")
    assert frame.crs.to_epsg() == 4326
    assert json.loads(pq.read_schema(root / "claims" / names[0]).metadata[b"geo"])["primary_column"] == "geometry"
    summary = Corpus(root).place_summary(roles=["strike_target"])
    assert summary["mentions"].sum() == Corpus(root).places(roles=["strike_target"])["id"].notna().sum()
    assert set(summary["role"]) == {"strike_target"}
    assert dataset.remove_others(root, []) == 1 and not Corpus(root).files("places")
    assert Corpus(root).places().empty and list(Corpus(root).documents().columns) == schema.DOCUMENTS_SCHEMA.names
    assert Corpus(root).geodataframe("claims").crs.to_epsg() == 4326


def test_importing_geo_or_the_command_line_does_not_import_dask_or_parquet():
    code = (
        "import sys, geo, geo.run.cli, strike_map.cli; "
        "print(sorted(m for m in ('dask', 'distributed', 'pyarrow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_geo_corpus_on_its_local_cluster(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "strike_map",
            "corpus",
            str(SAMPLES[0]),
            str(SAMPLES[1]),
            "-o",
            str(out),
            "--workers",
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "Dask dashboard: http://127.0.0.1:" in run.stderr
    assert "2 articles in 1 partitions: 2 parsed now" in run.stderr
    assert list(Corpus(out).documents()["status"]) == ["ok", "ok"]


def test_geo_corpus_refuses_an_input_without_articles_and_leaves_the_datasets(tmp_path):
    root = tmp_path / "out"
    dataset.prepare(root)
    parse_partition(Partition(0, "part-000000-kept", (ArticleInput("a.txt", data=b"Drones hit Kharkiv."),)), str(root))
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
    assert sorted(p.name for p in root.rglob("*.parquet")) == before == ["part-000000-kept.parquet"] * 3
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

"""`strike-map corpus --scheduler` against a real `dask scheduler` and two `dask worker` processes on
127.0.0.1, started as docs/corpus.md says: in an environment where the project is installed as `make setup`
installs it, without PYTHONPATH. A worker killed mid-run loses no article, the datasets read back with geopandas, pyarrow and DuckDB, broken
articles are error rows, the rows equal `geo parse` / `geo check-distances`, and a rerun resumes."""

from __future__ import annotations

import json
import os
import sysconfig
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import duckdb
import geopandas
import pyarrow
import pyarrow.dataset
import pyarrow.parquet
import pytest
from distributed import Client

from benchmarks.synthetic import articles, write_files, write_jsonl_gz, write_parquet
from corpus.read import Corpus
from corpus.run import WORKER_SETTINGS
from corpus.schema import PLACE_FIELDS, RENAMED
from geo.run.cli import PLACE_KEYS
from geo.text.articles import MAX_BYTES
from geo.model import VERDICTS

ROOT = Path(__file__).resolve().parents[1]
DASK = Path(sys.executable).with_name("dask")
FILES, JSONL_ROWS, PARQUET_ROWS = 240, 40, 40
BROKEN = {"bad/binary.txt": "binary file", "bad/empty.txt": "empty article", "bad/huge.txt": "too large"}
PARTITION = 8
TIMEOUT = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _install(folder: Path) -> Path:
    """A virtual environment with the project installed as `make setup` installs it (`pip install --no-deps
    --no-build-isolation -e .`, offline), its dependencies those of the project's .venv (through a .pth file,
    so that the shared .venv is left as it is); returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=TIMEOUT)
    purelib = subprocess.run(
        [str(folder / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "project-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation"]
        + ["-e", str(ROOT)],
        check=True,
        timeout=TIMEOUT,
        cwd=folder,
    )
    return folder / "bin"


def _environment() -> dict[str, str]:
    """This environment with DASK_CONFIG as docs/corpus.md sets it; PYTHONPATH holds only the network guard."""
    assert str(ROOT) not in os.environ.get("PYTHONPATH", "").split(os.pathsep)
    return {**os.environ, "DASK_CONFIG": str(WORKER_SETTINGS)}


def _start(bin: Path, log: Path, *args: str) -> subprocess.Popen:
    """`.venv/bin/dask ARGS...` run in the checkout by the installed environment's Python (the script's folder,
    not the checkout, is on its path), in its own process group, logging to `log`."""
    with open(log, "wb") as out:
        return subprocess.Popen(
            [str(bin / "python"), str(DASK), *args],
            cwd=ROOT,
            env=_environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen) -> None:
    """The process and everything it started (a worker's nanny and its worker)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)


def _geo(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT, **kwargs
    )


def _client(command: list[str]) -> subprocess.CompletedProcess:
    """`strike-map corpus ...` of the installed environment, as a cluster's client runs it."""
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=_environment(), timeout=TIMEOUT)


def _inputs(root: Path) -> list[str]:
    """Generated articles as files (every 5th an HTML page), a .jsonl.gz and a .parquet table, and the
    broken ones: a binary file, an empty one, one over the size limit, a row whose text is a number and a
    line that is not JSON, a row whose text holds a NUL character."""
    items = articles(FILES + JSONL_ROWS + PARQUET_ROWS, seed=7)
    write_files(root / "files", items[:FILES], html_every=5)
    (root / "files" / "bad").mkdir()
    (root / "files" / "bad" / "binary.txt").write_bytes(b"\x89PNG\x00\x01\x02")
    (root / "files" / "bad" / "empty.txt").write_bytes(b"  \n")
    with open(root / "files" / "bad" / "huge.txt", "wb") as huge:
        huge.truncate(MAX_BYTES + 1)
    write_jsonl_gz(root / "rows.jsonl.gz", items[FILES : FILES + JSONL_ROWS])
    with open(root / "more.jsonl", "w", encoding="utf-8") as more:
        more.write(json.dumps({"id": "numeric-text", "text": 42}) + "\n{not json\n")
        more.write(json.dumps({"id": "nul-text", "text": "Drones hit\u0000 Kharkiv."}) + "\n")
    write_parquet(root / "rows.parquet", items[FILES + JSONL_ROWS :])
    return [str(root / "files"), str(root / "rows.jsonl.gz"), str(root / "more.jsonl"), str(root / "rows.parquet")]


EXPECTED_DOCUMENTS = FILES + len(BROKEN) + JSONL_ROWS + 3 + PARQUET_ROWS


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    logs = tmp_path_factory.mktemp("dask-logs")
    bin = _install(tmp_path_factory.mktemp("installed") / "venv")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [
        _start(
            bin,
            logs / "scheduler.log",
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--dashboard-address",
            "127.0.0.1:0",
        )
    ]
    try:
        for number in range(2):
            processes.append(
                _start(
                    bin,
                    logs / f"worker-{number}.log",
                    "worker",
                    address,
                    "--host",
                    "127.0.0.1",
                    "--nthreads",
                    "1",
                    "--nworkers",
                    "1",
                    "--dashboard-address",
                    "127.0.0.1:0",
                    "--death-timeout",
                    "60",
                )
            )
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            yield address, client, bin
    finally:
        for process in reversed(processes):
            _stop(process)


@pytest.fixture(scope="module")
def first_run(cluster, tmp_path_factory):
    """A run during which the worker busy with a partition is killed (SIGKILL) once a partition is written."""
    address, client, bin = cluster
    root = tmp_path_factory.mktemp("corpus")
    inputs, out = _inputs(root / "in"), root / "out"
    command = [str(bin / "strike-map"), "corpus", *inputs, "-o", str(out), "--scheduler", address]
    command += ["--partition-size", str(PARTITION)]
    run = subprocess.Popen(
        command, cwd=ROOT, env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        killed = None
        deadline = time.monotonic() + TIMEOUT
        while killed is None and run.poll() is None and time.monotonic() < deadline:
            busy = [worker for worker, keys in client.processing().items() if keys]
            if busy and list((out / "_partitions").glob("part-*.json")):
                killed = client.run(os.getpid, workers=busy[:1])[busy[0]]
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        stdout, stderr = run.communicate(timeout=TIMEOUT)
    finally:
        if run.poll() is None:
            run.kill()
    client.wait_for_workers(2, timeout=120)
    return {
        "inputs": inputs,
        "out": out,
        "command": command,
        "killed": killed,
        "status": run.returncode,
        "stderr": stderr,
    }


def test_a_killed_worker_loses_no_article(first_run):
    assert first_run["killed"] is not None, "the run ended before a worker could be killed"
    assert first_run["status"] == 1, first_run["stderr"]  # 1: some articles have status error
    assert "Dask dashboard:" in first_run["stderr"]
    documents = Corpus(first_run["out"]).documents()
    assert len(documents) == EXPECTED_DOCUMENTS
    assert documents["document"].is_unique
    assert (documents["status"] == "ok").sum() == FILES + JSONL_ROWS + PARQUET_ROWS


def test_broken_articles_are_error_rows(first_run):
    documents = Corpus(first_run["out"]).documents(status="error").set_index("document")
    for name, message in BROKEN.items():
        assert message in documents.loc[name, "error"], name
    assert "'text' is int, not a string" in documents.loc["numeric-text", "error"]
    assert "not JSON" in documents.loc["more.jsonl:2", "error"]
    assert "binary text (contains NUL characters), not a text article" in documents.loc["nul-text", "error"]
    assert (documents["places"] == 0).all() and len(documents) == len(BROKEN) + 3


def test_datasets_read_back_with_geopandas_pyarrow_and_duckdb(first_run):
    out = first_run["out"]
    places = geopandas.read_parquet(out / "places")
    assert places.crs.to_epsg() == 4326
    resolved = places[places["place_id"].notna()]
    assert len(resolved) > FILES and set(resolved.geometry.geom_type) == {"Point"}
    assert (resolved.geometry.x == resolved["lon"]).all() and (resolved.geometry.y == resolved["lat"]).all()
    assert places[places["place_id"].isna()].geometry.isna().all()
    assert [f.name for f in PLACE_FIELDS] == [c for c in places.columns if c in {f.name for f in PLACE_FIELDS}]
    claims = geopandas.read_parquet(out / "claims")
    assert claims.crs.to_epsg() == 4326
    drawn = claims[claims.geometry.notna()]
    assert len(drawn) >= FILES * 0.9 and set(drawn.geometry.geom_type) <= {"LineString", "MultiLineString"}
    assert not drawn.geometry.is_empty.any()
    assert {"consistent", "inconsistent"} <= set(claims["verdict"]) <= set(VERDICTS)
    table = pyarrow.dataset.dataset(out / "documents", format="parquet").to_table()
    assert table.num_rows == EXPECTED_DOCUMENTS
    glob = str(out / "places" / "day=*" / "*.parquet")
    per_role = dict(duckdb.execute("SELECT role, count(*) FROM read_parquet(?) GROUP BY role", [glob]).fetchall())
    assert per_role["strike_target"] >= FILES and sum(per_role.values()) == len(places)
    joined = duckdb.execute(
        "SELECT count(*) FROM read_parquet(?) p JOIN read_parquet(?) d ON p.article_id = d.article_id",
        [glob, str(out / "documents" / "day=*" / "*.parquet")],
    ).fetchone()[0]
    assert joined == len(places)


def test_dates_come_from_html_pages_and_tables(first_run):
    documents = Corpus(first_run["out"]).documents().set_index("document")
    html = documents[documents.index.str.endswith(".html")]
    assert len(html) == FILES // 5 and (html["published"].dt.strftime("%H:%M %Z") == "06:00 UTC").all()
    assert (html["published_from"] == "page").all() and (html["day"] == html["published"].dt.strftime("%Y-%m-%d")).all()
    text = documents[documents.index.str.endswith(".txt") & (documents["status"] == "ok")]
    assert text["published"].isna().all() and (text["day"] == "undated").all()
    rows = documents[documents.index.str.startswith("synthetic-")]
    assert len(rows) == JSONL_ROWS + PARQUET_ROWS and (rows["published"].dt.strftime("%H:%M:%S") == "00:00:00").all()
    assert (rows.index == rows["article_id"]).all() and rows["url"].notna().all() and rows["source"].notna().all()
    summer = Corpus(first_run["out"]).places(roles=["strike_target"], since="2024-06-01", until="2024-08-31")
    days = summer["published"].dt.strftime("%Y-%m-%d")
    assert len(summer) and days.between("2024-06-01", "2024-08-31").all() and (days == summer["day"]).all()


def test_rows_equal_geo_parse_and_check_distances(first_run):
    """On the articles of two months' folders (a sixth of the files, to keep the test short)."""
    months = ["2024-01", "2024-02"]
    folders = [str(Path(first_run["inputs"][0]) / month) for month in months]
    parsed = _geo("parse", *folders, "--format", "jsonl", "--jobs", "2")
    assert parsed.returncode == 0, parsed.stderr
    records = [json.loads(line) for line in parsed.stdout.splitlines()]
    names = {
        r["document"]: f"{month}/{r['document']}"
        for month in months
        for r in records
        if Path(first_run["inputs"][0], month, r["document"]).exists()
    }
    expected_places = {(names[r["document"]], i): p for r in records for i, p in enumerate(r["places"])}
    corpus = Corpus(first_run["out"])
    places = corpus.places()
    places = places[places["document"].isin(names.values())]
    got_places = {
        (row["document"], row["mention"]): {key: row[RENAMED.get(key, key)] for key in PLACE_KEYS}
        for row in _records(places)
    }
    for place in got_places.values():
        place["event_date"] = place["event_date"] and place["event_date"].strftime("%Y-%m-%d")
    assert len(names) == len(records) > 20 and got_places == expected_places
    checked = _geo("check-distances", *folders, "--format", "json")
    expected_claims = [{**c, "article": names[c["article"]]} for c in json.loads(checked.stdout)["claims"]]
    claims = corpus.claims()
    claims = claims[claims["document"].isin(names.values())]
    got_claims = _records(claims.drop(columns=["article_id", "document", "published", "day", "claim"]))
    names_back = {column: key for key, column in RENAMED.items()}
    got_claims = [{names_back.get(k, k): v for k, v in c.items()} for c in got_claims]

    def order(claim: dict) -> tuple:  # the datasets hold each day's articles together
        return claim["article"], claim["start"]

    assert sorted(got_claims, key=order) == sorted(expected_claims, key=order)


def _records(frame) -> list[dict]:
    """Rows as dicts with None for missing values (DuckDB gives NaN or NA)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _state(out: Path) -> dict[str, float]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in sorted(out.rglob("*.parquet"))}


def test_a_rerun_resumes_without_duplicates(first_run, cluster):
    out = first_run["out"]
    before = _state(out)
    rows = len(Corpus(out).places())
    again = _client(first_run["command"])
    assert again.returncode == 0, again.stderr  # the errors were this input's first run's
    assert "0 parsed now" in again.stderr and f"{EXPECTED_DOCUMENTS} skipped as already in the datasets" in again.stderr
    assert _state(out) == before
    # a partition cut short (its files written, its record not) is redone, and only it
    (cut,) = list((out / "_partitions").glob("part-000003-*.json"))
    cut.unlink()
    again = _client(first_run["command"])
    assert f"{PARTITION} parsed now" in again.stderr, again.stderr
    after = _state(out)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed and all(Path(name).stem == cut.stem for name in changed) and set(after) == set(before)
    assert len(Corpus(out).places()) == rows and len(Corpus(out).documents()) == EXPECTED_DOCUMENTS


def _batch(path: Path, rows: list[dict]) -> str:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row) + "\n" for row in rows)
    return str(path)


def test_an_appended_batch_adds_only_its_new_articles(cluster, tmp_path):
    """The datasets of a first batch, then a second one of 10 new articles, 5 with ids of the first batch
    and 5 with its texts under new ids (copied, as wires copy, with other line breaks)."""
    address, client, bin = cluster
    items = [asdict(item) for item in articles(35, seed=28)]
    out = tmp_path / "out"
    command = [str(bin / "strike-map"), "corpus", "-o", str(out), "--scheduler", address, "--partition-size", "4"]
    first = _client([*command, _batch(tmp_path / "first.jsonl", items[:20])])
    assert first.returncode == 0 and "20 articles read: 20 parsed now" in first.stderr, first.stderr
    before = _state(out)
    repeated_ids = [{**row, "id": items[n]["id"]} for n, row in enumerate(items[30:35])]
    repeated_texts = [
        {**items[n], "id": f"copy-{n}", "text": items[n]["text"].replace("\n", "\n\n")} for n in range(5, 10)
    ]
    second = _client(
        [*command, _batch(tmp_path / "second.jsonl", [*items[20:25], *repeated_ids, *items[25:30], *repeated_texts])]
    )
    assert second.returncode == 0, second.stderr
    assert "20 articles read: 10 parsed now" in second.stderr
    assert "10 skipped as already in the datasets (5 same id, 5 same text)" in second.stderr
    after = _state(out)
    assert {name: after[name] for name in before} == before  # nothing of the first batch re-parsed or rewritten
    documents = Corpus(out).documents()
    assert sorted(documents["article_id"]) == sorted(row["id"] for row in items[:30])
    new_days = {row["published"] for row in items[20:30]}
    assert {name.split("/")[1] for name in set(after) - set(before)} <= {f"day={day}" for day in new_days}
    assert (documents["day"] == documents["published"].dt.strftime("%Y-%m-%d")).all()
    for dataset in ("places", "claims", "documents"):
        for path in (out / dataset).rglob("*.parquet"):
            table = pyarrow.parquet.read_table(path)
            assert table.schema.field("published").type == pyarrow.timestamp("us", tz="UTC")
            assert {d.strftime("%Y-%m-%d") for d in table.column("published").to_pylist()} == {path.parent.name[4:]}
    assert (
        pyarrow.parquet.read_schema(next((out / "places").rglob("*.parquet"))).field("event_date").type
        == pyarrow.date32()
    )


def test_a_client_killed_and_rerun_loses_and_duplicates_nothing(cluster, tmp_path):
    """The client is killed (SIGKILL) once a partition is recorded; the partitions it left in flight finish
    or not; the same command run again adds exactly the articles that are missing."""
    address, client, bin = cluster
    items = articles(48, seed=29)
    write_files(tmp_path / "in", items)
    out = tmp_path / "out"
    command = [str(bin / "strike-map"), "corpus", str(tmp_path / "in"), "-o", str(out), "--scheduler", address]
    command += ["--partition-size", "4"]
    run = subprocess.Popen(command, cwd=ROOT, env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + TIMEOUT
        while run.poll() is None and not list(out.glob("_partitions/*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        run.kill()
    finally:
        run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL, "the run ended before its client could be killed"
    written = len(Corpus(out).documents())
    assert 0 < written < len(items)
    again = _client(command)  # may start while partitions of the killed client are still being written
    assert again.returncode == 0, again.stderr
    assert f"{len(items)} articles read: " in again.stderr
    documents = Corpus(out).documents()
    assert len(documents) == len(items) and documents["article_id"].is_unique


def test_a_scheduler_without_the_project_is_told_what_to_install(tmp_path):
    """The environment of the .venv alone, the project not installed: the client says what to install before
    it sends any partition."""
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=TIMEOUT)
    purelib = next(bare.glob("lib/python*/site-packages"))
    (purelib / "project-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    port = _free_port()
    scheduler = _start(
        bare / "bin",
        tmp_path / "scheduler.log",
        *("scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", "127.0.0.1:0"),
    )
    try:
        time.sleep(5)
        command = ["corpus", str(ROOT / "data" / "articles"), "-o", str(tmp_path / "out")]
        refused = _client([sys.executable, "-m", "strike_map", *command, "--scheduler", f"tcp://127.0.0.1:{port}"])
    finally:
        _stop(scheduler)
    assert refused.returncode == 2
    assert "the Dask scheduler cannot import Strike Map (No module named 'corpus')" in refused.stderr
    assert "pip install --no-deps -e" in refused.stderr and "rerun" not in refused.stderr
    assert not list((tmp_path / "out").rglob("*.parquet"))

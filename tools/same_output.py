"""`make same-output BASE=<git ref>`: does the working tree give every output of the geoparser's commands byte
for byte as BASE does?

The commands (`parse --format json`, `check-distances` as a table and as JSON, `export`, `corpus --workers
1`) run on the sample articles (data/articles) and, when the file exists, on the GeoWebNews texts (extracted
from GWN.xml into a temporary folder, never into the project), once in a temporary `git worktree` of BASE
and once in this working tree, both with this checkout's .venv and gazetteer store (BASE gets a store of its
own, built in its worktree, when its gazetteer would not take this one as current). Each tree runs its
`python -m geo` commands in one process (the models load once), so that a run stays within minutes; the
corpus runner runs as its own `python -m strike_map corpus` process. Standard output, standard error and the exit
status of every command are compared, and every file the commands write; so are the --help texts (`python -m
geo.evaluate --help` too), which list the flags. A Parquet file whose bytes differ is compared again by its
table's contents and schema (with metadata), and the report says so; the corpus runner's messages and its
partitions' manifests are compared with what differs from run to run masked (RUN_SPECIFIC).

Exit status 0 when everything is the same, 1 when something differs, 2 when the run itself fails."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "articles"
GWN = ROOT.parent / "shared" / "eval" / "GWN.xml"
STORE = ROOT / "gazetteer" / "store"
NPM = ROOT / "gazetteer" / "npm"
RUN_SPECIFIC = re.compile(
    rb"[\d,.]+ ?docs?/s|(?<=Dask dashboard: http://127\.0\.0\.1:)\d+|^progress: .*\n|(?<=\"written\": \")[^\"]*",
    re.MULTILINE,
)
"""What differs between two runs of `geo corpus` on the same input: its rate, the dashboard's port, the
progress lines (as many as the run's minutes give) and when each partition's manifest was written."""

DRIVER = """
import contextlib, json, runpy, sys
out = sys.argv[1]
for name, argv in json.loads(sys.argv[2]):
    with open(f"{out}/{name}.stdout", "w", encoding="utf-8", newline="") as stdout, \\
            open(f"{out}/{name}.stderr", "w", encoding="utf-8", newline="") as stderr, \\
            contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        sys.argv = ["python -m geo", *argv]
        try:
            runpy.run_module("geo", run_name="__main__", alter_sys=True)
            status = 0
        except SystemExit as done:
            status = done.code
        except Exception as error:
            status = f"raised {type(error).__name__}: {error}"
    with open(f"{out}/{name}.status", "w", encoding="utf-8") as file:
        file.write(f"{status}\\n")
"""
"""Runs `python -m geo ARGS...` for each (name, args) in one interpreter, from the tree it is started in; a
command that raises is recorded with its exception as its status."""


def gwn_texts(xml: Path, folder: Path) -> Path:
    """One UTF-8 text file per GeoWebNews article, named by its position, as `python -m geo.evaluate` reads
    the texts."""
    folder.mkdir()
    for index, article in enumerate(ET.parse(xml).getroot().iter("article")):
        (folder / f"{index:03d}.txt").write_text(article.findtext("text") or "", encoding="utf-8", newline="")
    return folder


def commands(inputs: dict[str, Path], out: Path) -> list[tuple[str, list[str]]]:
    runs: list[tuple[str, list[str]]] = [("help", ["--help"]), ("check-distances-default", ["check-distances"])]
    runs += [(f"help-{command}", [command, "--help"]) for command in ("parse", "check-distances", "export")]
    for label, folder in inputs.items():
        runs += [
            (f"parse-{label}", ["parse", "--format", "json", str(folder)]),
            (f"check-distances-{label}", ["check-distances", str(folder)]),
            (f"check-distances-json-{label}", ["check-distances", "--format", "json", str(folder)]),
            (f"export-{label}", ["export", str(folder), "-o", str(out / f"export-{label}.geojson")]),
        ]
    return runs


def corpus_command(tree: Path) -> list[str]:
    """How `tree` runs the corpus command: `python -m strike_map corpus` since the command line above geo and
    corpus exists (strike_map/), `python -m geo corpus` before."""
    return [sys.executable, "-m", "strike_map" if (tree / "strike_map").is_dir() else "geo", "corpus"]


def run_tree(tree: Path, inputs: dict[str, Path], out: Path) -> float:
    """Every command's outputs in `out`, run in `tree`; the seconds it took."""
    started = time.perf_counter()
    out.mkdir()
    subprocess.run([sys.executable, "-c", DRIVER, str(out), json.dumps(commands(inputs, out))], cwd=tree, check=True)
    with open(out / "help-evaluate.stdout", "wb") as stdout:
        subprocess.run([sys.executable, "-m", "geo.evaluate", "--help"], cwd=tree, stdout=stdout, check=True)
    with open(out / "help-corpus.stdout", "wb") as stdout:
        subprocess.run([*corpus_command(tree), "--help"], cwd=tree, stdout=stdout, check=True)
    for label, folder in inputs.items():
        with open(out / f"corpus-{label}.stderr", "wb") as stderr:
            done = subprocess.run(
                [
                    *corpus_command(tree),
                    str(folder),
                    "-o",
                    str(out / f"corpus-{label}"),
                    "--workers",
                    "1",
                ],
                cwd=tree,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                check=False,
            )
        (out / f"corpus-{label}.status").write_text(f"{done.returncode}\n", encoding="utf-8")
    return time.perf_counter() - started


def shares_store(tree: Path) -> bool:
    """Links this checkout's gazetteer store into `tree` when `tree`'s gazetteer would take it as current
    (the same source versions and build code); else leaves `tree` without a store. The npm package the
    Makefile unpacks for the gazetteer (git-ignored, so no worktree has it) is linked in first: the store's
    freshness reads its version, and a build of `tree`'s own store reads its data."""
    (tree / NPM.relative_to(ROOT)).symlink_to(NPM, target_is_directory=True)
    link = tree / "gazetteer" / "store"
    link.symlink_to(STORE, target_is_directory=True)
    fits = (
        subprocess.run(
            [sys.executable, "-c", "from gazetteer.freshness import needs_build; print(needs_build())"],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        == "False"
    )
    if not fits:
        link.unlink()
    return fits


def same_parquet(a: Path, b: Path) -> bool:
    import pyarrow.parquet as pq

    ta, tb = pq.read_table(a), pq.read_table(b)
    return ta.schema.equals(tb.schema, check_metadata=True) and ta.equals(tb)


def compare(base: Path, work: Path) -> tuple[list[str], list[str], int]:
    """(differences, notes, files compared)."""
    differences, notes = [], []
    names = {p.relative_to(base) for p in base.rglob("*") if p.is_file()}
    names |= {p.relative_to(work) for p in work.rglob("*") if p.is_file()}
    for name in sorted(names):
        a, b = base / name, work / name
        if not a.exists() or not b.exists():
            differences.append(f"{name}: only {'in the working tree' if b.exists() else 'at BASE'}")
            continue
        da, db = a.read_bytes(), b.read_bytes()
        if (name.name.startswith("corpus-") and name.suffix == ".stderr") or name.parent.name == "_partitions":
            da, db = RUN_SPECIFIC.sub(b"*", da), RUN_SPECIFIC.sub(b"*", db)
        if da == db:
            continue
        if name.suffix == ".parquet" and same_parquet(a, b):
            notes.append(f"{name}: bytes differ, table contents and schema (with metadata) are the same")
            continue
        differences.append(f"{name}: differs")
    return differences, notes, len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/same_output.py", description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git ref to compare with (default main)")
    parser.add_argument("--gwn", type=Path, default=GWN, help=f"GeoWebNews XML (default {GWN}; skipped if missing)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        tmp_path = Path(tmp)
        inputs = {"samples": SAMPLES}
        if args.gwn.is_file():
            inputs["gwn"] = gwn_texts(args.gwn, tmp_path / "gwn")
        else:
            print(f"note: {args.gwn} not found: GeoWebNews left out", file=sys.stderr)
        counts = {label: len(list(folder.glob("*.txt"))) for label, folder in inputs.items()}
        base_tree = tmp_path / "base"
        subprocess.run(
            ["git", "worktree", "add", "--quiet", "--detach", str(base_tree), args.base], cwd=ROOT, check=True
        )
        try:
            if not shares_store(base_tree):
                print(
                    f"note: this checkout's gazetteer store does not fit {args.base}'s gazetteer build; "
                    f"building {args.base} a store of its own",
                    file=sys.stderr,
                )
                subprocess.run([sys.executable, "-m", "gazetteer", "build", "--if-needed"], cwd=base_tree, check=True)
            with ThreadPoolExecutor(2) as pool:
                runs = {
                    label: pool.submit(run_tree, tree, inputs, tmp_path / f"out-{label}")
                    for label, tree in (("base", base_tree), ("work", ROOT))
                }
                seconds = {label: run.result() for label, run in runs.items()}
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT, check=True)
        differences, notes, count = compare(tmp_path / "out-base", tmp_path / "out-work")
    print("inputs: " + ", ".join(f"{label} ({n} articles)" for label, n in counts.items()))
    print(
        f"{count} outputs compared, {args.base} against the working tree "
        f"({seconds['base']:.0f} s and {seconds['work']:.0f} s)"
    )
    for line in notes:
        print(f"note: {line}")
    for line in differences:
        print(f"DIFFERENT: {line}")
    print("same output" if not differences else f"{len(differences)} outputs differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

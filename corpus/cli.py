"""The `corpus` and `compact` commands of `strike-map` (strike_map/cli.py): their flags and what they print.
The runner, and Dask and pyarrow with it, are imported only when a command runs, so the other commands start
without them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.progress import EVERY
from geo import iso_date

ARTICLE_ERRORS, STOPPED = 1, 2
"""Exit statuses, as `geo parse` has them: some article has status error; the run could not go on."""


def _corpus(args: argparse.Namespace) -> int:
    from corpus.run import CorpusError, run

    try:
        summary = run(
            args.inputs,
            args.output,
            workers=args.workers,
            scheduler=args.scheduler,
            partition_size=args.partition_size,
            published=args.published,
            progress_every=args.progress_every,
        )
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return STOPPED
    print(summary.line(), file=sys.stderr)
    if summary.failed:
        print("error: rerun the same command to parse the articles of the failed partitions", file=sys.stderr)
        return STOPPED
    return ARTICLE_ERRORS if summary.errors else 0


def _compact(args: argparse.Namespace) -> int:
    from corpus.dataset import BusyError, LayoutError, compact, prepare, records, writing
    from corpus.schema import DAY

    root = Path(args.folder)
    if not (root / "documents").is_dir():
        print(f"error: {root} holds no datasets (no documents/ folder)", file=sys.stderr)
        return STOPPED
    try:
        prepare(root)
        with writing(root):
            days = args.day or sorted({entry[DAY] for record in records(root) for entry in record["files"]})
            replaced = {day: compact(root, day) for day in days}
    except (LayoutError, BusyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return STOPPED
    done = {day: count for day, count in replaced.items() if count}
    print(
        f"{len(done):,} of {len(days):,} days compacted: {sum(done.values()):,} files rewritten into one file per "
        "dataset and day",
        file=sys.stderr,
    )
    return 0


def _date(text: str) -> str:
    if iso_date(text) is None:
        raise argparse.ArgumentTypeError(f"{text}: not an ISO 8601 date or date-time")
    return text.strip()


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be at least 1")
    return value


def add_commands(commands: argparse._SubParsersAction) -> None:
    """`corpus` and `compact`, added to the `strike-map` command line."""
    corpus = commands.add_parser("corpus", help="parse a corpus on a Dask cluster into GeoParquet datasets (resumable)")
    corpus.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="articles, folders of them, and article tables (.jsonl, .jsonl.gz, .parquet with a 'text' column)",
    )
    corpus.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="DIR",
        help="folder of the places/, claims/ and documents/ datasets; a run adds the articles they do not hold yet",
    )
    engine = corpus.add_mutually_exclusive_group()
    engine.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="single-threaded worker processes of a local cluster (default: one per core)",
    )
    engine.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786")
    corpus.add_argument(
        "--partition-size",
        type=_positive,
        metavar="N",
        help="articles per partition (default 100)",
    )
    corpus.add_argument(
        "--published",
        type=_date,
        metavar="DATE",
        help="publication date (ISO 8601) of the articles that state none: no table column, sidecar, page date or dateline",
    )
    corpus.add_argument(
        "--progress-every",
        type=float,
        default=EVERY,
        metavar="SECONDS",
        help=f"off a terminal, a progress line this often (default {EVERY:g}); on one, a bar",
    )
    corpus.set_defaults(run=_corpus)
    compaction = commands.add_parser("compact", help="rewrite each day's small files of corpus datasets into one")
    compaction.add_argument("folder", metavar="DIR", help="the -o DIR of strike-map corpus")
    compaction.add_argument(
        "--day", action="append", metavar="DAY", help="only this day (YYYY-MM-DD or 'undated'; repeatable)"
    )
    compaction.set_defaults(run=_compact)

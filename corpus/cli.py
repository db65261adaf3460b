"""The `corpus` command of `strike-map` (strike_map/cli.py): its flags and what it prints. The runner, and
Dask with it, is imported only when the command runs, so the other commands start without it."""

from __future__ import annotations

import argparse
import sys

ARTICLE_ERRORS, STOPPED = 1, 2
"""Exit statuses, as `geo parse` has them: some article has status error; the run could not go on."""


def _corpus(args: argparse.Namespace) -> int:
    from corpus.run import CorpusError, run

    try:
        summary = run(
            args.inputs, args.output, workers=args.workers, scheduler=args.scheduler, partition_size=args.partition_size
        )
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return STOPPED
    print(summary.line(), file=sys.stderr)
    return ARTICLE_ERRORS if summary.errors else 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be at least 1")
    return value


def add_commands(commands: argparse._SubParsersAction) -> None:
    """`corpus`, added to the `strike-map` command line."""
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
        help="folder of the places/, claims/ and documents/ datasets; rerunning resumes",
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
        help="articles per partition (default 100; partitions already written are kept only when it is unchanged)",
    )
    corpus.set_defaults(run=_corpus)

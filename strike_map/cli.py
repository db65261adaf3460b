"""`strike-map parse | check-distances | export | corpus`: the commands of geo/run/cli.py and corpus/cli.py
on one command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from corpus import cli as corpus_cli
from geo.run import cli as geo_cli


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="strike-map", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    geo_cli.add_commands(commands)
    corpus_cli.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return geo_cli.main(argv, build_parser())

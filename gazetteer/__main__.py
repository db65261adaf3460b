"""Command line: `python -m gazetteer build [--if-needed] [--force]`, `python -m gazetteer lookup NAME`."""

from __future__ import annotations

import argparse
import json
import sys
import time

from gazetteer.ensure import ensure_store
from gazetteer.freshness import STORE_PATH, needs_build
from gazetteer.place import KINDS
from gazetteer.store import Gazetteer


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m gazetteer", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the SQLite store from the installed data packages")
    mode = build.add_mutually_exclusive_group()
    mode.add_argument("--if-needed", action="store_true", help="only when the store is missing or stale")
    mode.add_argument("--force", action="store_true", help="rebuild even when the store is up to date")
    lookup = commands.add_parser("lookup", help="print the candidates for a place name")
    lookup.add_argument("name")
    lookup.add_argument("--kind", action="append", choices=KINDS, help="keep only this kind (repeatable)")
    lookup.add_argument("--limit", type=int, default=20)
    lookup.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def _table(places) -> str:
    header = ("id", "kind", "name", "country", "admin1", "population", "lat", "lon", "prior")
    rows = [header] + [
        (
            p.id,
            p.kind,
            p.name,
            p.country or "",
            p.admin1 or "",
            "" if p.population is None else str(p.population),
            f"{p.lat:.5f}",
            f"{p.lon:.5f}",
            f"{p.prior:.3f}",
        )
        for p in places
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        if args.if_needed and not needs_build():
            print(f"gazetteer store is up to date: {STORE_PATH}", file=sys.stderr)
            return 0
        started = time.perf_counter()
        ensure_store(force=True)
        print(f"gazetteer store built in {time.perf_counter() - started:.1f} s: {STORE_PATH}", file=sys.stderr)
        return 0
    places = Gazetteer().lookup(args.name, kind=args.kind, limit=args.limit)
    if args.json:
        print(json.dumps([p.to_dict() for p in places], ensure_ascii=False, indent=2))
    elif places:
        print(_table(places))
    else:
        print(f"no place named {args.name!r}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

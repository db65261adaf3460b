"""`python -m geo parse | check-distances | export`: the geoparser over files, directories or stdin."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from geo.claims.check import Tolerances, check_claims, shown_distance
from geo.output.geojson import claim_properties, to_geojson_text
from geo.text.articles import ARTICLE_SUFFIXES, InputError, expand_paths, iter_articles
from geo.model import VERDICTS, ClaimCheck, NoiseRun, ParsedDocument, PlaceMention
from geo.run.parallel import parse_parallel

SAMPLE_CORPUS = Path(__file__).resolve().parents[2] / "data" / "articles"
"""What check-distances and export read when given no argument."""
PLACE_KEYS = (
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
)
OK, INCONSISTENT, BAD_INPUT = 0, 1, 2
FAILED_FILE = 1
"""parse's status when some file could not be read (the others are still printed)."""
NOISE_VERDICT = "unverifiable noise"


def place_record(mention: PlaceMention) -> dict:
    """A place as `parse` prints it; an unresolved one has id, lat and lon null."""
    return {key: getattr(mention, key) for key in PLACE_KEYS}


def document_record(doc: ParsedDocument) -> dict:
    """One line of `parse --format jsonl`."""
    return {
        "document": doc.document,
        "headline": doc.headline,
        "published": doc.published,
        "encoding": doc.encoding,
        "places": [place_record(m) for m in doc.places],
    }


def format_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Plain columns padded to their widest cell; numbers right-aligned."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    numeric = [
        bool(rows) and all(isinstance(r[i], (int, float)) or r[i] is None for r in rows) for i in range(len(header))
    ]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, cells)])


class _Run:
    """Reads the arguments' articles in order and parses them; unreadable files are counted and listed on
    stderr at the end, after every readable one has been parsed."""

    def __init__(self, arguments: Sequence[str], default: Sequence[str] = (), jobs: int = 1):
        self.sources = expand_paths(arguments or default)
        self.jobs = jobs
        self.errors: list[InputError] = []
        if not self.sources:
            self.errors.append(
                InputError(f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in {' '.join(arguments or default)}")
            )

    @property
    def failed(self) -> int:
        return len(self.errors)

    def documents(self) -> Iterator[ParsedDocument]:
        """Parsed documents in input order; a progress bar with documents/s on an interactive stderr."""
        articles = iter_articles(self.sources, self.errors.append)
        parsed = parse_parallel(((a.name, a.text, a.published, a.encoding) for a in articles), self.jobs)
        bar = tqdm(
            parsed,
            total=len(self.sources),
            unit="doc",
            file=sys.stderr,
            dynamic_ncols=True,
            disable=len(self.sources) < 2 or not sys.stderr.isatty(),
        )
        yield from bar
        bar.close()
        self.report_errors()

    def report_errors(self) -> None:
        if len(self.sources) > 1 and self.errors:
            print(f"{len(self.errors)} of {len(self.sources)} files could not be read:", file=sys.stderr)
        for error in self.errors:
            print(f"error: {error}", file=sys.stderr)


def _write_documents(args: argparse.Namespace, run: _Run, out: TextIO) -> None:
    if args.format == "jsonl":
        for doc in run.documents():
            out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            out.flush()
    elif args.format == "json":
        records = [document_record(d) for d in run.documents()]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        header = ["document", *PLACE_KEYS]
        rows = [[d.document, *(getattr(m, k) for k in PLACE_KEYS)] for d in run.documents() for m in d.places]
        out.write(format_table(header, rows) + "\n")


def _parse(args: argparse.Namespace) -> int:
    run = _Run(args.files, jobs=args.jobs)
    if not run.sources:
        run.report_errors()
    elif args.output == "-":
        _write_documents(args, run, sys.stdout)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            _write_documents(args, run, out)
    return FAILED_FILE if run.failed else OK


def summary(checks: Sequence[ClaimCheck], noise: Sequence[tuple[str, NoiseRun]] = ()) -> str:
    """'5 claims: 5 consistent, 0 inconsistent, 0 unverifiable', and the noise left out when there is some."""
    counts = Counter(c.verdict for c in checks)
    noun = "claim" if len(checks) == 1 else "claims"
    line = f"{len(checks)} {noun}: " + ", ".join(f"{counts[v]} {v}" for v in VERDICTS)
    if noise:
        line += (
            f"; {sum(run.count for _, run in noise):,} distance-like numbers in {len(noise)} run(s) left out as noise"
        )
    return line


def _computed_text(check: ClaimCheck) -> str:
    """The geodesic in the claim's own unit, as the claim would state it."""
    if check.computed_km is None:
        return ""
    claim = check.claim
    if not claim.claimed_km:
        return ""
    return f"{shown_distance(check.computed_km * claim.value / claim.claimed_km):,} {claim.unit}"


def _check_distances(args: argparse.Namespace) -> int:
    tolerances = Tolerances(plain=args.tolerance / 100) if args.tolerance is not None else Tolerances()
    run = _Run(args.paths, [str(SAMPLE_CORPUS)])
    checks: list[ClaimCheck] = []
    noise: list[tuple[str, NoiseRun]] = []
    read = 0
    for doc in run.documents():
        read += 1
        checks.extend(check_claims(doc, tolerances))
        noise.extend((doc.document, n) for n in doc.noise)
    if not read and run.failed:
        return BAD_INPUT  # nothing could be read: the errors are on stderr and stdout stays empty
    rows = [claim_properties(c) for c in checks]
    if args.format == "json":
        notes = [{"article": doc, "count": n.count, "start": n.start, "end": n.end, "note": n.note} for doc, n in noise]
        print(
            json.dumps(
                {"claims": rows, "noise": notes, "summary": summary(checks, noise)}, ensure_ascii=False, indent=2
            )
        )
    elif args.format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
        for document, n in noise:
            print(f"note: {document}: {n.note}", file=sys.stderr)
        print(summary(checks, noise), file=sys.stderr)
    else:
        header = ["subject", "origin", "claimed", "computed", "deviation", "verdict", "article", "reason"]
        table = [
            [
                r["subject_name"] or r["subject"],
                r["origin_name"] or r["origin"],
                r["claimed"],
                _computed_text(c),
                "" if c.deviation_pct is None else f"{c.deviation_pct:+.1f} %",
                c.verdict,
                c.document,
                c.reason,
            ]
            for r, c in zip(rows, checks, strict=True)
        ]
        table += [["", "", f"{n.count:,} numbers", "", "", NOISE_VERDICT, doc, n.note] for doc, n in noise]
        print(format_table(header, table))
        print(summary(checks, noise))
    if run.failed:
        return BAD_INPUT
    return INCONSISTENT if any(c.verdict == "inconsistent" for c in checks) else OK


def _export(args: argparse.Namespace) -> int:
    run = _Run(args.paths, [str(SAMPLE_CORPUS)])
    docs = list(run.documents())
    checks = [c for doc in docs for c in check_claims(doc)]
    text = to_geojson_text(docs, checks)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            out.write(text)
    return BAD_INPUT if run.failed else OK


def _percent(text: str) -> float:
    value = float(text)
    if not 0 <= value < 1000:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage between 0 and 1000")
    return value


def _jobs(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text}: the number of jobs cannot be negative")
    return value or os.cpu_count() or 1


def add_commands(commands: argparse._SubParsersAction) -> None:
    """parse, check-distances and export, added to a command line's subcommands (this one's, or the
    `strike-map` command's, which adds `corpus` beside them)."""
    parse = commands.add_parser("parse", help="find and resolve the places articles name")
    parse.add_argument(
        "files",
        nargs="*",
        metavar="FILE|DIR",
        help="articles, or folders whose tree of .txt/.md/.html files is read; stdin when none or '-'",
    )
    parse.add_argument("--format", choices=("table", "json", "jsonl"), default="table")
    parse.add_argument("-o", "--output", default="-", metavar="OUT", help="output file; stdout when '-'")
    parse.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes (default 1; 0 = one per core); the output order is the input order",
    )
    parse.set_defaults(run=_parse)
    check = commands.add_parser("check-distances", help="check the distances articles claim; exit 1 if any is false")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="FILE|DIR",
        help=f"articles or directories of them; default {SAMPLE_CORPUS.name}/ of the sample corpus",
    )
    check.add_argument("--format", choices=("table", "json", "csv"), default="table")
    check.add_argument(
        "--tolerance",
        type=_percent,
        metavar="PCT",
        help=f"tolerance for plain and 'about' numbers in percent (default {Tolerances().plain * 100:.0f} %%)",
    )
    check.set_defaults(run=_check_distances)
    export = commands.add_parser("export", help="write places and claim lines as GeoJSON")
    export.add_argument("paths", nargs="*", metavar="FILE|DIR", help="articles or directories (default: samples)")
    export.add_argument("-o", "--output", default="-", metavar="OUT.geojson", help="output file; stdout when '-'")
    export.set_defaults(run=_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: Sequence[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    """Runs the command `argv` names on `parser` (by default this one's) and returns its exit status."""
    args = (parser or build_parser()).parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader (e.g. `head`) stopped early: silence the final flush of stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK

"""The curated overlay (gazetteer/overlay.csv): well-known regions no installed source has, each row with
its source. Points are approximate centres, for placing a marker, not for measuring distances."""

from __future__ import annotations

import csv
from pathlib import Path

from gazetteer.place import KINDS, Place
from gazetteer.prior import prior
from gazetteer.sources import Entry

OVERLAY_PATH = Path(__file__).resolve().parent.parent / "overlay.csv"
_COLUMNS = ("id", "kind", "name", "aliases", "country", "lat", "lon", "source")


def overlay_entries(path: Path = OVERLAY_PATH) -> list[Entry]:
    """Entries of the overlay; a row without a source or with an unknown kind is an error, not skipped."""
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path}: columns must be {','.join(_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            if not row["source"].strip() or row["kind"] not in KINDS:
                raise ValueError(f"{path}:{line}: every row needs a source and a kind from {KINDS}")
            place = Place(
                id=f"overlay:{row['id']}",
                kind=row["kind"],
                name=row["name"],
                country=row["country"] or None,
                admin1=None,
                population=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                prior=prior(row["kind"]),
            )
            entries.append(Entry(place, frozenset({row["name"]}), frozenset(a for a in row["aliases"].split("|") if a)))
    return entries

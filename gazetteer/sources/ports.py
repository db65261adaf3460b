"""Seaports from `searoute` (Apache-2.0), which ships ports.geojson: UN/LOCODE, name and position of each.

A port is indexed under its name and the forms news gives it ("Port of X", "X port"); its prior is kept
below any town's, so a bare "X" is the town unless the words around it name a port (kind cues).
"""

from __future__ import annotations

import json
from importlib.metadata import distribution

from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable


def port_entries() -> list[Entry]:
    """One "port" entry per UN/LOCODE of ports.geojson (read without importing the package and its graph
    libraries), at its first feature's point, under the names of all its features; the country is the
    code's first two letters."""
    path = distribution("searoute").locate_file("searoute/data/ports.geojson")
    with open(str(path), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    places: dict[str, Place] = {}
    names: dict[str, set[str]] = {}
    for feature in features:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"]
        name = (props.get("name") or "").strip()
        if not readable(name):
            continue
        code = props["port"]
        names.setdefault(code, set()).update({name, f"Port of {name}", f"{name} port"})
        places.setdefault(
            code,
            Place(
                id=f"unlocode:{code}",
                kind="port",
                name=name,
                country=code[:2],
                admin1=None,
                population=None,
                lat=float(lat),
                lon=float(lon),
                prior=prior("port"),
            ),
        )
    return [Entry(place, frozenset(names[code])) for code, place in places.items()]

"""Seaports from `searoute` (Apache-2.0), which ships ports.geojson: UN/LOCODE, name and position of each.

A port is indexed under its name and the forms news gives it ("Port of X", "X port"); its prior is kept
below any town's, so a bare "X" is the town unless the words around it name a port (kind cues). A port
beside a town of its own name is left out: the town already places it within a few kilometres, and two
entries for one place would split an article's mentions of it (the roles of one place would not carry).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib.metadata import distribution

from pyproj import Geod

from gazetteer.normalize import name_key
from gazetteer.place import Place
from gazetteer.prior import prior
from gazetteer.sources import Entry, readable, towns_named


# A port this close (metres) to a town of the same name is that town's port.
TOWN_PORT_M = 15_000.0
_GEOD = Geod(ellps="WGS84")


def port_entries(towns: Sequence[Entry]) -> list[Entry]:
    """One "port" entry per UN/LOCODE of ports.geojson (read without importing the package and its graph
    libraries), at its first feature's point, under the names of all its features; the country is the
    code's first two letters. Ports beside a town (of `towns`, the city entries) of their name are left out."""
    path = distribution("searoute").locate_file("searoute/data/ports.geojson")
    with open(str(path), encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    keys = {name_key(f["properties"].get("name") or "") for f in features}
    beside_towns = towns_named(keys, towns)
    places: dict[str, Place] = {}
    names: dict[str, set[str]] = {}
    for feature in features:
        props, (lon, lat) = feature["properties"], feature["geometry"]["coordinates"]
        name = (props.get("name") or "").strip()
        code = props["port"]
        beside = beside_towns.get((code[:2], name_key(name)), ())
        if not readable(name) or any(_GEOD.inv(lon, lat, t_lon, t_lat)[2] <= TOWN_PORT_M for t_lat, t_lon in beside):
            continue
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

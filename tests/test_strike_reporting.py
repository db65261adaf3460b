"""Sentences written like real strike reporting, one for each kind of name the strike-reporting issue
lists: each asserts the point chosen, or that there is none."""
from __future__ import annotations

import pytest
from pyproj import Geod

import geo
from geo.model import PlaceMention

GEOD = Geod(ellps="WGS84")


def km(m: PlaceMention, lat: float, lon: float) -> float:
    return GEOD.inv(m.lon, m.lat, lon, lat)[2] / 1000


def named(text: str, name: str) -> list[PlaceMention]:
    return [m for m in geo.parse(text).places if m.text == name]


@pytest.mark.parametrize(("text", "name"), [
    ("According to the Baza channel, two drones were shot down over the Tula region.", "Baza"),
    ("The Baza Telegram channel said that the fire at the depot in Tula was put out.", "Baza"),
    ("Explosions were heard in Tula, Baza said.", "Baza"),
])
def test_an_outlet_is_no_place(text, name):
    assert not [m for m in named(text, name) if m.resolved]
    (tula,) = named(text, "Tula")
    assert km(tula, 54.2, 37.6) < 60


@pytest.mark.parametrize(("text", "name"), [
    ("Ukraine's navy used Magura drones to sink the corvette.", "Magura"),
    ("A Magura sea drone struck the landing ship.", "Magura"),
    ("Russia fired Tambov missiles at the port of Izmail.", "Tambov"),
])
def test_a_weapon_is_no_place(text, name):
    assert not named(text, name)


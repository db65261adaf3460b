"""GeoJSON export: merged place points, densified geodesic claim lines, and a lossless GDAL read-back."""

from __future__ import annotations

import json
import math

import geopandas
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from geo.claims.check import check_claims, geodesic_km
from geo.output.geojson import MAX_POINTS, feature_collection, geodesic_line, to_geojson_text
from geo.model import DistanceClaim, ParsedDocument, PlaceMention

KYIV = (50.4547, 30.5238)
BELAYA = (52.915, 103.575)
DYAGILEVO = (54.642284, 39.569047)
ANADYR = (64.7337, 177.5089)
NOME = (64.5011, -165.4064)


def mention(
    text: str,
    at,
    id: str | None,
    kind: str,
    role: str = "mention",
    attacker: str | None = None,
    sentence: str = "",
    confidence: float = 0.9,
) -> PlaceMention:
    return PlaceMention(
        text=text,
        start=0,
        end=len(text),
        id=id,
        name=text.title() if id else None,
        kind=kind if id else None,
        lat=at[0] if id else None,
        lon=at[1] if id else None,
        country="RU" if id else None,
        admin1="Irkutsk" if id else None,
        confidence=confidence,
        role=role,
        attacker=attacker,
        sentence=sentence or f"About {text}.",
        sentence_start=0,
        sentence_end=0,
    )


def claim(value: float, subject, origin, hedge=None, origin_text=None) -> DistanceClaim:
    return DistanceClaim(
        value,
        None,
        "km",
        hedge,
        value,
        None,
        subject,
        origin,
        origin_text,
        f"{value} km",
        5,
        11,
        f"It is {value} km away.",
        0,
        20,
    )


def docs():
    kyiv = mention("Kyiv", KYIV, "g:kyiv", "city", "origin")
    belaya = mention("Belaya", BELAYA, "a:uiib", "airbase", "strike_target", "Ukraine", "Belaya was hit.")
    dyag = mention("Dyagilevo", DYAGILEVO, "a:dyag", "airbase", "strike_target", "Ukraine")
    anadyr = mention("Anadyr", ANADYR, "g:anadyr", "city")
    nome = mention("Nome", NOME, "g:nome", "city")
    one = ParsedDocument(
        "one.txt",
        "",
        places=(belaya, kyiv, mention("Nowhere", None, None, "city"), dyag),
        claims=(
            claim(5000, belaya, kyiv, "nearly"),
            claim(300, dyag, kyiv),
            claim(600, dyag, None, "some", "the front line"),
        ),
    )
    two = ParsedDocument(
        "two – ü.txt",
        "",
        places=(
            mention("Kyiv", KYIV, "g:kyiv", "city", "mention", confidence=0.5),
            mention("Belaya", BELAYA, "a:uiib", "airbase", "mention", sentence="Belaya was hit."),
            anadyr,
            nome,
        ),
        claims=(claim(800, nome, anadyr, "about"),),
    )
    return [one, two]


def checks_of(documents):
    return [c for d in documents for c in check_claims(d)]


def test_places_merge_across_articles_with_the_strongest_role():
    documents = docs()
    fc = feature_collection(documents, checks_of(documents))
    assert fc["type"] == "FeatureCollection"
    points = {f["properties"]["id"]: f for f in fc["features"] if f["geometry"]["type"] == "Point"}
    assert list(points) == ["a:uiib", "g:kyiv", "a:dyag", "g:anadyr", "g:nome"]
    kyiv = points["g:kyiv"]["properties"]
    assert list(points["g:kyiv"]["geometry"]["coordinates"]) == [30.5238, 50.4547]
    assert (kyiv["role"], json.loads(kyiv["roles"]), kyiv["mentions"], kyiv["confidence"]) == (
        "origin",
        ["origin", "mention"],
        2,
        0.9,
    )
    assert json.loads(kyiv["articles"]) == ["one.txt", "two – ü.txt"]
    belaya = points["a:uiib"]["properties"]
    assert (belaya["role"], belaya["attacker"], belaya["kind"], belaya["country"], belaya["admin1"]) == (
        "strike_target",
        "Ukraine",
        "airbase",
        "RU",
        "Irkutsk",
    )
    assert json.loads(belaya["sentences"]) == [
        {"document": "one.txt", "sentence": "Belaya was hit."},
        {"document": "two – ü.txt", "sentence": "Belaya was hit."},
    ]


def test_claim_lines_follow_the_geodesic():
    documents = docs()
    lines = [
        f for f in feature_collection(documents, checks_of(documents))["features"] if f["geometry"]["type"] != "Point"
    ]
    assert [f["properties"]["verdict"] for f in lines] == ["consistent", "inconsistent", "consistent"]
    belaya = lines[0]
    props = belaya["properties"]
    assert (props["subject_id"], props["origin_id"], props["claimed"], props["hedge"]) == (
        "a:uiib",
        "g:kyiv",
        "nearly 5,000 km",
        "nearly",
    )
    assert props["computed_km"] == 4837 and props["article"] == "one.txt"
    assert props["reason"].startswith("true 4,837 km;")
    coords = belaya["geometry"]["coordinates"]
    assert tuple(coords[0]) == (BELAYA[1], BELAYA[0]) and tuple(coords[-1]) == (KYIV[1], KYIV[0])
    assert 90 <= len(coords) <= MAX_POINTS
    segments = [geodesic_km(a[1], a[0], b[1], b[0]) for a, b in zip(coords, coords[1:])]
    assert max(segments) <= 55 and sum(segments) == pytest.approx(props["computed_km"], abs=0.5)
    # the geodesic bows north of the straight line in lon/lat: its middle lies above both ends' latitudes
    assert max(lat for _, lat in coords) > 57.5
    assert all(len(str(v).split(".")[-1]) <= 6 for c in coords for v in c)


def test_antimeridian_crossing_is_split():
    line = geodesic_line(*ANADYR, *NOME, geodesic_km(*ANADYR, *NOME))
    assert line.geom_type == "MultiLineString"
    west, east = line.geoms
    assert west.coords[-1][0] == 180.0 and east.coords[0][0] == -180.0
    assert west.coords[-1][1] == east.coords[0][1]
    assert all(-180 <= x <= 180 for part in line.geoms for x, _ in part.coords)
    short = geodesic_line(*KYIV, *DYAGILEVO, 10)
    assert short.geom_type == "LineString" and len(short.coords) == 2


def test_unmeasurable_claims_have_no_line_and_text_is_deterministic():
    documents = docs()
    checks = checks_of(documents)
    text = to_geojson_text(documents, checks)
    assert text == to_geojson_text(documents, checks) and text.endswith("\n")
    assert "the front line" not in text and "Nowhere" not in text
    empty = feature_collection([], [])
    assert empty["features"] == [] and "GeoNames (CC BY 4.0)" in empty["metadata"]["attribution"]
    assert {"GeoNames", "OurAirports", "Natural Earth"} <= {s["name"] for s in empty["metadata"]["sources"]}


def _same(expected, actual) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    if isinstance(expected, float):
        return actual == pytest.approx(expected, rel=1e-12)
    return actual == expected


def test_file_reads_back_through_gdal_without_loss(tmp_path):
    documents = docs()
    path = tmp_path / "out.geojson"
    path.write_text(to_geojson_text(documents, checks_of(documents)), encoding="utf-8")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    frame = geopandas.read_file(path)
    assert len(frame) == len(features)
    assert frame.crs.to_epsg() == 4326
    keys = {k for f in features for k in f["properties"]}
    assert keys <= set(frame.columns)
    for feature, (_, row) in zip(features, frame.iterrows()):
        for key in keys:
            assert _same(feature["properties"].get(key), row[key]), (key, feature["properties"].get(key), row[key])
        assert row.geometry.equals_exact(shape(feature["geometry"]), tolerance=0)
    places = frame[frame.geom_type == "Point"]
    assert json.loads(places.iloc[1]["articles"]) == ["one.txt", "two – ü.txt"]


@settings(max_examples=300, deadline=None)
@given(st.floats(-89.9, 89.9), st.floats(-180, 180), st.floats(-89.9, 89.9), st.floats(-180, 180))
def test_any_geodesic_line_is_valid_geojson_from_end_to_end(lat1, lon1, lat2, lon2):
    km = geodesic_km(lat1, lon1, lat2, lon2)
    assume(km > 1)
    line = geodesic_line(lat1, lon1, lat2, lon2, km)
    parts = list(line.geoms) if line.geom_type == "MultiLineString" else [line]
    coords = [c for part in parts for c in part.coords]
    assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in coords)
    assert all(len(part.coords) >= 2 for part in parts) and len(coords) <= MAX_POINTS + 2 * len(parts)
    assert coords[0][1] == round(lat1, 6) and coords[-1][1] == round(lat2, 6)
    assert math.isclose(coords[0][0] % 360, round(lon1, 6) % 360, abs_tol=1e-6)
    assert math.isclose(coords[-1][0] % 360, round(lon2, 6) % 360, abs_tol=1e-6)
    length = sum(geodesic_km(a[1], a[0], b[1], b[0]) for part in parts for a, b in zip(part.coords, part.coords[1:]))
    assert length == pytest.approx(km, rel=1e-3, abs=0.01)

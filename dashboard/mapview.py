"""The Folium map: places styled by role and kind, claim lines coloured by verdict, served without CDNs.

Folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, and its Popup and
Tooltip templates need jQuery and paste text into JavaScript template literals. This module loads
only the Leaflet and Leaflet.markercluster copies that Streamlit serves from dashboard/static/, and binds
popups and tooltips through JSON-encoded strings whose article text has been HTML-escaped.

The map is two parts, so that a rerun never reloads it: `base_map` is the same script on every rerun (the
country outlines are a static file it fetches once; legend; attribution), so st_folium keeps its iframe;
`overlay` is the FeatureGroup st_folium swaps in (`feature_group_to_add`): one JSON list of markers, claim
lines and the selection, drawn by a short script, which refits the view only when the bounds change.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.basemap import ONLINE_TILES, OUTLINES, write_outlines
from dashboard.places import Place
from geo import Candidate, SOURCES, shown_distance

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR (server.enableStaticServing)
LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
CLUSTER_JS = f"{STATIC_URL}/vendor/markercluster/leaflet.markercluster.js"
CLUSTER_CSS = [
    f"{STATIC_URL}/vendor/markercluster/MarkerCluster.css",
    f"{STATIC_URL}/vendor/markercluster/MarkerCluster.Default.css",
]
LEAFLET_INSTALLED = all(
    (STATIC_DIR / "vendor" / lib).exists() for lib in ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")
)
OUTLINES_FILE = STATIC_DIR / "outlines.geojson"
OUTLINES_URL = f"{STATIC_URL}/outlines.geojson"
CLUSTER_ABOVE = 150
"""More markers than this are clustered at low zoom."""
UNCLUSTERED_FROM_ZOOM = 8
MAX_ZOOM = 18
"""Leaflet.markercluster needs the map's maximum zoom, which the outlines basemap (no tiles) does not set."""

ROLE_COLOURS = {"strike_target": "#c81e1e", "origin": "#1d4ed8", "mention": "#64748b"}
ROLE_LABELS = {"strike_target": "strike target", "origin": "distance origin", "mention": "mention"}
VERDICT_COLOURS = {"consistent": "#15803d", "inconsistent": "#dc2626", "unverifiable": "#d97706"}
REVIEW_COLOUR = "#f59e0b"
SELECTED_COLOUR = "#facc15"
CANDIDATE_COLOUR = "#7c3aed"

# Marker shape by kind: radius in pixels and dash pattern (regions are drawn as dashed rings).
_KIND_STYLES = {
    "airbase": (9, None),
    "airport": (8, None),
    "heliport": (7, None),
    "city": (6, None),
    "admin1": (13, "4 3"),
    "admin2": (11, "4 3"),
    "port": (8, None),
    "region": (13, "4 3"),
    "country": (16, "2 4"),
}
_DEFAULT_KIND_STYLE = (7, None)


class OfflineMap(folium.Map):
    """A folium.Map whose only script and stylesheet are the app's own Leaflet files."""

    # folium annotates these class-level lists as instance variables (no ClassVar): mypy's [misc] is about that.
    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", LEAFLET_JS)]  # type: ignore[misc]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", LEAFLET_CSS)]  # type: ignore[misc]


class ClusterMap(OfflineMap):
    """An OfflineMap that also loads the app's own Leaflet.markercluster."""

    default_js: ClassVar[list[tuple[str, str]]] = [*OfflineMap.default_js, ("markercluster", CLUSTER_JS)]  # type: ignore[misc]
    default_css: ClassVar[list[tuple[str, str]]] = [  # type: ignore[misc]
        *OfflineMap.default_css,
        *((f"markercluster_{i}", url) for i, url in enumerate(CLUSTER_CSS)),
    ]


class _Legend(MacroElement):
    """A Leaflet control listing the marker and line styles; its HTML is built from constants only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var legend = L.control({position: "topright"});
        legend.onAdd = function () {
            var div = L.DomUtil.create("div", "strike-map-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Legend"
        self.html = legend_html()


def legend_html() -> str:
    """The legend's inner HTML: role colours, kind shapes, verdict colours, review ring."""

    def dot(colour: str, radius: int, dash: str | None, fill: float = 0.6) -> str:
        size = 2 * radius + 4
        dasharray = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<svg width="{size}" height="{size}" style="vertical-align:middle">'
            f'<circle cx="{size / 2}" cy="{size / 2}" r="{radius}" stroke="{colour}" stroke-width="2"'
            f'{dasharray} fill="{colour}" fill-opacity="{fill}"/></svg>'
        )

    def line(colour: str) -> str:
        return (
            f'<svg width="26" height="10" style="vertical-align:middle">'
            f'<line x1="1" y1="5" x2="25" y2="5" stroke="{colour}" stroke-width="3"/></svg>'
        )

    rows = [f"{dot(c, 6, None)} {ROLE_LABELS[r]}" for r, c in ROLE_COLOURS.items()]
    rows += [
        f"{dot('#334155', 9, None)} air base / airport",
        f"{dot('#334155', 6, None)} city",
        f"{dot('#334155', 10, '4 3', 0.15)} region / country",
        f"{dot(REVIEW_COLOUR, 8, '2 2', 0)} needs review",
    ]
    rows += [f"{line(c)} claim {v}" for v, c in VERDICT_COLOURS.items()]
    return (
        '<details open style="background:rgba(255,255,255,0.92);padding:4px 8px;border-radius:6px;'
        'font:12px/1.5 sans-serif;color:#0f172a;box-shadow:0 1px 4px rgba(0,0,0,0.3)">'
        '<summary style="cursor:pointer;font-weight:600">Legend</summary>' + "<br>".join(rows) + "</details>"
    )


def place_popup(place: Place) -> str:
    """Popup HTML for a place; every value that comes from an article or the gazetteer is escaped."""
    e = html.escape
    head = (
        f"<b>{e(place.name)}</b><br>{e(place.kind)} · {e(ROLE_LABELS.get(place.role, place.role))}"
        + (f" · attacker: {e(place.attacker)}" if place.attacker else "")
        + f"<br>{place.lat:.4f}, {place.lon:.4f} · <code>{e(place.id)}</code>"
        + (f"<br>{e(', '.join(filter(None, (place.admin1, place.country))))}" if place.country else "")
    )
    by_article: dict[str, list[str]] = {}
    for m in place.mentions:
        sentences = by_article.setdefault(m.document, [])
        if m.mention.sentence not in sentences:
            sentences.append(m.mention.sentence)
    body = "".join(
        f"<div style='margin-top:6px'><i>{e(doc)}</i><ul style='margin:2px 0;padding-left:16px'>"
        + "".join(f"<li>{e(s)}</li>" for s in sentences)
        + "</ul></div>"
        for doc, sentences in by_article.items()
    )
    review = "<br><b style='color:#b45309'>needs review</b>" if place.needs_review else ""
    return f"<div style='max-height:220px;overflow:auto'>{head}{review}{body}</div>"


def place_label(place: Place) -> str:
    """Plain-text tooltip of a place marker; map clicks report it back, so it also identifies the marker."""
    count = len(place.mentions)
    return f"{place.name} — {ROLE_LABELS.get(place.role, place.role)}, {count} mention{'s' * (count != 1)}"


def claim_tooltip(props: dict) -> str:
    """ "<subject> – <origin>: claimed 781 km, computed 770 km (+1.4 %), consistent", from the
    properties of a geo.output.geojson claim feature."""
    claimed = props["claimed"]
    if props["unit"] != "km":
        claimed += f" ({shown_distance(props['claimed_km']):,} km)"
    text = f"claimed {claimed}"
    if props["computed_km"] is not None:
        text += f", computed {shown_distance(props['computed_km']):,} km ({props['deviation_pct']:+.1f} %)"
    text += f", {props['verdict']}"
    if props["subject_name"] and props["origin_name"]:
        text = f"{props['subject_name']} – {props['origin_name']}: {text}"
    return html.escape(text)


@dataclass(frozen=True, slots=True)
class Marker:
    """One place on the map: where, its style inputs, and its tooltip (also how a click names it) and popup
    HTML, both escaped."""

    id: str
    lat: float
    lon: float
    kind: str
    role: str
    articles: int
    needs_review: bool
    label: str
    popup: str


def marker_of(place: Place) -> Marker:
    return Marker(
        place.id,
        place.lat,
        place.lon,
        place.kind,
        place.role,
        len(place.articles),
        place.needs_review,
        html.escape(place_label(place)),
        place_popup(place),
    )


def summary_label(name: str, role: str, articles: int) -> str:
    """Plain-text tooltip of a corpus place: "Name — strike target, 12 articles"."""
    return f"{name} — {ROLE_LABELS.get(role, role)}, {articles} article{'s' * (articles != 1)}"


def summary_marker(row) -> Marker:
    """A marker for one row of corpus.desk.places_hit."""
    e = html.escape
    where = ", ".join(str(v) for v in (row.admin1, row.country) if isinstance(v, str))
    days = f"{row.first_day} – {row.last_day}" if isinstance(row.first_day, str) else "no date"
    popup = (
        f"<b>{e(row.name)}</b><br>{e(row.kind)} · {e(ROLE_LABELS.get(row.role, row.role))}"
        + (f" · attacker: {e(row.attacker)}" if isinstance(row.attacker, str) else "")
        + (f"<br>{e(where)}" if where else "")
        + f"<br>{row.articles:,} articles, {row.mentions:,} mentions · {e(days)}"
        + f"<br><code>{e(row.id)}</code>"
    )
    return Marker(
        row.id,
        float(row.lat),
        float(row.lon),
        row.kind,
        row.role,
        int(row.articles),
        bool(row.needs_review),
        e(summary_label(row.name, row.role, int(row.articles))),
        popup,
    )


def base_map(basemap: str = OUTLINES) -> ClusterMap:
    """The part of the map that is the same on every rerun: Leaflet, the basemap, legend, attribution and the
    popups' panning clear of the controls."""
    m = ClusterMap(
        location=(50, 35),
        zoom_start=3,
        tiles=ONLINE_TILES.get(basemap),
        control_scale=True,
        prefer_canvas=False,
        world_copy_jump=False,
        maxZoom=MAX_ZOOM,
    )
    if basemap == OUTLINES:
        if not OUTLINES_FILE.exists():
            write_outlines(OUTLINES_FILE)
        _Outlines().add_to(m)
    _Legend().add_to(m)
    _Attribution().add_to(m)
    _PopupsClearOfControls().add_to(m)
    return m


def overlay(
    markers: list[Marker],
    claim_features: list[dict],
    selected: Marker | None = None,
    candidates: tuple[Candidate, ...] = (),
    cluster: bool | None = None,
) -> folium.FeatureGroup:
    """Markers (clustered at low zoom when there are more than CLUSTER_ABOVE, or when `cluster`), claim lines,
    the selected place's ring and, on request, one mention's gazetteer candidates. The view fits strike
    targets, origins and claim lines (all places when there are none of those), so far-away mentions do not
    zoom the map out to the whole world."""
    group = folium.FeatureGroup(name="places")
    focus = [m for m in markers if m.role != "mention"] or markers
    points = [(m.lat, m.lon) for m in focus] + [pt for f in claim_features for part in _line_parts(f) for pt in part]
    bounds = None
    if points:
        lats, lons = zip(*points, strict=True)
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    ordered = sorted(markers, key=lambda m: -_radius(m))  # largest rings first: smaller ones stay clickable
    _Overlay(
        {
            "cluster": len(markers) > CLUSTER_ABOVE if cluster is None else cluster,
            "unclusterAt": UNCLUSTERED_FROM_ZOOM,
            "markers": [_marker_data(m) for m in ordered],
            "lines": [_line_data(f) for f in claim_features],
            "selected": [selected.lat, selected.lon] if selected else None,
            "selectedColour": SELECTED_COLOUR,
            "candidates": [_candidate_data(rank, c) for rank, c in enumerate(candidates, start=1)],
            "bounds": bounds,
        }
    ).add_to(group)
    return group


def _radius(marker: Marker) -> float:
    """The kind's radius, grown with the number of articles that name the place."""
    return _KIND_STYLES.get(marker.kind, _DEFAULT_KIND_STYLE)[0] + min(12.0, 2.5 * math.log2(max(marker.articles, 1)))


def _marker_data(marker: Marker) -> dict:
    _, dash = _KIND_STYLES.get(marker.kind, _DEFAULT_KIND_STYLE)
    colour = ROLE_COLOURS.get(marker.role, ROLE_COLOURS["mention"])
    return {
        "at": [marker.lat, marker.lon],
        "radius": round(_radius(marker), 1),
        "color": REVIEW_COLOUR if marker.needs_review else colour,
        "weight": 3 if marker.needs_review else 2,
        "dash": "2 2" if marker.needs_review else dash,
        "fill": colour,
        "opacity": 0.15 if dash is not None else 0.75,
        "tooltip": marker.label,
        "popup": marker.popup,
    }


def _line_parts(feature: dict) -> list[list[tuple[float, float]]]:
    """(lat, lon) parts of a LineString or MultiLineString (split at the antimeridian) claim feature."""
    geometry = feature["geometry"]
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    return [[(lat, lon) for lon, lat in part] for part in parts]


def _line_data(feature: dict) -> dict:
    props = feature["properties"]
    return {
        "parts": _line_parts(feature),
        "color": VERDICT_COLOURS.get(props["verdict"], "#334155"),
        "tooltip": claim_tooltip(props),
    }


def _candidate_data(rank: int, c: Candidate) -> dict:
    where = ", ".join(filter(None, (c.kind, c.admin1, c.country)))
    return {
        "at": [c.lat, c.lon],
        "color": CANDIDATE_COLOUR,
        "opacity": 0.25 if rank > 1 else 0.8,
        "tooltip": html.escape(f"#{rank} {c.name} ({where}) score {c.score:.2f}"),
    }


class _Outlines(MacroElement):
    """The country outlines, fetched from the app's static file into a pane under the markers, drawn on one
    canvas (a few hundred polygons as SVG paths cost the browser more than the markers)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.createPane("outlines").style.zIndex = 350;
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
                L.geoJSON(data, {pane: "outlines", interactive: false, renderer: L.canvas({pane: "outlines"}),
                    style: {color: "#94a3b8", weight: 0.7, fillColor: "#f8fafc", fillOpacity: 1}}).addTo(map);
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Outlines"
        self.url = OUTLINES_URL


class _PopupsClearOfControls(MacroElement):
    """Pans an opening popup clear of the map's controls (zoom buttons, legend, scale, attribution): each
    control claims a band along the top or bottom edge or along the left or right edge as autoPan padding,
    whichever of the combinations leaves the popup the most room."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.on("popupopen", function (e) {
                var box = map.getContainer().getBoundingClientRect(), el = e.popup.getElement(), bands = [];
                map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
                    var r = c.getBoundingClientRect();
                    if (!r.width || !r.height) { return; }
                    bands.push([
                        r.top - box.top < box.bottom - r.bottom ? ["top", r.bottom - box.top + 5]
                            : ["bottom", box.bottom - r.top + 5],
                        r.left - box.left < box.right - r.right ? ["left", r.right - box.left + 5]
                            : ["right", box.right - r.left + 5]]);
                });
                var best = null;
                for (var pick = 0; pick < (1 << bands.length); pick++) {
                    var pad = {top: 5, right: 5, bottom: 5, left: 5};
                    bands.forEach(function (b, i) {
                        var band = b[(pick >> i) & 1];
                        pad[band[0]] = Math.max(pad[band[0]], band[1]);
                    });
                    var room = Math.min(box.width - pad.left - pad.right - el.offsetWidth,
                                        box.height - pad.top - pad.bottom - el.offsetHeight - 20);
                    if (!best || room > best.room) { best = {room: room, pad: pad}; }
                }
                e.popup.options.autoPanPaddingTopLeft = [best.pad.left, best.pad.top];
                e.popup.options.autoPanPaddingBottomRight = [best.pad.right, best.pad.bottom];
                e.popup.update();
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "PopupsClearOfControls"


class _Attribution(MacroElement):
    """Credits the gazetteer's and the basemap's data in the map's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Attribution"
        self.html = "Places: " + ", ".join(
            f'<a href="{html.escape(s.url)}" target="_blank" rel="noopener">{html.escape(s.name)}</a>'
            f" ({html.escape(s.licence)})"
            for s in SOURCES
        )


class _Overlay(MacroElement):
    """Draws the overlay's data (JSON: markers, lines, selection) into its FeatureGroup; every text in it is
    escaped HTML passed as a JSON string, never as code."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, map, data) {
            data.lines.forEach(function (l) {
                L.polyline(l.parts, {color: l.color, weight: 3, opacity: 0.85})
                    .bindTooltip(l.tooltip, {sticky: true}).addTo(group);
            });
            var target = data.cluster ? L.markerClusterGroup({disableClusteringAtZoom: data.unclusterAt,
                maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: false}) : group;
            var circles = data.markers.map(function (m) {
                return L.circleMarker(m.at, {radius: m.radius, color: m.color, weight: m.weight, dashArray: m.dash,
                    fill: true, fillColor: m.fill, fillOpacity: m.opacity})
                    .bindTooltip(m.tooltip, {sticky: true}).bindPopup(m.popup, {maxWidth: 360});
            });
            if (data.cluster) { target.addLayers(circles); group.addLayer(target); }
            else { circles.forEach(function (c) { group.addLayer(c); }); }
            if (data.selected) {
                L.circleMarker(data.selected, {radius: 18, color: data.selectedColour, weight: 4, fill: false,
                    interactive: false}).addTo(group);
            }
            data.candidates.forEach(function (c) {
                L.circleMarker(c.at, {radius: 7, color: c.color, weight: 2, fill: true, fillOpacity: c.opacity})
                    .bindTooltip(c.tooltip, {sticky: true}).addTo(group);
            });
            var key = JSON.stringify(data.bounds);
            if (data.bounds && window.strikeMapBounds !== key) {
                window.strikeMapBounds = key;
                map.fitBounds(data.bounds, {padding: [30, 30], maxZoom: 10});
            }
            window.strikeMapDrawn = true;  // the page sends the rest once it sees this (dashboard/app.py)
        })({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, {{ this.data|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict):
        super().__init__()
        self._name = "Overlay"
        self.data = data

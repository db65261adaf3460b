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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.basemap import ONLINE_TILES, OUTLINES, write_outlines
from dashboard.map_image import ImageExport
from dashboard.map_layers import STATIC_URL, Detail
from dashboard.places import Place
from geo import Candidate, SOURCES, shown_distance

STATIC_DIR = Path(__file__).resolve().parent / "static"
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
FIT_MAX_ZOOM = 10
FIT_MARGIN = 30
"""Pixels kept between the fitted places and the map's edge or controls (a marker's ring is up to 28 px)."""

ROLE_COLOURS = {"strike_target": "#c81e1e", "origin": "#1d4ed8", "mention": "#64748b"}
ROLE_LABELS = {"strike_target": "strike target", "origin": "distance origin", "mention": "mention"}
VERDICT_COLOURS = {"consistent": "#15803d", "inconsistent": "#dc2626", "unverifiable": "#d97706"}
ATTACKER_COLOURS = ("#7e22ce", "#0f766e", "#be185d", "#a16207", "#4338ca", "#0e7490", "#9f1239", "#3f6212")
"""Strike targets are coloured by attacker (red when none is named), so strikes by either side of a war tell apart
at a glance: the attacker of most targets on the map gets the first colour, and so on (the legend lists them)."""
OTHER_ATTACKERS_COLOUR = "#57534e"
KIND_SYMBOLS = {"airbase": "✈", "airport": "✈", "heliport": "✈", "port": "⚓"}
"""Put before a strike target's label."""
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
    """A Leaflet control listing the marker and line styles; its HTML is built from constants only. Whether it is
    open is kept in the tab's sessionStorage, so a collapsed legend stays collapsed when the map is drawn again."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var legend = L.control({position: "topright"});
        legend.onAdd = function () {
            var div = L.DomUtil.create("div", "strike-map-legend");
            div.innerHTML = {{ this.html|tojson }};
            var details = div.querySelector("details");
            try {
                details.open = sessionStorage.getItem("strikeMapLegend") !== "closed";
                details.addEventListener("toggle", function () {
                    sessionStorage.setItem("strikeMapLegend", details.open ? "open" : "closed");
                });
            } catch (e) { /* no storage in this frame: the legend starts open */ }
            L.DomEvent.disableClickPropagation(div);
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

    rows = [
        f"{dot(c, 6, None)} {ROLE_LABELS[r]}{', no attacker named' if r == 'strike_target' else ''}"
        for r, c in ROLE_COLOURS.items()
    ]
    rows += [
        "<b>✈</b> air base / airport · <b>⚓</b> port",
        f"{dot('#334155', 9, None)} air base / airport",
        f"{dot('#334155', 6, None)} city",
        f"{dot('#334155', 10, '4 3', 0.15)} region / country",
        f"{dot(REVIEW_COLOUR, 8, '2 2', 0)} needs review",
    ]
    rows += [f"{line(c)} claim {v}" for v, c in VERDICT_COLOURS.items()]
    return (
        '<details open style="background:rgba(255,255,255,0.92);padding:4px 8px;border-radius:6px;'
        'font:11px/1.35 sans-serif;color:#0f172a;box-shadow:0 1px 4px rgba(0,0,0,0.3)">'
        '<summary style="cursor:pointer;font-weight:600">Legend</summary>'
        + "<br>".join(rows)
        + '<div class="strike-map-attackers"></div></details>'
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
    name: str
    attacker: str | None


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
        place.name,
        place.attacker,
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
        row.name,
        row.attacker if isinstance(row.attacker, str) else None,
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
        minZoom=0,
        maxZoom=MAX_ZOOM,
    )
    if basemap == OUTLINES:
        if not OUTLINES_FILE.exists():
            write_outlines(OUTLINES_FILE)
        _Outlines().add_to(m)
        Detail().add_to(m)
    _Legend().add_to(m)
    ImageExport().add_to(m)
    _Attribution().add_to(m)
    _ClearOfControls().add_to(m)
    _ViewInUrl().add_to(m)
    _Style().add_to(m)
    return m


def overlay(
    markers: list[Marker],
    claim_features: list[dict],
    selected: Marker | None = None,
    candidates: tuple[Candidate, ...] = (),
    cluster: bool | None = None,
    view: list[float] | None = None,
) -> folium.FeatureGroup:
    """Markers (clustered at low zoom when there are more than CLUSTER_ABOVE, or when `cluster`), claim lines,
    the selected place's ring and, on request, one mention's gazetteer candidates. The view fits strike
    targets, origins and claim lines (all places when there are none of those), so far-away mentions do not
    zoom the map out to the whole world; `view` (lat, lon, zoom), from a shared URL, replaces that first view."""
    group = folium.FeatureGroup(name="places")
    focus = [m for m in markers if m.role != "mention"] or markers
    points = [(m.lat, m.lon) for m in focus] + [pt for f in claim_features for part in _line_parts(f) for pt in part]
    bounds = None
    if points:
        lats, lons = zip(*points, strict=True)
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    ordered = sorted(markers, key=lambda m: -_radius(m))
    attackers = attacker_colours(markers)  # largest rings first: smaller ones stay clickable
    _Overlay(
        {
            "cluster": len(markers) > CLUSTER_ABOVE if cluster is None else cluster,
            "unclusterAt": UNCLUSTERED_FROM_ZOOM,
            "markers": [_marker_data(m, attackers) for m in ordered],
            "attackers": [[html.escape(a), colour] for a, colour in list(attackers.items())[: len(ATTACKER_COLOURS)]]
            + ([["other attackers", OTHER_ATTACKERS_COLOUR]] if len(attackers) > len(ATTACKER_COLOURS) else []),
            "lines": [_line_data(f) for f in claim_features],
            "selected": [selected.lat, selected.lon] if selected else None,
            "selectedColour": SELECTED_COLOUR,
            "candidates": [_candidate_data(rank, c) for rank, c in enumerate(candidates, start=1)],
            "bounds": bounds,
            "view": view,
        }
    ).add_to(group)
    return group


def _radius(marker: Marker) -> float:
    """The kind's radius, grown with the number of articles that name the place."""
    return _KIND_STYLES.get(marker.kind, _DEFAULT_KIND_STYLE)[0] + min(12.0, 2.5 * math.log2(max(marker.articles, 1)))


def attacker_colours(markers: list[Marker]) -> dict[str, str]:
    """Each attacker of the strike targets among `markers` and its colour, the attacker of most targets first; those
    past the palette share OTHER_ATTACKERS_COLOUR."""
    counts = Counter(m.attacker for m in markers if m.attacker and m.role == "strike_target")
    ranked = sorted(counts, key=lambda a: (-counts[a], a))
    return {
        a: ATTACKER_COLOURS[i] if i < len(ATTACKER_COLOURS) else OTHER_ATTACKERS_COLOUR for i, a in enumerate(ranked)
    }


def _marker_data(marker: Marker, attackers: dict[str, str]) -> dict:
    _, dash = _KIND_STYLES.get(marker.kind, _DEFAULT_KIND_STYLE)
    colour = ROLE_COLOURS.get(marker.role, ROLE_COLOURS["mention"])
    target = marker.role == "strike_target"
    if target and marker.attacker:
        colour = attackers[marker.attacker]
    symbol = KIND_SYMBOLS.get(marker.kind)
    return {
        "label": html.escape(f"{symbol} {marker.name}" if symbol else marker.name) if target else None,
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


class _ClearOfControls(MacroElement):
    """Keeps places and popups clear of the map's controls (zoom buttons, legend, scale, attribution). Each control
    claims a band along the top or bottom edge or along the left or right edge. An opening popup pans clear of
    them with the combination of bands that leaves it the most room (Leaflet's autoPan padding); the view is fitted
    (`window.strikeMapFit`, called by the overlay) with each control's narrower band as padding, so no strike
    target or origin starts under the legend."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            function bands() {
                var box = map.getContainer().getBoundingClientRect(), found = [];
                map.getContainer().querySelectorAll(".leaflet-control").forEach(function (c) {
                    var r = c.getBoundingClientRect();
                    if (!r.width || !r.height) { return; }
                    found.push([
                        r.top - box.top < box.bottom - r.bottom ? ["top", r.bottom - box.top + 5, r.height / box.height]
                            : ["bottom", box.bottom - r.top + 5, r.height / box.height],
                        r.left - box.left < box.right - r.right ? ["left", r.right - box.left + 5, r.width / box.width]
                            : ["right", box.right - r.left + 5, r.width / box.width]]);
                });
                return found;
            }
            window.strikeMapFit = function (bounds) {
                var pad = {top: 0, right: 0, bottom: 0, left: 0};
                bands().forEach(function (b) {
                    var band = b[0][2] <= b[1][2] ? b[0] : b[1];
                    pad[band[0]] = Math.max(pad[band[0]], band[1]);
                });
                var size = map.getSize(), most = {left: size.x, right: size.x, top: size.y, bottom: size.y};
                for (var side in pad) { pad[side] = Math.min(pad[side], 0.4 * most[side]); }  // room for the places
                var margin = {{ this.margin }};
                map.fitBounds(bounds, {paddingTopLeft: [pad.left + margin, pad.top + margin],
                    paddingBottomRight: [pad.right + margin, pad.bottom + margin], maxZoom: {{ this.max_zoom }}});
            };
            map.on("popupopen", function (e) {
                var box = map.getContainer().getBoundingClientRect(), el = e.popup.getElement(), found = bands();
                var best = null;
                for (var pick = 0; pick < (1 << found.length); pick++) {
                    var pad = {top: 5, right: 5, bottom: 5, left: 5};
                    found.forEach(function (b, i) {
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
        self._name = "ClearOfControls"
        self.margin = FIT_MARGIN
        self.max_zoom = FIT_MAX_ZOOM


class _ViewInUrl(MacroElement):
    """Writes the map's view to the page's URL as it moves (`view=lat,lon,zoom`), so a shared or reloaded URL
    opens on it (dashboard/url_state.py reads it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.on("moveend", function (e) {
            try {
                var map = e.target, c = map.getCenter(), url = new URL(window.parent.location.href);
                url.searchParams.set("view", [c.lat.toFixed(4), c.lng.toFixed(4), map.getZoom()].join(","));
                window.parent.history.replaceState(window.parent.history.state, "", url);
            } catch (error) { /* not inside the app's page: no URL to write */ }
        });
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ViewInUrl"


class _Style(MacroElement):
    """The map's own CSS: the credits wrap within part of the width, so the scale bar beside them stays in sight;
    cluster bubbles are slate, a colour no role or verdict uses."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-control-attribution { max-width: 55%; white-space: normal; text-align: right; }
        .leaflet-bar a.strike-map-png { font: 600 10px/30px sans-serif; }
        .strike-map-legend details { max-height: 360px; overflow-y: auto; }
        .strike-map-label { font: 600 12px/18px sans-serif; color: #0f172a; white-space: nowrap;
            text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
        .strike-map-cluster { background: rgba(51, 65, 85, 0.3); border-radius: 50%; }
        .strike-map-cluster div { margin: 4px; width: calc(100% - 8px); height: calc(100% - 8px); border-radius: 50%;
            background: #334155; color: #fff; font: 600 12px/1 sans-serif; display: flex; align-items: center;
            justify-content: center; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Style"


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
    """Draws the overlay's data (JSON: markers, lines, selection) into the map; every text in it is escaped HTML
    passed as a JSON string, never as code.

    Markers and claim lines live in a layer kept on the page (`window.strikeMapPlaces`) and are redrawn only when
    they change: st_folium swaps the whole feature group whenever its script changes, and a click that selects a
    place changes the selection ring, which would otherwise redraw the markers and close the popup just opened.
    A click on markers drawn over one another zooms in until they stand apart instead of taking the top one."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, map, data) {
            var drawn = window.strikeMapPlaces, key = JSON.stringify([data.markers, data.lines, data.cluster]);
            if (!drawn || drawn.key !== key) {
                if (drawn) { map.removeLayer(drawn.layer); }
                drawn = window.strikeMapPlaces = {key: key, layer: L.featureGroup(), circles: []};
                data.lines.forEach(function (l) {
                    L.polyline(l.parts, {color: l.color, weight: 3, opacity: 0.85})
                        .bindTooltip(l.tooltip, {sticky: true}).addTo(drawn.layer);
                });
                var Circle = L.CircleMarker.extend({fire: function (type, event, propagate) {
                    return type === "click" && separate(this, event) ? this
                        : L.CircleMarker.prototype.fire.call(this, type, event, propagate);
                }});
                drawn.circles = data.markers.map(function (m) {
                    return new Circle(m.at, {radius: m.radius, color: m.color, weight: m.weight, dashArray: m.dash,
                        fill: true, fillColor: m.fill, fillOpacity: m.opacity})
                        .bindTooltip(m.tooltip, {sticky: true}).bindPopup(m.popup, {maxWidth: 360});
                });
                if (!data.cluster) {  // clustered markers would leave their labels behind
                    data.markers.forEach(function (m) {
                        if (!m.label) { return; }
                        L.marker(m.at, {interactive: false, keyboard: false, icon: L.divIcon({className: "strike-map-label",
                            html: m.label, iconSize: null, iconAnchor: [-m.radius - 3, 9]})}).addTo(drawn.layer);
                    });
                }
                var key = map.getContainer().querySelector(".strike-map-attackers");
                if (key) {
                    key.innerHTML = data.attackers.length ? "<b>strike targets by attacker</b><br>" + data.attackers.map(function (a) {
                        return '<span style="display:inline-block;width:10px;height:10px;border-radius:5px;background:'
                            + a[1] + '"></span> ' + a[0];
                    }).join("<br>") : "";
                }
                if (data.cluster) {
                    drawn.layer.addLayer(L.markerClusterGroup({disableClusteringAtZoom: data.unclusterAt,
                        maxClusterRadius: 45, showCoverageOnHover: false, spiderfyOnMaxZoom: false,
                        iconCreateFunction: clusterIcon}).addLayers(drawn.circles));
                } else { drawn.circles.forEach(function (c) { drawn.layer.addLayer(c); }); }
                drawn.layer.addTo(map);
            }
            function separate(circle, event) {
                // Markers whose centres lie under the click: zoom in on them until they stand apart, if the map
                // can (markers at the very same point never will).
                // (in unrounded pixels: drawn markers are rounded to whole ones, a fraction apart at low zoom)
                var point = function (c) { return map.project(c.getLatLng()); };
                var click = event && event.originalEvent ? map.project(map.mouseEventToLatLng(event.originalEvent))
                    : point(circle);
                var under = drawn.circles.filter(function (c) {
                    return c === circle || (c._map && point(c).distanceTo(click) < Math.min(c.options.radius,
                        circle.options.radius));
                }), need = 0, zoom = map.getZoom();
                under.forEach(function (a, i) {
                    under.slice(i + 1).forEach(function (b) {
                        if (a.getLatLng().equals(b.getLatLng())) { return; }
                        need = Math.max(need, Math.ceil(Math.log2((a.options.radius + b.options.radius + 2)
                            / Math.max(point(a).distanceTo(point(b)), 0.01))));
                    });
                });
                if (need <= 0 || zoom >= map.getMaxZoom()) { return false; }
                var bounds = L.latLngBounds(under.map(function (c) { return c.getLatLng(); }));
                map.setView(bounds.getCenter(), Math.min(zoom + need, map.getMaxZoom()));
                return true;
            }
            function clusterIcon(cluster) {
                var n = cluster.getChildCount(), size = n < 10 ? 30 : n < 100 ? 36 : 44;
                return L.divIcon({html: "<div><span>" + n + "</span></div>", className: "strike-map-cluster",
                    iconSize: L.point(size, size)});
            }
            if (data.selected) {
                L.circleMarker(data.selected, {radius: 18, color: data.selectedColour, weight: 4, fill: false,
                    interactive: false}).addTo(group);
            }
            data.candidates.forEach(function (c) {
                L.circleMarker(c.at, {radius: 7, color: c.color, weight: 2, fill: true, fillOpacity: c.opacity})
                    .bindTooltip(c.tooltip, {sticky: true}).addTo(group);
            });
            var bounds = JSON.stringify(data.bounds);
            if (data.view && !window.strikeMapViewRestored) {  // the view a shared URL gives, on the first draw
                window.strikeMapViewRestored = true;
                window.strikeMapBounds = bounds;
                window.strikeMapSelected = JSON.stringify(data.selected);  // the shared view shows it as it was
                map.setView([data.view[0], data.view[1]], data.view[2]);
            }
            if (data.bounds && window.strikeMapBounds !== bounds) {
                window.strikeMapBounds = bounds;
                window.strikeMapFit(data.bounds);
            }
            if (data.selected && window.strikeMapSelected !== JSON.stringify(data.selected)) {
                window.strikeMapSelected = JSON.stringify(data.selected);  // a newly selected place out of view,
                if (!map.getBounds().contains(data.selected)) { map.panTo(data.selected); }  // after any new fit
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

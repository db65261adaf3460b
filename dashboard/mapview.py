"""The Folium map: places styled by role and kind, claim lines coloured by verdict, served without CDNs.

Folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, and its Popup and
Tooltip templates need jQuery and paste text into JavaScript template literals. This module loads
only the Leaflet copy that Streamlit serves from dashboard/static/, and binds popups and tooltips
through JSON-encoded strings whose article text has been HTML-escaped.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import ClassVar

import folium
from branca.element import MacroElement
from jinja2 import Template

from dashboard.basemap import ONLINE_TILES, OUTLINES, country_outlines
from dashboard.places import Place
from geo.model import Candidate

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/app/static"  # where Streamlit serves STATIC_DIR (server.enableStaticServing)
LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet/leaflet.css"
LEAFLET_INSTALLED = (STATIC_DIR / "vendor" / "leaflet" / "leaflet.js").exists()

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
    "region": (13, "4 3"),
    "country": (16, "2 4"),
}
_DEFAULT_KIND_STYLE = (7, None)


class OfflineMap(folium.Map):
    """A folium.Map whose only script and stylesheet are the app's own Leaflet files."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", LEAFLET_JS)]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", LEAFLET_CSS)]


class _Bindings(MacroElement):
    """Binds a popup and a tooltip to the parent layer; both are passed as JSON strings, never as code."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.popup %}{{ this._parent.get_name() }}.bindPopup({{ this.popup|tojson }}, {maxWidth: 420});{% endif %}
        {% if this.tooltip %}{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip|tojson }}, {sticky: true});{% endif %}
        {% endmacro %}
        """
    )

    def __init__(self, tooltip: str = "", popup: str = ""):
        super().__init__()
        self._name = "Bindings"
        self.tooltip = tooltip
        self.popup = popup


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
        '<summary style="cursor:pointer;font-weight:600">Legend</summary>'
        + "<br>".join(rows)
        + "</details>"
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
    return f"<div style='max-height:260px;overflow:auto'>{head}{review}{body}</div>"


def place_label(place: Place) -> str:
    """Plain-text tooltip of a place marker; map clicks report it back, so it also identifies the marker."""
    count = len(place.mentions)
    return f"{place.name} — {ROLE_LABELS.get(place.role, place.role)}, {count} mention{'s' * (count != 1)}"


def claim_tooltip(props: dict) -> str:
    """"<subject> – <origin>: claimed 781 km, computed 770 km (+1.4 %), consistent", from the
    properties of a geo.export claim feature."""
    claimed = props["claimed"]
    if props["unit"] != "km":
        claimed += f" ({props['claimed_km']:,.0f} km)"
    text = f"claimed {claimed}"
    if props["computed_km"] is not None:
        text += f", computed {props['computed_km']:,.0f} km ({props['deviation_pct']:+.1f} %)"
    text += f", {props['verdict']}"
    if props["subject_name"] and props["origin_name"]:
        text = f"{props['subject_name']} – {props['origin_name']}: {text}"
    return html.escape(text)


def build_map(places: list[Place], claim_features: list[dict], basemap: str = OUTLINES) -> OfflineMap:
    """The map for the current selection; the view fits strike targets, origins and claim lines (all places
    when there are none of those), so far-away mentions do not zoom the map out to the whole world."""
    m = OfflineMap(location=(50, 35), zoom_start=3, tiles=ONLINE_TILES.get(basemap), control_scale=True,
                   prefer_canvas=False, world_copy_jump=False)
    if basemap == OUTLINES:
        folium.GeoJson(
            country_outlines(),
            name="countries",
            style_function=lambda _: {"color": "#94a3b8", "weight": 0.7, "fillColor": "#f8fafc", "fillOpacity": 1},
            interactive=False,
            control=False,
        ).add_to(m)
    for feature in claim_features:
        _claim_line(feature).add_to(m)
    for place in sorted(places, key=lambda p: -_KIND_STYLES.get(p.kind, _DEFAULT_KIND_STYLE)[0]):
        _place_marker(place).add_to(m)  # largest rings first, so smaller markers stay clickable on top
    _Legend().add_to(m)
    focus = [p for p in places if p.role != "mention"] or places
    points = [(p.lat, p.lon) for p in focus]
    points += [pt for f in claim_features for part in _line_parts(f) for pt in part]
    if points:
        lats, lons = zip(*points)
        m.fit_bounds([(min(lats), min(lons)), (max(lats), max(lons))], padding=(30, 30))
    return m


def selection_layer(selected: Place | None, candidates: tuple[Candidate, ...] = ()) -> folium.FeatureGroup:
    """Overlay for the selected place and, on request, the gazetteer candidates of one mention."""
    group = folium.FeatureGroup(name="selection")
    if selected is not None:
        folium.CircleMarker((selected.lat, selected.lon), radius=18, color=SELECTED_COLOUR, weight=4,
                            fill=False, interactive=False).add_to(group)
    for rank, c in enumerate(candidates, start=1):
        marker = folium.CircleMarker((c.lat, c.lon), radius=7, color=CANDIDATE_COLOUR, weight=2,
                                     fill=True, fill_opacity=0.25 if rank > 1 else 0.8)
        where = ", ".join(filter(None, (c.kind, c.admin1, c.country)))
        label = f"#{rank} {c.name} ({where}) score {c.score:.2f}"
        marker.add_child(_Bindings(tooltip=html.escape(label)))
        marker.add_to(group)
    return group


def _place_marker(place: Place) -> folium.CircleMarker:
    radius, dash = _KIND_STYLES.get(place.kind, _DEFAULT_KIND_STYLE)
    colour = ROLE_COLOURS.get(place.role, ROLE_COLOURS["mention"])
    regional = dash is not None
    marker = folium.CircleMarker(
        (place.lat, place.lon),
        radius=radius,
        color=REVIEW_COLOUR if place.needs_review else colour,
        weight=3 if place.needs_review else 2,
        dash_array="2 2" if place.needs_review else dash,
        fill=True,
        fill_color=colour,
        fill_opacity=0.15 if regional else 0.75,
    )
    marker.add_child(_Bindings(tooltip=html.escape(place_label(place)), popup=place_popup(place)))
    return marker


def _line_parts(feature: dict) -> list[list[tuple[float, float]]]:
    """(lat, lon) parts of a LineString or MultiLineString (split at the antimeridian) claim feature."""
    geometry = feature["geometry"]
    parts = [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]
    return [[(lat, lon) for lon, lat in part] for part in parts]


def _claim_line(feature: dict) -> folium.PolyLine:
    props = feature["properties"]
    line = folium.PolyLine(_line_parts(feature), color=VERDICT_COLOURS.get(props["verdict"], "#334155"),
                           weight=3, opacity=0.85)
    line.add_child(_Bindings(tooltip=claim_tooltip(props)))
    return line

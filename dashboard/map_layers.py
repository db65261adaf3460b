"""The offline basemap's detail by zoom, a part of the base map.

The detail tiles (dashboard/detail_tiles.py) are fetched only for the view and zoom being shown, through Leaflet
GridLayers whose tiles are empty: each tile's lines go onto one canvas under the places, its town names into a
pane of labels, and both leave when Leaflet drops the tile.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from dashboard.detail_tiles import DETAIL_FROM, LEVELS, TILE_PIXELS

STATIC_URL = "/app/static"  # where Streamlit serves dashboard/static/ (server.enableStaticServing)
TILES_URL = f"{STATIC_URL}/basemap"
LAND_COLOUR = "#f8fafc"
SEA_COLOUR = "#dbe5ee"


class Detail(MacroElement):
    """First-level borders, coasts, rivers, lakes and town names from DETAIL_FROM in: one GridLayer per
    detail level, its tiles TILE_PIXELS wide; the country outlines' pane is hidden while the detail shows."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-container { background: {{ this.sea }}; }
        .strike-map-town { font: 11px/16px sans-serif; color: #334155; white-space: nowrap;
            text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 2px #fff; }
        .strike-map-town::before { content: ""; display: inline-block; width: 4px; height: 4px; margin: 0 3px 1px -6px;
            border-radius: 2px; background: #475569; vertical-align: middle; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function (map, base, levels, from, land, sea) {
            map.createPane("detail").style.zIndex = 355;
            var towns = map.createPane("towns");
            towns.style.zIndex = 390;
            towns.style.pointerEvents = "none";
            var renderer = L.canvas({pane: "detail"}), index = null, drawn = {};
            function tiles() {
                index = index || fetch(base + "/index.json").then(function (r) { return r.json(); });
                return index;
            }
            function label(town) {
                var text = document.createElement("span");
                text.textContent = town[0];
                return L.marker([town[1], town[2]], {pane: "towns", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "strike-map-town", html: text, iconSize: null, iconAnchor: [-4, 8]})});
            }
            function labels() {
                var zoom = map.getZoom(), view = map.getBounds().pad(0.2);
                Object.values(drawn).forEach(function (tile) {
                    tile.labels.clearLayers();
                    tile.towns.forEach(function (t) {
                        if (t[3] <= zoom && view.contains([t[1], t[2]])) { tile.labels.addLayer(label(t)); }
                    });
                });
            }
            function draw(data) {
                var layer = L.layerGroup(), style = {renderer: renderer, interactive: false};
                if (data.land.length) { L.polygon(data.land, L.extend({detail: "land", stroke: false, fillColor: land, fillOpacity: 1}, style)).addTo(layer); }
                if (data.lakes.length) { L.polygon(data.lakes, L.extend({detail: "lakes", stroke: false, fillColor: sea, fillOpacity: 1}, style)).addTo(layer); }
                if (data.rivers.length) { L.polyline(data.rivers, L.extend({detail: "rivers", color: "#7fa7cf", weight: 1.2}, style)).addTo(layer); }
                if (data.admin1.length) { L.polyline(data.admin1, L.extend({detail: "admin1", color: "#a8a29e", weight: 0.9, dashArray: "5 3"}, style)).addTo(layer); }
                if (data.borders.length) { L.polyline(data.borders, L.extend({detail: "borders", color: "#64748b", weight: 1}, style)).addTo(layer); }
                return {layer: layer.addTo(map), labels: L.layerGroup().addTo(map), towns: data.towns};
            }
            var Detail = L.GridLayer.extend({
                createTile: function (coords, done) {
                    var grid = this, tile = document.createElement("div"), key = this._tileCoordsToKey(coords);
                    var level = coords.z - 2, name = coords.x + "_" + coords.y;
                    tiles().then(function (index) {
                        if ((index[level] || []).indexOf(name) < 0) { return; }
                        return fetch(base + "/" + level + "/" + name + ".json").then(function (r) { return r.json(); })
                            .then(function (data) {
                                if (grid._map && grid._tiles[key]) {  // still wanted once it came
                                    drawn[grid._leaflet_id + ":" + key] = draw(data);
                                    labels();
                                }
                            });
                    }).catch(function () { /* an unreadable tile leaves its square bare */ })
                        .then(function () { done(null, tile); });
                    return tile;
                }
            });
            levels.forEach(function (level) {
                var grid = new Detail({tileSize: {{ this.tile_pixels }}, minZoom: level[0], maxZoom: level[1],
                    minNativeZoom: level[0], maxNativeZoom: level[0], noWrap: true, keepBuffer: 1});
                grid.on("tileunload", function (e) {
                    var key = grid._leaflet_id + ":" + grid._tileCoordsToKey(e.coords), tile = drawn[key];
                    if (tile) { map.removeLayer(tile.layer); map.removeLayer(tile.labels); delete drawn[key]; }
                });
                grid.addTo(map);
            });
            function outlines() {
                var pane = map.getPane("outlines");
                if (pane) { pane.style.display = map.getZoom() >= from ? "none" : ""; }
            }
            map.on("zoomend", outlines);
            map.on("moveend", labels);
            outlines();
        })({{ this._parent.get_name() }}, {{ this.url|tojson }}, {{ this.levels|tojson }}, {{ this.start }},
           {{ this.land|tojson }}, {{ this.sea|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "Detail"
        self.url = TILES_URL
        self.levels = [list(level.zooms) for level in LEVELS]
        self.start = DETAIL_FROM
        self.tile_pixels = TILE_PIXELS
        self.land = LAND_COLOUR
        self.sea = SEA_COLOUR

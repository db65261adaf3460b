"""The map saved as a PNG from the map itself: html-to-image draws the map's own DOM (the basemap's canvases, the
markers' SVG, the labels, legend and credits) into an image in the browser, from the copy the app serves."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from dashboard.map_layers import STATIC_URL

HTML_TO_IMAGE_JS = f"{STATIC_URL}/vendor/html-to-image/dist/html-to-image.js"
IMAGE_NAME = "strike-map.png"


class ImageExport(MacroElement):
    """A map button that saves the map as it is shown, places, labels, legend and credits included, as
    IMAGE_NAME; html-to-image renders the map's DOM in the browser, so nothing leaves the machine."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, name, source) {
            function script() {  // fetched on the first click, so the first map does not wait for it
                return window.htmlToImage ? Promise.resolve() : new Promise(function (resolve, reject) {
                    var tag = document.createElement("script");
                    tag.src = source;
                    tag.onload = resolve;
                    tag.onerror = reject;
                    document.head.appendChild(tag);
                });
            }
            var control = L.control({position: "topleft"});
            control.onAdd = function () {
                var bar = L.DomUtil.create("div", "leaflet-bar strike-map-png-bar"), button = L.DomUtil.create("a", "strike-map-png", bar);
                button.href = "#";
                button.title = "Save the map as a PNG image";
                button.setAttribute("role", "button");
                button.setAttribute("aria-label", "Save the map as a PNG image");
                button.textContent = "PNG";
                L.DomEvent.disableClickPropagation(bar);
                L.DomEvent.on(button, "click", function (e) {
                    L.DomEvent.preventDefault(e);
                    var box = map.getContainer();
                    script().then(function () { return htmlToImage.toPng(box, {width: box.clientWidth, height: box.clientHeight, pixelRatio: 1,
                        filter: function (node) {  // the buttons are no part of the picture
                            return !(node.classList && (node.classList.contains("leaflet-control-zoom")
                                || node.classList.contains("strike-map-png-bar")));
                        }
                    }); }).then(function (url) {
                        var link = document.createElement("a");
                        link.download = name;
                        link.href = url;
                        document.body.appendChild(link);
                        link.click();
                        link.remove();
                    });
                });
                return bar;
            };
            control.addTo(map);
        })({{ this._parent.get_name() }}, {{ this.file_name|tojson }}, {{ this.script|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ImageExport"
        self.file_name = IMAGE_NAME
        self.script = HTML_TO_IMAGE_JS

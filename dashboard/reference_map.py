"""The benchmark's yardstick (`make bench`), not part of the product: the barest Streamlit page that draws
the dashboard's markers for the sample articles with `st_folium` and the app's own Leaflet, so that the
dashboard's time to its first map can be compared with what Streamlit and st_folium cost by themselves."""

from __future__ import annotations

import sys
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/reference_map.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import geo  # noqa: E402
from dashboard.mapview import OfflineMap, place_label  # noqa: E402
from dashboard.places import Place, places_of  # noqa: E402
from geo import expand_paths, iter_articles  # noqa: E402


@st.cache_resource(show_spinner=False)
def sample_places() -> list[Place]:
    """The places the dashboard shows for data/articles with its default filters (all of them)."""
    articles = iter_articles(expand_paths([str(ROOT / "data" / "articles")]), lambda error: None)
    docs = list(geo.parse_many((a.name, a.text) for a in articles))
    return places_of(docs)


m = OfflineMap(location=(50, 35), zoom_start=3, tiles=None)
for place in sample_places():
    folium.CircleMarker((place.lat, place.lon), radius=7, tooltip=place_label(place)).add_to(m)
st_folium(m, key="map", height=560, use_container_width=True, returned_objects=[])

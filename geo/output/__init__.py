"""What leaves the geoparser as files: RFC 7946 GeoJSON (geojson.py) and the data credits every export and
map carries (credits.py)."""

"""Distance claims: finding them in the text and linking them to places (extraction.py), and checking them
against the WGS84 geodesic (check.py)."""

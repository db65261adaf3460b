"""`python -m geo.evaluate FILE.xml`: span and resolution scores on GeoWebNews or LGL / TR-News
(scoring.py)."""

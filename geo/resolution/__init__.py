"""Choosing the gazetteer entry of each toponym: memoised gazetteer lookups and name matching (names.py),
country facts (countries.py), the kind cues a text gives (cues.py, kinds.py), and the candidates, their
ranking and the "why" (ranking.py)."""

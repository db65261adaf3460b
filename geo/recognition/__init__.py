"""Finding toponym spans: spaCy's entities merged with gazetteer matches (toponyms.py), places found by the
shape of the text (shapes.py), names a sentence uses for something else (senses.py), and the spaCy
component that runs it all inside `nlp.pipe` (component.py)."""

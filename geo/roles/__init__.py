"""Strike target, origin or mention: the dependency-parse reading of each sentence (geo/grammar/attacks.py),
run as a spaCy component by component.py, and the role of every mention, decided per place over the whole
article (decide.py) by the hand rules and the learned role model (evidence.py, model.py, training.py)."""

"""Strike target, origin or mention: what each sentence's dependency parse says happened to the places it
names (attacks.py, run as a spaCy component by component.py), and the role of every mention, decided per
place over the whole article (decide.py)."""

"""What a sentence's dependency parse says happened to the places it names (attacks.py): read by recognition
(a name an attack hits is a place) and by the roles (strike target or mention), beneath both."""

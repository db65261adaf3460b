"""US states as the AP abbreviates them ("Calif.", "La.", "N.C."), from the `us` package: American news
writes "Slidell, La.", and the gazetteer's folded keys cannot tell "La." from a town called La."""

from __future__ import annotations

from functools import cache

import us


@cache
def _by_abbreviation() -> dict[str, str]:
    states = [*us.states.STATES_AND_TERRITORIES, us.states.DC]
    return {s.ap_abbr: s.name for s in states if s.ap_abbr and s.ap_abbr.endswith(".")}


def state_named(text: str) -> str | None:
    """The state's name for its AP abbreviation, written exactly ("Wash." -> "Washington"), or None."""
    return _by_abbreviation().get(text)

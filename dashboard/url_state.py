"""The page's state in its URL's query parameters, so that a view can be shared and survives a reload: the Role,
Kind and date filters, "Distance from", the selected articles and place, the session's library of pasted articles
(dashboard/library.py) and the map's view (`view=lat,lon,zoom`, which the map's own script writes as it moves).

The URL is read once, on a session's first run, into the first values of the widgets; every later run writes the
state back, leaving out what is at its default."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

LISTS = {"role": "role_filter", "kind": "kind_filter", "article": "article_select"}
TEXTS = {"origin": "origin_name", "place": "place_select"}
DATES = {"from": "date_from", "to": "date_to"}


def from_url() -> dict[str, Any]:
    """The widget values the URL gives (by widget key), and "view" and "library" when it has them; read on the
    session's first run and kept, since later runs hold what the analyst changed since."""
    if "url_state" not in st.session_state:
        params = st.query_params
        state: dict[str, Any] = {key: params.get_all(name) for name, key in LISTS.items() if name in params}
        state |= {key: params[name] for name, key in TEXTS.items() if name in params}
        for name, key in DATES.items():
            try:
                state[key] = dt.date.fromisoformat(params[name]) if name in params else None
            except ValueError:
                state[key] = None
            if state[key] is None:
                del state[key]
        view = [float(v) for v in params.get("view", "").split(",") if _number(v)]
        if len(view) == 3:
            state["view"] = view
        state["library"] = params.get("library")
        st.session_state["url_state"] = state
    return st.session_state["url_state"]


def to_url(state: dict[str, Any], defaults: dict[str, Any]) -> None:
    """Writes `state` (widget key -> value, plus "library") to the URL, leaving out values at their defaults and
    keeping the map's view; only when something changed, so a run that changes nothing does not touch the URL."""
    params: dict[str, str | list[str]] = {}
    for name, key in LISTS.items():
        if key in state and state[key] != defaults.get(key):
            params[name] = list(state[key])
    for name, key in TEXTS.items():
        if state.get(key) and state[key] != defaults.get(key):
            params[name] = str(state[key])
    for name, key in DATES.items():
        if state.get(key) and state[key] != defaults.get(key):
            params[name] = state[key].isoformat()
    if state.get("library"):
        params["library"] = state["library"]
    if "view" in st.query_params:
        params["view"] = st.query_params["view"]
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != {name: value if isinstance(value, list) else [value] for name, value in params.items()}:
        st.query_params.from_dict(params)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True

"""The places and claims tables as DataFrames, plus the claims CSV download."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from dashboard.places import Place
from geo import ClaimCheck, PlaceMention, claimed_text, shown_distance

PLACE_COLUMNS = ["name", "kind", "role", "attacker", "lat", "lon", "country", "articles", "mentions", "review", "id"]
CLAIM_COLUMNS = [
    "subject",
    "origin",
    "claimed",
    "claimed km",
    "computed km",
    "deviation %",
    "verdict",
    "reason",
    "article",
    "sentence",
]


def places_frame(
    places: Sequence[Place],
    distance_km: Callable[[float, float], float] | None = None,
    origin_label: str = "",
    titles: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per place, its articles by `titles` (article name -> headline) where given; with `distance_km`, a
    "km from <origin>" column after the coordinates."""
    titles = titles or {}
    rows = [
        {
            "name": p.name,
            "kind": p.kind,
            "role": p.role,
            "attacker": p.attacker or "",
            "lat": round(p.lat, 4),
            "lon": round(p.lon, 4),
            "country": p.country or "",
            "articles": "; ".join(titles.get(a, a) for a in p.articles),
            "mentions": len(p.mentions),
            "review": "needs review" if p.needs_review else "",
            "id": p.id,
        }
        for p in places
    ]
    frame = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    if distance_km is not None:
        frame.insert(6, f"km from {origin_label}", [shown_distance(distance_km(p.lat, p.lon)) for p in places])
    return frame


def claims_frame(checks: Sequence[ClaimCheck], titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per checked distance claim, in article order, its article by `titles` where given."""
    titles = titles or {}
    rows = [
        {
            "subject": _place_label(c.claim.subject),
            "origin": _place_label(c.claim.origin) or (c.claim.origin_text or ""),
            "claimed": claimed_text(c.claim),
            "claimed km": shown_distance(c.claim.claimed_km),
            "computed km": None if c.computed_km is None else shown_distance(c.computed_km),
            "deviation %": None if c.deviation_pct is None else round(c.deviation_pct, 1),
            "verdict": c.verdict,
            "reason": c.reason,
            "article": titles.get(c.document, c.document),
            "sentence": c.claim.sentence,
        }
        for c in checks
    ]
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def corpus_claims_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Rows of a corpus's claims/ dataset as the claims table shows them."""
    return pd.DataFrame(
        {
            "subject": claims["subject_name"].fillna(claims["subject"]).fillna(""),
            "origin": claims["origin_name"].fillna(claims["origin"]).fillna(""),
            "claimed": claims["claimed"],
            "claimed km": claims["claimed_km"],
            "computed km": claims["computed_km"],
            "deviation %": claims["deviation_pct"].round(1),
            "verdict": claims["verdict"],
            "reason": claims["reason"],
            "article": claims["document"],
            "sentence": claims["sentence"],
        },
        columns=CLAIM_COLUMNS,
    )


def claims_csv(table: pd.DataFrame) -> bytes:
    return table.to_csv(index=False).encode("utf-8")


def _place_label(mention: PlaceMention | None) -> str:
    if mention is None:
        return ""
    return mention.name or mention.text


def corpus_places_frame(
    summary: pd.DataFrame, distance_km: Callable[[float, float], float] | None = None, origin_label: str = ""
) -> pd.DataFrame:
    """Rows of corpus.desk.places_hit as the places table shows them: counts of articles, first and last day."""
    frame = pd.DataFrame(
        {
            "name": summary["name"],
            "kind": summary["kind"],
            "role": summary["role"],
            "attacker": summary["attacker"].fillna(""),
            "lat": summary["lat"].round(4),
            "lon": summary["lon"].round(4),
            "country": summary["country"].fillna(""),
            "articles": summary["articles"],
            "mentions": summary["mentions"],
            "first day": summary["first_day"],
            "last day": summary["last_day"],
            "review": ["needs review" if r else "" for r in summary["needs_review"]],
            "id": summary["id"],
        }
    )
    if distance_km is not None:
        frame.insert(
            6,
            f"km from {origin_label}",
            [shown_distance(distance_km(lat, lon)) for lat, lon in zip(summary["lat"], summary["lon"], strict=True)],
        )
    return frame

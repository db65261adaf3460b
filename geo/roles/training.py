"""`python -m geo.roles.training FOLDER... [-o WEIGHTS.json]`: learn the role model's weights from strike
reporting annotated with roles (folders of NN.txt beside NN.json, in the format of the project's
development sets: gold places with span, point, kind and role).

The rows are the mentions the parser itself finds, with the evidence it computes (`PlaceMention.
role_evidence`); a row is a strike target when it overlaps a gold strike target. Origins are left out: a
claim's grammar decides them, not the model. The weights are a scikit-learn logistic regression. Its
regularisation is chosen, and its figures reported, by cross-validation over articles (each article held
out in one of FOLDS folds, scored by a model that never saw it), beside the in-sample figures of the model
trained on everything. A target counts as found when the predicted target lies within the gold kind's
tolerance, as the development sets' own scorer counts it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from geo.claims.check import geodesic_km
from geo.model import ParsedDocument
from geo.pipeline import parse_many
from geo.roles.evidence import FEATURES, RULED, ruled_out
from geo.roles.model import WEIGHTS_PATH, RoleWeightsError, model

FOLDS = 5
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
"""Inverse regularisation strengths (scikit-learn's C) compared by cross-validation."""
ALARM_COST = 2
"""Found targets one false alarm costs when strengths are compared: a strike drawn where none landed misleads
an analyst more than a missed one, which the article's text still shows."""
THRESHOLD = ALARM_COST / (ALARM_COST + 1)
"""The chance at which calling a mention a target gains as much as it risks, a false alarm costing ALARM_COST
missed targets (2/3)."""
TOLERANCE_KM = {"airbase": 10, "port": 15, "refinery": 15, "city": 30, "other": 30, "region": 500, "country": 1000}
AREAS = frozenset({"region", "country"})


@dataclass(frozen=True, slots=True)
class Row:
    article: str
    x: list[float]
    target: bool
    mention: int


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    gold: list[dict]
    parsed: ParsedDocument


def read_articles(folders: Sequence[Path]) -> list[Article]:
    """Every NN.txt with its NN.json in the folders, parsed."""
    paths = [p for folder in folders for p in sorted(folder.glob("[0-9][0-9].txt")) if p.with_suffix(".json").exists()]
    items = [(f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")) for p in paths]
    golds = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["places"] for p in paths]
    return [Article(name, gold, doc) for (name, _), gold, doc in zip(items, golds, parse_many(items), strict=True)]


def _overlaps(a_start: int, a_end: int, b: dict) -> bool:
    return a_start < b["end"] and b["start"] < a_end


def rows_of(article: Article) -> list[Row]:
    targets = [g for g in article.gold if g["role"] == "strike_target"]
    rows = []
    for i, m in enumerate(article.parsed.places):
        if m.role == "origin":
            continue
        evidence = dict(m.role_evidence)
        if any(evidence.get(name) for name in RULED):
            continue
        x = [evidence.get(name, 0.0) for name in FEATURES]
        rows.append(Row(article.name, x, any(_overlaps(m.start, m.end, g) for g in targets), i))
    return rows


def score(articles: Sequence[Article], targeted: dict[tuple[str, int], bool]) -> dict[str, int]:
    """Gold targets found (a predicted target over the span, within the kind's tolerance) and false alarms
    (a predicted target over a gold mention that is no target, areas aside), as the scorer counts them."""
    hits = total = alarms = 0
    for article in articles:
        places = article.parsed.places
        for g in article.gold:
            over = [
                m
                for i, m in enumerate(places)
                if _overlaps(m.start, m.end, g) and targeted.get((article.name, i), m.role == "strike_target")
            ]
            if g["role"] == "strike_target":
                total += 1
                tolerance = TOLERANCE_KM.get(g["kind"], 30)
                hits += any(
                    m.point is not None and geodesic_km(g["lat"], g["lon"], *m.point) <= tolerance for m in over
                )
            elif g["kind"] not in AREAS and over:
                alarms += 1
    return {"targets": total, "found": hits, "false_alarms": alarms}


def _target(row: Row, chance: float) -> bool:
    """The decision geo/roles/decide.py makes of a row the rules leave to the model."""
    return chance >= THRESHOLD and not ruled_out(dict(zip(FEATURES, row.x, strict=True)))


def _fit(x: np.ndarray, y: np.ndarray, strength: float) -> LogisticRegression:
    return LogisticRegression(C=strength, max_iter=2000).fit(x, y)


def by_folder(articles: Sequence[Article], targeted: dict[tuple[str, int], bool]) -> dict[str, dict[str, int]]:
    """`score` for each folder's articles and for all of them."""
    folders = sorted({a.name.split("/")[0] for a in articles})
    figures = {f: score([a for a in articles if a.name.split("/")[0] == f], targeted) for f in folders}
    return {**figures, "all": score(articles, targeted)}


def cross_validated(articles: Sequence[Article], rows: Sequence[Row], strength: float) -> dict[str, dict[str, int]]:
    """The figures of models that never saw the article they decide: FOLDS folds over articles."""
    x = np.array([r.x for r in rows])
    y = np.array([r.target for r in rows])
    groups = [r.article for r in rows]
    targeted: dict[tuple[str, int], bool] = {}
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        chances = _fit(x[train], y[train], strength).predict_proba(x[test])[:, 1]
        for i, chance in zip(test, chances, strict=True):
            targeted[(rows[i].article, rows[i].mention)] = _target(rows[i], chance)
    return by_folder(articles, targeted)


MERIT_SLACK = 0.01
"""The most regularised strength whose merit is within this share of the gold targets of the best one is
chosen: a simpler model that does as well on held-out articles is the one to trust on unseen ones."""


def _merit(figures: dict[str, dict[str, int]]) -> int:
    return figures["all"]["found"] - ALARM_COST * figures["all"]["false_alarms"]


def train(folders: Sequence[Path]) -> dict:
    articles = read_articles(folders)
    rows = [row for article in articles for row in rows_of(article)]
    cv = {str(c): cross_validated(articles, rows, c) for c in STRENGTHS}
    best = max(_merit(cv[str(c)]) for c in STRENGTHS)
    slack = MERIT_SLACK * cv[str(STRENGTHS[0])]["all"]["targets"]
    strength = min(c for c in STRENGTHS if _merit(cv[str(c)]) >= best - slack)
    x = np.array([r.x for r in rows])
    y = np.array([r.target for r in rows])
    fitted = _fit(x, y, strength)
    chances = fitted.predict_proba(x)[:, 1]
    in_sample = by_folder(articles, {(r.article, r.mention): _target(r, p) for r, p in zip(rows, chances, strict=True)})
    return {
        "weights": {name: round(float(w), 4) for name, w in zip(FEATURES, fitted.coef_[0], strict=True)},
        "intercept": round(float(fitted.intercept_[0]), 4),
        "threshold": THRESHOLD,
        "strength": strength,
        "trained": str(date.today()),
        "articles": len(articles),
        "rows": len(rows),
        "folders": [f.name for f in folders],
        "in_sample": in_sample,
        "cross_validated": cv[str(strength)],
        "cross_validated_by_strength": cv,
    }


def _fit_committed_weights() -> None:
    """The parse that yields the evidence needs a model that fits it; after the evidence changed, the committed
    weights are replaced by neutral ones (every weight 0) before they are learned anew."""
    try:
        model()
    except RoleWeightsError as stale:
        print(f"{stale}: starting from neutral weights", file=sys.stderr)
        neutral = {"weights": dict.fromkeys(FEATURES, 0.0), "intercept": 0.0, "threshold": THRESHOLD}
        WEIGHTS_PATH.write_text(json.dumps(neutral, indent=1) + "\n", encoding="utf-8")
        model.cache_clear()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.roles.training", description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of NN.txt and NN.json")
    parser.add_argument("-o", "--output", type=Path, default=WEIGHTS_PATH)
    args = parser.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    _fit_committed_weights()
    learned = train(args.folders)
    args.output.write_text(json.dumps(learned, indent=1) + "\n", encoding="utf-8")
    for label in ("in_sample", "cross_validated"):
        for folder, f in learned[label].items():
            print(
                f"{label:16s} {folder:14s} targets {f['found']}/{f['targets']} "
                f"({100 * f['found'] / f['targets']:.1f} %), false alarms {f['false_alarms']}"
            )
    print(f"C = {learned['strength']}; weights written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

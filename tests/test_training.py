"""The learned ranker: the fitter recovers evidence that separates right from wrong candidates, the weights
file matches the ranker's evidence, and on GeoWebNews (when it is beside the checkout) learning ranks held-out
documents better than the hand-set weights."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from geo.evaluate import training
from geo.evaluate.scoring import read_corpus
from geo.resolution import ranking

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "GWN.xml"
FEATURES = list(training.PRIOR_WEIGHTS)


def _group(document: str, right_values: dict[str, float], wrong_values: dict[str, float]) -> training.Group:
    rows = [[values.get(k, 0.0) for k in FEATURES] for values in (right_values, wrong_values)]
    return training.Group(document, np.array(rows), np.array([True, False]))


def test_evidence_that_always_marks_the_right_candidate_gains_weight():
    """Nearness picks the right one in every toponym and the prior the wrong one: the fit moves nearness up
    and the prior down from their hand-set values, and leaves evidence the data never shows where it was."""
    data = [_group(f"d{i}", {"nearby": 1.0, "prior": 0.3}, {"prior": 0.8}) for i in range(60)]
    weights = training.fit(data, 1.0)
    assert weights["nearby"] > training.PRIOR_WEIGHTS["nearby"]
    assert weights["prior"] < training.PRIOR_WEIGHTS["prior"]
    assert weights["stated_country"] == pytest.approx(training.PRIOR_WEIGHTS["stated_country"])
    assert training.top_right(data, weights) == 1.0 > training.top_right(data, training.PRIOR_WEIGHTS)


def test_feature_values_are_read_back_from_the_evidence_a_candidate_carries():
    weights = dict.fromkeys(FEATURES, 2.0)
    values = training._values(("prior +1.20", "nearby +0.50", "stated_country -2.00"), weights)
    assert dict(zip(FEATURES, values, strict=True)) == {
        **dict.fromkeys(FEATURES, 0.0),
        "prior": 0.6,
        "nearby": 0.25,
        "stated_country": -1.0,
    }


def test_the_committed_weights_are_the_ranker_s_evidence_and_record_how_they_were_learned():
    model = json.loads(ranking.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert list(model["weights"]) == FEATURES == list(ranking.WEIGHTS)
    assert model["prior_weights"] == training.PRIOR_WEIGHTS
    assert model["prior_strength"] == training.PRIOR_STRENGTH
    assert model["toponyms"] > 500 and model["trained_on"] == "GWN.xml"


@pytest.mark.skipif(not GWN.exists(), reason="GeoWebNews is not at ../shared/eval/GWN.xml")
def test_on_geowebnews_learned_weights_rank_held_out_documents_better_than_the_hand_set_ones():
    _, docs = read_corpus(str(GWN))
    data = training.groups(docs, ranking.WEIGHTS)
    assert len(data) > 500
    assert training.cross_validate(data, training.PRIOR_STRENGTH) > training.top_right(data, training.PRIOR_WEIGHTS)

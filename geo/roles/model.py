"""The role model: a logistic regression over the evidence of geo/roles/evidence.py, whose weights are data
(weights.json beside this module) learned from annotated strike reporting by `make roles`
(geo/roles/training.py). A mention is a strike target when the model's chance reaches the threshold."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.roles.evidence import FEATURES

WEIGHTS_PATH = Path(__file__).with_name("weights.json")


class RoleWeightsError(ValueError):
    """A weights file that does not fit the evidence the parser computes."""


@dataclass(frozen=True, slots=True)
class RoleModel:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def chance(self, row: dict[str, float]) -> float:
        """The chance that a mention with this evidence is a strike target."""
        score = self.intercept + sum(self.weights[name] * value for name, value in row.items() if value)
        return 1.0 / (1.0 + math.exp(-score))


def read_model(path: Path) -> RoleModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    weights = data["weights"]
    if set(weights) != set(FEATURES):
        missing = sorted(set(FEATURES) - set(weights))
        extra = sorted(set(weights) - set(FEATURES))
        raise RoleWeightsError(f"{path}: weights do not match the evidence (missing {missing}, unknown {extra})")
    return RoleModel(weights, data["intercept"], data["threshold"])


@cache
def model() -> RoleModel:
    """The committed model, read once per process."""
    return read_model(WEIGHTS_PATH)

"""Is the procedure a message asks about in the catalogue? A small learned decision.

The resolver's evidence about a message (how well the best procedures match, which of the message's words they
lack, how clearly a procedure of another body matches) goes into a logistic regression trained on the labelled
working sets (`scripts/train_absent.py`); its weights are data (`absent_model.json`). It replaces hand-set
thresholds that said "not in my list" for long stories about held procedures and missed near namesakes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.answers.absent import certain_absent, is_absent
from bot.search.elsewhere import ElsewhereIndex, default_index
from bot.search.resolver import CONTEXT_WORDS, FORM_WORDS, ProcedureIndex, Resolution

MODEL_FILE = Path(__file__).with_name("absent_model.json")

FEATURES = (
    "best_score",
    "second_score",
    "margin",
    "confident",
    "coverage",
    "unknown_words",
    "missing_terms",
    "object_hits",
    "missing_things",
    "action_missing",
    "named_objects",
    "log_words",
    "elsewhere_score",
    "held_score_with_elsewhere",
    "elsewhere_margin",
    "elsewhere_match",
    "rule_absent",
    "query_words_covered",
    "max_idf_missing",
    "log_idf_missing",
    "log_idf_covered",
    "best_words_covered",
    "any_unknown",
    "close_candidates",
)


def features(
    index: ProcedureIndex, elsewhere: ElsewhereIndex | None, text: str, res: Resolution | None = None
) -> list[float]:
    """The evidence about `text` (`res`: its resolution, when already made), in the order of FEATURES."""
    res = res if res is not None else index.resolve(text)
    cands = res.candidates
    first = cands[0].score if cands else 0.0
    second = cands[1].score if len(cands) > 1 else 0.0
    elsewhere = elsewhere if elsewhere is not None else default_index(index)  # the model was trained with it
    whole = elsewhere.index.resolve_whole(text, limit=5)
    away_score = max((c.score for c in whole.candidates if c.code in elsewhere.entries), default=0.0)
    held_score = max((c.score for c in whole.candidates if c.code not in elsewhere.entries), default=0.0)
    matched = elsewhere.match(text) is not None
    asked = [
        w
        for w in dict.fromkeys(re.findall(r"\w+", res.normalized))
        if w in index.idf and w not in FORM_WORDS and w not in CONTEXT_WORDS and len(w) > 1
    ]
    best_words = index.words_of(cands[0].code) if cands else frozenset()
    covered = [w for w in asked if w in best_words]
    missing = [w for w in asked if w not in best_words]
    named = [w for w in best_words if w not in FORM_WORDS and w not in CONTEXT_WORDS and len(w) > 1]
    asked_set = set(asked)
    return [
        first,
        second,
        first - second,
        float(res.confident),
        res.coverage,
        float(len(res.unknown_words)),
        float(len(res.missing_terms)),
        float(len(res.object_hits)),
        float(len(res.missing_things)),
        float(bool(res.action_missing)),
        float(len(res.named_objects)),
        math.log(1 + len(res.normalized.split())),
        away_score,
        held_score,
        away_score - held_score,
        float(matched),
        float(is_absent(res, False)),
        len(covered) / len(asked) if asked else 1.0,
        max((index.idf[w] for w in missing), default=0.0),
        math.log(1 + sum(index.idf[w] for w in missing)),
        math.log(1 + sum(index.idf[w] for w in covered)),
        sum(w in asked_set for w in named) / len(named) if named else 0.0,
        float(bool(res.unknown_words)),
        float(sum(c.score >= 0.9 * first for c in cands[1:])) if first else 0.0,
    ]


@dataclass(frozen=True)
class AbsentModel:
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float

    def probability(self, x: list[float]) -> float:
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in zip(self.weights, x, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def absent(self, x: list[float]) -> bool:
        return self.probability(x) >= self.threshold

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": list(self.weights),
            "bias": self.bias,
            "mean": list(self.mean),
            "scale": list(self.scale),
            "threshold": self.threshold,
        }


def from_json(data: dict) -> AbsentModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("absent model was trained on other features: run scripts/train_absent.py")
    return AbsentModel(
        tuple(data["weights"]), data["bias"], tuple(data["mean"]), tuple(data["scale"]), data["threshold"]
    )


@lru_cache(maxsize=1)
def default_model() -> AbsentModel:
    return from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def fit(
    rows: list[tuple[list[float], int]], threshold: float = 0.4, epochs: int = 300, rate: float = 0.1
) -> AbsentModel:
    """Logistic regression by full-batch gradient descent on standardised features (small, no dependencies,
    deterministic)."""
    n, d = len(rows), len(FEATURES)
    mean = [sum(x[j] for x, _ in rows) / n for j in range(d)]
    scale = [max(1e-6, math.sqrt(sum((x[j] - mean[j]) ** 2 for x, _ in rows) / n)) for j in range(d)]
    data = [([(x[j] - mean[j]) / scale[j] for j in range(d)], y) for x, y in rows]
    weights, bias, l2 = [0.0] * d, 0.0, 1e-3
    for _ in range(epochs):
        grad, grad_b = [0.0] * d, 0.0
        for x, y in data:
            z = bias + sum(w * v for w, v in zip(weights, x, strict=True))
            err = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y
            for j in range(d):
                grad[j] += err * x[j]
            grad_b += err
        weights = [w - rate * (g / n + l2 * w) for w, g in zip(weights, grad, strict=True)]
        bias -= rate * grad_b / n
    return AbsentModel(tuple(weights), bias, tuple(mean), tuple(scale), threshold)


def confirms_absent(index: ProcedureIndex, elsewhere: ElsewhereIndex | None, text: str, res: Resolution) -> bool:
    """Whether the model backs a rule's "not in my list" for `text` (resolved as `res`). The rules decide; the
    model only vetoes claims it finds unlikely (a long story about a held procedure). Two certainties stand without
    it: the action asked is held for no procedure like the best one ("cấp lại" of a licence held only as its first
    issue), and only form words match ("giấy phép kinh doanh karaoke")."""
    if certain_absent(res):
        return True
    return default_model().absent(features(index, elsewhere, text, res))

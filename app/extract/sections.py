"""Section choice by a small linear model over what a sentence is about.

The model (``resources/section_model.json``, written by ``bench/train_sections.py``) is a multinomial
logistic regression over sparse features: the words of the sentence, the words of its opening clause
(where the subject and main verb usually stand, weighted more), and the taxonomy's keyword hits per
section. Plain JSON, no pickle; scoring a sentence is a few dictionary look-ups per word.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.shared.paths import resource_path

MODEL_FILE = "section_model.json"
_WORD = re.compile(r"[a-z][a-z'\-]+|\d+")
_CLAUSE_END = frozenset({",", ";", ":", "—", "–", "(", '"', "“"})
OPENING_WORDS = 12  # the opening clause is cut here at the latest
STEM = 6
KEYWORD_WEIGHT = 3.0  # keyword hits are the taxonomy's curated knowledge: they count for more than a word
STOP = frozenset(
    "the a an and or of to in on at for by with from as is are was were be been being it its this that "
    "these those their they them he she his her we our us you your i has have had will would can could "
    "may might not no but also into over about after before than then there which who whom whose what "
    "when where while said says say".split())


def features(tokens: list[str], hits: list[int], keys: list[str]) -> dict[str, float]:
    """Sparse features of one sentence: ``tokens`` as ``topics.tokens`` makes them, ``hits`` per section."""
    out: dict[str, float] = {}
    opening = True
    seen = 0
    for tok in tokens:
        if opening and (tok in _CLAUSE_END or seen >= OPENING_WORDS):
            opening = False
        if not _WORD.fullmatch(tok) or tok in STOP:
            continue
        seen += 1
        key = "w:" + tok[:STEM]  # a crude stem: "agreed", "agreement" and "agree" share one weight
        out[key] = out.get(key, 0.0) + 1.0
        if opening:
            key = "o:" + tok[:STEM]
            out[key] = out.get(key, 0.0) + 1.0
    for key, n in zip(keys, hits, strict=False):
        if n:
            out["k:" + key] = KEYWORD_WEIGHT * min(n, 3)
    out["bias"] = 1.0
    return out


@dataclass(frozen=True)
class SectionModel:
    sections: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    # token -> (its word row, its opening-clause row), each None when unweighted; False for a non-word
    _rows: dict = field(default_factory=dict, compare=False, repr=False)

    def _token_rows(self, tok: str):
        rows = self._rows.get(tok)
        if rows is None:
            if not _WORD.fullmatch(tok) or tok in STOP:
                rows = False
            else:
                rows = (self.weights.get("w:" + tok[:STEM]), self.weights.get("o:" + tok[:STEM]))
            if len(self._rows) > 100_000:  # bound the memo on endless vocabularies
                self._rows.clear()
            self._rows[tok] = rows
        return rows

    def classify(self, tokens: list[str], hits: list[int], keys: list[str]) -> str:
        """``predict(features(tokens, hits, keys))`` without building the features: the hot path."""
        vectors = []
        bias = self.weights.get("bias")
        if bias is not None:
            vectors.append(bias)
        opening = True
        seen = 0
        token_rows = self._token_rows
        for tok in tokens:
            if opening and (tok in _CLAUSE_END or seen >= OPENING_WORDS):
                opening = False
            rows = token_rows(tok)
            if rows is False:
                continue
            seen += 1
            if rows[0] is not None:
                vectors.append(rows[0])
            if opening and rows[1] is not None:
                vectors.append(rows[1])
        for key, n in zip(keys, hits, strict=False):
            if n:
                row = self.weights.get("k:" + key)
                if row is not None:
                    scale = KEYWORD_WEIGHT * min(n, 3)
                    vectors.append(tuple(scale * w for w in row))
        if not vectors:
            return ""
        scores = [sum(col) for col in zip(*vectors, strict=True)]
        return self.sections[scores.index(max(scores))]

    def scores(self, feats: dict[str, float]) -> list[float]:
        total = [0.0] * len(self.sections)
        get = self.weights.get
        for name, value in feats.items():
            row = get(name)
            if row is not None:
                total = [t + value * w for t, w in zip(total, row, strict=True)]
        return total

    def predict(self, feats: dict[str, float], allowed: set[str] | None = None) -> str:
        scores = self.scores(feats)
        best, best_score = "", -math.inf
        for key, s in zip(self.sections, scores, strict=True):
            if (allowed is None or key in allowed) and s > best_score:
                best, best_score = key, s
        return best

    def to_json(self) -> dict:
        return {"version": 1, "sections": list(self.sections),
                "weights": {k: [round(w, 4) for w in row] for k, row in sorted(self.weights.items())}}


def parse_model(data: object) -> SectionModel | None:
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return None
    sections = tuple(str(s) for s in data["sections"])
    weights = {}
    for name, row in (data.get("weights") or {}).items():
        if isinstance(row, list) and len(row) == len(sections):
            weights[str(name)] = tuple(float(w) for w in row)
    return SectionModel(sections, weights) if weights else None


@lru_cache(maxsize=1)
def default_model() -> SectionModel | None:
    """The shipped model, or None when it is missing or unreadable (keyword voting then decides)."""
    try:
        data = json.loads(resource_path(MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return parse_model(data)


def train(samples: list[tuple[dict[str, float], str]], sections: list[str], epochs: int = 20,
          rate: float = 0.2, l2: float = 3e-3, min_count: int = 2) -> SectionModel:
    """Softmax regression by stochastic gradient descent; features seen in fewer than ``min_count``
    samples are dropped (they would only memorise one sentence)."""
    counts: dict[str, int] = {}
    for feats, _ in samples:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    keep = {n for n, c in counts.items() if c >= min_count or n.startswith("k:") or n == "bias"}
    k = len(sections)
    index = {s: i for i, s in enumerate(sections)}
    w: dict[str, list[float]] = {n: [0.0] * k for n in keep}
    data = [({n: v for n, v in f.items() if n in keep}, index[y]) for f, y in samples if y in index]
    order = list(range(len(data)))
    for epoch in range(epochs):
        # a fixed, deterministic shuffle: the same labels always give the same model
        order.sort(key=lambda i: (i * 7919 + epoch * 104729) % 1000003)
        step = rate / (1.0 + epoch * 0.1)
        for i in order:
            feats, y = data[i]
            z = [0.0] * k
            for n, v in feats.items():
                row = w[n]
                for j in range(k):
                    z[j] += v * row[j]
            top = max(z)
            e = [math.exp(s - top) for s in z]
            tot = sum(e)
            grad = [x / tot for x in e]
            grad[y] -= 1.0
            for n, v in feats.items():
                row = w[n]
                for j in range(k):
                    row[j] -= step * (grad[j] * v + l2 * row[j])
    pruned = {n: tuple(row) for n, row in w.items() if max(abs(x) for x in row) >= 0.02}
    return SectionModel(tuple(sections), pruned)

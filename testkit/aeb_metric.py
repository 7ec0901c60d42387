"""The Article Extraction Benchmark's metric, once, for the extraction benchmark and its tests.

Tokens are `\\w+` matches; a page's units are its word 4-gram shingles as a multiset; per page,
tp/fp/fn are divided by their sum so each page weighs the same (see `../shared/corpus/README.md`).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Word 4-grams as a multiset; a text shorter than four words is one shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens
    )


def page_score(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, divided by their sum so every page weighs the same."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def overall(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall): P and R are means of per-page values, F1 is of those means.

    A page with no prediction has no precision; its recall counts as 0.
    """
    precisions = [tp / (tp + fp) for tp, fp, _ in scores if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in scores if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def page_f1(truth: str, predicted: str) -> float:
    tp, fp, fn = page_score(truth, predicted)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

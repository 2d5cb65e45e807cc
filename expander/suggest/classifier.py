"""A small softmax-regression classifier over sentence embeddings (numpy only).

The suggester trains one at index-build time when the snippets carry enough
example messages: a multinomial logistic regression from an example's embedding
to its snippet. Nearest example and centroid treat every dimension of the
embedding alike; the classifier learns which directions separate *these*
snippets, which is what lifts BANKING77 accuracy with many examples
(bench/RESULTS.md). :class:`NaiveBayes` does the same for the snippets' words.

Training is full-batch Adam from zero weights, so the same examples always give
the same model; its cost grows with examples × snippets, and
:func:`worth_training` says when it is worth paying.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["NaiveBayes", "SoftmaxClassifier", "worth_training"]

MIN_EXAMPLES_PER_SNIPPET = 8.0
"""Below this mean number of examples per snippet the classifier is not trained.
With few examples it learns noise: at about 4 per snippet (the bundled packs) it
lowered top-1 on the tests' realistic e-mails, though on a BANKING77 validation
split it already helped at 5 per intent; with 10 or more it helps clearly
(bench/RESULTS.md)."""
MAX_COST = 4_000_000
"""Training takes about 1.6 s per million (embedded texts × snippets) on a
2-CPU machine: 1.6 s for BANKING77's 10,080 texts of 77 intents, 3.6 s for
CLINC150's 15,150 texts of 150 intents. Above this product (about 6.5 s) the
classifier is not trained."""

_SCALE = 5.0  # embeddings are unit vectors: scaled so that logits can grow
_L2 = 1e-4
_STEPS = 100
_LEARNING_RATE = 0.1
_NB_ALPHA = 0.05  # additive smoothing of the naive Bayes counts (TF-IDF weights)


def worth_training(n_texts: int, n_examples: int, n_classes: int) -> bool:
    """Whether to train on ``n_texts`` embedded texts (``n_examples`` of them
    example messages) for ``n_classes`` snippets."""
    if n_classes < 2 or n_examples < MIN_EXAMPLES_PER_SNIPPET * n_classes:
        return False
    return n_texts * n_classes <= MAX_COST


class SoftmaxClassifier:
    """P(snippet | text) from a text's embedding."""

    def __init__(self, weights: Any, bias: Any) -> None:
        self.weights = weights
        self.bias = bias

    @classmethod
    def fit(
        cls,
        vectors: Any,
        labels: Any,
        n_classes: int,
        *,
        steps: int = _STEPS,
        l2: float = _L2,
    ) -> SoftmaxClassifier:
        """Train on unit ``vectors`` (one row per text) labelled 0..n_classes-1."""
        x = np.asarray(vectors, dtype=np.float32) * np.float32(_SCALE)
        y = np.asarray(labels, dtype=np.int64)
        n = len(x)
        rows = np.arange(n)
        w = np.zeros((x.shape[1], n_classes), dtype=np.float32)
        b = np.zeros(n_classes, dtype=np.float32)
        params = [w, b]
        first = [np.zeros_like(w), np.zeros_like(b)]
        second = [np.zeros_like(w), np.zeros_like(b)]
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        for step in range(1, steps + 1):
            grad_logits = _softmax(x @ w + b)
            grad_logits[rows, y] -= 1.0
            grad_logits /= n
            grads = [x.T @ grad_logits + np.float32(l2) * w, grad_logits.sum(axis=0)]
            correction1 = 1 - beta1**step
            correction2 = 1 - beta2**step
            for param, grad, m, v in zip(params, grads, first, second, strict=True):
                m *= beta1
                m += (1 - beta1) * grad
                v *= beta2
                v += (1 - beta2) * grad * grad
                param -= (
                    _LEARNING_RATE * (m / correction1) / (np.sqrt(v / correction2) + eps)
                ).astype(np.float32)
        return cls(w, b)

    def logits(self, vector: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The snippets' logits for one unit vector (their softmax is P(snippet))."""
        scaled = np.asarray(vector, dtype=np.float32) * np.float32(_SCALE)
        logits = scaled @ self.weights + self.bias
        result: np.ndarray[Any, np.dtype[np.float64]] = logits.astype(np.float64)
        return result

    def probabilities(self, vector: Any) -> np.ndarray[Any, np.dtype[np.float64]]:
        """P(snippet) for one unit vector, summing to 1."""
        result: np.ndarray[Any, np.dtype[np.float64]] = _softmax(self.logits(vector)[None, :])[0]
        return result


class NaiveBayes:
    """P(snippet | text) from a text's sparse TF-IDF vector: multinomial naive
    Bayes over the snippets' summed TF-IDF vectors (their centroids before
    normalising), with uniform priors.

    The embedding classifier sees a sentence as a whole; this one sees which
    words (stems and stem bigrams) tell *these* snippets apart. Together they
    lift BANKING77 accuracy with many examples (bench/RESULTS.md). Training is
    one pass over the counts, so it costs next to nothing.
    """

    def __init__(self, log_probabilities: Any, columns: Mapping[int, int]) -> None:
        self.log_probabilities = log_probabilities  # (n_classes, n_features) float32
        self.columns = columns  # feature id -> column

    @classmethod
    def fit(cls, counts: Sequence[Mapping[int, float]], *, alpha: float = _NB_ALPHA) -> NaiveBayes:
        """Train on one sparse vector (feature id -> weight) per class."""
        columns: dict[int, int] = {}
        for vector in counts:
            for feature in vector:
                columns.setdefault(feature, len(columns))
        table = np.zeros((len(counts), max(1, len(columns))), dtype=np.float32)
        for row, vector in enumerate(counts):
            for feature, value in vector.items():
                table[row, columns[feature]] += value
        table += np.float32(alpha)
        table = np.log(table) - np.log(table.sum(axis=1, keepdims=True))
        return cls(table, columns)

    def logits(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The classes' logits for a sparse query vector; features never seen in
        training are ignored (no known feature: all logits 0)."""
        known = [(self.columns[f], w) for f, w in query.items() if f in self.columns]
        logits = np.zeros(self.log_probabilities.shape[0], dtype=np.float64)
        if known:
            cols = np.asarray([c for c, _ in known], dtype=np.int64)
            weights = np.asarray([w for _, w in known], dtype=np.float64)
            logits += self.log_probabilities[:, cols].astype(np.float64) @ weights
        return logits

    def probabilities(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """P(class) for a sparse query vector, summing to 1."""
        result: np.ndarray[Any, np.dtype[np.float64]] = _softmax(self.logits(query)[None, :])[0]
        return result


def _softmax(logits: Any) -> Any:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    exp /= exp.sum(axis=1, keepdims=True)
    return exp

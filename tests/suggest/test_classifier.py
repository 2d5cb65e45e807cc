"""The classifiers trained on many examples (expander/suggest/classifier.py)."""

from __future__ import annotations

import pytest


def test_the_classifier_is_trained_only_with_examples_enough() -> None:
    from expander.suggest.classifier import MAX_COST, MIN_EXAMPLES_PER_SNIPPET, worth_training

    per = int(MIN_EXAMPLES_PER_SNIPPET)
    assert worth_training(10 * (per + 1), 10 * per, 10)
    assert not worth_training(10 * per, 10 * (per - 1), 10)  # few examples
    assert not worth_training(50, 50, 1)  # one snippet: nothing to tell apart
    assert not worth_training(MAX_COST // 100 + 1, MAX_COST, 100)  # too costly


def test_the_classifier_tells_clusters_apart() -> None:
    import numpy as np

    from expander.suggest.classifier import SoftmaxClassifier

    rng = np.random.default_rng(0)
    centres = np.eye(3, 16)
    vectors = np.repeat(centres, 20, axis=0) + 0.3 * rng.standard_normal((60, 16))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = np.repeat(np.arange(3), 20)
    classifier = SoftmaxClassifier.fit(vectors, labels, 3)
    for label in range(3):
        probabilities = classifier.probabilities(centres[label])
        assert probabilities.sum() == pytest.approx(1.0)
        assert int(probabilities.argmax()) == label


def test_the_words_classifier_tells_word_sets_apart() -> None:
    from expander.suggest.classifier import NaiveBayes

    # feature id -> summed TF-IDF weight, one vector per class
    counts = [{0: 3.0, 1: 1.0}, {2: 3.0, 3: 1.0}, {4: 2.0, 0: 0.5}]
    classifier = NaiveBayes.fit(counts)
    for label, feature in ((0, 1), (1, 2), (2, 4)):
        probabilities = classifier.probabilities({feature: 1.0})
        assert probabilities.sum() == pytest.approx(1.0)
        assert int(probabilities.argmax()) == label
    unknown = classifier.probabilities({99: 1.0})  # no feature seen in training
    assert unknown == pytest.approx([1 / 3] * 3)

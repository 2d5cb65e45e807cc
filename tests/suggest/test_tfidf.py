"""The one TF-IDF (expander/suggest/tfidf.py) the suggester and gap clustering share."""

from __future__ import annotations

import math

import numpy as np
import pytest

from expander.suggest.features import char_features, word_features
from expander.suggest.tfidf import (
    CentroidIndex,
    Postings,
    TfIdf,
    cosine,
    similarity_matrix,
    unit,
)

TEXTS = [
    "Where is my parcel? It has not arrived yet.",
    "My parcel has not arrived, where is it?",
    "Can I return the lamp? It is too bright.",
    "Gdzie jest moja paczka? Jeszcze nie dotarła.",
    "",
]
LANGUAGES: list[str | None] = ["en", "en", "en", "pl", None]


def reference_vectors(texts: list[str], languages: list[str | None]) -> list[dict[str, float]]:
    """TF-IDF as the textbook (and the gap clustering before) computed it."""
    counts = []
    df: dict[str, int] = {}
    for text, language in zip(texts, languages, strict=True):
        c: dict[str, int] = {}
        for f in word_features(text, language):
            c[f] = c.get(f, 0) + 1
        counts.append(c)
        for f in c:
            df[f] = df.get(f, 0) + 1
    n = len(texts)
    vectors = []
    for c in counts:
        vec = {f: (1 + math.log(k)) * (math.log((n + 1) / (df[f] + 1)) + 1) for f, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({f: v / norm for f, v in vec.items()})
    return vectors


def test_fit_transform_gives_the_textbook_weights() -> None:
    model, vectors = TfIdf.fit_transform(word_features, TEXTS, LANGUAGES)
    expected = reference_vectors(TEXTS, LANGUAGES)
    for got, want in zip(vectors, expected, strict=True):
        assert {model.names[fid]: value for fid, value in got.items()} == want


def test_vectors_are_unit_length_and_a_text_is_its_own_nearest() -> None:
    model, vectors = TfIdf.fit_transform(char_features, TEXTS, LANGUAGES)
    for text, language, fitted in zip(TEXTS, LANGUAGES, vectors, strict=True):
        assert model.vector(text, language) == fitted
        if fitted:
            assert cosine(fitted, fitted) == pytest.approx(1.0)
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])
    assert cosine(vectors[0], vectors[4]) == 0.0  # the empty text shares nothing


def test_unknown_features_are_left_out_of_a_query() -> None:
    model, _ = TfIdf.fit_transform(word_features, TEXTS[:2], LANGUAGES[:2])
    assert model.vector("zebra xylophone", "en") == {}


def test_similarity_matrix_is_every_pairs_cosine() -> None:
    model, vectors = TfIdf.fit_transform(word_features, TEXTS, LANGUAGES)
    matrix = similarity_matrix(vectors, len(model.vocab))
    assert matrix.shape == (len(TEXTS), len(TEXTS))
    for i, a in enumerate(vectors):
        for j, b in enumerate(vectors):
            assert matrix[i, j] == pytest.approx(cosine(a, b))
    assert similarity_matrix([], 0).shape == (0, 0)


def test_a_centroid_index_scores_the_cosine_with_each_groups_weighted_sum() -> None:
    owners, weights = [0, 0, 1, 1, 1], [1.0, 0.5, 1.0, 1.0, 1.0]
    index = CentroidIndex(word_features, TEXTS, LANGUAGES, owners, weights, 2)
    _, vectors = TfIdf.fit_transform(word_features, TEXTS, LANGUAGES)
    query = index.query("my parcel did not arrive", "en")
    for group in (0, 1):
        summed: dict[int, float] = {}
        for vector, owner, weight in zip(vectors, owners, weights, strict=True):
            if owner == group:
                for fid, value in vector.items():
                    summed[fid] = summed.get(fid, 0.0) + weight * value
        assert index.centroids[group] == pytest.approx(summed)
        assert index.scores(query)[group] == pytest.approx(cosine(query, unit(summed)))
    assert int(np.argmax(index.scores(query))) == 0


def test_postings_sum_each_rows_products_in_the_querys_order_to_the_last_bit() -> None:
    rng = np.random.default_rng(7)
    rows = [
        {int(f): float(rng.random()) for f in rng.choice(50, size=20, replace=False)}
        for _ in range(30)
    ]
    postings = Postings(rows, 50)
    for _ in range(20):
        query = {int(f): float(rng.random()) for f in rng.choice(50, size=15, replace=False)}
        expected = np.zeros(len(rows))
        for fid, weight in query.items():  # one feature after another, as the rows see them
            for row, values in enumerate(rows):
                if fid in values:
                    expected[row] += weight * values[fid]
        assert postings.scores(query).tolist() == expected.tolist()
    assert postings.scores({}).tolist() == [0.0] * len(rows)
    assert postings.scores({}).dtype == np.float64

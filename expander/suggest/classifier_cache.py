"""The suggester's trained classifiers (softmax over a space's vectors, naive
Bayes over the snippets' words), kept on disk between runs.

Training them took 0.18-0.27 s of the bundled packs' 0.8-1.0 s index build with
every vector and lexical index read from the caches (three languages: 100 steps
of full-batch Adam each, :class:`~expander.suggest.classifier.SoftmaxClassifier`);
every ``expander suggest`` paid it. A later process with the same inputs reads
the trained arrays back instead (a few ms) and scores exactly as the trained ones.

What is kept, and what is not:

* One file per encoder and language (``classifiers-<encoder>+<language>.npz``)
  in the folder the caller names, holding that language's two classifiers: the
  last ones trained. Its key is a hash of every input of their training, byte
  for byte (the vectors, their labels, the number of snippets, the naive Bayes
  counts in their order, the classifier module's settings and the fits'
  defaults), of the classifier code, and of what the arithmetic's bits depend on
  here: numpy's version and the CPU features it uses, and the BLAS library, its
  kernel and its threads (:func:`~expander.suggest.threads.blas_identity`). With
  the same vectors, OpenBLAS's Sandybridge kernel instead of Haswell's, numpy
  without AVX2, or two BLAS threads instead of one each trained other weights.
  So a file gives the classifiers this machine would train, bit for bit, and any
  change trains them again and replaces it.
* In the folder named for the words index they are trained with (see
  :func:`~expander.suggest.index_cache.kept_in`): the cache folder only when every
  text of the index is a pack's; with learned examples (masked e-mails), the
  learned examples' own folder, which goes with them; else nowhere. A space that
  trains deletes its encoder's other files in that folder: a language no longer
  trained (too few examples left, or gone from the library) leaves nothing behind.
* Not in the seed shipped with the bundled packs (``make seed``): the seed holds
  what every machine computes alike (the vectors, exact on every CPU, and the
  lexical indexes); these arrays would serve only a machine with the seed
  builder's numpy, BLAS kernel and CPU features, and another builder's seed would
  differ.
* A file that is not ours, truncated or damaged is ignored (one log line), and
  the classifiers are trained and the file replaced; it never stops a suggestion.
  Files are written atomically, readable by their owner alone (0600, in a 0700
  folder).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import sys
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

import expander.suggest.classifier as classifier
from expander.suggest.classifier import NaiveBayes, SoftmaxClassifier
from expander.suggest.threads import blas_identity
from expander.suggest.vector_cache import (
    cache_dir,
    hash_sources,
    read_cache_file,
    write_cache_file,
)

__all__ = ["classifier_file", "forget_cached_classifiers", "keep_only_classifiers", "trained"]

log = logging.getLogger(__name__)

_FORMAT = b"expander-classifiers-1"
_CODE_MODULES = ("expander.suggest.classifier", "expander.suggest.classifier_cache")
"""The modules whose code decides the classifiers trained: any change to one of
them (a new Expander) keys them anew."""
_PREFIX = "classifiers-"
_SEPARATOR = "+"  # between the encoder's name and the language: in neither (see _safe)


def classifier_file(encoder: str, language: str, folder: Path | None = None) -> Path:
    """The file of the classifiers of ``language`` in the space of the encoder
    called ``encoder``, in ``folder`` (by default
    :func:`~expander.suggest.vector_cache.cache_dir`)."""
    name = f"{_PREFIX}{_safe(encoder)}{_SEPARATOR}{_safe(language)}.npz"
    return (folder or cache_dir()) / name


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", part)[:80] or "_"


def trained(
    encoder: str,
    language: str,
    vectors: Any,
    labels: Any,
    n_classes: int,
    counts: Sequence[Mapping[int, float]],
    *,
    folder: Path | None,
) -> tuple[SoftmaxClassifier, NaiveBayes]:
    """``SoftmaxClassifier.fit(vectors, labels, n_classes)`` and
    ``NaiveBayes.fit(counts)``, read from the file of ``encoder`` and ``language``
    in ``folder`` when it holds the ones these inputs train here, else trained
    (and written there). ``folder`` None keeps nothing; it must not be the cache
    folder when a text behind the inputs is not a snippet's (a learned e-mail)."""

    def train() -> tuple[SoftmaxClassifier, NaiveBayes]:
        return SoftmaxClassifier.fit(vectors, labels, n_classes), NaiveBayes.fit(counts)

    if folder is None:
        return train()
    key = _key(vectors, labels, n_classes, counts)
    path = classifier_file(encoder, language, folder)
    found = _read(path, key)
    if found is not None:
        return found
    made = train()
    _write(path, key, *made)
    return made


def keep_only_classifiers(folder: Path, encoder: str, languages: Iterable[str]) -> None:
    """Delete the files of ``encoder``'s classifiers in ``folder`` but those of
    ``languages`` (the ones its space has just trained)."""
    kept = {classifier_file(encoder, language, folder).name for language in languages}
    pattern = f"{_PREFIX}{_safe(encoder)}{_SEPARATOR}*.npz"
    for path in sorted(folder.glob(pattern)) if folder.is_dir() else []:
        if path.name not in kept:
            path.unlink(missing_ok=True)


def forget_cached_classifiers(folder: Path | None = None) -> None:
    """Delete every classifier file in ``folder`` (by default the cache folder): the
    next index trains them (benchmarks time such builds)."""
    folder = folder or cache_dir()
    if folder.is_dir():
        for path in folder.glob(f"{_PREFIX}*.npz"):
            path.unlink(missing_ok=True)


def _key(vectors: Any, labels: Any, n_classes: int, counts: Sequence[Mapping[int, float]]) -> bytes:
    """The classifiers' key: their code and settings (:func:`_code_fingerprint`,
    :func:`_settings`), this machine's arithmetic (:func:`_arithmetic`), and their
    inputs as the fits read them (float32 vectors in their memory order, int64
    labels, each class's feature ids and weights in their order)."""
    digest = hashlib.blake2b(_FORMAT, digest_size=32)
    digest.update(_code_fingerprint())
    _update(digest, _settings())
    _update(digest, _arithmetic())
    x = np.asarray(vectors, dtype=np.float32)
    y = np.asarray(labels, dtype=np.int64)
    digest.update(struct.pack("<q", n_classes))
    digest.update(struct.pack("<q", x.ndim) + struct.pack(f"<{x.ndim}q", *x.shape))
    digest.update(struct.pack("<??", x.flags.c_contiguous, x.flags.f_contiguous))
    digest.update(x.tobytes(order="A"))
    digest.update(struct.pack("<q", y.size) + y.tobytes())
    digest.update(struct.pack("<q", len(counts)))
    for row in counts:
        ids = np.fromiter(row.keys(), dtype=np.int64, count=len(row))
        weights = np.fromiter(row.values(), dtype=np.float64, count=len(row))
        digest.update(struct.pack("<q", len(row)) + ids.tobytes() + weights.tobytes())
    return digest.digest()


def _update(digest: Any, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    digest.update(struct.pack("<q", len(data)))  # length first: no two lists hash alike
    digest.update(data)


def _settings() -> str:
    """The classifier module's numbers as they are now (a test or a benchmark may
    change one; the code's hash would not see it) and the fits' defaults."""
    numbers = {
        name: value
        for name, value in sorted(vars(classifier).items())
        if isinstance(value, int | float)
    }
    defaults = (SoftmaxClassifier.fit.__kwdefaults__, NaiveBayes.fit.__kwdefaults__)
    return repr((numbers, defaults))


_numpy_identity: str | None = None


def _arithmetic() -> str:
    """What the bits of the fits' float32 arithmetic depend on besides their
    inputs: numpy's version and the CPU features its kernels use (found once), and
    the BLAS as it is set now (its threads may change)."""
    global _numpy_identity
    if _numpy_identity is None:
        umath = sys.modules.get("numpy._core._multiarray_umath") or sys.modules.get(
            "numpy.core._multiarray_umath"
        )
        features = getattr(umath, "__cpu_features__", None) or {}
        used = sorted(name for name, present in features.items() if present)
        _numpy_identity = f"numpy {np.__version__} {' '.join(used) or 'features unknown'}"
    return f"{_numpy_identity}; {blas_identity()}"


_fingerprint: bytes | None = None


def _code_fingerprint() -> bytes:
    """A hash of the classifier code's source."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.blake2b(digest_size=16)
        hash_sources(digest, _CODE_MODULES)
        _fingerprint = digest.digest()
    return _fingerprint


def _read(path: Path, key: bytes) -> tuple[SoftmaxClassifier, NaiveBayes] | None:
    """The classifiers in ``path`` when they are the ones of ``key``; None (logged
    when the file is damaged or unreadable) otherwise."""
    data = read_cache_file(path, "classifier cache")
    if data is None:
        return None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            if bytes(arrays["key"]) != key:
                return None  # other inputs, another version or another machine: trained anew
            return _classifiers(arrays)
    except (ValueError, KeyError, TypeError, OSError, EOFError, zipfile.BadZipFile) as error:
        log.warning("classifier cache %s ignored and replaced: %s", path.name, error)
        return None


def _classifiers(
    arrays: Mapping[str, np.ndarray[Any, Any]],
) -> tuple[SoftmaxClassifier, NaiveBayes]:
    """The classifiers :func:`_write` kept; ValueError when the arrays do not fit
    together (the key matched, so only a damaged file gets here)."""
    weights, bias = arrays["weights"], arrays["bias"]
    table, columns = arrays["log_probabilities"], arrays["columns"]
    if not all(a.dtype == np.float32 for a in (weights, bias, table)) or columns.dtype != np.int64:
        raise ValueError("an array of another type")
    n_classes = len(bias)
    if weights.ndim != 2 or weights.shape[1] != n_classes or bias.ndim != 1:
        raise ValueError("the softmax weights and biases differ in size")
    if table.ndim != 2 or columns.ndim != 1 or table.shape[1] != max(1, len(columns)):
        raise ValueError("the naive Bayes table and its columns differ in size")
    column_of = dict(zip(columns.tolist(), range(len(columns)), strict=True))
    if len(column_of) != len(columns):
        raise ValueError("a feature has two columns")
    return SoftmaxClassifier(weights, bias), NaiveBayes(table, column_of)


def _write(path: Path, key: bytes, softmax: SoftmaxClassifier, naive_bayes: NaiveBayes) -> None:
    by_column = sorted(naive_bayes.columns, key=naive_bayes.columns.__getitem__)
    buffer = io.BytesIO()
    np.savez(
        buffer,
        key=np.frombuffer(key, dtype=np.uint8),
        weights=softmax.weights,
        bias=softmax.bias,
        log_probabilities=naive_bayes.log_probabilities,
        columns=np.asarray(by_column, dtype=np.int64),  # the features, in their columns' order
    )
    write_cache_file(path, buffer.getvalue(), "classifier cache")

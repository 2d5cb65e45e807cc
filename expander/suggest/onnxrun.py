"""What the ONNX Runtime sentence encoders share: the runtime imported with its
telemetry off, the guard that keeps the process from exiting inside a run, and
:class:`OnnxSentenceEncoder`, one session on one thread with a small pool for
index builds, named for the on-disk cache of snippet vectors by its model
(:attr:`OnnxSentenceEncoder.cache_identity`), and
:func:`release_freed_memory`. The encoders (:mod:`expander.suggest.minilm`,
:mod:`expander.suggest.e5`) add their tokenizer and input text.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "OnnxSentenceEncoder",
    "check_vectors",
    "import_onnxruntime",
    "native_calls",
    "release_freed_memory",
]

_MAX_WORKERS = 4
_TEXTS_PER_WORKER = 64


class _NativeCalls:
    """Counts the threads inside ONNX Runtime, so that the process never exits
    while one is: its runtime is torn down at exit, and a run still going on
    in a daemon thread (the app builds its index in one) aborts the process
    ("terminate called without an active exception"). At exit no new run
    starts and the running ones are waited for."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._inside = 0
        self._closing = False

    @contextmanager
    def call(self) -> Iterator[None]:
        with self._changed:
            while self._closing:  # the process is exiting: this thread stops here
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


native_calls = _NativeCalls()
atexit.register(native_calls.close)  # runs before the runtime's own teardown


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


def import_onnxruntime() -> Any:
    """ONNX Runtime, with its telemetry off before anything of it runs.

    On Linux its import alone writes a device id and an event database under
    ``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` (outside
    ``EXPANDER_HOME``) unless ``ORT_DISABLE_TELEMETRY`` is set before the first
    import; ``disable_telemetry_events`` then also turns off its Windows events.
    Raises ``ImportError`` when ONNX Runtime is not installed.
    """
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    return onnxruntime


class OnnxSentenceEncoder:
    """One ONNX model that turns token ids into an L2-normalised vector.

    Subclasses say how a text becomes token ids (:meth:`token_ids`); the
    model takes ``input_ids`` and ``attention_mask`` and gives one vector a row.
    """

    dimensions = 384
    pool_name = "onnx"

    def __init__(self, model: Path, *, threads: int = 1) -> None:
        if not model.is_file():
            raise FileNotFoundError(f"no sentence encoder at {model}")
        onnxruntime = import_onnxruntime()
        options = onnxruntime.SessionOptions()
        # one thread: a query is a few small matrix products, and the app shares
        # the machine with the agent's mail client
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        with native_calls.call():
            self._session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
        # each run hands its arena memory back (a 256-token query grows the arena
        # by 16 MB that it would otherwise keep for good); as fast in the benchmark
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
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
        workers = min(_MAX_WORKERS, os.cpu_count() or 1, len(texts) // _TEXTS_PER_WORKER)
        if workers > 1:
            try:
                with ThreadPoolExecutor(workers, thread_name_prefix=self.pool_name) as pool:
                    for row, vector in enumerate(pool.map(self._encode_one, texts)):
                        out[row] = vector
                return out
            except RuntimeError as exc:
                # the interpreter is exiting ("cannot schedule new futures after
                # interpreter shutdown"): go on one by one on this thread, which
                # stops quietly in native_calls.call() once the exit closes it
                if "shutdown" not in str(exc):
                    raise
        for row, text in enumerate(texts):
            out[row] = self._encode_one(text)
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


def check_vectors(encoder: OnnxSentenceEncoder) -> None:
    """Raise unless ``encoder`` gives a finite unit vector of its size: a model
    that loads but computes something else must not reach the index."""
    (vector,) = encoder.encode(["ok"])  # a vector of another size raises here
    if not np.isfinite(vector).all() or abs(float(np.linalg.norm(vector)) - 1) > 1e-3:
        raise ValueError("its vectors are not unit length")

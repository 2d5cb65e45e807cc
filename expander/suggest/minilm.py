"""The English sentence encoder: all-MiniLM-L6-v2, 8-bit, on ONNX Runtime.

The multilingual Universal Sentence Encoder covers English, Polish and
Russian; for English this smaller-vocabulary model separates support requests
better (BANKING77 with 10 examples per intent: 85.3 % top-1 for a logistic
regression on its embeddings against 80.9 % on USE's, bench/RESULTS.md), so
the suggester embeds English snippets with it.

The model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), exported to
ONNX with its mean pooling and normalisation, its weights quantised to int8 per
channel (``scripts/build_english_model.py`` rebuilds it and says how). ONNX
Runtime runs it on one thread in about 2 ms for a short query on this kind of
machine, where the same network in plain numpy takes 10 ms; its cosines stay
within 0.99 of the float model's. The WordPiece tokenizer is BERT's uncased
one, written here so that the model needs no other library; tests check it
against Hugging Face ``tokenizers``. ONNX Runtime is imported with its
telemetry off (:func:`import_onnxruntime`), so it writes nothing outside
``EXPANDER_HOME``.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import threading
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "MODEL_DIR",
    "MiniLMEncoder",
    "WordPieceTokenizer",
    "english_encoder",
    "import_onnxruntime",
    "load_encoder",
]

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "models" / "all-MiniLM-L6-v2"
MAX_TOKENS = 256
"""Longer texts are cut, as sentence-transformers does for this model; the
suggester's queries are cut to their first words before this anyway."""
_DIMENSIONS = 384
_MAX_WORKERS = 4
_TEXTS_PER_WORKER = 64


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True  # BERT counts every ASCII symbol ($, +, ^ ...) as punctuation
    return unicodedata.category(char).startswith("P")


class WordPieceTokenizer:
    """BERT's uncased tokenizer: clean, lower case, strip accents, split off
    punctuation, then greedy longest-match word pieces."""

    def __init__(self, vocab: Mapping[str, int]) -> None:
        self.vocab = dict(vocab)
        self.unknown = self.vocab["[UNK]"]
        self.start = self.vocab["[CLS]"]
        self.end = self.vocab["[SEP]"]

    @classmethod
    def from_file(cls, path: Path) -> WordPieceTokenizer:
        with open(path, encoding="utf-8") as f:
            return cls({line.rstrip("\n"): index for index, line in enumerate(f)})

    @staticmethod
    def _normalise(text: str) -> str:
        chars: list[str] = []
        for char in text:
            code = ord(char)
            if char in "\t\n\r":
                chars.append(" ")
            elif code == 0 or code == 0xFFFD or unicodedata.category(char).startswith("C"):
                continue  # before the whitespace test: \x0c and \x85 are dropped, as BERT does
            elif char.isspace():
                chars.append(" ")
            elif _is_cjk(code):
                chars += [" ", char, " "]
            else:
                chars.append(char)
        decomposed = unicodedata.normalize("NFD", "".join(chars))
        # lower case one letter at a time, as BERT does: a word-final Σ becomes σ, not ς
        return "".join(c.lower() for c in decomposed if unicodedata.category(c) != "Mn")

    def _words(self, text: str) -> list[str]:
        words: list[str] = []
        for chunk in self._normalise(text).split():
            current = ""
            for char in chunk:
                if _is_punctuation(char):
                    if current:
                        words.append(current)
                        current = ""
                    words.append(char)
                else:
                    current += char
            if current:
                words.append(current)
        return words

    def _pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unknown]
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    pieces.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unknown]  # like BERT: a word with no split is one unknown
            start = end
        return pieces

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """Token ids with [CLS] and [SEP], at most ``max_tokens`` of them."""
        ids: list[int] = []
        for word in self._words(text):
            ids += self._pieces(word)
            if len(ids) >= max_tokens - 2:
                break
        return [self.start, *ids[: max_tokens - 2], self.end]


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


_native = _NativeCalls()
atexit.register(_native.close)  # runs before the runtime's own teardown


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


class MiniLMEncoder:
    """Turns texts into L2-normalised 384-dimensional vectors."""

    def __init__(self, model_dir: Path = MODEL_DIR, *, threads: int = 1) -> None:
        model = model_dir / "model-int8.onnx"
        if not model.is_file():
            raise FileNotFoundError(f"no English sentence encoder at {model}")
        onnxruntime = import_onnxruntime()
        options = onnxruntime.SessionOptions()
        # one thread: a query is a few small matrix products, and the app shares
        # the machine with the agent's mail client
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        with _native.call():
            self._session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
        # each run hands its arena memory back (a 256-token query grows the arena
        # by 16 MB that it would otherwise keep for good); as fast in the benchmark
        self._run_options = onnxruntime.RunOptions()
        self._run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        self.tokenizer = WordPieceTokenizer.from_file(model_dir / "vocab.txt")
        self._model_file = model
        self._identity: tuple[str, str] | None = None

    @property
    def cache_identity(self) -> tuple[str, str]:
        """The name and model hash the cache of snippet vectors keys this encoder's by."""
        if self._identity is None:
            digest = hashlib.sha256()
            with open(self._model_file, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
            self._identity = (f"{self._model_file.parent.name}-int8", digest.hexdigest()[:32])
        return self._identity

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        out = np.zeros((len(texts), _DIMENSIONS), dtype=np.float32)
        # Building an index encodes thousands of texts: spread them over a few cores
        # (ONNX Runtime releases the GIL; 2,000 texts take 3.0 s instead of 4.8 on
        # two). One text per task, so that at exit the pool's threads stop after
        # the text at hand. A query, one text, stays on the calling thread.
        workers = min(_MAX_WORKERS, os.cpu_count() or 1, len(texts) // _TEXTS_PER_WORKER)
        if workers > 1:
            try:
                with ThreadPoolExecutor(workers, thread_name_prefix="minilm") as pool:
                    for row, vector in enumerate(pool.map(self._encode_one, texts)):
                        out[row] = vector
                return out
            except RuntimeError as exc:
                # the interpreter is exiting ("cannot schedule new futures after
                # interpreter shutdown"): go on one by one on this thread, which
                # stops quietly in _native.call() once the exit closes it
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
        ids = np.asarray([self.tokenizer.encode(text)], dtype=np.int64)
        with _native.call():
            (vectors,) = self._session.run(
                None, {"input_ids": ids, "attention_mask": np.ones_like(ids)}, self._run_options
            )
        return np.asarray(vectors[0], dtype=np.float32)


def load_encoder(model_dir: Path = MODEL_DIR) -> MiniLMEncoder | None:
    """The encoder in ``model_dir``, or None (logged) when it cannot run here."""
    try:
        encoder = MiniLMEncoder(model_dir)
        # a model that loads but computes something else must not reach the index
        (vector,) = encoder.encode(["ok"])  # a vector of another size raises here
        if not np.isfinite(vector).all() or abs(float(np.linalg.norm(vector)) - 1) > 1e-3:
            raise ValueError("its vectors are not unit length")
        return encoder
    except ImportError:
        log.warning("onnxruntime is not installed: English uses the multilingual encoder")
    except Exception as error:  # a missing or damaged model: rank without it, say why
        log.warning("English sentence encoder not loaded (%s): using the multilingual one", error)
    return None


_lock = threading.Lock()
_encoder: MiniLMEncoder | None = None
_loaded = False


def english_encoder() -> MiniLMEncoder | None:
    """The bundled English encoder, loaded once per process; None when ONNX
    Runtime or the model file is missing (English then uses the multilingual one)."""
    global _encoder, _loaded
    with _lock:
        if not _loaded:
            _loaded = True
            _encoder = load_encoder()
        return _encoder

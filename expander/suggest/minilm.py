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

import itertools
import logging
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from expander.suggest.onnxrun import OnnxSentenceEncoder, check_vectors, import_onnxruntime
from expander.suggest.vocabulary import RecentItems, Vocabulary

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
_SPECIAL = ("[UNK]", "[CLS]", "[SEP]")
_LONGEST_WORD = 100
_CACHED_WORDS = 2048
"""Words whose pieces are remembered (and as many before them), as e5's tokenizer does."""
MAX_TOKENS = 256
"""Longer texts are cut, as sentence-transformers does for this model; the
suggester's queries are cut to their first words before this anyway."""


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


class _CleanedCharacters(dict[int, str | None]):
    """BERT's cleaning of each character before the accents go, for ``str.translate``
    (None: dropped), filled in as characters are met."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        cleaned: str | None
        if char in "\t\n\r":
            cleaned = " "
        elif code == 0 or code == 0xFFFD or unicodedata.category(char).startswith("C"):
            cleaned = None  # before the whitespace test: \x0c and \x85 are dropped, as BERT does
        elif char.isspace():
            cleaned = " "
        elif _is_cjk(code):
            cleaned = " " + char + " "
        else:
            cleaned = char
        if len(self) < _CLEANED_KEPT:
            self[code] = cleaned
        return cleaned


_CLEANED_KEPT = 20_000
"""Characters whose cleaning is kept at most (about 2 MB): an e-mail of rare
characters may not grow the table without end."""
_CLEANED = _CleanedCharacters()


class WordPieceTokenizer:
    """BERT's uncased tokenizer: clean, lower case, strip accents, split off
    punctuation, then greedy longest-match word pieces."""

    def __init__(self, vocab: Mapping[str, int] | Vocabulary) -> None:
        # packed (expander.suggest.vocabulary): 3.4 MB as a dict, 0.8 MB so; the
        # candidate pieces of a text's words are looked up at once (_pieces_of)
        self.vocab = vocab if isinstance(vocab, Vocabulary) else Vocabulary(vocab)
        self.unknown, self.start, self.end = (self._id(token) for token in _SPECIAL)
        # the pieces of the words cut lately (see _pieces_of): a dict's speed for them
        self._recent: RecentItems[str, tuple[int, ...]] = RecentItems(_CACHED_WORDS)

    @classmethod
    def from_file(cls, path: Path) -> WordPieceTokenizer:
        with open(path, encoding="utf-8") as f:
            return cls(Vocabulary.of_features([line.rstrip("\n") for line in f]))

    @staticmethod
    def _normalise(text: str) -> str:
        # each character cleaned on its own, then accents stripped (NFD, no Mn) and
        # lower case; by a table of the characters met so far and, for ASCII, at
        # once (a 2 KB query: its whole tokenization 0.49 -> 0.06 ms; the same text)
        decomposed = unicodedata.normalize("NFD", text.translate(_CLEANED))
        if decomposed.isascii():
            return decomposed.lower()
        # lower case one letter at a time, as BERT does: a word-final Σ becomes σ, not ς
        return "".join(c.lower() for c in decomposed if unicodedata.category(c) != "Mn")

    def _words(self, text: str) -> list[str]:
        words: list[str] = []
        for chunk in self._normalise(text).split():
            if chunk.isalnum():  # letters and digits only: no punctuation to split off
                words.append(chunk)
                continue
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

    def _id(self, token: str) -> int:
        index = self.vocab.get(token)
        if index is None:
            raise KeyError(token)
        return index

    def _pieces_of(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """Each word's pieces, the words cut lately remembered (as many again
        before them: a few hundred KB), the others cut at once (:meth:`_cut`)."""
        cut = self._recent.all_of(words)
        if cut is not None:
            return cut
        out, new = self._recent.split(words)
        if new:
            cut_now = self._cut(new)
            out.update(cut_now)
            self._recent.add(cut_now)
        return [out[word] for word in words]

    def _cut(self, words: Sequence[str]) -> dict[str, tuple[int, ...]]:
        """Each word's pieces: greedy longest-match, as BERT cuts them. A round
        cuts the next piece of every word not cut to its end yet: first the
        rest of each word is looked up (most words are a piece, or end in one),
        then each shorter candidate of the words whose rest is none, longest
        first (with "##" after the start), all at once in the packed vocabulary."""
        out = {word: [self.unknown] for word in words}  # a word too long is one unknown
        cut = {word: 0 for word in words if len(word) <= _LONGEST_WORD}  # word -> next start
        for word in cut:
            out[word] = []

        def piece(word: str, start: int, end: int) -> str:
            return word[start:end] if start == 0 else "##" + word[start:end]

        while cut:
            rests = self.vocab.ids([piece(word, start, len(word)) for word, start in cut.items()])
            shorter = {}
            for (word, start), index in zip(list(cut.items()), rests, strict=True):
                if index is None:
                    shorter[word] = start
                else:  # cut to its end
                    out[word].append(index)
                    del cut[word]
            candidates = [
                piece(word, start, end)
                for word, start in shorter.items()
                for end in range(len(word) - 1, start, -1)
            ]
            found = iter(self.vocab.ids(candidates))
            for word, start in shorter.items():
                ids = list(itertools.islice(found, len(word) - start - 1))
                index = next((i for i in ids if i is not None), None)
                if index is None:  # like BERT: a word with no split is one unknown
                    out[word] = [self.unknown]
                    del cut[word]
                    continue
                out[word].append(index)
                cut[word] = len(word) - 1 - ids.index(index)
        return {word: tuple(pieces) for word, pieces in out.items()}

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """Token ids with [CLS] and [SEP], at most ``max_tokens`` of them."""
        words = self._words(text)[:max_tokens]  # a word is a piece or more
        ids: list[int] = []
        for pieces in self._pieces_of(words):
            ids += pieces
            if len(ids) >= max_tokens - 2:
                break
        return [self.start, *ids[: max_tokens - 2], self.end]


class MiniLMEncoder(OnnxSentenceEncoder):
    """Turns texts into L2-normalised 384-dimensional vectors."""

    pool_name = "minilm"

    def __init__(self, model_dir: Path = MODEL_DIR, *, threads: int | None = None) -> None:
        model = model_dir / "model-int8.onnx"
        if not model.is_file():
            raise FileNotFoundError(f"no English sentence encoder at {model}")
        super().__init__(model, threads=threads)
        self.tokenizer = WordPieceTokenizer.from_file(model_dir / "vocab.txt")

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text)


def load_encoder(model_dir: Path = MODEL_DIR) -> MiniLMEncoder | None:
    """The encoder in ``model_dir``, or None (logged) when it cannot run here."""
    try:
        encoder = MiniLMEncoder(model_dir)
        check_vectors(encoder)
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

"""The multilingual sentence encoder: multilingual-e5-small, 8-bit, on ONNX Runtime.

intfloat/multilingual-e5-small (MIT) embeds English, Polish and Russian in one
space; a query (an e-mail) is embedded as ``"query: " + text`` and a snippet's
texts as ``"passage: " + text``, as the model was trained. Its 250,002-piece
XLM-R vocabulary is trimmed to the 46,730 pieces English, Polish and Russian
need (``scripts/build_multilingual_model.py`` says how), so the bundled model
takes 41 MB instead of 118 MB in 8 bits; its weights are quantised to int8 per
channel. On the hold-out e-mails of tests/data (117, none of whose pieces was
chosen for them) its vectors keep a cosine of 0.995 on average (0.971 at
worst) with the untrimmed float model's; 89 are cut into as many pieces. A 2 KB e-mail (cut to
120 words) takes about 19 ms of CPU (MiniLM: 7 ms), on one thread through
:class:`~expander.suggest.onnxrun.OnnxSentenceEncoder`, as the English MiniLM.

The tokenizer is XLM-R's SentencePiece unigram model, written here (the
pieces and their scores are in ``tokenizer.tsv``): NFKC with SentencePiece's
``nmt_nfkc`` exceptions (control characters dropped, the odd spaces made
spaces), runs of white space made one, each word prefixed with ``▁`` and cut
into the pieces of highest total score (Viterbi); characters of no piece
become one <unk>. Tests check it against the upstream token ids.
"""

from __future__ import annotations

import itertools
import logging
import threading
import unicodedata
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from expander.suggest.onnxrun import OnnxSentenceEncoder, check_vectors
from expander.suggest.vocabulary import RecentItems, Vocabulary

__all__ = [
    "MODEL_DIR",
    "E5Encoder",
    "UnigramTokenizer",
    "load_e5",
    "multilingual_encoder",
]

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).parent / "models" / "multilingual-e5-small"
MAX_TOKENS = 512
_META = "\u2581"  # SentencePiece's word-start mark
_CACHED_WORDS = 2048
"""Words whose pieces are remembered, the ones cut lately, and as many before
them: at most 4,096 words, as the lru_cache this replaced."""
_UNKNOWN_PENALTY = 10.0  # an unknown character scores this below the rarest piece


def _nmt_exceptions() -> dict[int, str]:
    """Where SentencePiece's ``nmt_nfkc`` differs from NFKC on the characters
    that matter here: control characters go, tabs, line breaks, zero-width and
    other odd spaces become spaces; a fullwidth tilde stays."""
    table = {code: "" for code in [*range(0x20), *range(0x7F, 0xA0)]}
    spaces = (0x09, 0x0A, 0x0C, 0x0D, 0x1680, *range(0x200B, 0x2010), 0x2028, 0x2029, 0x2581)
    table.update({code: " " for code in (*spaces, 0xFEFF, 0xFFFD)})
    table[0xFF5E] = "\uff5e"
    return table


class UnigramTokenizer:
    """XLM-R's SentencePiece unigram tokenizer over a (trimmed) vocabulary.

    Ids 0-3 are <s>, <pad>, </s> and <unk>, as in XLM-R's Hugging Face ids.
    """

    def __init__(self, pieces: Sequence[str], scores: Sequence[float]) -> None:
        if list(pieces[:4]) != ["<s>", "<pad>", "</s>", "<unk>"]:
            raise ValueError("the vocabulary must start with <s>, <pad>, </s>, <unk>")
        # packed (expander.suggest.vocabulary): 6.7 MB as a dict, 1.7 MB so; the
        # spans of a text's words are looked up at once (_cut_words)
        self.vocabulary = Vocabulary.of_features(pieces)
        self.ids: Mapping[str, int] = _PieceIds(self.vocabulary)
        self.scores = array("d", scores)  # 0.4 MB where a list of floats takes 1.5
        self.start, self.end, self.unknown = 0, 2, 3
        self._unknown_score = min(self.scores[4:]) - _UNKNOWN_PENALTY
        self._longest = max(len(piece) for piece in pieces)
        self._table = _nmt_exceptions()
        # the pieces of the words cut lately, and of as many before them (a few
        # hundred bytes a word: 4,096 of them, the words of the bundled packs and
        # a day's e-mails, hold about 1 MB); two dicts that need no lock, and a
        # text whose words were all cut lately is answered by one map()
        self._recent: RecentItems[str, tuple[int, ...]] = RecentItems(_CACHED_WORDS)

    @classmethod
    def from_file(cls, path: Path) -> UnigramTokenizer:
        pieces: list[str] = []
        scores: list[float] = []
        with open(path, encoding="utf-8", newline="\n") as f:
            for line in f:
                piece, score = line.rstrip("\n").rsplit("\t", 1)
                pieces.append(piece)
                scores.append(float(score))
        return cls(pieces, scores)

    def words(self, text: str) -> list[str]:
        """The normalised words of ``text``, as SentencePiece splits them."""
        return unicodedata.normalize("NFKC", text.translate(self._table)).split()

    def _cut_words(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """Each word's piece ids. Every span of the words not cut lately is
        looked up in the packed vocabulary at once (a lookup a word took three
        times as long): the same ids, 0.3 ms more a text than with a dict
        (492 test e-mails: 0.28 s instead of 0.14)."""
        cut = self._recent.all_of(words)
        if cut is not None:
            return cut
        known, new = self._recent.split(words)
        if new:
            texts = [_META + word for word in new]
            longest = self._longest
            found = self.vocabulary.ids(
                [text[start:end] for text in texts for start in range(len(text))
                 for end in range(start + 1, min(len(text), start + longest) + 1)]
            )  # fmt: skip
            at = 0
            cut_now: dict[str, tuple[int, ...]] = {}
            for word, text in zip(new, texts, strict=True):
                cut_now[word], at = self._best_pieces(text, found, at)
            known.update(cut_now)
            self._recent.add(cut_now)
        return [known[word] for word in words]

    def _best_pieces(
        self, text: str, found: Sequence[int | None], at: int
    ) -> tuple[tuple[int, ...], int]:
        """The pieces of ``text`` of highest total score (Viterbi), and where the
        next text's spans start in ``found``: the id of each span's text in
        the order :meth:`_cut_words` lists them (None for no piece)."""
        n = len(text)
        best = [0.0] + [-np.inf] * n
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        scores, longest = self.scores, self._longest
        for start in range(n):
            here = best[start]
            for end in range(start + 1, min(n, start + longest) + 1):
                piece = found[at]
                at += 1
                # ids 0-3 are the special tokens: the text "<s>" is no piece
                if piece is not None and piece >= 4 and here + scores[piece] > best[end]:
                    best[end] = here + scores[piece]
                    back[end] = (start, piece)
            if here + self._unknown_score > best[start + 1]:
                best[start + 1] = here + self._unknown_score
                back[start + 1] = (start, -1)
        path: list[int] = []
        end = n
        while end > 0:
            end, piece = back[end]
            path.append(piece)
        out: list[int] = []
        for piece in reversed(path):
            if piece < 0:  # unknown characters in a row are one <unk>, as SentencePiece does
                if out and out[-1] == self.unknown:
                    continue
                piece = self.unknown
            out.append(piece)
        return tuple(out), at

    def pieces(self, text: str) -> list[int]:
        """The piece ids of ``text``, without <s> and </s>."""
        ids: list[int] = []
        for pieces in self._cut_words(self.words(text)):
            ids += pieces
        return ids

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        """Token ids with <s> and </s>, at most ``max_tokens`` of them.

        Of a word only its first ``max_tokens`` times the longest piece's
        characters are cut: they give as many pieces as are kept (unless most
        of them are unknown characters, one <unk> whatever their number), so a
        pasted megabyte without a space costs a few milliseconds, not seconds
        and gigabytes (cutting a word costs its length times the longest piece)."""
        longest = max_tokens * self._longest
        words = [word[:longest] for word in self.words(text)[:max_tokens]]
        ids: list[int] = []
        for pieces in self._cut_words(words):  # a word has a piece or more
            ids += pieces
            if len(ids) >= max_tokens - 2:
                break
        return [self.start, *ids[: max_tokens - 2], self.end]


class _PieceIds(Mapping[str, int]):
    """Piece -> id, as a read-only mapping over the packed vocabulary, without
    the four special tokens (the text "<s>" is no piece)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary

    def __getitem__(self, piece: str) -> int:
        index = self._vocabulary.get(piece)
        if index is None or index < 4:
            raise KeyError(piece)
        return index

    def __iter__(self) -> Iterator[str]:
        return itertools.islice(iter(self._vocabulary), 4, None)

    def __len__(self) -> int:
        return max(0, len(self._vocabulary) - 4)


class E5Encoder(OnnxSentenceEncoder):
    """multilingual-e5-small: :meth:`encode` embeds passages (snippet texts),
    :meth:`encode_queries` queries (e-mails); L2-normalised, 384 dimensions.
    The on-disk cache of snippet vectors keys its vectors by
    :attr:`cache_identity` (``multilingual-e5-small-int8`` and the model file's
    SHA-256): the vectors of snippet texts as passages; queries never go there."""

    pool_name = "e5"
    name = "multilingual-e5-small-int8"
    max_workers = 1
    """A cold index build encodes e5's passages on one thread: each is a whole
    snippet (up to 512 tokens), and two at once took the app's first start (no
    vector cached) to a peak of 305-335 MiB (one: 248-260, 3 runs each on a
    loaded machine); the bundled packs take about 3 s to embed instead of 2.3."""
    whole_passages = True
    """A snippet is one passage: its title, keywords and body (better than each alone)."""
    cosine_floor = 0.7
    """e5's cosines between unrelated texts sit near 0.7-0.8 (its contrastive
    training used a low temperature): the blend maps 0.7-1 to 0-1."""
    query_cosine_floor = 0.82
    """The same for two e-mails (queries) compared with each other (the FAQ-gap
    report's clustering, :mod:`expander.stats.gaps`)."""
    embed_weight = 0.5
    """Its share of the blend with the lexical score (MiniLM's and USE's: 2/3).
    These were chosen on the bundled packs without examples (and without
    keywords) and tests/data/emails."""

    def __init__(self, model_dir: Path = MODEL_DIR, *, threads: int | None = None) -> None:
        super().__init__(model_dir / "model-int8.onnx", threads=threads)
        self.tokenizer = UnigramTokenizer.from_file(model_dir / "tokenizer.tsv")

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(text)  # the prefix is in the text

    def encode(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        return self._encode_as(texts, "passage: ")

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        return self._encode_as(texts, "query: ")

    def _encode_as(
        self, texts: Sequence[str], prefix: str
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        return super().encode([prefix + text for text in texts])


def load_e5(model_dir: Path = MODEL_DIR) -> E5Encoder | None:
    """The encoder in ``model_dir``, or None (logged) when it cannot run here."""
    try:
        encoder = E5Encoder(model_dir)
        check_vectors(encoder)
        return encoder
    except ImportError:
        log.warning("onnxruntime is not installed: no multilingual sentence encoder")
    except Exception as error:  # a missing or damaged model: rank without it, say why
        log.warning("multilingual sentence encoder not loaded (%s)", error)
    return None


_lock = threading.Lock()
_encoder: E5Encoder | None = None
_loaded = False


def multilingual_encoder() -> E5Encoder | None:
    """The bundled multilingual encoder, loaded once per process; None when ONNX
    Runtime or the model file is missing."""
    global _encoder, _loaded
    with _lock:
        if not _loaded:
            _loaded = True
            _encoder = load_e5()
        return _encoder

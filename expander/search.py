"""Finding a snippet by what the agent remembers of it: the search palette's ranking.

An agent who forgot a trigger types a few words of it, of its title, its
keywords or its body, in any order, with typos, Polish without diacritics or
Russian in Latin letters; :class:`SnippetIndex` ranks every snippet in effect
for that query. With no query it lists the replies used most recently and most
often (:func:`frecency` of the local usage statistics).

It must answer within a keystroke (at most 10 ms at 10,000 snippets, see
``bench/bench_palette.py``), so it stays light: rapidfuzz compares each query
word with the index's vocabulary (every distinct folded word once, in C), and
only the words close enough are looked up in the postings. No numpy, no model.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from expander.textfold import fold_loose, latin_to_cyrillic

if TYPE_CHECKING:
    from expander.library import Library
    from expander.model import Snippet

__all__ = ["FIELD_WEIGHTS", "HALF_LIFE_DAYS", "Hit", "SnippetIndex", "frecency", "index_for"]

FIELD_WEIGHTS: Mapping[str, float] = {"trigger": 1.0, "title": 1.0, "keywords": 0.9, "body": 0.7}
"""How much a word found in each part of a snippet counts: the trigger and the
title are what an agent remembers; a body word is likelier to be a coincidence."""
HALF_LIFE_DAYS = 7.0
"""A use counts half as much a week later: yesterday's reply outranks last month's."""

_MIN_SCORE = 35.0  # below this a hit shares a fragment with the query, nothing more
_FUZZY_CUTOFF = 72.0  # rapidfuzz ratio: one typo in a five-letter word is 80
_FUZZY_MIN_LEN = 5  # a shorter word is likelier being typed than mistyped: prefixes only
_SHORT_WORD = 3
_FUZZY_LIMIT = 12  # the closest words only: a long tail of near-misses is noise and time
_WORD_RE = re.compile(r"[^\W_]+")
_PLACEHOLDER_RE = re.compile(r"\{[^{}]*\}")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True, slots=True)
class Hit:
    """A snippet found for a query, with its score (0-100, higher is better)."""

    snippet: Snippet
    score: float


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold_loose(text))


def _query_forms(word: str) -> tuple[str, ...]:
    """The query word, and read as Russian when typed in Latin letters ("zakaz": "заказ")."""
    if word.isascii() and word.isalpha():
        return word, fold_loose(latin_to_cyrillic(word))
    return (word,)


def _by_script(words: Iterable[str]) -> tuple[list[str], list[str]]:
    """The words without and with Cyrillic letters, each sorted: a query word is only
    compared with words of its own script, which halves the work for Latin-typed Russian."""
    latin: list[str] = []
    cyrillic: list[str] = []
    for word in sorted(words):
        (cyrillic if _CYRILLIC.search(word) else latin).append(word)
    return latin, cyrillic


def _close_words(form: str, vocabulary: Sequence[str]) -> Iterable[tuple[str, float]]:
    """Vocabulary words close to ``form``: itself 100, words it begins 90-99,
    and, for a word long enough to have a typo, the 12 closest by rapidfuzz (72 or more)."""
    start = bisect.bisect_left(vocabulary, form)
    end = bisect.bisect_left(vocabulary, form + "\uffff", start)
    for found in vocabulary[start:end]:
        yield found, 100.0 if found == form else 90.0 + 9.0 * len(form) / len(found)
    if len(form) >= _FUZZY_MIN_LEN:
        for found, score, _ in process.extract(
            form, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=_FUZZY_LIMIT
        ):
            yield found, score * 0.95  # a typo match ranks below the exact word


class SnippetIndex:
    """The words of every snippet, folded, for :meth:`search`.

    Build it once per library (:func:`index_for` keeps it with the library);
    searching does not change it, so threads may share it.
    """

    def __init__(self, snippets: Sequence[Snippet]) -> None:
        self.snippets: tuple[Snippet, ...] = tuple(snippets)
        postings: dict[str, dict[int, float]] = {}
        head: dict[str, dict[int, float]] = {}  # the words of triggers, titles and keywords
        for number, snippet in enumerate(self.snippets):
            parts = {
                "trigger": snippet.trigger or snippet.id,
                "title": snippet.title,
                "keywords": " ".join(snippet.keywords),
                "body": _PLACEHOLDER_RE.sub(" ", snippet.body),
            }
            for part, text in parts.items():
                weight = FIELD_WEIGHTS[part]
                for word in _words(text):
                    for table in (postings, head) if part != "body" else (postings,):
                        found = table.setdefault(word, {})
                        if found.get(number, 0.0) < weight:
                            found[number] = weight
        self._postings = (postings, *_by_script(postings))
        self._head = (head, *_by_script(head))
        self._keys = [snippet.qualified_id for snippet in self.snippets]
        # typing "refund s" after "refund " asks for "refund" again: keep the last words' scores
        self._scores_of = lru_cache(maxsize=64)(self._word_scores)
        # the first key of every query begins the most words: those are ready in advance
        letters = {word[0] for word in head} | set(string.ascii_lowercase + string.digits)
        self._first_keys = {letter: self._word_scores(letter) for letter in letters}

    def __len__(self) -> int:
        return len(self.snippets)

    def search(
        self, query: str, *, limit: int = 50, usage: Mapping[str, float] | None = None
    ) -> list[Hit]:
        """The snippets that best match ``query``, best first, at most ``limit``.

        Each query word scores the best word of a snippet it is close to (the
        same, a prefix of it, or one or two typos off), weighted by where the
        word stands (:data:`FIELD_WEIGHTS`); a snippet's score is the mean over
        the query words, so word order does not matter and a snippet with every
        word outranks one with some. Ties go to the more used snippet
        (``usage``: :func:`frecency` by ``pack:id``). An empty query lists the
        used snippets, most used first, then the others in library order.
        """
        usage = usage or {}
        query_words = list(dict.fromkeys(_words(query)))
        if not query_words:
            return self._by_usage(limit, usage)
        totals: dict[int, float] = {}
        for word in query_words:
            scores = self._first_keys.get(word)
            for number, score in (self._scores_of(word) if scores is None else scores).items():
                totals[number] = totals.get(number, 0.0) + score
        count = len(query_words)

        keys, floor = self._keys, _MIN_SCORE * count
        best = heapq.nlargest(
            limit,
            ((t, usage.get(keys[n], 0.0), -n) for n, t in totals.items() if t >= floor),
        )
        return [Hit(self.snippets[-n], round(t / count, 1)) for t, _, n in best]

    def _word_scores(self, word: str) -> dict[int, float]:
        """Snippet number → the best score of one query word among that snippet's words."""
        # a word of one or two letters is still being typed, and begins too many body
        # words to mean anything there: it looks at triggers, titles and keywords only
        postings, latin, cyrillic = self._head if len(word) < _SHORT_WORD else self._postings
        matched: dict[str, float] = {}
        for form in _query_forms(word):
            vocabulary = cyrillic if _CYRILLIC.search(form) else latin
            for found, score in _close_words(form, vocabulary):
                if score > matched.get(found, 0.0):
                    matched[found] = score
        best: dict[int, float] = {}
        for found, score in matched.items():
            for number, weight in postings[found].items():
                value = score * weight
                if value > best.get(number, 0.0):
                    best[number] = value
        return best

    def _by_usage(self, limit: int, usage: Mapping[str, float]) -> list[Hit]:
        keys = self._keys
        used = sorted(
            (n for n, key in enumerate(keys) if usage.get(key, 0.0) > 0),
            key=lambda n: -usage[keys[n]],
        )
        rest = (n for n, key in enumerate(keys) if usage.get(key, 0.0) <= 0)
        return [
            Hit(self.snippets[n], 0.0) for n in itertools.islice(itertools.chain(used, rest), limit)
        ]


def frecency(
    uses: Iterable[tuple[str, str, int]], today: dt.date | None = None
) -> dict[str, float]:
    """How much each snippet was used lately: ``uses`` are (``pack:id``, ISO day,
    count) counters; each use counts half as much every :data:`HALF_LIFE_DAYS`,
    so a reply used today outranks one used more often last month."""
    today = today or dt.date.today()
    scores: dict[str, float] = {}
    for key, day, count in uses:
        try:
            age = max(0, (today - dt.date.fromisoformat(day)).days)
        except ValueError:  # a counter with a damaged day is worth nothing, not a failure
            continue
        scores[key] = scores.get(key, 0.0) + count * 0.5 ** (age / HALF_LIFE_DAYS)
    return scores


def index_for(library: Library) -> SnippetIndex:
    """The search index of ``library``'s snippets in effect, built once and kept
    with the library (a reloaded library gets a new one)."""
    index = library.derived.get(__name__)
    if not isinstance(index, SnippetIndex):
        index = SnippetIndex(library.snippets)
        library.derived[__name__] = index
    return index

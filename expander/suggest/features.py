"""What the lexical ranking sees in a text: words, stems, character n-grams,
keywords, and the part of an e-mail worth ranking on.

Stems come from Snowball (English, Polish, Russian) when it is installed, one
language per text; character 3-5-grams are taken with diacritics folded, so
typos, inflection and Polish written without diacritics still match.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from expander.email.clean import CleanEmail, clean_email
from expander.email.language import detect_language
from expander.textfold import fold_loose, latin_to_cyrillic

__all__ = [
    "KEYWORD_GAP",
    "LEXICAL_QUERY_WORDS",
    "MAX_QUERY_WORDS",
    "base_language",
    "char_features",
    "has_cyrillic",
    "keyword_parts",
    "keyword_tokens",
    "latin_to_cyrillic",
    "lexical_query",
    "phrase_found",
    "prepare_query",
    "stem",
    "surface_words",
    "text_language",
    "word_features",
]

MAX_QUERY_WORDS = 120
"""A long e-mail is ranked on this many of its words: its first ones and, for the
last :data:`CLOSING_QUERY_WORDS`, its closing ones. The story comes first and the
request often last ("Could you tell me when ...?"); the words between are not
ranked on (the encoders read about this much well). Keeping the close as well as
the start: on the development set's 37 e-mails of over 100 words (emails_blind2,
four pack sets) top-1 114 -> 117 of 148 and confident right 69 -> 74, none
more wrong; first 200 words instead: 116 and 70."""
CLOSING_QUERY_WORDS = 40
LEXICAL_QUERY_WORDS = 400
"""The lexical scores read this many of a long e-mail's words, not the encoders'
:data:`MAX_QUERY_WORDS`: word and character matches cost little per word, and the
request of a long e-mail is often in the middle the encoders are not given ("I
pressed Forgotten Password and nothing came"). Development sets (tests/data/emails,
emails_holdout, emails_blind, emails_blind2, emails_blind7, emails_blind8; five pack
rows): top-1 4,554 -> 4,558 and top-3 4,931 -> 4,935 of 5,115, confident right and
wrong unchanged (3,147 and 58); emails_blind3-6 unchanged (3 of their e-mails are long);
emails_blind9 (read before, nothing chosen on it): top-1 673 -> 683, top-3 754 ->
767, confident right 398 -> 414 of 810, wrong 11 -> 10. A 2 KB e-mail: no slower."""

_WORD_RE = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CAPS_WORD_RE = re.compile(r"\b[^\W\d_]{2,}\b")  # a word of letters only
_SHOUTED_LETTERS = 4
_STOPWORDS = frozenset(
    """a an the and or but if to of in on at for with from by is are was were be been am i
    me my we our you your it its this that these those do does did have has had can could
    would will shall should may might please hi hello dear thanks thank regards just so
    i w z na do nie to jest się że co czy jak mi mnie mój moja moje a o od po za dla ale
    już jeszcze tak oraz lub bo by być był była było są jestem proszę dzień dobry witam
    и в во не на я что с со по как это мой моя мне у вы ваш а о от до за для но уже ещё
    еще так бы был была было быть есть здравствуйте пожалуйста спасибо""".split()
)


def base_language(language: str | None) -> str:
    """ "en" for "en-GB" or "EN"; "" for a snippet that names no language."""
    return (language or "").split("-")[0].casefold()


def has_cyrillic(text: str) -> bool:
    """Whether any letter of ``text`` is Cyrillic."""
    return _CYRILLIC.search(text) is not None


@lru_cache(maxsize=1)
def _stemmers() -> dict[str, Any]:
    try:
        import snowballstemmer
    except ImportError:
        return {}
    stemmers: dict[str, Any] = {}
    for lang in ("english", "polish", "russian"):
        try:
            stemmers[lang] = snowballstemmer.stemmer(lang)
        except KeyError:  # a release without this language (2.2 has no Polish): unstemmed
            continue
    return stemmers


def text_language(text: str, language: str | None) -> str:
    """The language a text's words are stemmed in: the one given (a pack's, an
    e-mail's), else the one detected in the whole text; "" if unknown.

    One language per text, not per word: most Polish words have none of
    ąćęłńóśźż, and Polish typed in a hurry has none at all.
    """
    if language is None:
        language = detect_language(text)
    return (language or "").split("-")[0].casefold()


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "") -> str:
    """The folded stem of a lower-case word of a text in ``language``.

    Cyrillic words are Russian whatever the text. Polish is stemmed after
    folding, so "sledzic" and "śledzić", "paczke" and "paczkę" share a stem
    whether or not the writer typed the diacritics; other Latin-script words
    are English.
    """
    stemmers = _stemmers()
    if _CYRILLIC.search(word):
        stemmer = stemmers.get("russian")
        word = word.replace("ё", "е")
    elif language == "pl":
        stemmer = stemmers.get("polish")
        word = fold_loose(word)
    else:
        stemmer = stemmers.get("english")
    if stemmer is None:
        return fold_loose(word[:6])
    with _stem_lock:  # a stemmer keeps the word at hand in itself: one thread at a time
        stemmed = stemmer.stemWord(word)
    return fold_loose(stemmed)


_stem_lock = threading.Lock()
"""Two index builds at once (the app's at start and a team pack's update) shared
the stemmers: a word's stem came out wrong, or stemWord raised IndexError
(8 of 6,000 new words stemmed on two threads)."""


def surface_words(text: str, language: str | None) -> dict[str, str]:
    """Stem -> the word of ``text`` it came from (the last one), to show a
    reader the words rather than their stems; ``language`` as for
    :func:`text_language`."""
    lang = text_language(text, language)
    return {stem(w, lang): w for w in _WORD_RE.findall(text.casefold())}


def _words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS]


def word_features(text: str, language: str | None = None) -> list[str]:
    """Stems and stem bigrams; ``language`` as for :func:`text_language`."""
    lang = text_language(text, language)
    stems = [stem(w, lang) for w in _words(text)]
    bigrams = ["b:" + a + "_" + b for a, b in zip(stems, stems[1:], strict=False)]
    return ["w:" + s for s in stems] + bigrams


def char_features(text: str, language: str | None = None) -> list[str]:
    """Character 3-5-grams of each folded word, padded with a space each side."""
    grams: list[str] = []
    for word in _WORD_RE.findall(fold_loose(text)):
        padded = f" {word} "
        for n in (3, 4, 5):
            if len(padded) < n:
                break
            grams += ["c:" + padded[i : i + n] for i in range(len(padded) - n + 1)]
    return grams


# --- keywords -----------------------------------------------------------------------------

_KEYWORD_TOKEN_RE = re.compile(r"[^\W_][\w'-]*", re.UNICODE)
_CLAUSE_RE = re.compile(r"[.,;:!?()\n\u2013\u2014]|\s-\s")
KEYWORD_GAP = 2
"""The words of a keyword may stand at most this far apart in the e-mail (one
word between two of them: "nie dostałam jeszcze maila")."""


def keyword_parts(keyword: str) -> tuple[str, ...]:
    """A keyword's words, folded, stopwords and numbers kept: "не получил" must not
    become "получил", nor "14 dni" plain "dni"."""
    parts = tuple(fold_loose(w) for w in _KEYWORD_TOKEN_RE.findall(keyword.casefold()))
    return parts if any(p not in _STOPWORDS for p in parts) else ()


def keyword_tokens(text: str) -> list[tuple[int, int, str]]:
    """(clause, position, folded word) for every word of ``text``."""
    tokens: list[tuple[int, int, str]] = []
    for clause, part in enumerate(_CLAUSE_RE.split(text.casefold())):
        for word in _KEYWORD_TOKEN_RE.findall(part):
            tokens.append((clause, len(tokens), fold_loose(word)))
    return tokens


def phrase_found(parts: Sequence[str], positions: Mapping[str, list[tuple[int, int]]]) -> bool:
    """Whether ``parts`` stand in order, in one clause, each at most
    :data:`KEYWORD_GAP` words after the one before."""
    if any(part not in positions for part in parts):
        return False
    ends = set(positions[parts[0]])
    for part in parts[1:]:
        ends = {
            (clause, at)
            for clause, at in positions[part]
            if any(c == clause and 0 < at - prev <= KEYWORD_GAP for c, prev in ends)
        }
        if not ends:
            return False
    return True


# --- queries ------------------------------------------------------------------------------


def prepare_query(text: str, *, cleaned: CleanEmail | None = None) -> tuple[str, str | None]:
    """The part of an e-mail to rank on (no quotes, signature or header; the text
    of a message the customer forwarded after theirs; shouting in lower case:
    :func:`unshouted`), and its language.
    ``cleaned``: the e-mail's :func:`clean_email`, when at hand."""
    clean = cleaned if cleaned is not None else clean_email(text)
    body = "\n\n".join(part for part in (clean.body, clean.forwarded) if part) or text
    words = body.split()
    if len(words) > MAX_QUERY_WORDS:
        opening = MAX_QUERY_WORDS - CLOSING_QUERY_WORDS
        body = " ".join(words[:opening] + words[-CLOSING_QUERY_WORDS:])
    return unshouted(body), detect_language(body)


def unshouted(text: str) -> str:
    """``text`` with its shouting ("DELIVERED", "PROSZĘ NIE WYSYŁAĆ", "НЕ ПРИШЁЛ")
    in lower case: a word of four capitals or more, and every word in capitals
    beside one ("NIE", "MY"). The e5 encoder is cased and reads a shouted word as
    rare pieces: on the 162 e-mails of the test sets that shout a word or more, the
    bundled and three manager pack sets (648 rows), top-1 460 -> 464, confident and
    right 376 -> 381, confident and wrong 22 -> 23; over the development sets (5,115
    rows; four capitals alone) top-1 +2, confident and right +4, wrong +1, and on
    emails_blind3-6 (3,215) +3, +3 and 0.
    Short acronyms on their own (DPD, SMS, VAT) stay as written."""
    words = [word for word in _CAPS_WORD_RE.finditer(text) if word[0].isupper()]
    if not words:
        return text
    lowered: set[int] = set()  # where the words to lower-case start
    run: list[re.Match[str]] = []
    for word in [*words, None]:
        if word is not None and (not run or _only_gap(text[run[-1].end() : word.start()])):
            run.append(word)
            continue
        if any(len(w[0]) >= _SHOUTED_LETTERS for w in run):
            lowered.update(w.start() for w in run if len(run) > 1 or len(w[0]) >= _SHOUTED_LETTERS)
        run = [word] if word is not None else []
    if not lowered:
        return text
    parts, at = [], 0
    for word in words:
        if word.start() in lowered:
            parts += [text[at : word.start()], word[0].lower()]
            at = word.end()
    return "".join([*parts, text[at:]])


def _only_gap(between: str) -> bool:
    """Whether two words in capitals stand in one run: nothing but spaces, digits
    and punctuation between them (no word in lower case)."""
    return not any(ch.isalpha() for ch in between)


def lexical_query(text: str, *, cleaned: CleanEmail | None = None) -> str:
    """The part of an e-mail the lexical scores read: :func:`prepare_query`'s (as
    written: the lexical scores fold case themselves), up to
    :data:`LEXICAL_QUERY_WORDS` words of it rather than :data:`MAX_QUERY_WORDS`."""
    clean = cleaned if cleaned is not None else clean_email(text)
    body = "\n\n".join(part for part in (clean.body, clean.forwarded) if part) or text
    words = body.split()
    return body if len(words) <= MAX_QUERY_WORDS else " ".join(words[:LEXICAL_QUERY_WORDS])


def body_text(body: str) -> str:
    """A reply body's words without its template tags (they are not what customers write)."""
    return re.sub(r"\{[^{}]*\}", " ", body)


def snippet_passage(title: str, keywords: Sequence[str], body: str) -> str:
    """A snippet as one passage: its title, keywords and body's words, on one line."""
    return " ".join(" ".join([title, *keywords, body_text(body)]).split())

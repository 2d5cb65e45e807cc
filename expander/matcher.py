"""Per-keystroke abbreviation matcher: decides, key by key, when a trigger has been typed.

The tray app turns platform key events into :class:`KeyEvent` values and feeds them to a
:class:`Matcher`. When the last key of a trigger arrives, :meth:`Matcher.feed` returns a
:class:`Match` telling the engine what to erase, which snippet to insert, in which case, and
which separator to re-type after it.

This module is pure: standard library (and the pure :mod:`expander.textfold`) only, no I/O, no
desktop or keyboard library. Platform key objects never reach it, so it can be tested with
synthetic key streams and reused by any backend.

Privacy: the matcher remembers only the last ``longest trigger + 1`` characters typed (plus one
boolean about the character before them). Nothing else of what the user types is kept.

Cost: each keystroke walks a trie of the reversed triggers backwards from the end of that short
buffer, so the work per key is bounded by the longest trigger's length and does not grow with the
number of triggers.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from expander.textfold import lower_char

__all__ = [
    "Case",
    "KeyEvent",
    "Match",
    "Matcher",
    "SpecialKey",
    "TriggerSpec",
    "apply_case",
    "is_separator",
]


class SpecialKey(Enum):
    """Non-text keys the matcher distinguishes.

    BACKSPACE edits the buffer; ENTER and TAB are separators; every other key (caret movement,
    ESCAPE, DELETE, and OTHER for anything else such as F-keys) makes the buffer forget what it
    held, because the text before the caret is no longer what was buffered.
    """

    BACKSPACE = "backspace"
    ENTER = "enter"
    TAB = "tab"
    ESCAPE = "escape"
    DELETE = "delete"
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    HOME = "home"
    END = "end"
    PAGE_UP = "page_up"
    PAGE_DOWN = "page_down"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """One key press, already translated from the platform's key object.

    ``char`` is the text the key produced (``"a"``, ``"Ą"``, ``"ж"``, ``" "``), or ``None`` for a
    non-text key. Text produced with AltGr or Shift is ordinary text. ``key`` names a non-text key
    and takes precedence over ``char`` when both are set. ``modifiers_held`` means Ctrl, Alt or
    Super was down: the key ran a shortcut and typed no text. ``injected`` marks keys the engine
    synthesised itself; the matcher ignores them entirely.

    An event with neither ``char`` nor ``key`` (a lone modifier that slipped through) is a no-op.
    """

    char: str | None = None
    key: SpecialKey | None = None
    modifiers_held: bool = False
    injected: bool = False

    def __post_init__(self) -> None:
        if self.char == "":
            raise ValueError("KeyEvent.char must be None or a non-empty string")

    @classmethod
    def text(cls, char: str, *, modifiers_held: bool = False, injected: bool = False) -> KeyEvent:
        """A key that produced the text ``char``."""
        return cls(char=char, modifiers_held=modifiers_held, injected=injected)

    @classmethod
    def special(
        cls, key: SpecialKey, *, modifiers_held: bool = False, injected: bool = False
    ) -> KeyEvent:
        """A non-text key such as BACKSPACE or LEFT."""
        return cls(key=key, modifiers_held=modifiers_held, injected=injected)


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """What to listen for: ``trigger`` text that stands for the snippet ``target``.

    ``target`` is an opaque snippet id, handed back unchanged in the :class:`Match`.
    With ``word_boundary`` False the trigger fires as soon as its last character is typed; with
    True it fires only when a separator follows it and it does not start mid-word.
    ``propagate_case`` lets an all-lower-case trigger also match when typed Capitalized or in
    UPPER case, reporting which so the reply can follow; it has no effect on triggers that contain
    upper-case letters or no cased letters at all, which always match exactly.
    A trigger containing control characters (newline, tab) can never fire: Enter and Tab end
    words rather than entering the buffer, so the loader should reject such triggers.
    """

    trigger: str
    target: str
    word_boundary: bool = False
    propagate_case: bool = True

    def __post_init__(self) -> None:
        if not self.trigger:
            raise ValueError("TriggerSpec.trigger must not be empty")


class Case(Enum):
    """How the user cased a case-propagating trigger, and so how to case the reply."""

    AS_TYPED = "as_typed"
    CAPITALIZED = "capitalized"
    UPPER = "upper"


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger was typed: the engine erases ``erase_count`` characters and inserts the reply.

    ``typed`` is the trigger exactly as the user typed it (e.g. ``";Delay"``). ``separator`` is
    ``""`` for immediate triggers, or the separator typed after a word-boundary trigger (``" "``,
    ``","``, ``"\\n"`` for Enter, ``"\\t"`` for Tab); it was already typed, so it is erased too and
    the engine re-types it after the reply. ``case`` is always AS_TYPED unless the spec
    propagates case.
    """

    spec: TriggerSpec
    typed: str
    separator: str
    case: Case

    @property
    def erase_count(self) -> int:
        """Characters to delete before the caret: the typed trigger plus its separator."""
        return len(self.typed) + len(self.separator)


def _is_cased(ch: str) -> bool:
    return ch.lower() != ch.upper()


def apply_case(text: str, case: Case) -> str:
    """Return ``text`` cased the way the user cased the trigger.

    AS_TYPED returns ``text`` unchanged. UPPER upper-cases all of it. CAPITALIZED changes only the
    first cased letter, to its title-case form (the upper-case letter for every alphabet except a
    few digraphs such as ``ǆ`` → ``ǅ``); the rest of the reply keeps its own casing, so names and
    acronyms inside it survive.
    """
    if case is Case.UPPER:
        return text.upper()
    if case is Case.CAPITALIZED:
        for i, ch in enumerate(text):
            if _is_cased(ch):
                return text[:i] + ch.title() + text[i + 1 :]
    return text


def is_separator(ch: str) -> bool:
    """Whether the single character ``ch`` ends a word.

    Letters, digits (anything ``str.isalnum`` accepts), ``"_"`` and combining marks belong to
    words; everything else (space, punctuation, symbols, emoji, newline, tab) separates them.
    Combining marks count as word characters so that a decomposed accent (``e`` + U+0301) does not
    end the word it belongs to.
    """
    if ch.isalnum() or ch == "_":
        return False
    return ch.isascii() or not unicodedata.category(ch).startswith("M")


def _is_control(ch: str) -> bool:
    return ch < " " or "\x7f" <= ch <= "\x9f"


@dataclass(frozen=True, slots=True)
class _Entry:
    spec: TriggerSpec
    folded: bool
    cased_positions: tuple[int, ...]


class _Node:
    __slots__ = ("children", "immediate", "boundary")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.immediate: tuple[_Entry, ...] = ()
        self.boundary: tuple[_Entry, ...] = ()


_DROPPED_KEPT = 128
"""How many dropped characters' separator flags a matcher keeps (no text): a backspace
deleting past the buffer still knows whether a word-boundary trigger typed next starts
a word (128 flags, a few hundred bytes)."""


def _entry_order(entry: _Entry) -> int:
    return 1 if entry.folded else 0


class Matcher:
    """Watches key events and reports when a trigger has just been typed.

    Promises:

    * Work per keystroke depends on the longest trigger's length, never on how many triggers
      there are.
    * Only the last ``buffer_limit`` characters are kept (default and minimum: longest trigger
      + 1, enough to see a trigger and the character before it).
    * At any one keystroke the match covering the most typed characters wins; on a tie an
      immediate trigger (which is then the longer trigger) beats a word-boundary one, and an exact
      match beats a case-insensitive one. Specs repeating an earlier spec's trigger are ignored.
    * After a match the buffer is empty: the engine replaces the typed text.

    Word-boundary triggers need the character before them to be a separator. At the start of the
    buffer, that character is unknown after :meth:`reset` (or a caret move) and then counts as a
    separator; when old characters were dropped to respect the limit, the last dropped one
    decides, and a backspace past everything buffered hands the decision to the one dropped
    before it (only whether each was a separator is kept, for the last
    :data:`_DROPPED_KEPT`; past those, the character is unknown).
    """

    __slots__ = ("_root", "_limit", "_raw", "_folded", "_start_is_boundary", "_dropped", "_specs")

    def __init__(self, specs: Iterable[TriggerSpec], *, buffer_limit: int | None = None) -> None:
        self._root = _Node()
        seen: dict[str, TriggerSpec] = {}
        for spec in specs:
            seen.setdefault(spec.trigger, spec)
        self._specs: tuple[TriggerSpec, ...] = tuple(seen.values())
        longest = 0
        for spec in self._specs:
            self._add(spec)
            longest = max(longest, len(spec.trigger))
        needed = longest + 1
        if buffer_limit is None:
            buffer_limit = needed
        elif buffer_limit < needed:
            raise ValueError(
                f"buffer_limit {buffer_limit} is too small: the longest trigger needs {needed}"
            )
        self._limit = buffer_limit
        self._raw: list[str] = []
        self._folded: list[str] = []
        self._start_is_boundary = True
        # whether each dropped character before the last one was a separator, oldest first
        self._dropped: deque[bool] = deque(maxlen=_DROPPED_KEPT)

    def _add(self, spec: TriggerSpec) -> None:
        trigger = spec.trigger
        folded = (
            spec.propagate_case
            and all(ch.lower() == ch for ch in trigger)
            and any(_is_cased(ch) for ch in trigger)
        )
        cased = tuple(i for i, ch in enumerate(trigger) if _is_cased(ch)) if folded else ()
        entry = _Entry(spec, folded, cased)
        node = self._root
        for ch in reversed(trigger):
            key = lower_char(ch)
            child = node.children.get(key)
            if child is None:
                child = node.children[key] = _Node()
            node = child
        if spec.word_boundary:
            node.boundary = tuple(sorted((*node.boundary, entry), key=_entry_order))
        else:
            node.immediate = tuple(sorted((*node.immediate, entry), key=_entry_order))

    @property
    def specs(self) -> tuple[TriggerSpec, ...]:
        """The specs in effect, in order, after dropping repeated triggers."""
        return self._specs

    @property
    def buffer_limit(self) -> int:
        """The most characters the buffer ever holds."""
        return self._limit

    @property
    def buffer_length(self) -> int:
        """How many typed characters are buffered now (for tests; the content stays private)."""
        return len(self._raw)

    def reset(self) -> None:
        """Forget everything buffered: the caret moved or focus changed, so the text before the
        caret is unknown. The next trigger typed counts as starting a word."""
        self._raw.clear()
        self._folded.clear()
        self._start_is_boundary = True
        self._dropped.clear()

    def feed(self, event: KeyEvent) -> Match | None:
        """Take one key event; return the match it completes, if any.

        Injected events change nothing. Shortcuts (modifiers held), caret movement, Delete,
        Escape and other non-text keys reset. Backspace removes the last buffered character.
        Enter and Tab complete a word-boundary trigger or else reset. Text that arrives several
        characters at once (dead keys, input methods) is buffered whole and checked once, at its
        end, since the engine can only erase what lies before the caret.
        """
        if event.injected:
            return None
        if event.modifiers_held:
            self.reset()
            return None
        key = event.key
        if key is not None:
            if key is SpecialKey.BACKSPACE:
                self._backspace()
            elif key is SpecialKey.ENTER:
                return self._line_separator("\n")
            elif key is SpecialKey.TAB:
                return self._line_separator("\t")
            else:
                self.reset()
            return None
        text = event.char
        if text is None:
            return None
        for ch in text[:-1]:
            if _is_control(ch):
                self.reset()
            else:
                self._push(ch)
        return self._type(text[-1])

    def _backspace(self) -> None:
        if self._raw:
            self._raw.pop()
            self._folded.pop()
        else:  # the dropped character before the caret is deleted: the one before it decides
            self._start_is_boundary = self._dropped.pop() if self._dropped else True

    def _push(self, ch: str) -> None:
        raw = self._raw
        raw.append(ch)
        self._folded.append(lower_char(ch))
        if len(raw) > self._limit:
            self._dropped.append(self._start_is_boundary)
            self._start_is_boundary = is_separator(raw.pop(0))
            self._folded.pop(0)

    def _line_separator(self, sep: str) -> Match | None:
        found = self._find_boundary(sep)
        self.reset()
        return found

    def _type(self, ch: str) -> Match | None:
        if _is_control(ch):
            if ch == "\n" or ch == "\r":
                return self._line_separator("\n")
            if ch == "\t":
                return self._line_separator("\t")
            self.reset()
            return None
        boundary = self._find_boundary(ch) if is_separator(ch) else None
        self._push(ch)
        immediate = self._find_immediate()
        found = immediate
        if boundary is not None and (
            immediate is None or boundary.erase_count > immediate.erase_count
        ):
            found = boundary
        if found is not None:
            self.reset()
        return found

    def _find_immediate(self) -> Match | None:
        best: Match | None = None
        for node, start in self._trie_walk():
            if node.immediate:
                best = self._verify(node.immediate, start, "") or best
        return best

    def _find_boundary(self, sep: str) -> Match | None:
        best: Match | None = None
        for node, start in self._trie_walk():
            if node.boundary and (
                is_separator(self._raw[start - 1]) if start > 0 else self._start_is_boundary
            ):
                best = self._verify(node.boundary, start, sep) or best
        return best

    def _trie_walk(self) -> Iterator[tuple[_Node, int]]:
        """Each trie node the buffer's end reaches, with where its trigger would start.

        Walks the reversed-trigger trie backwards from the last buffered
        character, so a node one step deeper is a trigger one character longer.
        """
        folded = self._folded
        node = self._root
        for i in range(len(folded) - 1, -1, -1):
            child = node.children.get(folded[i])
            if child is None:
                return
            node = child
            yield node, i

    def _verify(self, entries: tuple[_Entry, ...], start: int, sep: str) -> Match | None:
        typed = "".join(self._raw[start:])
        for entry in entries:
            trigger = entry.spec.trigger
            if not entry.folded:
                if typed == trigger:
                    return Match(entry.spec, typed, sep, Case.AS_TYPED)
                continue
            upper = [typed[p] != trigger[p] for p in entry.cased_positions]
            if all(upper) and len(upper) >= 2:
                case = Case.UPPER
            elif upper[0]:
                case = Case.CAPITALIZED
            else:
                case = Case.AS_TYPED
            return Match(entry.spec, typed, sep, case)
        return None

"""Unit and property tests for the per-keystroke abbreviation matcher, on synthetic key streams."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.matcher import (
    Case,
    KeyEvent,
    Match,
    Matcher,
    SpecialKey,
    TriggerSpec,
    apply_case,
    is_separator,
)

DELAY = TriggerSpec(";delay", "delay-reply")
BRB = TriggerSpec("brb", "be-right-back", word_boundary=True)
DELAY_WB = TriggerSpec(";delay", "delay-reply", word_boundary=True)

BACKSPACE = KeyEvent.special(SpecialKey.BACKSPACE)
ENTER = KeyEvent.special(SpecialKey.ENTER)
TAB = KeyEvent.special(SpecialKey.TAB)


def type_text(matcher: Matcher, text: str) -> list[Match | None]:
    """Feed ``text`` one character per key; return what each key produced."""
    return [matcher.feed(KeyEvent.text(ch)) for ch in text]


def matches_of(results: Iterable[Match | None]) -> list[Match]:
    return [found for found in results if found is not None]


def only_match(results: Sequence[Match | None]) -> Match:
    """The single match in ``results``, which must come from the last key."""
    assert all(found is None for found in results[:-1])
    found = results[-1]
    assert found is not None
    return found


# --- immediate triggers ---------------------------------------------------------------------


def test_immediate_trigger_fires_on_its_last_character() -> None:
    matcher = Matcher([DELAY])
    results = type_text(matcher, ";delay")
    assert results[:-1] == [None] * 5
    assert results[-1] == Match(DELAY, ";delay", "", Case.AS_TYPED)
    assert results[-1].erase_count == 6


def test_immediate_trigger_fires_even_mid_word() -> None:
    matcher = Matcher([DELAY])
    found = only_match(type_text(matcher, "abc;delay"))
    assert found.typed == ";delay"
    assert found.erase_count == 6


def test_immediate_trigger_fires_before_a_longer_trigger_sharing_its_prefix() -> None:
    short = TriggerSpec(";d", "short")
    matcher = Matcher([DELAY, short])
    results = type_text(matcher, ";delay")
    assert results[1] == Match(short, ";d", "", Case.AS_TYPED)
    assert matches_of(results) == [results[1]]


def test_partial_trigger_does_not_fire() -> None:
    matcher = Matcher([DELAY])
    assert matches_of(type_text(matcher, ";dela ;delx")) == []


# --- word-boundary triggers -----------------------------------------------------------------


def test_word_boundary_trigger_does_not_fire_without_a_separator() -> None:
    matcher = Matcher([BRB])
    assert type_text(matcher, "brb") == [None, None, None]


def test_word_boundary_trigger_fires_on_space_and_reports_the_kept_separator() -> None:
    matcher = Matcher([BRB])
    found = only_match(type_text(matcher, "brb "))
    assert found == Match(BRB, "brb", " ", Case.AS_TYPED)
    assert found.erase_count == 4


@pytest.mark.parametrize("separator", [",", ".", "!", "?", ")", ":", "-", "'", "☕", "\u00a0"])
def test_word_boundary_trigger_fires_on_punctuation_and_keeps_it(separator: str) -> None:
    matcher = Matcher([BRB])
    found = only_match(type_text(matcher, "ok brb" + separator))
    assert found.separator == separator
    assert found.typed == "brb"
    assert found.erase_count == 4


@pytest.mark.parametrize(("key", "separator"), [(ENTER, "\n"), (TAB, "\t")])
def test_word_boundary_trigger_fires_on_enter_and_tab(key: KeyEvent, separator: str) -> None:
    matcher = Matcher([BRB])
    type_text(matcher, "brb")
    found = matcher.feed(key)
    assert found == Match(BRB, "brb", separator, Case.AS_TYPED)
    assert found.erase_count == 4


@pytest.mark.parametrize(("char", "separator"), [("\n", "\n"), ("\r", "\n"), ("\t", "\t")])
def test_newline_and_tab_text_act_like_enter_and_tab(char: str, separator: str) -> None:
    matcher = Matcher([BRB])
    type_text(matcher, "brb")
    found = matcher.feed(KeyEvent.text(char))
    assert found is not None
    assert found.separator == separator


@pytest.mark.parametrize("key", [ENTER, TAB])
def test_enter_and_tab_reset_the_buffer_when_nothing_matches(key: KeyEvent) -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(key) is None
    assert matcher.buffer_length == 0
    assert matches_of(type_text(matcher, "ay")) == []


def test_word_boundary_trigger_does_not_fire_when_preceded_by_a_word_character() -> None:
    matcher = Matcher([BRB])
    assert matches_of(type_text(matcher, "xbrb ")) == []
    assert matches_of(type_text(matcher, "1brb ")) == []
    assert matches_of(type_text(matcher, "_brb ")) == []


def test_punctuation_led_trigger_needs_a_separator_before_its_first_character() -> None:
    matcher = Matcher([DELAY_WB])
    assert matches_of(type_text(matcher, "x;delay ")) == []
    assert only_match(type_text(matcher, "x ;delay ")).typed == ";delay"
    assert only_match(type_text(matcher, "(;delay ")).typed == ";delay"


def test_word_boundary_trigger_fires_after_a_separator_mid_text() -> None:
    matcher = Matcher([BRB])
    found = only_match(type_text(matcher, "ok, brb."))
    assert (found.typed, found.separator) == ("brb", ".")


def test_word_boundary_trigger_fires_at_the_start_of_the_buffer() -> None:
    matcher = Matcher([BRB])
    assert only_match(type_text(matcher, "brb ")).typed == "brb"
    type_text(matcher, "x")
    matcher.reset()
    assert only_match(type_text(matcher, "brb ")).typed == "brb"


def test_word_boundary_trigger_followed_by_word_characters_does_not_fire() -> None:
    matcher = Matcher([BRB])
    assert matches_of(type_text(matcher, "brbx brb_ brb1 ")) == []


def test_combining_mark_is_part_of_the_word_not_a_separator() -> None:
    matcher = Matcher([TriggerSpec("cafe", "coffee", word_boundary=True)])
    assert matches_of(type_text(matcher, "cafe\u0301")) == []
    assert is_separator("\u0301") is False


@pytest.mark.parametrize("char", [" ", ",", ".", ";", "\n", "\t", "☕", "«", "\u00a0"])
def test_is_separator_accepts_non_word_characters(char: str) -> None:
    assert is_separator(char) is True


@pytest.mark.parametrize("char", ["a", "Z", "ż", "Ж", "1", "٣", "_", "\u0301"])
def test_is_separator_rejects_word_characters(char: str) -> None:
    assert is_separator(char) is False


# --- editing and resets ---------------------------------------------------------------------


def test_backspace_edits_inside_the_buffer() -> None:
    matcher = Matcher([DELAY])
    assert matches_of(type_text(matcher, ";delz")) == []
    assert matcher.feed(BACKSPACE) is None
    assert matcher.feed(KeyEvent.text("a")) is None
    assert matcher.feed(KeyEvent.text("y")) == Match(DELAY, ";delay", "", Case.AS_TYPED)
    type_text(matcher, ";delaz")
    matcher.feed(BACKSPACE)
    assert matcher.feed(KeyEvent.text("y")) == Match(DELAY, ";delay", "", Case.AS_TYPED)


def test_backspace_removes_exactly_the_last_character() -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";dela")
    matcher.feed(BACKSPACE)
    assert matcher.buffer_length == 4
    assert matcher.feed(KeyEvent.text("y")) is None


def test_backspace_on_an_empty_buffer_does_nothing_harmful() -> None:
    matcher = Matcher([DELAY])
    assert matcher.feed(BACKSPACE) is None
    assert matcher.buffer_length == 0
    assert only_match(type_text(matcher, ";delay")).typed == ";delay"


def test_a_backspace_past_the_buffer_keeps_knowing_whether_a_word_starts_there() -> None:
    # the buffer keeps the last 2 characters; "a11;" then 3 backspaces leave "a": a
    # word-boundary ";" typed after it is mid-word (hypothesis found the matcher
    # taking it as the start of a word once the buffer was empty)
    semicolon = TriggerSpec(";", "t", word_boundary=True, propagate_case=False)
    matcher = Matcher([semicolon])
    type_text(matcher, "a11;")
    for _ in range(3):
        matcher.feed(BACKSPACE)
    assert matches_of(type_text(matcher, ";;")) == []
    # deleting the "a" too leaves nothing before the caret that was ever typed
    matcher = Matcher([semicolon])
    type_text(matcher, "a11;")
    for _ in range(4):
        matcher.feed(BACKSPACE)
    assert only_match(type_text(matcher, ";;")).typed == ";"


RESET_KEYS = [
    SpecialKey.LEFT,
    SpecialKey.RIGHT,
    SpecialKey.UP,
    SpecialKey.DOWN,
    SpecialKey.HOME,
    SpecialKey.END,
    SpecialKey.PAGE_UP,
    SpecialKey.PAGE_DOWN,
    SpecialKey.DELETE,
    SpecialKey.ESCAPE,
    SpecialKey.OTHER,
]


@pytest.mark.parametrize("key", RESET_KEYS)
def test_caret_and_other_special_keys_reset_the_buffer(key: SpecialKey) -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(KeyEvent.special(key)) is None
    assert matcher.buffer_length == 0
    assert matches_of(type_text(matcher, "ay")) == []


@pytest.mark.parametrize(
    "event",
    [
        KeyEvent.text("c", modifiers_held=True),
        KeyEvent.text("\x03", modifiers_held=True),
        KeyEvent.special(SpecialKey.BACKSPACE, modifiers_held=True),
        KeyEvent(modifiers_held=True),
    ],
)
def test_keys_with_modifiers_held_reset_the_buffer(event: KeyEvent) -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";dela")
    assert matcher.feed(event) is None
    assert matcher.buffer_length == 0
    assert matcher.feed(KeyEvent.text("y")) is None


def test_control_character_text_resets_the_buffer() -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(KeyEvent.text("\x1b")) is None
    assert matcher.buffer_length == 0


@pytest.mark.parametrize(
    "event",
    [
        KeyEvent.text("x", injected=True),
        KeyEvent.text(" ", injected=True),
        KeyEvent.special(SpecialKey.BACKSPACE, injected=True),
        KeyEvent.special(SpecialKey.LEFT, injected=True),
        KeyEvent.special(SpecialKey.ENTER, injected=True),
        KeyEvent.text("c", modifiers_held=True, injected=True),
    ],
)
def test_injected_keys_are_ignored_entirely(event: KeyEvent) -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(event) is None
    assert matcher.buffer_length == 4
    assert only_match(type_text(matcher, "ay")).typed == ";delay"


def test_injected_copy_of_a_trigger_does_not_fire() -> None:
    matcher = Matcher([DELAY])
    assert [matcher.feed(KeyEvent.text(ch, injected=True)) for ch in ";delay"] == [None] * 6
    assert matcher.buffer_length == 0


def test_event_without_char_or_key_is_a_no_op() -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(KeyEvent()) is None
    assert matcher.buffer_length == 4
    assert only_match(type_text(matcher, "ay")).typed == ";delay"


def test_reset_forgets_the_buffer() -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    matcher.reset()
    assert matcher.buffer_length == 0
    assert matches_of(type_text(matcher, "ay")) == []


def test_buffer_is_cleared_after_a_match() -> None:
    matcher = Matcher([TriggerSpec("aa", "double")])
    results = type_text(matcher, "aaa")
    assert results[1] is not None
    assert results[2] is None
    assert matcher.buffer_length == 1


def test_multi_character_text_is_checked_only_at_its_end() -> None:
    matcher = Matcher([DELAY])
    type_text(matcher, ";del")
    assert matcher.feed(KeyEvent.text("ay")) == Match(DELAY, ";delay", "", Case.AS_TYPED)
    type_text(matcher, ";dela")
    assert matcher.feed(KeyEvent.text("yx")) is None


# --- priorities -----------------------------------------------------------------------------


@pytest.mark.parametrize("reverse", [False, True])
def test_longest_immediate_trigger_ending_at_the_key_wins(reverse: bool) -> None:
    short = TriggerSpec("lay", "short")
    specs = [short, DELAY][::-1] if reverse else [short, DELAY]
    matcher = Matcher(specs)
    assert only_match(type_text(matcher, ";delay")).spec == DELAY
    assert only_match(type_text(matcher, " play")).spec == short


def test_longest_word_boundary_trigger_wins() -> None:
    short = TriggerSpec("rb", "short", word_boundary=True)
    matcher = Matcher([short, BRB])
    assert only_match(type_text(matcher, "brb ")).spec == BRB
    assert only_match(type_text(matcher, "rb ")).spec == short


def test_longer_word_boundary_match_beats_shorter_immediate_match_at_the_same_key() -> None:
    immediate = TriggerSpec("b.", "immediate")
    boundary = TriggerSpec("ab", "boundary", word_boundary=True)
    matcher = Matcher([immediate, boundary])
    found = only_match(type_text(matcher, "ab."))
    assert (found.spec, found.separator, found.erase_count) == (boundary, ".", 3)


def test_longer_immediate_trigger_beats_word_boundary_trigger_at_the_same_key() -> None:
    immediate = TriggerSpec(";sig.", "immediate")
    boundary = TriggerSpec(";sig", "boundary", word_boundary=True)
    matcher = Matcher([boundary, immediate])
    found = only_match(type_text(matcher, ";sig."))
    assert (found.spec, found.separator, found.erase_count) == (immediate, "", 5)


def test_first_spec_wins_among_duplicate_triggers() -> None:
    second = TriggerSpec(";delay", "other", word_boundary=True)
    matcher = Matcher([DELAY, second])
    assert matcher.specs == (DELAY,)
    assert only_match(type_text(matcher, ";delay")).spec == DELAY


def test_exact_trigger_beats_case_insensitive_trigger_of_the_same_length() -> None:
    exact = TriggerSpec(";Delay", "exact", propagate_case=False)
    matcher = Matcher([DELAY, exact])
    assert only_match(type_text(matcher, ";Delay")).spec == exact
    found = only_match(type_text(matcher, ";DELAY"))
    assert (found.spec, found.case) == (DELAY, Case.UPPER)


# --- case propagation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "case"),
    [
        (";delay", Case.AS_TYPED),
        (";Delay", Case.CAPITALIZED),
        (";DELAY", Case.UPPER),
        (";dElay", Case.AS_TYPED),
        (";DElay", Case.CAPITALIZED),
    ],
)
def test_case_of_the_typed_trigger_is_reported(typed: str, case: Case) -> None:
    matcher = Matcher([DELAY])
    found = only_match(type_text(matcher, typed))
    assert (found.spec, found.typed, found.case) == (DELAY, typed, case)


def test_single_upper_case_letter_counts_as_capitalized_not_upper() -> None:
    spec = TriggerSpec(";d", "d")
    matcher = Matcher([spec])
    assert only_match(type_text(matcher, ";D")).case is Case.CAPITALIZED


def test_case_propagates_for_word_boundary_triggers() -> None:
    matcher = Matcher([BRB])
    found = only_match(type_text(matcher, "BRB!"))
    assert (found.typed, found.separator, found.case) == ("BRB", "!", Case.UPPER)


def test_propagate_case_false_matches_exactly() -> None:
    spec = TriggerSpec(";delay", "delay", propagate_case=False)
    matcher = Matcher([spec])
    assert matches_of(type_text(matcher, ";Delay ;DELAY ")) == []
    found = only_match(type_text(matcher, ";delay"))
    assert found.case is Case.AS_TYPED


def test_trigger_defined_with_upper_case_letters_matches_exactly() -> None:
    spec = TriggerSpec(";Sig", "signature")
    matcher = Matcher([spec])
    assert matches_of(type_text(matcher, ";sig ;SIG ")) == []
    found = only_match(type_text(matcher, ";Sig"))
    assert found.case is Case.AS_TYPED


def test_trigger_without_cased_letters_matches_and_reports_as_typed() -> None:
    spec = TriggerSpec(";;1", "numbers")
    matcher = Matcher([spec])
    assert only_match(type_text(matcher, ";;1")).case is Case.AS_TYPED


# --- Unicode --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "typed", "case"),
    [
        (";zwrot", ";Zwrot", Case.CAPITALIZED),
        (";zażółć", ";ZAŻÓŁĆ", Case.UPPER),
        (";zażółć", ";zażółć", Case.AS_TYPED),
        (";возврат", ";Возврат", Case.CAPITALIZED),
        (";возврат", ";ВОЗВРАТ", Case.UPPER),
        ("straße", "STRAẞE", Case.UPPER),
        (";☕", ";☕", Case.AS_TYPED),
        ("☕☕", "☕☕", Case.AS_TYPED),
    ],
)
def test_unicode_triggers_match(trigger: str, typed: str, case: Case) -> None:
    spec = TriggerSpec(trigger, "unicode")
    matcher = Matcher([spec])
    found = only_match(type_text(matcher, typed))
    assert (found.spec, found.typed, found.case) == (spec, typed, case)
    assert found.erase_count == len(typed)


def test_unicode_word_boundary_trigger_keeps_its_separator() -> None:
    spec = TriggerSpec("спс", "thanks", word_boundary=True)
    matcher = Matcher([spec])
    found = only_match(type_text(matcher, "ну, Спс!"))
    assert (found.typed, found.separator, found.case) == ("Спс", "!", Case.CAPITALIZED)
    assert matches_of(type_text(matcher, "ыспс ")) == []


# --- buffer ---------------------------------------------------------------------------------


def test_buffer_keeps_only_longest_trigger_plus_one_characters() -> None:
    matcher = Matcher([DELAY, BRB])
    assert matcher.buffer_limit == 7
    type_text(matcher, "the quick brown fox jumps over the lazy dog " * 5)
    assert matcher.buffer_length == 7


def test_buffer_limit_can_be_raised_but_not_lowered() -> None:
    assert Matcher([DELAY], buffer_limit=20).buffer_limit == 20
    with pytest.raises(ValueError, match="too small"):
        Matcher([DELAY], buffer_limit=6)


def test_matcher_without_specs_never_matches() -> None:
    matcher = Matcher([])
    assert matches_of(type_text(matcher, "anything at all ;delay ")) == []
    assert matcher.buffer_length <= 1


def test_dropped_word_character_still_blocks_a_word_boundary_trigger() -> None:
    matcher = Matcher([BRB])
    type_text(matcher, "xbrbq")
    matcher.feed(BACKSPACE)
    assert matcher.feed(KeyEvent.text(" ")) is None


def test_dropped_separator_still_allows_a_word_boundary_trigger() -> None:
    matcher = Matcher([BRB])
    type_text(matcher, "x brbq")
    matcher.feed(BACKSPACE)
    assert matcher.feed(KeyEvent.text(" ")) == Match(BRB, "brb", " ", Case.AS_TYPED)


# --- data types and helpers -----------------------------------------------------------------


def test_key_event_constructors_fill_the_right_fields() -> None:
    assert KeyEvent.text("ж") == KeyEvent(char="ж", key=None)
    assert KeyEvent.special(SpecialKey.TAB, injected=True) == KeyEvent(
        char=None, key=SpecialKey.TAB, injected=True
    )


def test_empty_key_text_and_empty_trigger_are_rejected() -> None:
    with pytest.raises(ValueError):
        KeyEvent.text("")
    with pytest.raises(ValueError):
        TriggerSpec("", "nothing")


@pytest.mark.parametrize(
    ("text", "case", "expected"),
    [
        ("hello World", Case.AS_TYPED, "hello World"),
        ("hello World", Case.CAPITALIZED, "Hello World"),
        ("hello World", Case.UPPER, "HELLO WORLD"),
        ("  ¡hola, iPhone!", Case.CAPITALIZED, "  ¡Hola, iPhone!"),
        ("42 items", Case.CAPITALIZED, "42 Items"),
        ("żółw", Case.CAPITALIZED, "Żółw"),
        ("спасибо", Case.UPPER, "СПАСИБО"),
        ("ǆungla", Case.CAPITALIZED, "ǅungla"),
        ("OK then", Case.CAPITALIZED, "OK then"),
        ("☕ 123", Case.CAPITALIZED, "☕ 123"),
        ("", Case.UPPER, ""),
    ],
)
def test_apply_case(text: str, case: Case, expected: str) -> None:
    assert apply_case(text, case) == expected


def test_matcher_module_imports_only_the_standard_library() -> None:
    """The matcher and the expander modules it uses (text folding) import nothing else."""
    package = Path(__file__).resolve().parent.parent / "expander"
    imported: set[str] = set()
    pending, seen = ["matcher"], set()
    while pending:
        module = pending.pop()
        seen.add(module)
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0
                assert node.module is not None
                if node.module.startswith("expander."):
                    inner = node.module.removeprefix("expander.")
                    assert "." not in inner, f"{module} imports {node.module}"
                    if inner not in seen:
                        pending.append(inner)
                else:
                    imported.add(node.module.split(".")[0])
    assert seen == {"matcher", "textfold"}
    assert imported - {"__future__"} <= set(sys.stdlib_module_names)


# --- property tests against a naive model ---------------------------------------------------


def naive_is_separator(ch: str) -> bool:
    return not (ch.isalnum() or ch == "_")


def naive_case(typed: str) -> Case:
    cased = [ch for ch in typed if ch.lower() != ch.upper()]
    uppers = [ch for ch in cased if ch.isupper()]
    if len(cased) >= 2 and len(uppers) == len(cased):
        return Case.UPPER
    if cased and cased[0].isupper():
        return Case.CAPITALIZED
    return Case.AS_TYPED


class NaiveMatcher:
    """The rules written as directly as possible: the whole text before the caret is kept and
    every trigger is compared against its end at every key."""

    def __init__(self, specs: Iterable[TriggerSpec]) -> None:
        self.specs: list[TriggerSpec] = []
        for spec in specs:
            if all(spec.trigger != kept.trigger for kept in self.specs):
                self.specs.append(spec)
        self.text = ""
        self.start_is_boundary = True

    def reset(self) -> None:
        self.text = ""
        self.start_is_boundary = True

    def feed(self, event: KeyEvent) -> Match | None:
        if event.injected:
            return None
        if event.modifiers_held:
            self.reset()
            return None
        if event.key is SpecialKey.BACKSPACE:
            if self.text:
                self.text = self.text[:-1]
            else:
                self.start_is_boundary = True
            return None
        if event.key in (SpecialKey.ENTER, SpecialKey.TAB):
            found = self.best(self.text, "\n" if event.key is SpecialKey.ENTER else "\t")
            self.reset()
            return found
        if event.key is not None:
            self.reset()
            return None
        if event.char is None:
            return None
        for ch in event.char[:-1]:
            if ord(ch) < 32:
                self.reset()
            else:
                self.text += ch
        last = event.char[-1]
        if last in "\n\r\t":
            found = self.best(self.text, "\t" if last == "\t" else "\n")
            self.reset()
            return found
        if ord(last) < 32:
            self.reset()
            return None
        found = self.best(self.text, last)
        if found is None:
            self.text += last
        else:
            self.reset()
        return found

    def tail_match(self, text: str, spec: TriggerSpec) -> Match | None:
        trigger = spec.trigger
        if len(text) < len(trigger):
            return None
        tail = text[len(text) - len(trigger) :]
        if tail == trigger:
            return Match(spec, tail, "", Case.AS_TYPED)
        has_cased = any(ch.lower() != ch.upper() for ch in trigger)
        if spec.propagate_case and trigger == trigger.lower() and has_cased:
            if tail.lower() == trigger:
                return Match(spec, tail, "", naive_case(tail))
        return None

    def best(self, before: str, key_char: str) -> Match | None:
        """Best match when ``key_char`` is typed after ``before``."""
        ranked: list[tuple[int, int, int, Match]] = []
        for spec in self.specs:
            if spec.word_boundary:
                if not naive_is_separator(key_char):
                    continue
                found = self.tail_match(before, spec)
                if found is None:
                    continue
                start = len(before) - len(spec.trigger)
                boundary = (
                    naive_is_separator(before[start - 1]) if start > 0 else self.start_is_boundary
                )
                if boundary:
                    found = Match(spec, found.typed, key_char, found.case)
                    ranked.append((found.erase_count, 0, found.case is Case.AS_TYPED, found))
            elif key_char not in "\n\t":
                found = self.tail_match(before + key_char, spec)
                if found is not None:
                    exact = found.typed == spec.trigger
                    ranked.append((found.erase_count, 1, exact, found))
        if not ranked:
            return None
        ranked.sort(key=lambda item: item[:3])
        return ranked[-1][3]


ALPHABET = ["a", "b", "A", "B", "ż", "Ż", "ж", "Ж", "ß", "ẞ", "1", "_", ";", ".", " ", "☕"]
LOWER_ALPHABET = ["a", "b", "ż", "ж", "ß", ";", " ", "1"]
NON_TEXT = ["\n", "\t", "\r", "\x1b"]

trigger_specs = st.builds(
    TriggerSpec,
    trigger=st.text(st.sampled_from(ALPHABET), min_size=1, max_size=4)
    | st.text(st.sampled_from(LOWER_ALPHABET), min_size=1, max_size=4),
    target=st.just("t"),
    word_boundary=st.booleans(),
    propagate_case=st.booleans(),
)

single_events = st.one_of(
    st.sampled_from(ALPHABET).map(KeyEvent.text),
    st.sampled_from(ALPHABET).map(KeyEvent.text),
    st.sampled_from(ALPHABET).map(KeyEvent.text),
    st.sampled_from(ALPHABET + NON_TEXT).map(KeyEvent.text),
    st.text(st.sampled_from(ALPHABET + NON_TEXT), min_size=2, max_size=3).map(KeyEvent.text),
    st.sampled_from(list(SpecialKey)).map(KeyEvent.special),
    st.just(BACKSPACE),
    st.builds(
        KeyEvent,
        char=st.none() | st.sampled_from(ALPHABET),
        key=st.none() | st.sampled_from(list(SpecialKey)),
        modifiers_held=st.booleans(),
        injected=st.booleans(),
    ),
)


@st.composite
def scenarios(
    draw: st.DrawFn, *, allow_backspace: bool = True
) -> tuple[list[TriggerSpec], list[KeyEvent]]:
    """Some specs and a key stream that often types those triggers, in varied case."""
    specs = draw(st.lists(trigger_specs, min_size=1, max_size=6))
    events: list[KeyEvent] = []
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 2)) == 0:
            trigger = draw(st.sampled_from(specs)).trigger
            style = draw(st.sampled_from(["as is", "upper", "capitalize", "mixed"]))
            if style == "upper":
                trigger = trigger.upper()
            elif style == "capitalize":
                trigger = trigger.capitalize()
            elif style == "mixed":
                flips = draw(st.lists(st.booleans(), min_size=len(trigger), max_size=len(trigger)))
                trigger = "".join(
                    ch.swapcase() if flip and len(ch.swapcase()) == 1 else ch
                    for ch, flip in zip(trigger, flips, strict=True)
                )
            events.extend(KeyEvent.text(ch) for ch in trigger)
        else:
            events.append(draw(single_events))
    if not allow_backspace:
        events = [event for event in events if event.key is not SpecialKey.BACKSPACE]
    return specs, events


@settings(max_examples=400)
@given(scenarios())
def test_matches_equal_the_naive_model_when_nothing_is_dropped(
    scenario: tuple[list[TriggerSpec], list[KeyEvent]],
) -> None:
    specs, events = scenario
    matcher = Matcher(specs, buffer_limit=1_000)
    model = NaiveMatcher(specs)
    for event in events:
        assert matcher.feed(event) == model.feed(event)


@settings(max_examples=400)
@given(scenarios(allow_backspace=False))
def test_matches_equal_the_naive_model_at_the_default_limit_without_backspace(
    scenario: tuple[list[TriggerSpec], list[KeyEvent]],
) -> None:
    specs, events = scenario
    matcher = Matcher(specs)
    model = NaiveMatcher(specs)
    for event in events:
        assert matcher.feed(event) == model.feed(event)
        assert matcher.buffer_length <= matcher.buffer_limit


@settings(max_examples=400)
@given(scenarios())
def test_random_streams_never_raise_and_match_only_real_trigger_tails(
    scenario: tuple[list[TriggerSpec], list[KeyEvent]],
) -> None:
    specs, events = scenario
    matcher = Matcher(specs)
    text_before_caret = NaiveMatcher([])
    for event in events:
        found = matcher.feed(event)
        assert matcher.buffer_length <= matcher.buffer_limit
        if found is None:
            text_before_caret.feed(event)
            continue
        if event.char is not None and len(event.char) > 1:
            text_before_caret.feed(KeyEvent.text(event.char[:-1]))
        trigger = found.spec.trigger
        assert found.typed.lower() == trigger.lower()
        assert len(found.typed) == len(trigger)
        if not found.spec.propagate_case:
            assert found.typed == trigger
        assert found.spec in specs
        assert found.erase_count == len(found.typed) + len(found.separator)
        before = text_before_caret.text
        if found.spec.word_boundary:
            assert naive_is_separator(found.separator)
            assert before.endswith(found.typed)
            start = len(before) - len(found.typed)
            assert naive_is_separator(before[start - 1]) if start > 0 else True
        else:
            assert found.separator == ""
            assert event.char is not None
            assert (before + event.char[-1]).endswith(found.typed)
        text_before_caret.reset()

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander.desktop.settings import Settings, load_settings
from expander.desktop.watch import (
    FileWatcher,
    ReloadDecision,
    reload_library,
    reload_value,
    snapshot,
)
from expander.library import Library, load
from expander.model import Problem, Severity, SourceLocation
from tests.waiting import wait_until

PACK = """\
[pack]
name = "team"
version = "1.0.0"

[[snippets]]
id = "hello"
trigger = ";hi"
title = "Hello"
body = "Hello!"
"""

SECOND = """
[[snippets]]
id = "bye"
trigger = ";bye"
title = "Bye"
body = "Goodbye!"
"""

BROKEN_SNIPPET = """
[[snippets]]
id = "broken"
trigger = ";br"
title = "Broken"
body = "Hello {name"
"""


class Recorder:
    """Collects what a watcher reports, thread-safely."""

    def __init__(self) -> None:
        self.calls: list[frozenset[Path]] = []
        self._lock = threading.Lock()

    def __call__(self, changed: frozenset[Path]) -> None:
        with self._lock:
            self.calls.append(changed)

    def seen(self, path: Path) -> bool:
        with self._lock:
            return any(path in call for call in self.calls)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "packs"
    path.mkdir()
    return path


@pytest.fixture
def watching(folder: Path) -> Iterator[tuple[FileWatcher, Recorder]]:
    recorder = Recorder()
    watcher = FileWatcher(lambda: [folder], recorder, interval=0.05)
    watcher.start()
    yield watcher, recorder
    watcher.stop()


# --- the watcher on its thread -----------------------------------------------------------------


def test_an_edit_is_seen_within_two_seconds_at_the_default_interval(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    recorder = Recorder()
    with FileWatcher(lambda: [folder], recorder) as watcher:
        assert watcher.interval == 0.5
        pack.write_text(PACK + SECOND)
        assert wait_until(lambda: recorder.seen(pack), timeout=2.0)
    assert set(recorder.calls) == {frozenset({pack})}


def test_new_and_deleted_files_are_seen(
    folder: Path, watching: tuple[FileWatcher, Recorder]
) -> None:
    _, recorder = watching
    new = folder / "sub" / "new.toml"
    new.parent.mkdir()
    new.write_text(PACK)
    assert wait_until(lambda: recorder.seen(new))
    reported = len(recorder.calls)
    new.unlink()
    assert wait_until(lambda: len(recorder.calls) > reported)
    assert set(recorder.calls) == {frozenset({new})}
    assert not new.exists()


def test_other_and_hidden_files_are_ignored(folder: Path) -> None:
    recorder = Recorder()
    watcher = FileWatcher(lambda: [folder], recorder, interval=0.05)
    watcher.baseline()
    (folder / "notes.txt").write_text("x")
    (folder / ".team.toml.swp").write_text("x")
    (folder / ".git").mkdir()
    (folder / ".git" / "config.toml").write_text("x")
    (folder / "dir.toml").mkdir()
    assert watcher.poll() == frozenset()
    assert watcher.poll() == frozenset()
    assert recorder.calls == []


def test_a_watched_file_that_appears_later_is_seen(tmp_path: Path) -> None:
    settings_file = tmp_path / "config" / "settings.toml"
    recorder = Recorder()
    with FileWatcher(lambda: [settings_file, tmp_path / "nowhere"], recorder, interval=0.05):
        settings_file.parent.mkdir()
        settings_file.write_text("[notifications]\nenabled = false\n")
        assert wait_until(lambda: recorder.seen(settings_file))
        reported = len(recorder.calls)
        settings_file.unlink()
        assert wait_until(lambda: len(recorder.calls) > reported)


def test_the_paths_are_asked_for_at_every_poll(tmp_path: Path) -> None:
    watched: list[Path] = []
    recorder = Recorder()
    watcher = FileWatcher(lambda: list(watched), recorder, interval=0.05)
    watcher.baseline()
    extra = tmp_path / "extra.toml"
    extra.write_text(PACK)
    assert watcher.poll() == frozenset()
    watched.append(extra)  # e.g. a team pack installed while the app runs
    watcher.poll()
    assert watcher.poll() == frozenset({extra})


def test_an_atomic_replace_with_the_same_size_and_time_is_seen(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    before = pack.stat()
    recorder = Recorder()
    watcher = FileWatcher(lambda: [folder], recorder)
    watcher.baseline()
    replacement = folder / ".team.toml.tmp"
    replacement.write_text(PACK.replace("Hello!", "Howdy!"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, pack)
    assert pack.stat().st_size == before.st_size
    assert pack.stat().st_mtime_ns == before.st_mtime_ns
    watcher.poll()
    assert watcher.poll() == frozenset({pack})


def test_changes_are_debounced_until_the_files_are_still(folder: Path) -> None:
    pack, other = folder / "team.toml", folder / "other.toml"
    pack.write_text(PACK)
    recorder = Recorder()
    watcher = FileWatcher(lambda: [folder], recorder, interval=0.05)
    assert watcher.poll() == frozenset()  # the first look is the baseline
    pack.write_text(PACK + SECOND)
    assert watcher.poll() == frozenset()  # changed since the last look: wait
    other.write_text(PACK)
    pack.write_text(PACK + SECOND + SECOND)
    assert watcher.poll() == frozenset()  # still changing
    assert watcher.poll() == frozenset({pack, other})  # still for one poll: reported once
    assert watcher.poll() == frozenset()
    assert recorder.calls == [frozenset({pack, other})]


def test_a_change_undone_before_it_settles_is_not_reported(folder: Path) -> None:
    recorder = Recorder()
    watcher = FileWatcher(lambda: [folder], recorder)
    watcher.baseline()
    temp = folder / "temp.toml"
    temp.write_text("x")
    assert watcher.poll() == frozenset()
    temp.unlink()
    assert watcher.poll() == frozenset()
    assert watcher.poll() == frozenset()
    assert recorder.calls == []


def test_stop_ends_the_thread_and_nothing_more_is_reported(
    folder: Path, watching: tuple[FileWatcher, Recorder]
) -> None:
    watcher, recorder = watching
    assert watcher.running
    watcher.stop()
    assert not watcher.running  # stop() joined the thread: nothing is left to poll
    watcher.stop()  # twice is fine
    (folder / "late.toml").write_text(PACK)
    assert recorder.calls == []


def test_stop_before_start_and_start_twice() -> None:
    watcher = FileWatcher(list, Recorder(), interval=0.05)
    watcher.stop()
    assert not watcher.running
    watcher = FileWatcher(list, Recorder(), interval=0.05)
    watcher.start()
    with pytest.raises(RuntimeError):
        watcher.start()
    watcher.stop()
    with pytest.raises(ValueError):
        FileWatcher(list, Recorder(), interval=0)


def test_stop_from_inside_on_change_does_not_deadlock(folder: Path) -> None:
    done = threading.Event()
    watcher: FileWatcher

    def on_change(changed: frozenset[Path]) -> None:
        watcher.stop()
        done.set()

    watcher = FileWatcher(lambda: [folder], on_change, interval=0.05)
    watcher.start()
    (folder / "x.toml").write_text(PACK)
    assert done.wait(2.0)
    assert wait_until(lambda: not watcher.running)


def test_a_failing_callback_or_provider_does_not_end_watching(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[frozenset[Path]] = []
    fail = {"provider": True}

    def provider() -> list[Path]:
        if fail["provider"]:
            fail["provider"] = False
            raise OSError("share not mounted")
        return [folder]

    def on_change(changed: frozenset[Path]) -> None:
        calls.append(changed)
        if len(calls) == 1:
            raise RuntimeError("boom")

    caplog.set_level(logging.ERROR, logger="expander.desktop.watch")
    watcher = FileWatcher(provider, on_change, interval=0.05)
    watcher.baseline()  # the provider fails: watched as nothing for now
    first, second = folder / "a.toml", folder / "b.toml"
    first.write_text(PACK)
    watcher.poll()
    assert watcher.poll() == frozenset({first})  # the callback raised: logged
    second.write_text(PACK)
    watcher.poll()
    assert watcher.poll() == frozenset({second})
    assert calls == [frozenset({first}), frozenset({second})]
    messages = [r.getMessage() for r in caplog.records]
    assert any("could not be made" in m for m in messages)
    assert any(m.startswith("reloading after a change to") for m in messages)


def test_snapshot_covers_files_and_toml_under_folders(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text("x")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "b.toml").write_text("x")
    (tmp_path / "c.txt").write_text("x")
    single = tmp_path / "c.txt"
    assert set(snapshot([tmp_path, single, tmp_path / "missing.toml"])) == {
        tmp_path / "a.toml",
        tmp_path / "deep" / "er" / "b.toml",
        single,
    }


# --- deciding whether a reload replaces the library -----------------------------------------


def lib(path: Path) -> Library:
    return load(path, include_bundled=False)


def test_a_good_edit_is_taken(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    old = lib(pack)
    pack.write_text(PACK + SECOND)
    decision = reload_library(old, lambda: lib(pack))
    assert decision.reloaded and not decision.kept_old
    assert decision.value is not old
    assert set(decision.value.triggers) == {";hi", ";bye"}
    assert decision.new_errors == ()
    assert decision.summary() == "snippets reloaded"


def test_a_broken_edit_keeps_the_last_good_library(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    old = lib(pack)
    pack.write_text(PACK + "\n[[snippets]\nid = 'x'\n")  # not TOML any more
    decision = reload_library(old, lambda: lib(pack))
    assert decision.kept_old and decision.value is old
    (error,) = decision.new_errors
    assert (error.path, error.line) == (pack, 11)
    assert decision.summary().startswith(
        f"broken file kept last good snippets: {pack}:11: invalid TOML: "
    )
    assert error in decision.problems


def test_a_broken_snippet_keeps_the_last_good_library(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    old = lib(pack)
    pack.write_text(PACK + BROKEN_SNIPPET)
    decision = reload_library(old, lambda: lib(pack))
    assert decision.kept_old
    assert set(decision.value.triggers) == {";hi"}
    assert [f"{p.location}" for p in decision.new_errors] == [f"{pack}:15"]


def test_an_error_that_was_already_there_does_not_block_a_good_edit(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK + BROKEN_SNIPPET)
    old = lib(pack)
    assert old.errors
    pack.write_text(PACK + SECOND + BROKEN_SNIPPET)  # the old error moved down by 6 lines
    decision = reload_library(old, lambda: lib(pack))
    assert decision.reloaded
    assert set(decision.value.triggers) == {";hi", ";bye"}


def test_a_second_error_keeps_the_old_library(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK + BROKEN_SNIPPET)
    old = lib(pack)
    pack.write_text(PACK + BROKEN_SNIPPET + BROKEN_SNIPPET.replace("broken", "worse"))
    decision = reload_library(old, lambda: lib(pack))
    assert decision.kept_old
    assert len(decision.new_errors) == 1


def test_removing_a_pack_is_taken(folder: Path) -> None:
    pack, other = folder / "team.toml", folder / "other.toml"
    pack.write_text(PACK)
    other.write_text(PACK.replace('"team"', '"other"').replace(";hi", ";yo"))
    old = load(pack, other, include_bundled=False)
    other.unlink()
    decision = reload_library(old, lambda: lib(pack))
    assert decision.reloaded
    assert set(decision.value.triggers) == {";hi"}


def test_a_load_that_raises_keeps_the_old_value(caplog: pytest.LogCaptureFixture) -> None:
    old = Library()

    def explode() -> Library:
        raise PermissionError("permission denied: /packs")

    caplog.set_level(logging.CRITICAL, logger="expander.desktop.watch")
    decision = reload_library(old, explode)
    assert decision.kept_old and decision.value is old
    assert decision.summary() == (
        "broken file kept last good snippets: <memory>: reloading failed: "
        "PermissionError: permission denied: /packs"
    )


def test_the_summary_names_the_first_errors_and_counts_the_rest() -> None:
    errors = tuple(
        Problem(Severity.ERROR, f"bad {n}", SourceLocation(Path("p.toml"), n)) for n in range(1, 6)
    )
    decision = ReloadDecision("old", True, errors, errors)
    assert decision.summary("settings", limit=2) == (
        "broken file kept last good settings: p.toml:1: bad 1; p.toml:2: bad 2 (and 3 more)"
    )


def test_reload_value_keeps_the_last_good_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[expansion]\npaste_threshold = 5\n")
    old, old_problems = load_settings(path)
    path.write_text("[expansion]\npaste_threshold = -5\n")
    decision: ReloadDecision[Settings] = reload_value(
        old, old_problems, lambda: load_settings(path)
    )
    assert decision.kept_old and decision.value.expansion.paste_threshold == 5
    assert decision.summary("settings").startswith(
        f"broken file kept last good settings: {path}:2: [expansion] paste_threshold"
    )
    path.write_text("[expansion]\npaste_threshold = 6\n")
    decision = reload_value(old, old_problems, lambda: load_settings(path))
    assert decision.reloaded and decision.value.expansion.paste_threshold == 6


def test_warnings_alone_never_block_a_reload(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    old = lib(pack)
    pack.write_text(PACK + SECOND.replace(";bye", ";h"))  # ";h" fires before ";hi" can
    decision = reload_library(old, lambda: lib(pack))
    assert decision.reloaded
    assert [p.severity for p in decision.problems] == [Severity.WARNING]


# --- watcher and reload together, as the app uses them ------------------------------------------


def test_an_edit_on_disk_is_live_and_a_broken_edit_keeps_the_old_snippets(folder: Path) -> None:
    pack = folder / "team.toml"
    pack.write_text(PACK)
    current = {"library": lib(pack)}
    told: list[str] = []

    def on_change(changed: frozenset[Path]) -> None:
        decision = reload_library(current["library"], lambda: lib(pack))
        current["library"] = decision.value
        if decision.kept_old:
            told.append(decision.summary())

    with FileWatcher(lambda: [folder], on_change, interval=0.1):
        pack.write_text(PACK + SECOND)
        assert wait_until(lambda: ";bye" in current["library"].triggers)
        pack.write_text(PACK + SECOND + "oops = \n")
        assert wait_until(lambda: bool(told))
        assert set(current["library"].triggers) == {";hi", ";bye"}
        assert told[0].startswith(f"broken file kept last good snippets: {pack}:")
        pack.write_text(PACK)
        assert wait_until(lambda: ";bye" not in current["library"].triggers)

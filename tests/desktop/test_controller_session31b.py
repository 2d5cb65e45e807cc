"""The app where nothing can be saved (session 31b): a new snippet that cannot be
written is explained in its dialog (it raised out of the dialog: in Tk the Enter
key did nothing and said nothing), and a chosen reply that cannot be learned is
inserted and logged as such, not as a failing picker."""

from __future__ import annotations

import errno
import logging

import pytest

from expander.paths import user_paths
from expander.ports import PickerChoice, SnippetDraft
from expander.suggest.learning import LearnedExamples
from tests.desktop.test_controller import EMAIL, MakeSetup, make  # noqa: F401  (a fixture)

PERSONAL = '[pack]\nname = "personal"\nversion = "1.0.0"\n'


def test_a_new_snippet_that_cannot_be_saved_is_explained_in_the_dialog(
    make: MakeSetup,  # noqa: F811
) -> None:
    app = make(include_user=True)
    personal = user_paths().personal_file
    personal.parent.mkdir(parents=True, exist_ok=True)
    personal.write_text(PERSONAL, encoding="utf-8")
    (personal.parent / "personal.toml.bak").mkdir()  # the backup cannot be written
    app.desktop.dialogs.new_snippets.append(SnippetDraft("Thanks!", ";thx", "Thanks"))
    app.tray.click("New snippet from selection…")
    [problem] = app.desktop.dialogs.snippet_problems
    assert problem.startswith("not saved: Is a directory (")
    assert problem.endswith("personal.toml.bak); your personal snippets are unchanged")
    assert personal.read_text(encoding="utf-8") == PERSONAL
    assert app.desktop.notifier.notifications == []  # no "failed (OSError)"
    assert sorted(p.name for p in personal.parent.iterdir() if p.name.startswith(".")) == []


def test_a_reply_that_cannot_be_learned_is_inserted_and_says_so(
    make: MakeSetup,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make(include_user=True)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(user_paths().learned_file))

    monkeypatch.setattr(LearnedExamples, "add", full_disk)
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "insert"))
    with caplog.at_level(logging.INFO, logger="expander"):
        app.tray.click("Suggest reply for clipboard e-mail")
    assert app.box_text == "Dear Anna, your parcel is on its way."
    assert "the reply picker failed" not in caplog.text
    assert (
        f"the chosen reply was not learned: No space left on device "
        f"({user_paths().learned_file})" in caplog.text
    )
    assert "parcel" not in caplog.text  # nothing of the e-mail is logged

"""The running app keeps its keyboard when a snippet cannot be rendered.

In a module of its own: it starts its own app, and no other app of the desktop
tests may be running at the same time (both would expand the same keys).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

SHORT = "Hello there, thanks for writing!"
HI = {"id": "hi", "trigger": ";hi", "title": "Hi", "body": SHORT}


def expands(target: harness.Target, typed: str, expected: str) -> None:
    target.clear()
    target.focus()
    harness.type_text(typed)
    assert target.wait_for_text(expected) == expected


def test_a_snippet_that_crashes_rendering_leaves_the_keyboard_working(
    xdisplay: str, tk_target: harness.TkTarget, tmp_path: Path
) -> None:
    # ;deep includes 600 snippets deep: rendering it raises RecursionError (or a
    # TemplateError where templates limit their depth); pynput stops a listener whose
    # callback raises, so after it nothing expanded any more
    chain = [
        {"id": f"deep{i}", "title": "Deep", "body": f"{{snippet:deep{i + 1}}}"} for i in range(599)
    ] + [{"id": "deep599", "title": "Deep", "body": "the end"}]
    chain[0]["trigger"] = ";deep"
    doc = {
        "pack": {"name": "crash", "version": "1.0.0", "language": "en"},
        "snippets": [HI, *chain],
    }
    pack = tmp_path / "crash.toml"
    pack.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    running = App(tmp_path / "home", "--no-bundled", "--no-user", "--pack", str(pack))
    try:
        expands(tk_target, ";deep ;hi", ";deep " + SHORT)
    finally:
        assert running.stop() == 0, running.log
    assert "Traceback" not in running.log, running.log

"""The running app records usage: an abbreviation typed, the reply picker's
choices, and e-mails no reply answered (their text only with the agent's opt-in,
which, switched off, deletes what was kept). Read back as a manager would, with
``expander stats --json`` in another process while the app runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

import expander
from expander.suggest import suggest
from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

EMAIL = """Hello,

my rain jacket (order #77812) was due last Monday and has still not come.
Could you check where the parcel is? I need it before my trip.

Best regards,
Anna Smith
"""


def write_settings(home: Path, help_improve_faq: bool) -> None:
    text = f"[statistics]\nenabled = true\nhelp_improve_faq = {str(help_improve_faq).lower()}\n"
    tmp = home / "settings.toml.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(home / "settings.toml")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    write_settings(home, help_improve_faq=False)
    return home


@pytest.fixture(scope="module")
def app(xdisplay: str, home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    pack = tmp_path_factory.mktemp("pack") / "extra.toml"
    doc = {
        "pack": {"name": "extra", "version": "2.1.0", "language": "en"},
        "snippets": [{"id": "greet", "trigger": ";greet", "title": "Greeting", "body": "Hello!"}],
    }
    pack.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    running = App(home, "--no-user", "--pack", str(pack))
    yield running
    assert running.stop() == 0, running.log
    assert "Traceback" not in running.log, running.log
    assert "Anna" not in running.log and "jacket" not in running.log


def stats(home: Path, *args: str) -> Any:
    out = subprocess.run(
        [sys.executable, "-m", "expander", "stats", *args, "--json"],
        env={**os.environ, "EXPANDER_HOME": str(home)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def snippet_row(summary: dict[str, Any], snippet: str) -> dict[str, Any]:
    rows = [row for row in summary["top_snippets"] if row["snippet"] == snippet]
    return rows[0] if rows else {}


def store_bytes(home: Path) -> bytes:
    """The usage store as it is on disk, with its write-ahead log."""
    files = sorted(home.rglob("usage.sqlite3*"))
    assert files, "no usage store was written"
    return b"".join(path.read_bytes() for path in files)


def use_picker(tk_target: harness.TkTarget, key: str) -> None:
    window = harness.open_picker(tk_target, EMAIL)
    harness.key(key)
    assert harness.picker_closed(), f"the picker {window} did not close"


def test_a_typed_abbreviation_is_counted_for_its_pack_and_version(
    app: App, home: Path, tk_target: harness.TkTarget
) -> None:
    tk_target.clear()
    tk_target.focus()
    harness.type_text(";greet")
    assert tk_target.wait_for_text("Hello!", timeout=10) == "Hello!"
    assert harness.wait_until(
        lambda: snippet_row(stats(home), "greet").get("expanded") == 1, 10, 0.2
    )
    (pack,) = [p for p in stats(home)["packs"] if p["pack"] == "extra"]
    assert pack["versions"] == ["2.1.0"]
    assert pack["expanded"] == 1


def test_the_picker_counts_the_request_what_it_showed_and_the_reply_chosen(
    app: App, home: Path, tk_target: harness.TkTarget
) -> None:
    first = suggest(expander.load(), EMAIL, 5, min_score=0)[0].snippet.id  # what Enter picks
    before = stats(home)["suggestions"]
    use_picker(tk_target, "Return")
    assert harness.wait_until(lambda: "Anna" in tk_target.text(), 10, 0.05)

    def counted() -> bool:
        return stats(home)["suggestions"]["accepted"] == before["accepted"] + 1

    assert harness.wait_until(counted, 10, 0.2)
    summary = stats(home)
    assert summary["suggestions"]["requested"] == before["requested"] + 1
    chosen = snippet_row(summary, first)
    assert chosen["accepted"] == 1 and chosen["mean_accepted_rank"] == 1
    assert chosen["shown"] >= 1


def test_without_the_opt_in_an_unanswered_email_is_counted_but_not_kept(
    app: App, home: Path, tk_target: harness.TkTarget
) -> None:
    before = stats(home)["suggestions"]["unmatched"]
    use_picker(tk_target, "Escape")
    assert harness.wait_until(
        lambda: stats(home)["suggestions"]["unmatched"] == before + 1, 10, 0.2
    )
    assert stats(home, "gaps") == []
    assert b"jacket" not in store_bytes(home)


def test_with_the_opt_in_the_email_is_kept_masked_and_switching_it_off_deletes_it(
    app: App, home: Path, tk_target: harness.TkTarget
) -> None:
    write_settings(home, help_improve_faq=True)
    assert harness.wait_until(lambda: "statistics.help_improve_faq" in app.log, 10), app.log
    use_picker(tk_target, "Escape")
    assert harness.wait_until(lambda: stats(home, "gaps") != [], 10, 0.2)
    (gap,) = stats(home, "gaps")
    assert "rain jacket" in gap["example"]
    for personal in ("Anna", "Smith", "77812"):
        assert personal not in gap["example"]

    write_settings(home, help_improve_faq=False)
    assert harness.wait_until(lambda: "Deleted 1 kept e-mail" in app.log, 10), app.log
    assert stats(home, "gaps") == []
    assert b"jacket" not in store_bytes(home)


def test_e_mails_kept_earlier_are_deleted_at_start_when_the_opt_in_is_off_even_with_statistics_off(
    xdisplay: str, tmp_path: Path
) -> None:
    from expander.stats.store import UsageStore

    home = tmp_path / "home"
    with UsageStore.open(home / "data" / "usage.sqlite3") as store:
        assert store.record_unmatched(EMAIL, keep_emails=True)  # kept while the opt-in was on
        assert store.gaps() != []
    (home / "settings.toml").write_text(
        "[statistics]\nenabled = false\nhelp_improve_faq = false\n", encoding="utf-8"
    )
    running = App(home, "--no-bundled", "--no-user")
    try:
        assert stats(home, "gaps") == []
        assert b"jacket" not in store_bytes(home)
        assert "Deleted 1 kept e-mail" in running.log
    finally:
        assert running.stop() == 0, running.log

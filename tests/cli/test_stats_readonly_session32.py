"""``expander stats`` on a home that cannot be written (session 32): a home on a
read-only mount, or made read-only (folders 0555, the store 0400). The commands
that only read (the summary, ``gaps``, ``report``, ``export``) read and report;
before, every one failed with "cannot open the usage store: Permission denied",
since opening the store created and tightened its files first. A command that
must write fails with one error naming the file, and nothing changes.

Tested as root too (CI): the commands run in a real process held to permission
bits (tests/permission_bits.py: the capabilities that let root pass them are
dropped before it starts); no fake.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from expander.stats import UsageStore
from tests.permission_bits import require_bound, run_bound

PERSONAL = '[pack]\nname = "personal"\nversion = "1.0.0"\n'


def _snapshot(home: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every path under ``home``: its mode and, for a file, its bytes."""
    return {
        str(p.relative_to(home)): (p.stat().st_mode, p.read_bytes() if p.is_file() else None)
        for p in sorted(home.rglob("*"))
    }


def _store(home: Path) -> Path:
    store = home / "data" / "usage.sqlite3"
    with UsageStore.open(store) as opened:
        opened.record_expansion(SimpleNamespace(pack="team", id="hello"))
        opened.record_unmatched("Where is my parcel? It is late.", keep_emails=True)
    return store


def _read_only(home: Path, *, opted_in: bool) -> Path:
    """A home with a store, settings and personal snippets that cannot be written."""
    home.mkdir()
    (home / "settings.toml").write_text(
        f"[statistics]\nenabled = true\nhelp_improve_faq = {str(opted_in).lower()}\n"
    )
    (home / "personal.toml").write_text(PERSONAL)
    store = _store(home)
    store.chmod(0o400)
    for file in (home / "settings.toml", home / "personal.toml"):
        file.chmod(0o444)
    (home / "data").chmod(0o500)  # private, as Expander keeps it, and read-only
    home.chmod(0o555)
    return store


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    home = tmp_path / "ro-home"
    yield home
    for folder in (home, home / "data"):  # pytest can then delete it as any user
        if folder.exists():
            folder.chmod(0o755)


@pytest.fixture(autouse=True)
def _writes_refused(tmp_path: Path) -> None:
    require_bound(tmp_path)


def test_the_summary_and_gaps_read_a_read_only_home(home: Path, tmp_path: Path) -> None:
    _read_only(home, opted_in=True)
    before = _snapshot(home)
    summary = run_bound("stats", "--json", "--no-bundled", home=home, cwd=tmp_path)
    assert (summary.code, summary.err) == (0, "")
    assert (summary.json["expanded"], summary.json["suggestions"]["unmatched"]) == (1, 1)
    gaps = run_bound("stats", "gaps", home=home, cwd=tmp_path)
    assert (gaps.code, gaps.err) == (0, "")
    assert "Where is my parcel? It is late." in gaps.out
    assert _snapshot(home) == before


def test_report_and_export_read_a_read_only_home_and_write_only_their_file(
    home: Path, tmp_path: Path
) -> None:
    _read_only(home, opted_in=True)
    before = _snapshot(home)
    report = run_bound("stats", "report", "-o", tmp_path / "r.html", home=home, cwd=tmp_path)
    assert (report.code, report.err) == (0, "")
    assert "Where is my parcel?" in (tmp_path / "r.html").read_text(encoding="utf-8")
    export = run_bound("stats", "export", "-o", tmp_path / "u.csv", home=home, cwd=tmp_path)
    assert (export.code, export.err) == (0, "")
    assert export.out.startswith("Exported 2 counter row(s) and 1 masked e-mail(s)")
    assert _snapshot(home) == before


def test_opted_out_the_kept_emails_stay_hidden_and_a_note_names_the_store(
    home: Path, tmp_path: Path
) -> None:
    store = _read_only(home, opted_in=False)
    before = _snapshot(home)
    result = run_bound("stats", "gaps", home=home, cwd=tmp_path)
    assert result.code == 0
    assert result.err == (
        "Note: the e-mails kept before 'help improve our FAQ' was switched off in the "
        f"settings could not be deleted from {store}: it cannot be written. They are not "
        "shown or exported, and are deleted when it can be written.\n"
    )
    assert "Where is my parcel" not in result.out
    export = run_bound("stats", "export", "-o", tmp_path / "u.csv", home=home, cwd=tmp_path)
    assert export.code == 0 and "and 0 masked e-mail(s)" in export.out
    assert "parcel" not in (tmp_path / "u.csv").read_text(encoding="utf-8")
    assert _snapshot(home) == before


def test_a_command_that_must_write_fails_once_naming_the_file(home: Path, tmp_path: Path) -> None:
    _read_only(home, opted_in=True)
    before = _snapshot(home)
    result = run_bound(
        "new", "--id", "hi", "--title", "Hi", "--body", "Hi!", home=home, cwd=tmp_path
    )
    assert result.code == 1
    assert result.err.count("\n") == 1 and result.err.startswith("Error: Permission denied (")
    assert str(home / "personal.toml") in result.err
    assert _snapshot(home) == before


def test_a_store_that_cannot_be_read_is_one_error_naming_it(home: Path, tmp_path: Path) -> None:
    store = _read_only(home, opted_in=True)
    store.chmod(0o000)
    result = run_bound("stats", home=home, cwd=tmp_path)
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"Error: {store}: cannot open the usage store: ")
    assert result.err.count("\n") == 1


def test_a_read_only_store_with_its_log_beside_it_is_read_with_the_last_writes(
    home: Path, tmp_path: Path
) -> None:
    """The app's last writes still in the write-ahead log (a crash, then the home made
    read-only): read through the log, not from the main file alone."""
    home.mkdir()
    (home / "settings.toml").write_text("[statistics]\nhelp_improve_faq = true\n")
    store = home / "data" / "usage.sqlite3"
    writer = UsageStore.open(store)
    writer._db.execute("PRAGMA wal_autocheckpoint = 0")
    writer.record_unmatched("Where is my parcel? It is late.", keep_emails=True)
    copies = {s: store.with_name(store.name + s).read_bytes() for s in ("", "-wal", "-shm")}
    writer.close()
    for suffix, data in copies.items():  # as the crash left them
        store.with_name(store.name + suffix).write_bytes(data)
        store.with_name(store.name + suffix).chmod(0o400)
    (home / "data").chmod(0o500)
    home.chmod(0o555)
    assert len(copies["-wal"]) > 0
    result = run_bound("stats", "gaps", home=home, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    assert "Where is my parcel? It is late." in result.out

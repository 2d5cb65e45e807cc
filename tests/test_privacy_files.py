"""Personal data on disk: every file that holds it is the owner's alone (0600, in
0700 folders), whatever the umask, and nothing is written outside EXPANDER_HOME,
not even by the libraries the suggester runs on (ONNX Runtime's telemetry)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import expander
from expander.stats import UsageStore, default_store_path
from expander.suggest.learning import LearnedExamples
from tests.test_fsutil import mode_of, shared_umask  # noqa: F401 (a fixture)

REPO = Path(__file__).resolve().parents[1]

EMAIL = (
    "Hello,\nwhere is my parcel? Order 48213 has not arrived yet.\n\n"
    "Thanks,\nAnna Kowalska\nanna.kowalska@example.com"
)

pytestmark = pytest.mark.usefixtures("shared_umask")


def side_files(store: Path) -> list[Path]:
    return [store.with_name(store.name + suffix) for suffix in ("-wal", "-shm")]


def fill(store: UsageStore) -> None:
    """Counters and a kept e-mail: SQLite's WAL and shared memory are open beside
    the file until the last connection closes."""
    lib = expander.load()
    store.use_library(lib)
    store.record_expansion(lib.get(";track"))
    store.record_unmatched(EMAIL, keep_emails=True)


def store_modes() -> list[int]:
    path = default_store_path()
    return [mode_of(p) for p in (path, *side_files(path), path.parent)]


# --- 6: modes ---------------------------------------------------------------------------------


def test_the_usage_store_its_side_files_and_its_folder_are_private() -> None:
    with UsageStore.open() as store:
        fill(store)
        assert store_modes() == [0o600, 0o600, 0o600, 0o700]


def test_a_store_left_open_to_others_is_tightened_when_opened() -> None:
    with UsageStore.open() as store:  # keeps the side files while their modes are widened
        fill(store)
        path = default_store_path()
        for widened in (path, *side_files(path)):
            widened.chmod(0o644)
        path.parent.chmod(0o755)
        with UsageStore.open() as again:
            assert store_modes() == [0o600, 0o600, 0o600, 0o700]
            assert [g.text for g in again.gaps()] == [g.text for g in store.gaps()] != []


def test_learned_examples_are_private_and_an_old_open_file_is_tightened(
    expander_home: Path,
) -> None:
    path = expander_home / "data" / "learned.jsonl"
    learned = LearnedExamples(path)
    assert learned.add("late", EMAIL) is not None
    assert (mode_of(path), mode_of(path.parent)) == (0o600, 0o700)
    path.chmod(0o644)
    assert len(learned.all()) == 1  # reading tightens it too
    assert mode_of(path) == 0o600
    path.chmod(0o644)
    learned.add("refund", "When do I get my money back?")
    assert mode_of(path) == 0o600


# --- 8: nothing outside EXPANDER_HOME ---------------------------------------------------------

_CLI_RUNS = """
import io, sys
from expander.cli.main import main

email = sys.argv[1]
out = sys.argv[2]
runs = [
    ["suggest", "--json"],
    ["suggest", "--accept", ";track"],
    ["stats"],
    ["stats", "gaps"],
    ["stats", "export", "-o", out + "/usage.csv"],
    ["stats", "report", "-o", out + "/report.html"],
]
for args in runs:
    sys.stdin = io.StringIO(email)
    code = main(args)
    assert code == 0, (args, code)
"""

_POLISH_EMAIL = "Dzień dobry,\ngdzie jest moja paczka? Zamówienie 48213 jeszcze nie dotarło."


@pytest.mark.slow
def test_suggestions_and_statistics_write_nothing_outside_expander_home(
    tmp_path: Path, expander_home: Path
) -> None:
    """ONNX Runtime's import alone wrote a device id and an event database under
    ~/.cache/Microsoft; the multilingual encoder, numpy and the CLI must not
    write there either."""
    with UsageStore.open() as store:
        fill(store)
    (expander_home / "settings.toml").write_text(
        "[statistics]\nhelp_improve_faq = true\n", encoding="utf-8"
    )
    home, out = tmp_path / "user", tmp_path / "out"
    home.mkdir()
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env.update(
        HOME=str(home),
        EXPANDER_HOME=str(expander_home),
        PYTHONPATH=str(REPO),
        **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CACHE", "CONFIG", "DATA")},
        XDG_STATE_HOME=str(home / "state"),
    )

    def run(*args: str, stdin: str) -> None:
        done = subprocess.run(
            [sys.executable, *args],
            input=stdin,
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    run("-m", "expander", "suggest", stdin=EMAIL)  # the English encoder: ONNX Runtime
    run("-c", textwrap.dedent(_CLI_RUNS), _POLISH_EMAIL, str(out), stdin="")
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "usage.csv"]
    assert (expander_home / "data" / "learned.jsonl").exists()

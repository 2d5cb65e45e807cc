"""``expander pack ...`` (expander/cli/pack.py) as users see it: exact messages, exit
codes, no tracebacks.

Most runs call the CLI in this process (:class:`tests.cli.runner.Cli`: fast, the
same code path); a few run ``python -m expander`` in a subprocess. Concurrency
and SIGKILL are tested through real processes in ``test_distribute.py``.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from expander.cli.main import build_parser
from expander.cli.pack import human_size
from expander.paths import user_paths
from tests.cli.runner import Cli, Result, flat
from tests.team.helpers import (
    NAME,
    V1,
    V2,
    build,
    forge_index,
    loaded_bodies,
    pack_folder,
    serving,
)

PACK_COMMANDS = (
    "build",
    "keygen",
    "publish",
    "install",
    "subscribe",
    "update",
    "list",
    "remove",
    "rollback",
)
REPO = Path(__file__).resolve().parents[2]


Run = Callable[..., Result]


@pytest.fixture
def run(cli: Cli) -> Run:
    """``expander ARGS`` in this process, in tmp_path (paths in the tests are relative to it)."""
    return cli


def pack_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    pack = top.choices["pack"]
    sub = next(a for a in pack._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A shared folder with support-team 1.0.0 published in it."""
    folder = tmp_path / "shared"
    from expander.team import publish_pack

    publish_pack(build(tmp_path, "1.0.0", V1), folder)
    return folder


# --- help ---------------------------------------------------------------------------------


def test_pack_alone_prints_its_help_and_exits_2(run: Run) -> None:
    result = run("pack")
    assert result.code == 2
    assert result.out.startswith("usage: expander pack")
    for name in PACK_COMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", result.out, re.M), name


@pytest.mark.parametrize("command", PACK_COMMANDS)
def test_every_pack_command_describes_itself_and_every_option(run: Run, command: str) -> None:
    parser = pack_parsers()[command]
    result = run("pack", command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: expander pack {command}")
    assert parser.description and flat(parser.description) in flat(result.out)
    for action in parser._actions:
        for option in action.option_strings:
            assert option in result.out


def test_every_pack_command_is_in_the_team_packs_doc() -> None:
    doc = (REPO / "docs" / "team-packs.md").read_text(encoding="utf-8")
    assert set(pack_parsers()) == set(PACK_COMMANDS)
    missing = [name for name in PACK_COMMANDS if f"expander pack {name}" not in doc]
    assert missing == []


# --- the manager's side -------------------------------------------------------------------


def test_build_prints_every_error_with_file_and_line(run: Run, tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    rest = src / "more" / "rest.toml"
    rest.write_text(
        '[[snippets]]\nid = "bad"\ntitle = "Bad"\nbody = "Hi {name"\ntriger = ";x"\n',
        encoding="utf-8",
    )
    result = run("pack", "build", src, "-o", tmp_path / "out.zip")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"{rest}:5: error: snippet 'bad': unknown key 'triger'; did you mean 'trigger'?",
        f"{rest}:4: error: snippet 'bad': in body: '{{' is never closed: close the tag "
        "with '}', or write '{{' for a literal brace",
        f"Error: {src}: 2 error(s) in the pack: fix them and build again; nothing was built",
    ]
    assert not (tmp_path / "out.zip").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_build_refuses_a_named_pipe_among_the_pack_files(run: Run, tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    os.mkfifo(src / "more" / "pipe.toml")  # reading it waited for a writer for ever
    result = run("pack", "build", src, "-o", tmp_path / "out.zip")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"{src / 'more' / 'pipe.toml'}: error: cannot read the file: it is a named pipe "
        "(FIFO); only regular files are read",
        f"Error: {src}: 1 error(s) in the pack: fix them and build again; nothing was built",
    ]
    assert not (tmp_path / "out.zip").exists()


def test_keygen_build_signed_and_publish(run: Run, tmp_path: Path) -> None:
    result = run("pack", "keygen", "-o", "keys/team.key")
    assert result.code == 0, result.err
    public = (tmp_path / "keys" / "team.key.pub").read_text().strip()
    assert public in result.out.splitlines()
    assert f"--key {public}" in result.out
    key_id = re.search(r"key id ([0-9a-f]{16})", result.out)
    assert key_id is not None

    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    result = run("pack", "build", src, "-o", "dist/", "--sign", "keys/team.key")
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == (
        f"Built {NAME} 1.0.0: 3 snippet(s) in 2 file(s), signed with key {key_id.group(1)}, "
        "needs Expander 0.1.0 or newer"
    )
    archive = tmp_path / "dist" / "support-team-1.0.0.zip"
    assert archive.is_file()

    result = run("pack", "publish", archive, "shared")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Published {NAME} 1.0.0",
        f"  archive: shared/{NAME}-1.0.0.zip",
        "  index:   shared/index.json",
        "Agents subscribe with: expander pack subscribe shared",
    ]
    older = build(tmp_path, "0.9.0", V1)
    result = run("pack", "publish", older, "shared")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: shared/index.json already names {NAME} 1.0.0, newer than 0.9.0: agents only "
        "move forward, so publish a higher version\n"
    )
    result = run("pack", "keygen", "-o", "keys/team.key")
    assert result.code == 1 and "already exists" in result.err


# --- the agent's side ---------------------------------------------------------------------


def test_subscribe_list_update_rollback_remove(run: Run, tmp_path: Path, shared: Path) -> None:
    result = run("pack", "subscribe", shared)
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        f"Subscribed to {shared}",
        f"  {NAME} 1.0.0: installed, 3 snippet(s)",
    ]
    result = run("pack", "list")
    header, row = result.out.splitlines()
    assert header.split() == ["NAME", "VERSION", "SOURCE", "LAST", "CHECK", "STATUS"]
    assert row.split()[:3] == [NAME, "1.0.0", str(shared.resolve())]
    assert row.split()[-1] == "ok"

    from expander.team import publish_pack

    publish_pack(build(tmp_path, "1.1.0", V2), shared)
    result = run("pack", "update")
    assert (result.code, result.out) == (0, f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed\n")
    assert loaded_bodies() == V2
    result = run("pack", "update", NAME)
    assert (result.code, result.out) == (0, f"{NAME} 1.1.0: up to date\n")

    result = run("pack", "list", "--json")
    [listed] = result.json
    assert (listed["name"], listed["version"], listed["status"]) == (NAME, "1.1.0", "ok")
    assert listed["previous_versions"] == ["1.0.0"]
    assert listed["source_kind"] == "folder"

    result = run("pack", "rollback", NAME)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"Rolled back {NAME} from 1.1.0 to 1.0.0",
        f"  {NAME} 1.0.0: 1 new, 1 changed, 2 removed",
        "Updates skip 1.1.0 until a newer version is published "
        f"('expander pack update --force {NAME}' installs it again)",
    ]
    assert loaded_bodies() == V1
    assert "skipping 1.1.0 (rolled back)" in run("pack", "list").out

    result = run("pack", "remove", NAME)
    assert result.out == f"Removed {NAME} 1.0.0 and unsubscribed from {shared.resolve()}\n"
    assert run("pack", "list").out.startswith("No team packs installed.")


def test_a_failed_update_exits_1_and_list_shows_why(run: Run, shared: Path) -> None:
    assert run("pack", "subscribe", shared).code == 0
    (shared / "index.json").unlink()
    result = run("pack", "update")
    assert result.code == 1
    assert result.out == ""
    reason = f"no {'index.json'} in {shared.resolve()}: is the shared folder mounted, and was a pack published there?"  # noqa: E501
    assert result.err == f"Error: {NAME}: update failed: {reason} (1.0.0 is still installed)\n"
    listing = run("pack", "list").out.splitlines()
    assert listing[1].split()[-1] == "error"
    assert listing[2] == f"    last check failed: {reason}"
    assert loaded_bodies() == V1

    result = run("pack", "update", "--json")
    assert result.code == 1
    [entry] = result.json
    assert (entry["outcome"], entry["version"], entry["message"]) == ("failed", "1.0.0", reason)


def test_an_index_rewritten_to_roll_back_to_an_older_signed_version_is_refused(
    run: Run, tmp_path: Path
) -> None:
    from expander.team import generate_key, publish_pack

    private = tmp_path / "keys" / "team.key"
    public = generate_key(private)
    folder = tmp_path / "signed"
    publish_pack(build(tmp_path, "1.0.0", V1, sign=private), folder)
    assert run("pack", "subscribe", folder, "--key", public).code == 0
    publish_pack(build(tmp_path, "1.1.0", V2, sign=private), folder)
    assert run("pack", "update").out == f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed\n"
    forge_index(folder, "1.2.0", f"{NAME}-1.0.0.zip")
    result = run("pack", "update")
    assert (result.code, result.out) == (1, "")
    reason = (
        f"{NAME}: the index names version 1.2.0, but its archive "
        f"{folder.resolve() / f'{NAME}-1.0.0.zip'} holds 1.0.0: refused (the index was "
        "changed, or names the wrong archive)"
    )
    assert result.err == f"Error: {NAME}: update failed: {reason} (1.1.0 is still installed)\n"
    listing = run("pack", "list").out.splitlines()
    assert listing[1].split()[:2] == [NAME, "1.1.0"]
    assert listing[1].split()[-1] == "error"
    assert listing[2] == f"    last check failed: {reason}"
    assert listing[4] == "    rollback to: 1.0.0"
    assert loaded_bodies() == V2


def test_install_over_http_with_progress(run: Run, tmp_path: Path) -> None:
    with serving(tmp_path / "www") as server:
        from expander.team import publish_pack

        publish_pack(build(tmp_path, "1.0.0", V1), server.root)
        url = server.url + "support-team-1.0.0.zip"
        result = run("pack", "install", url, "--progress", "--timeout", "5")
    assert result.code == 0, result.err
    assert result.out == f"Installed {NAME} 1.0.0: installed, 3 snippet(s)\n"
    size = human_size((tmp_path / "www" / "support-team-1.0.0.zip").stat().st_size)
    assert result.err.splitlines()[-1] == f"support-team-1.0.0.zip: {size} of {size} (100%)"
    result = run("pack", "update")
    assert result.out.startswith(f"{NAME} 1.0.0: installed from a file, no source to update")


def test_a_second_process_waits_for_the_lock_and_says_so(run: Run, shared: Path) -> None:
    assert run("pack", "subscribe", shared).code == 0
    lock = user_paths().data_dir / "pack-store" / ".lock"
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        timer = threading.Timer(0.3, fcntl.flock, (handle, fcntl.LOCK_UN))
        timer.start()
        try:
            result = run("pack", "update")
        finally:
            timer.join(5)
    assert result.code == 0
    assert result.err == "Waiting for another Expander process that is changing team packs...\n"
    assert result.out == f"{NAME} 1.0.0: up to date\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pack", "remove", "nope"), "no team pack named 'nope' (none is installed)"),
        (("pack", "rollback", "nope"), "no team pack named 'nope' (none is installed)"),
        (("pack", "update", "nope"), "no team pack named 'nope' (none is installed)"),
        (("pack", "build", "missing"), "no such pack folder or file: missing"),
        (
            ("pack", "install", "."),
            ". is a folder, not a pack archive: build it first with 'expander pack build'",
        ),
        (
            ("pack", "subscribe", "nowhere"),
            "no published packs at nowhere: expected a folder with an index.json (written by "
            "'expander pack publish') or an http(s):// address",
        ),
        (("pack", "install", "missing.zip"), "missing.zip does not exist: check the path"),
        (
            ("pack", "subscribe", "shared", "--key", "ed25519:abc"),
            "'ed25519:abc' is not an Ed25519 public key: use the 'ed25519:...' line that "
            "'expander pack keygen' printed (or its .pub file)",
        ),
        (("pack", "subscribe", "shared", "--key", "keys/none.pub"), "no such public key file"),
        (
            ("pack", "build", "shared/support-team-1.0.0.zip"),
            "shared/support-team-1.0.0.zip is not a pack folder or a pack .toml file: it is "
            "an archive already; publish it with 'expander pack publish'",
        ),
    ],
)
def test_mistakes_are_one_clear_line(
    run: Run, shared: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("Error: ")
    assert message in result.err


# --- as a user runs it --------------------------------------------------------------------


def run_process(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "expander", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_a_real_process_subscribes_and_reports_errors(tmp_path: Path, shared: Path) -> None:
    done = run_process("pack", "subscribe", shared, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # not a terminal: no progress unless asked
    failed = run_process("pack", "rollback", NAME, cwd=tmp_path)
    assert failed.returncode == 1
    assert failed.stderr == (
        f"Error: no earlier version of {NAME} is kept (only 1.0.0 has been installed): "
        "nothing to roll back to\n"
    )
    assert "Traceback" not in failed.stderr


def test_expander_pack_is_a_command_of_expander(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "expander", "pack", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: expander pack")

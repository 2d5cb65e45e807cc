"""``expander ibus setup|status|remove`` (issue #16): what IBus needs to find the
Expander engine per user (expander/cli/ibus.py, expander/desktop/ibus_setup.py).

The ``ibus`` and ``gsettings`` commands are the real ones (Debian's ibus 1.5.27).
GNOME's settings go to GSETTINGS_BACKEND=keyfile in tmp_path: the memory backend
would forget them between two ``gsettings`` processes. The desktop test starts a
real ibus-daemon (its own D-Bus, an Xvfb display) with the environment the
systemd user session makes from the file setup wrote, and asks it for the engine.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander.desktop.ibus_names import COMPONENT_NAME, ENGINE_LAYOUT, ENGINE_NAME
from expander.desktop.ibus_setup import (
    component_path_with,
    component_path_without,
    format_sources,
    parse_sources,
    sources_with,
    sources_without,
    system_component_dir,
)
from tests.cli.runner import Cli
from tests.waiting import wait_until

SCHEMA = "org.gnome.desktop.input-sources"
GENERATOR = Path("/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator")


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, the XDG folders and GNOME's settings in tmp_path, no IBus session in
    sight; this process started as an installed ``expander`` in a folder whose name
    needs quoting. GNOME's input sources start as Polish. Returns the script."""
    for name in ("ibus", "ibus-daemon", "gsettings"):
        if shutil.which(name) is None:
            pytest.fail(f"{name} is missing: run 'make test' (it installs ibus, libglib2.0-bin)")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("GSETTINGS_BACKEND", "keyfile")
    for name in ("IBUS_ADDRESS", "IBUS_COMPONENT_PATH", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    script = tmp_path / "Ann's venv" / "bin" / "expander"
    script.parent.mkdir(parents=True)
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$SPAWN_LOG"\n')
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    set_sources("[('xkb', 'pl')]")
    return script


def set_sources(value: str) -> None:
    subprocess.run(["gsettings", "set", SCHEMA, "sources", value], check=True, timeout=20)


def sources() -> str:
    out = subprocess.run(["gsettings", "get", SCHEMA, "sources"], check=True, timeout=20,
                         capture_output=True, text=True)  # fmt: skip
    return out.stdout.strip()


def component_file(cli: Cli) -> Path:
    return cli.home / "data" / "ibus" / "component" / "expander.xml"


def environment_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "environment.d" / "expander-ibus.conf"


def read_cache() -> str:
    return subprocess.run(["ibus", "read-cache"], capture_output=True, text=True, timeout=20).stdout


def session_environment(tmp_path: Path) -> dict[str, str]:
    """What the systemd user session makes of environment.d at login: systemd's own
    generator where installed, else the file's one line expanded by hand."""
    base = {"HOME": str(tmp_path / "user"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    if GENERATOR.exists():
        out = subprocess.run([str(GENERATOR)], env=base, capture_output=True, text=True,
                             check=True, timeout=20).stdout  # fmt: skip
        pairs = (line.split("=", 1) for line in out.splitlines() if "=" in line)
        return {k: v.strip('"') for k, v in pairs}
    line = environment_file(tmp_path).read_text(encoding="utf-8").splitlines()[-1]
    value = line.split("=", 1)[1].replace("${IBUS_COMPONENT_PATH:-", "").replace("}", "", 1)
    return {"IBUS_COMPONENT_PATH": value}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- setup ---------------------------------------------------------------------------------


def test_setup_writes_the_component_the_environment_the_cache_and_the_gnome_source(
    cli: Cli, user: Path, tmp_path: Path
) -> None:
    result = cli("ibus", "setup")
    assert result.code == 0, result.err
    component, environment = component_file(cli), environment_file(tmp_path)
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "expander.svg"
    for path in (icon, component, environment):
        assert f"Wrote {path}\n" in result.out
    assert (
        "Added Expander to GNOME's input sources: [('xkb', 'pl'), ('ibus', 'expander')]"
        in result.out
    )
    assert result.out.splitlines()[-1].startswith("Next: log out and log back in, then choose")

    root = ET.parse(component).getroot()
    assert root.tag == "component"
    assert root.findtext("name") == COMPONENT_NAME
    argv = shlex.split(root.findtext("exec") or "")
    assert argv == [str(user), "run", "--backend", "ibus"]
    with contextlib.suppress(ImportError):  # GLib splits it in ibus-daemon: the same words
        from gi.repository import GLib

        assert GLib.shell_parse_argv(root.findtext("exec"))[1] == argv
    engines = root.findall("engines/engine")
    assert len(engines) == 1
    assert engines[0].findtext("name") == ENGINE_NAME
    assert engines[0].findtext("layout") == ENGINE_LAYOUT
    assert engines[0].findtext("icon") == str(icon)
    assert icon.read_bytes().startswith(b"<")

    ours = str(component.parent)
    assert (
        session_environment(tmp_path)["IBUS_COMPONENT_PATH"] == f"{system_component_dir()}:{ours}"
    )
    assert f'path="{ours}"' in read_cache()
    assert f"<name>{COMPONENT_NAME}</name>" in read_cache()
    assert sources() == "[('xkb', 'pl'), ('ibus', 'expander')]"


def test_setup_twice_changes_nothing_the_second_time(cli: Cli, user: Path, tmp_path: Path) -> None:
    assert cli("ibus", "setup").code == 0
    before = snapshot(tmp_path)
    result = cli("ibus", "setup")
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()[:-1]] == ["Up"] * 5
    assert snapshot(tmp_path) == before
    assert sources() == "[('xkb', 'pl'), ('ibus', 'expander')]"


def test_setup_repairs_a_cache_that_lost_our_folder(cli: Cli, user: Path) -> None:
    """An ibus-daemon started without the variable (before logging out and in, say)
    rewrites the cache without our folder; a daemon started with it would then trust
    that cache and not know the engine. Setup run again puts the folder back."""
    assert cli("ibus", "setup").code == 0
    subprocess.run(["ibus", "write-cache"], check=True, capture_output=True, timeout=20)
    assert COMPONENT_NAME not in read_cache()
    result = cli("ibus", "setup")
    assert "Rewrote IBus's cache" in result.out
    assert COMPONENT_NAME in read_cache()


def test_setup_with_gnome_input_sources_unset_keeps_a_keyboard_layout(cli: Cli, user: Path) -> None:
    set_sources("@a(ss) []")
    assert cli("ibus", "setup").code == 0
    added = parse_sources(sources())
    assert added[-1] == ("ibus", ENGINE_NAME)
    assert len(added) == 2 and added[0][0] == "xkb"


def test_setup_without_gnome_says_how_to_select_the_engine(
    cli: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-schemas"
    empty.mkdir()
    monkeypatch.setenv("XDG_DATA_DIRS", str(empty))  # gsettings finds no GNOME schema
    result = cli("ibus", "setup")
    assert result.code == 0
    assert "GNOME" not in result.out
    assert f"ibus engine {ENGINE_NAME}" in result.out.splitlines()[-1]
    status = cli("ibus", "status", "--json").json
    assert status["gnome_source"] is None


def test_setup_without_ibus_says_what_to_install(
    cli: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("ibus", "setup")
    assert result.code == 1
    assert result.err == (
        "Error: IBus is not installed: sudo apt install ibus gir1.2-ibus-1.0 (Debian, Ubuntu)\n"
    )
    assert not component_file(cli).exists()


def test_setup_refuses_a_folder_the_environment_file_cannot_name(
    cli: Cli, user: Path, tmp_path: Path
) -> None:
    cli.home = tmp_path / "a$HOME"  # environment.d would expand $HOME
    result = cli("ibus", "setup")
    assert result.code == 1
    assert "'$'" in result.err and "EXPANDER_HOME" in result.err
    assert not environment_file(tmp_path).exists()
    assert not component_file(cli).exists()


# --- remove --------------------------------------------------------------------------------


def test_remove_undoes_setup(cli: Cli, user: Path, tmp_path: Path) -> None:
    def files() -> set[str]:
        return {k for k in snapshot(tmp_path) if not k.startswith("cache/")}

    before = files()
    assert cli("ibus", "setup").code == 0
    result = cli("ibus", "remove")
    assert result.code == 0
    assert f"Removed {component_file(cli)}\n" in result.out
    assert f"Removed {environment_file(tmp_path)}\n" in result.out
    assert "Removed Expander from GNOME's input sources: [('xkb', 'pl')]" in result.out
    assert files() == before
    assert not (cli.home / "data" / "ibus").exists()
    assert sources() == "[('xkb', 'pl')]"
    assert COMPONENT_NAME not in read_cache()
    again = cli("ibus", "remove")
    assert (again.code, again.out) == (0, "Nothing to remove: IBus was not set up for Expander.\n")


def test_remove_keeps_the_icon_the_menu_launcher_uses(cli: Cli, user: Path, tmp_path: Path) -> None:
    assert cli("install-desktop").code == 0
    assert cli("ibus", "setup").code == 0
    assert cli("ibus", "remove").code == 0
    assert (tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "expander.svg").exists()


# --- status --------------------------------------------------------------------------------


def test_status_reports_each_missing_piece(cli: Cli, user: Path, tmp_path: Path) -> None:
    result = cli("ibus", "status", "--json")
    assert result.code == 1
    status = result.json
    assert status["ready"] is False
    assert status["ibus_installed"] is True
    assert (status["component_current"], status["environment_current"]) == (False, False)
    assert status["gnome_source"] is False
    assert (status["daemon_running"], status["engine_known"], status["engine_selected"]) == (
        False,
        False,
        False,
    )
    problems = "\n".join(status["problems"])
    for piece in ("component file", "environment file", "GNOME's input sources", "not running"):
        assert piece in problems

    assert cli("ibus", "setup").code == 0
    status = cli("ibus", "status", "--json").json
    assert (status["component_current"], status["environment_current"]) == (True, True)
    assert status["gnome_source"] is True
    assert status["problems"] == [
        "ibus-daemon is not running: log out and in (or start it: ibus start)"
    ]
    text = cli("ibus", "status")
    assert text.code == 1
    assert "Not ready:\n- ibus-daemon is not running" in text.out


def test_status_notices_a_component_that_names_another_installation(
    cli: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("ibus", "setup").code == 0
    moved = tmp_path / "new" / "expander"
    moved.parent.mkdir()
    shutil.copy2(user, moved)
    monkeypatch.setattr(sys, "argv", [str(moved)])
    status = cli("ibus", "status", "--json").json
    assert status["component_current"] is False
    assert status["environment_current"] is True
    assert cli("ibus", "setup").code == 0
    assert cli("ibus", "status", "--json").json["component_current"] is True


# --- the pure parts ------------------------------------------------------------------------


def test_input_sources_round_trip_and_keep_the_users_own() -> None:
    text = "[('xkb', 'us'), ('xkb', 'ru'), ('ibus', 'mozc-jp')]"
    parsed = parse_sources(text)
    assert format_sources(parsed) == text
    assert parse_sources("@a(ss) []") == []
    assert format_sources([]) == "@a(ss) []"
    added = sources_with(parsed)
    assert added == [*parsed, ("ibus", ENGINE_NAME)]
    assert sources_with(added) == added
    assert sources_without(added) == parsed
    assert format_sources([("xkb", "it's")]) == "[('xkb', 'it\\'s')]"


def test_component_path_adds_our_folder_once_and_takes_it_away() -> None:
    ours, system = (
        Path("/h/.local/share/expander/ibus/component"),
        Path("/usr/share/ibus/component"),
    )
    assert component_path_with(None, ours, system) == f"{system}:{ours}"
    assert component_path_with(f"/opt/c:{ours}", ours, system) == f"/opt/c:{ours}"
    assert component_path_without(f"{system}:{ours}", ours) == str(system)
    assert component_path_without(str(ours), ours) is None


# --- a real ibus-daemon ----------------------------------------------------------------------


@contextlib.contextmanager
def ibus_daemon(env: dict[str, str]) -> Iterator[None]:
    """ibus-daemon on its own D-Bus session, until the block ends."""
    from tests.desktop.harness import kill_group

    proc = subprocess.Popen(
        ["dbus-run-session", "--", "ibus-daemon", "--panel", "disable"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        running = wait_until(
            lambda: ibus(env, "list-engine", "--name-only").returncode == 0, 20, 0.1
        )
        assert running, "ibus-daemon did not start"
        yield
    finally:
        subprocess.run(["ibus", "exit"], env=env, capture_output=True, timeout=20)
        kill_group(proc)


def ibus(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ibus", *args], env=env, capture_output=True, text=True, timeout=20)


@pytest.mark.desktop
def test_a_real_ibus_daemon_started_with_the_session_environment_knows_and_starts_the_engine(
    cli: Cli, user: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after logging out and in: a cache an earlier ibus-daemon wrote without our
    folder, then setup, then a daemon started with the environment systemd makes
    from environment.d. It lists the engine, and selecting it starts this
    installation's ``expander run --backend ibus`` (the script records its words)."""
    from tests.desktop.harness import Xvfb, kill_group

    subprocess.run(["ibus", "write-cache"], check=True, capture_output=True, timeout=20)
    assert cli("ibus", "setup").code == 0
    server = Xvfb()
    log = tmp_path / "spawned.txt"
    env = {**os.environ, **session_environment(tmp_path), "DISPLAY": server.display,
           "SPAWN_LOG": str(log)}  # fmt: skip
    try:
        with ibus_daemon(env):
            listed = ibus(env, "list-engine", "--name-only").stdout.split()
            assert ENGINE_NAME in listed
            assert "xkb:us::eng" in listed  # the system's engines stay
            selecting = subprocess.Popen(["ibus", "engine", ENGINE_NAME], env=env,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         start_new_session=True)  # fmt: skip
            try:
                assert wait_until(lambda: log.exists() and log.read_text().endswith("ibus\n"), 20)
            finally:
                kill_group(selecting)
            assert log.read_text().splitlines() == ["run", "--backend", "ibus"]
            for name in ("DISPLAY", "IBUS_COMPONENT_PATH"):
                monkeypatch.setenv(name, env[name])
            result = cli("ibus", "status", "--json")
            assert result.code == 1  # nothing serves the engine here, so it is not selected
            status = result.json
            assert (status["daemon_running"], status["engine_known"]) == (True, True)
            assert (status["session_has_path"], status["engine_selected"]) == (True, False)
            assert [p.split(":")[0] for p in status["problems"]] == [
                "the engine selected now is none"
            ]
        # the environment alone, when the cache is rebuilt (a new system engine, say),
        # finds the folder; without it the daemon does not know the engine
        cache = tmp_path / "cache" / "ibus" / "bus" / "registry"
        for variable, known in ((True, True), (False, False)):
            cache.unlink()
            started = (
                env if variable else {k: v for k, v in env.items() if k != "IBUS_COMPONENT_PATH"}
            )
            with ibus_daemon(started):
                listed = ibus(started, "list-engine", "--name-only").stdout.split()
                assert (ENGINE_NAME in listed) is known
    finally:
        server.stop()

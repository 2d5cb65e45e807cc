"""Installed like a desktop app (issue 15, problem 4): ``expander autostart
on|off|status`` and ``expander install-desktop [--remove]`` (expander/cli/
desktop_entry.py, expander/desktop/launcher.py), and the bundled packs found
wherever pip put a wheel's data files (expander/paths.py).

The entries are checked key by key, by ``desktop-file-validate`` and, for the
Exec line's quoting, by GLib itself (``gio launch``) when those are installed.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from expander.desktop.launcher import desktop_files, exec_line, expander_command, icon_svg
from tests.cli.runner import Cli, flat

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG folders in tmp_path; this process started as an installed
    ``expander`` script, in a folder whose name needs quoting. Returns the script."""
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    script = tmp_path / "venv bin" / "expander"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    return script


def entry_keys(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def validate(path: Path) -> None:
    """``desktop-file-validate`` finds nothing to say (skipped without it)."""
    if shutil.which("desktop-file-validate") is None:
        return
    proc = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def files_under(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


# --- autostart -------------------------------------------------------------------------------


def test_autostart_on_writes_a_valid_xdg_entry_that_runs_this_expander(
    cli: Cli, desktop: Path, tmp_path: Path
) -> None:
    result = cli("autostart", "on")
    entry = tmp_path / "config" / "autostart" / "expander.desktop"
    assert (result.code, result.out) == (0, f"Autostart on: {entry}\n")
    keys = entry_keys(entry)
    assert keys["Type"] == "Application"
    assert keys["Name"] == "Expander"
    assert keys["Exec"] == f'"{desktop}" run'
    assert keys["TryExec"] == str(desktop)
    assert keys["Icon"] == "expander"
    assert keys["Terminal"] == "false"
    assert "Utility" in keys["Categories"].split(";")
    assert keys["X-GNOME-Autostart-enabled"] == "true"
    assert stat.S_IMODE(entry.stat().st_mode) == 0o644
    validate(entry)


def test_autostart_on_off_and_status_are_idempotent(
    cli: Cli, desktop: Path, tmp_path: Path
) -> None:
    entry = tmp_path / "config" / "autostart" / "expander.desktop"
    assert cli("autostart", "status").out == f"Autostart off: no {entry}\n"
    assert cli("autostart", "on").out == f"Autostart on: {entry}\n"
    first = (entry.read_bytes(), entry.stat().st_mtime_ns, entry.stat().st_ino)
    again = cli("autostart", "on")
    assert (again.code, again.out) == (0, f"Autostart already on: {entry}\n")
    assert (entry.read_bytes(), entry.stat().st_mtime_ns, entry.stat().st_ino) == first
    assert cli("autostart", "status").out == f'Autostart on: {entry} runs "{desktop}" run\n'
    assert cli("autostart", "off").out == f"Autostart off: no {entry}\n"
    assert not entry.exists()
    again = cli("autostart", "off")
    assert (again.code, again.out) == (0, f"Autostart already off: no {entry}\n")
    assert cli("autostart", "status").out == f"Autostart off: no {entry}\n"


@pytest.mark.parametrize("line", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_turned_off_in_the_desktop_settings_is_off_until_turned_on(
    cli: Cli, desktop: Path, tmp_path: Path, line: str
) -> None:
    entry = tmp_path / "config" / "autostart" / "expander.desktop"
    cli("autostart", "on")
    key = line.partition("=")[0]
    kept = [x for x in entry.read_text().splitlines() if not x.startswith(key)]
    entry.write_text("\n".join([*kept, line]) + "\n")
    status = cli("autostart", "status", "--json").json
    assert status == {
        "enabled": False,
        "file": str(entry),
        "exists": True,
        "exec": f'"{desktop}" run',
    }
    assert "turned off in the desktop's settings" in cli("autostart", "status").out
    assert cli("autostart", "on").out == f"Autostart on: {entry}\n"
    assert cli("autostart", "status", "--json").json["enabled"] is True


@pytest.mark.parametrize(
    ("config", "data", "where"),
    [
        ("cfg", "dat", ("cfg", "dat")),  # absolute XDG folders are used
        (None, None, ("user/.config", "user/.local/share")),  # unset: the spec's defaults
        ("", "", ("user/.config", "user/.local/share")),  # empty: the same
        ("relative", "relative", ("user/.config", "user/.local/share")),  # relative: ignored
    ],
)
def test_the_xdg_folders_are_honoured_as_the_spec_says(
    cli: Cli,
    desktop: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    config: str | None,
    data: str | None,
    where: tuple[str, str],
) -> None:
    for variable, value in (("XDG_CONFIG_HOME", config), ("XDG_DATA_HOME", data)):
        if value is None:
            monkeypatch.delenv(variable)
        else:
            absolute = value and value != "relative"
            monkeypatch.setenv(variable, str(tmp_path / value) if absolute else value)
    assert cli("autostart", "on").code == 0
    assert cli("install-desktop").code == 0
    config_dir, data_dir = where
    assert files_under(tmp_path / config_dir) == [Path("autostart/expander.desktop")]
    assert files_under(tmp_path / data_dir) == [
        Path("applications/expander.desktop"),
        Path("icons/hicolor/scalable/apps/expander.svg"),
    ]
    assert files_under(cli.home) == []  # EXPANDER_HOME untouched
    assert not (cli.cwd / "relative").exists()


# --- the launcher ----------------------------------------------------------------------------


def test_install_desktop_adds_a_valid_launcher_with_its_icon_and_remove_takes_them_away(
    cli: Cli, desktop: Path, tmp_path: Path
) -> None:
    launcher = tmp_path / "data" / "applications" / "expander.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "expander.svg"
    result = cli("install-desktop")
    assert (result.code, result.out) == (0, f"Wrote {icon}\nWrote {launcher}\n")
    keys = entry_keys(launcher)
    assert (keys["Type"], keys["Name"], keys["Icon"]) == ("Application", "Expander", "expander")
    assert (keys["Exec"], keys["Terminal"]) == (f'"{desktop}" run', "false")
    assert keys["Categories"] == "Utility;TextTools;"
    assert "X-GNOME-Autostart-enabled" not in keys
    validate(launcher)
    assert icon.read_bytes() == icon_svg()
    assert icon_svg().startswith(b"<?xml") and b"<svg" in icon_svg()
    assert cli("install-desktop").out == f"Up to date: {icon}\nUp to date: {launcher}\n"
    assert cli("install-desktop", "--remove").out == f"Removed {launcher}\nRemoved {icon}\n"
    assert files_under(tmp_path / "data") == []
    assert cli("install-desktop", "--remove").out == f"Nothing to remove: no {launcher}\n"


def test_the_help_says_these_commands_write_outside_expander_home(cli: Cli) -> None:
    for command in ("autostart", "install-desktop"):
        text = flat(cli(command, "--help").out)
        assert "writes outside EXPANDER_HOME on purpose" in text
        assert "XDG_DATA_HOME" in text and "XDG_CONFIG_HOME" in text


# --- the command in the Exec line -----------------------------------------------------------


def test_the_command_is_the_script_this_process_was_started_as(
    desktop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert expander_command() == (str(desktop),)
    monkeypatch.setenv("PATH", str(desktop.parent))
    assert expander_command("expander") == (str(desktop),)  # a bare name: found on PATH
    monkeypatch.chdir(desktop.parent)
    assert expander_command("./expander") == (str(desktop),)


def test_python_m_expander_runs_this_interpreter_unresolved(desktop: Path) -> None:
    main = str(REPO / "expander" / "__main__.py")
    assert expander_command(main) == (os.path.abspath(sys.executable), "-m", "expander")
    assert expander_command("/nowhere/expander") == (
        os.path.abspath(sys.executable),
        "-m",
        "expander",
    )


def test_exec_arguments_are_quoted_and_escaped_as_the_spec_asks() -> None:
    assert exec_line(["/usr/bin/expander", "run"]) == "/usr/bin/expander run"
    assert exec_line(["/a b/expander", "run"]) == '"/a b/expander" run'
    # inside quotes: \" \` \$ \\ ; then the string escape doubles every backslash
    assert exec_line(['/x"$`\\/e', "run"]) == '"/x\\\\"\\\\$\\\\`\\\\\\\\/e" run'
    assert exec_line(["/100%/expander", "run"]) == "env /100%%/expander run"  # see exec_line


def test_a_path_with_a_line_break_is_refused_and_nothing_is_written(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    script = tmp_path / "a\nb" / "expander"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    result = cli("autostart", "on")
    assert result.code == 1
    assert result.err.startswith("Error: cannot start Expander from a path with a line break")
    assert not (tmp_path / "config").exists()


@pytest.mark.skipif(shutil.which("gio") is None, reason="needs gio (libglib2.0-bin)")
def test_glib_starts_the_launcher_with_exactly_the_installed_path(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The quoting as the desktop reads it: GLib launches the entry, the script records
    its own path and arguments."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    record = tmp_path / "launched"
    script = tmp_path / "odd 'dir' $HOME \\ \"q\" 100%" / "expander"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$0" "$@" > "{record}"\n')
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script)])
    assert cli("install-desktop").code == 0
    launcher = desktop_files().launcher
    validate(launcher)
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    subprocess.run(["gio", "launch", str(launcher)], env=env, check=True, timeout=30)
    deadline = time.monotonic() + 30
    while not record.exists() or not record.read_text().endswith("\n"):
        assert time.monotonic() < deadline, "gio launch did not start the script"
        time.sleep(0.05)
    assert record.read_text().splitlines() == [str(script), "run"]


# --- the bundled packs, wherever pip put them ------------------------------------------------


def test_the_bundled_packs_are_found_in_an_install_outside_sys_prefix(tmp_path: Path) -> None:
    """``pip install --user`` (``~/.local``) and Debian's pip (``/usr/local``) put a
    wheel's data files under a prefix that is not ``sys.prefix``; before the fix
    ``expander list`` found no bundled pack there and said so with exit code 0."""
    prefix = tmp_path / "prefix"
    site = prefix / "lib" / "python3" / "site-packages"
    shutil.copytree(
        REPO / "expander", site / "expander", ignore=shutil.ignore_patterns("models", "*.pyc")
    )
    packs = prefix / "share" / "expander" / "snippets"
    shutil.copytree(REPO / "snippets", packs)
    info = site / "expander-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: expander\nVersion: 0.1.0\n")
    (info / "RECORD").write_text(
        "".join(f"../../../share/expander/snippets/{p.name},,\n" for p in packs.glob("*.toml"))
        + "expander/__init__.py,,\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "EXPANDER_HOME": str(tmp_path / "eh")}
    proc = subprocess.run(
        [sys.executable, "-c", "import expander.paths as p; print(p.__file__, p.bundled_dir())"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    assert proc.stdout.split() == [str(site / "expander" / "paths.py"), str(packs)]

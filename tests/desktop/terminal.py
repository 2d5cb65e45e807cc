"""Terminals as typing targets: xterm, urxvt and lxterminal, recording what they receive.

What a terminal received is read back without the clipboard: it runs a small
line editor (:func:`record_terminal`) in raw mode that turns bracketed paste on,
applies BackSpace and the arrow keys as a shell would, counts every Return
typed outside a paste, and writes what it holds to a file after each read.
Used by tests/desktop/test_terminal.py and bench/bench_clients.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tests.desktop import harness
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]


# --- the terminal ------------------------------------------------------------------------


def record_terminal(out: str) -> None:  # pragma: no cover - runs inside the terminal
    """A raw-mode line editor that writes its state to ``out`` after each read:
    ``text``, ``cursor``, ``returns`` (Return keys outside a paste), ``controls``
    (other control characters, e.g. a Ctrl+V) and ``history`` ([time, text] of
    each change, for the latency)."""
    import termios
    import tty

    old = termios.tcgetattr(0)
    tty.setraw(0)
    os.write(1, b"\x1b[?2004h")  # bracketed paste, as bash and zsh turn it on
    state: dict[str, Any] = {"pid": os.getpid(), "returns": 0, "controls": 0}
    chars: list[str] = []
    cursor = 0
    pasting = False

    def save() -> None:
        text = "".join(chars)
        history = state.setdefault("history", [])
        history.append([time.monotonic(), text])
        del history[:-300]
        state.update(text=text, cursor=cursor)
        with open(out + ".tmp", "w", encoding="utf-8") as f:
            json.dump(state, f)
        os.replace(out + ".tmp", out)

    def clear(*_: object) -> None:
        nonlocal cursor
        chars.clear()
        cursor = 0
        state.update(returns=0, controls=0, history=[])
        save()

    signal.signal(signal.SIGUSR1, clear)
    save()
    pending = b""
    try:
        while True:
            data = os.read(0, 4096)
            if not data:
                break
            pending += data
            while pending:
                if pending[0] == 0x1B:
                    end = _escape_end(pending)
                    if end is None:
                        break
                    seq, pending = pending[:end], pending[end:]
                    if seq == b"\x1b[200~":
                        pasting = True
                    elif seq == b"\x1b[201~":
                        pasting = False
                    elif seq in (b"\x1b[D", b"\x1bOD"):
                        cursor = max(0, cursor - 1)
                    elif seq in (b"\x1b[C", b"\x1bOC"):
                        cursor = min(len(chars), cursor + 1)
                    continue
                byte = pending[0]
                if byte in (0x7F, 0x08) and not pasting:
                    pending = pending[1:]
                    if cursor:
                        cursor -= 1
                        del chars[cursor]
                    continue
                if byte in (0x0D, 0x0A):
                    pending = pending[1:]
                    if pasting:
                        chars.insert(cursor, "\n")
                        cursor += 1
                    else:
                        state["returns"] += 1
                    continue
                if byte < 0x20:
                    pending = pending[1:]
                    state["controls"] += 1
                    continue
                size = 1 if byte < 0x80 else 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
                if len(pending) < size:
                    break
                chars.insert(cursor, pending[:size].decode("utf-8", "replace"))
                cursor += 1
                pending = pending[size:]
            save()
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, old)


def _escape_end(data: bytes) -> int | None:
    """Where the escape sequence at the start of ``data`` ends (None: incomplete)."""
    if len(data) < 2:
        return None
    if data[1:2] == b"O":
        return 3 if len(data) >= 3 else None
    if data[1:2] != b"[":
        return 2
    for i in range(2, len(data)):
        if 0x40 <= data[i] <= 0x7E:
            return i + 1
    return None


@dataclass(frozen=True)
class Terminal:
    """A terminal emulator, how to start it running a command, and its window's WM_CLASS.

    In ``argv``, ``{instance}``, ``{cls}`` and ``{title}`` are filled in; an
    element holding ``{command}`` gets the command as one shell-quoted string
    (for terminals whose ``-e`` takes a string), else the command's words are
    appended. ``wm_class`` (instance, class) is what the window must report:
    Expander picks its paste key by it. ``env`` is added to the environment.
    """

    name: str
    program: str
    argv: tuple[str, ...]
    wm_class: tuple[str, str]
    env: tuple[tuple[str, str], ...] = ()

    def command_line(self, title: str, command: list[str]) -> list[str]:
        fill = {"instance": self.wm_class[0], "cls": self.wm_class[1], "title": title}
        words = [w.format(command=shlex.join(command), **fill) for w in self.argv]
        joined = any("{command}" in w for w in self.argv)
        return words if joined else [*words, *command]


XTERM = Terminal(
    "xterm", "xterm",
    ("xterm", "-u8", "-name", "{instance}", "-class", "{cls}", "-title", "{title}",
     "-geometry", "120x20+0+0", "-e"),
    ("exptest", "XTerm"),
)  # fmt: skip
URXVT = Terminal(
    "urxvt", "urxvt",
    ("urxvt", "-name", "{instance}", "-title", "{title}", "-geometry", "120x20+0+0", "-e"),
    ("exptest", "URxvt"),
)  # fmt: skip
# A VTE (GTK) terminal. Without a D-Bus session GTK would autolaunch a bus (and
# the accessibility bus) that outlive the test: it gets its own, which ends with it.
LXTERMINAL = Terminal(
    "lxterminal", "lxterminal",
    ("dbus-run-session", "--", "lxterminal", "--no-remote", "--title={title}",
     "--geometry=120x20", "--command={command}"),
    ("lxterminal", "Lxterminal"),
    env=(("NO_AT_BRIDGE", "1"),),
)  # fmt: skip
TERMINALS = (XTERM, URXVT, LXTERMINAL)


def window_class(window: str) -> tuple[str, ...]:
    """A window's WM_CLASS, as xprop reads it."""
    out = subprocess.run(["xprop", "-id", window, "WM_CLASS"], capture_output=True, text=True,
                         timeout=10)  # fmt: skip
    _, _, value = out.stdout.partition("=")
    return tuple(w.strip().strip('"') for w in value.split(",") if w.strip())


class TerminalTarget(harness.Waiting):
    """A terminal running :func:`record_terminal`."""

    def __init__(
        self, folder: Path, terminal: Terminal = XTERM, env: Mapping[str, str] | None = None
    ) -> None:
        harness.require_programs(terminal.program, "xprop")
        self.terminal = terminal
        self.out = str(folder / f"{terminal.name}-{terminal.wm_class[0]}.json")
        title = f"Expander test {terminal.name} {terminal.wm_class[0]}"
        recorder = "from tests.desktop.terminal import record_terminal"
        command = [sys.executable, "-c", f"{recorder}; record_terminal({self.out!r})"]
        base = os.environ if env is None else env
        full_env = {**base, "LC_ALL": "C.UTF-8", "PYTHONPATH": str(ROOT), **dict(terminal.env)}
        self.proc = subprocess.Popen(
            terminal.command_line(title, command),
            env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip

        def started() -> bool:
            return Path(self.out).exists() and harness.window_named(title) is not None

        if not wait_until(started, 20):
            harness.kill_group(self.proc)
            raise RuntimeError(f"{terminal.name} did not start")
        self.window = harness.window_named(title)
        assert self.window is not None
        self.wm_class = window_class(self.window)
        if self.wm_class != terminal.wm_class:
            harness.kill_group(self.proc)
            raise RuntimeError(f"{terminal.name}'s window has WM_CLASS {self.wm_class}")
        self.pid = int(self.state()["pid"])
        self.focus()

    def state(self) -> dict[str, Any]:
        for _ in range(50):
            with contextlib.suppress(OSError, ValueError):
                return dict(json.loads(Path(self.out).read_text(encoding="utf-8")))
            time.sleep(0.01)
        raise AssertionError("the terminal's recorder wrote nothing readable")

    def text(self) -> str:
        return str(self.state()["text"])

    def cursor(self) -> int:
        return int(self.state()["cursor"])

    def clear(self) -> None:
        os.kill(self.pid, signal.SIGUSR1)
        assert wait_until(lambda: _cleared(self), 5)

    def focus(self) -> None:
        assert self.window is not None
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=True, timeout=10)

    def close(self) -> None:
        harness.kill_group(self.proc)


class XtermTarget(TerminalTarget):
    """xterm running :func:`record_terminal`; ``wm_class`` is (instance, class)."""

    def __init__(
        self,
        folder: Path,
        wm_class: tuple[str, str] = XTERM.wm_class,
        env: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(folder, replace(XTERM, wm_class=wm_class), env)


def _cleared(target: TerminalTarget) -> bool:
    state = target.state()
    return state["text"] == "" and len(state["history"]) == 1

"""A private IBus for end-to-end tests: its own session D-Bus and ibus-daemon on an X display.

:class:`IBusSession` starts, for the X display in ``DISPLAY``, a session
``dbus-daemon`` and ``ibus-daemon --daemonize --xim`` (no panel, no emoji
extension, no config service) whose home, XDG folders and sockets all live in
one temporary folder, so nothing of the machine's user (their ibus, dconf or
D-Bus) is read or touched. ``env`` is the environment a client or the app needs
to reach it: GTK, Qt and XIM clients then talk to this daemon, and an engine
registered on ``IBUS_ADDRESS`` gets their keys.

Every process it started (the two daemons, and what they start: ibus-x11, the
engines, ibus-portal, the accessibility bus a GTK program activates) carries a
marker variable in its environment; :meth:`IBusSession.stop` ends exactly those
and waits until none is left, so a test session can start it again and again.
The marker is not in ``env``: clients and the app are their owners' to stop.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from tests.desktop import harness
from tests.waiting import wait_until

MARKER = "EXPANDER_TEST_IBUS_SESSION"
DEFAULT_ENGINE = "xkb:us::eng"


def marked_pids(marker_value: str) -> list[int]:
    """The processes whose environment holds ``MARKER=marker_value``."""
    wanted = f"{MARKER}={marker_value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if wanted in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
    return found


class IBusSession:
    """A private session bus and ibus-daemon for the X display ``display``
    (default: ``DISPLAY``). Use as a context manager, or call :meth:`stop`."""

    def __init__(self, display: str | None = None, timeout: float = 20) -> None:
        harness.require_programs("dbus-daemon", "ibus-daemon", "ibus")
        self.display = display or os.environ["DISPLAY"]
        self.folder = Path(tempfile.mkdtemp(prefix="expander-ibus-"))
        self.marker = str(self.folder)
        self.dbus: subprocess.Popen[bytes] | None = None
        homes = {
            "HOME": "home",
            "XDG_CONFIG_HOME": "config",
            "XDG_CACHE_HOME": "cache",
            "XDG_DATA_HOME": "data",
            "XDG_STATE_HOME": "state",
            "XDG_RUNTIME_DIR": "run",
        }
        for sub in homes.values():
            (self.folder / sub).mkdir(mode=0o700)
        self.bus_address = f"unix:path={self.folder / 'bus'}"
        self.ibus_address = f"unix:path={self.folder / 'ibus'}"
        self.env: dict[str, str] = {
            **os.environ,
            **{name: str(self.folder / sub) for name, sub in homes.items()},
            "DISPLAY": self.display,
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            "IBUS_ADDRESS": self.ibus_address,
            "GTK_IM_MODULE": "ibus",
            "QT_IM_MODULE": "ibus",
            "XMODIFIERS": "@im=ibus",
        }
        self.env.pop("NO_AT_BRIDGE", None)
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _start(self, timeout: float) -> None:
        daemon_env = {**self.env, MARKER: self.marker}
        self.dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", f"--address={self.bus_address}"],
            env=daemon_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        if not wait_until(lambda: (self.folder / "bus").exists(), timeout):
            raise RuntimeError("the session dbus-daemon did not start")
        self.start_daemon(timeout)
        self.select(DEFAULT_ENGINE)

    def start_daemon(self, timeout: float = 20) -> None:
        """Start ibus-daemon (again, after :meth:`exit_daemon`) and wait until it answers."""
        # --daemonize: ibus-daemon 1.5.27 exits when its parent does; it is found
        # again by the marker. --config disable: no ibus-dconf (the global engine is
        # kept in memory, which is all a test needs).
        subprocess.run(
            ["ibus-daemon", "--daemonize", "--xim", "--replace", "--panel", "disable",
             "--emoji-extension", "disable", "--config", "disable",
             "--address", self.ibus_address],
            env={**self.env, MARKER: self.marker}, check=True, timeout=timeout,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_until(lambda: self._ibus("list-engine").returncode == 0, timeout, 0.05):
            raise RuntimeError("ibus-daemon did not answer")

    def _ibus(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["ibus", *args], env=self.env, capture_output=True, text=True,
                              timeout=20)  # fmt: skip

    def engine(self) -> str | None:
        """The current global engine's name (None: none is set)."""
        result = self._ibus("engine")
        name = result.stdout.strip()
        return name if result.returncode == 0 and name else None

    def select(self, name: str, timeout: float = 30) -> None:
        """Make ``name`` the global engine (it must be registered: a component file,
        or an engine process that called ``register_component``). ``ibus engine NAME``
        exits 1 for an engine registered at run time even when it selected it, so
        the answer is read back instead. The wait is long: on a loaded machine (a
        browser closing, another test run's processes still ending) 10 s ran out
        once while the daemon went back to its keyboard engine; a healthy daemon
        answers in well under a second, and the wait ends as soon as it does."""

        def selected() -> bool:
            self._ibus("engine", name)
            return self.engine() == name

        if not wait_until(selected, timeout, 0.05):
            raise RuntimeError(f"ibus did not select the engine {name!r}: {self.engine()!r}")

    def exit_daemon(self, timeout: float = 10) -> None:
        """Stop ibus-daemon as 'ibus exit' does (the session bus stays)."""
        self._ibus("exit")
        if not wait_until(lambda: self._ibus("engine").returncode != 0, timeout, 0.05):
            raise RuntimeError("ibus-daemon did not exit")

    def pids(self) -> list[int]:
        """The processes this session started that are still running."""
        return marked_pids(self.marker)

    def stop(self, timeout: float = 10) -> None:
        """End every process this session started, then remove its folder."""
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            if (self.folder / "ibus").exists():
                self._ibus("exit")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in self.pids():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            if self.dbus is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.dbus.wait(1 if sig == signal.SIGTERM else timeout)
            if wait_until(lambda: not self._live_pids(), timeout / 2, 0.05):
                break
        left = self._live_pids()
        shutil.rmtree(self.folder, ignore_errors=True)
        if left:
            raise RuntimeError(f"the IBus session left processes running: {left}")

    def _live_pids(self) -> list[int]:
        """Marked processes that are not zombies (a zombie ends when reaped)."""
        live = []
        for pid in self.pids():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{pid}/stat").read_text()
                if stat.rpartition(")")[2].split()[0] != "Z":
                    live.append(pid)
        return live

    def __enter__(self) -> IBusSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@contextlib.contextmanager
def ibus_session(display: str | None = None) -> Iterator[IBusSession]:
    """An :class:`IBusSession` for the block."""
    with IBusSession(display) as session:
        yield session

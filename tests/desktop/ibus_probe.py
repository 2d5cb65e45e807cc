"""An IBus engine that only watches, for tests of the harness and of clients.

Run as its own process (``python ibus_probe.py OUT``) with an IBusSession's
environment, it registers the engine :data:`ENGINE` and appends one JSON line to
``OUT`` per event it gets: ``{"event": "key", "char": ...}`` for each key press
(and passes every key on), ``{"event": "caps", "value": ...}``,
``{"event": "content_type", "purpose": ..., "hints": ...}``, ``focus_in``,
``focus_out``, ``reset``. :class:`IBusProbe` starts it, selects it and reads it:
which keys a client routes to IBus, whether it announces surrounding text,
whether it says a field is a password.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.desktop import harness
from tests.desktop.ibus_session import IBusSession
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
ENGINE = "expander-test-probe"
SURROUNDING_TEXT = 1 << 5  # IBus.Capabilite.SURROUNDING_TEXT
PURPOSE_PASSWORD = 8  # IBus.InputPurpose.PASSWORD


class IBusProbe:
    """The probe engine, registered and selected in ``session`` until :meth:`close`."""

    def __init__(self, session: IBusSession, folder: Path) -> None:
        self.out = folder / "ibus-probe.jsonl"
        self.out.write_text("", encoding="utf-8")
        self.mark = 0
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__)), str(self.out)],
            env={**session.env, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            if not wait_until(lambda: self.events("ready") != [], 20, 0.05):
                raise RuntimeError("the IBus probe engine did not register")
            session.select(ENGINE)
        except BaseException:
            self.close()
            raise

    def all_events(self) -> list[dict[str, Any]]:
        lines = self.out.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.endswith("}")]

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        """The events since :meth:`forget` (of one ``kind``, if given)."""
        found = self.all_events()[self.mark :]
        return [e for e in found if kind is None or e["event"] == kind]

    def forget(self) -> None:
        """Start counting events from now."""
        self.mark = len(self.all_events())

    def typed(self) -> str:
        """The characters of the key presses the engine got since :meth:`forget`."""
        return "".join(e["char"] for e in self.events("key"))

    def caps(self) -> int | None:
        """The capabilities the focused client announced last (since the start)."""
        found = [e["value"] for e in self.all_events() if e["event"] == "caps"]
        return int(found[-1]) if found else None

    def purpose(self) -> int | None:
        """The content purpose the focused client set last (since the start)."""
        found = [e["purpose"] for e in self.all_events() if e["event"] == "content_type"]
        return int(found[-1]) if found else None

    def close(self) -> None:
        harness.kill_group(self.proc)


def main(out: str) -> None:  # pragma: no cover - runs as the engine process
    import gi

    gi.require_version("IBus", "1.0")
    from gi.repository import GLib, GObject, IBus

    stream = open(out, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives with the process

    def record(event: str, **fields: Any) -> None:
        stream.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")

    class ProbeEngine(IBus.Engine):  # type: ignore[misc]
        __gtype_name__ = "ExpanderTestProbeEngine"

        def do_process_key_event(self, keyval: int, keycode: int, state: int) -> bool:
            try:
                if not state & IBus.ModifierType.RELEASE_MASK:
                    record("key", char=IBus.keyval_to_unicode(keyval), keyval=keyval,
                           state=int(state))  # fmt: skip
            except Exception:  # a raising handler makes GTK drop the key
                pass
            return False

        def do_set_capabilities(self, caps: int) -> None:
            record("caps", value=int(caps))

        def do_set_content_type(self, purpose: int, hints: int) -> None:
            record("content_type", purpose=int(purpose), hints=int(hints))

        def do_focus_in(self) -> None:
            record("focus_in")

        def do_focus_out(self) -> None:
            record("focus_out")

        def do_reset(self) -> None:
            record("reset")

    IBus.init()
    bus = IBus.Bus()
    component = IBus.Component(
        name="org.freedesktop.IBus.ExpanderTestProbe", description="test probe", version="1",
        license="MIT", author="Expander tests", homepage="", command_line="", textdomain="",
    )  # fmt: skip
    component.add_engine(IBus.EngineDesc(
        name=ENGINE, longname="Expander test probe", description="records events",
        language="other", license="MIT", author="Expander tests", icon="", layout="default",
    ))  # fmt: skip
    factory = IBus.Factory.new(bus.get_connection())
    factory.add_engine(ENGINE, GObject.type_from_name("ExpanderTestProbeEngine"))
    bus.register_component(component)
    loop = GLib.MainLoop()
    bus.connect("disconnected", lambda *_: loop.quit())
    record("ready")
    loop.run()


if __name__ == "__main__":
    main(sys.argv[1])
